import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@pdo/platform';

/** GraphQL names of the webhook event types; the value on the wire (`type` of the body) is the dotted name. */
export enum WebhookEventType {
  ENTITLEMENT_EXPIRING = 'entitlement.expiring',
  QUOTA_THRESHOLD = 'quota.threshold',
  PRODUCT_VERSION_PUBLISHED = 'product.version.published',
  PRODUCT_VERSION_WITHDRAWN = 'product.version.withdrawn',
  USAGE_AGREEMENT_SUSPENDED = 'usage_agreement.suspended',
}
registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'Webhook 事件类型 | Webhook event type',
  valuesConfig: {
    ENTITLEMENT_EXPIRING: { description: '使用权即将到期（entitlement.expiring）| An entitlement ends soon' },
    QUOTA_THRESHOLD: { description: '用量达到约定额度的 80% 或 100%（quota.threshold）| Usage reached 80 % or 100 % of the quota' },
    PRODUCT_VERSION_PUBLISHED: { description: '产品版本挂牌发布（product.version.published）| A product version was listed' },
    PRODUCT_VERSION_WITHDRAWN: { description: '产品摘牌或暂停（product.version.withdrawn）| A product was delisted or suspended' },
    USAGE_AGREEMENT_SUSPENDED: { description: '应用协议暂停（usage_agreement.suspended）| A usage agreement was suspended' },
  },
});

export enum WebhookEndpointStatus {
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}
registerEnumType(WebhookEndpointStatus, { name: 'WebhookEndpointStatus', description: '接收地址状态 | Endpoint status', valuesConfig: { ACTIVE: { description: '启用 | Active' }, DISABLED: { description: '停用（投递暂停）| Disabled (deliveries wait)' } } });

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: '投递状态 | Delivery status',
  valuesConfig: { PENDING: { description: '待投递或等待重试 | Waiting for its first attempt or a retry' }, DELIVERED: { description: '已送达（2xx）| Delivered (2xx)' }, FAILED: { description: '重试用尽 | Retries spent' } },
});

@ObjectType({ description: '开发主体的 Webhook 接收地址（签名密钥仅在登记或轮换时显示一次）| A developer\'s webhook endpoint (the signing secret is shown once, when issued)' })
export class WebhookEndpoint {
  @Field(() => ID, { description: '接收地址标识 | Id of the endpoint' }) id!: string;
  @Field(() => String, { description: '接收网址 | The URL deliveries are POSTed to' }) url!: string;
  @Field(() => String, { description: '说明 | Description' }) description!: string;
  @Field(() => [WebhookEventType], { description: '订阅的事件类型 | Event types subscribed' }) eventTypes!: WebhookEventType[];
  @Field(() => WebhookEndpointStatus, { description: '状态 | Status' }) status!: WebhookEndpointStatus;
  @Field(() => Date, { description: '登记时间 | When registered' }) createdAt!: Date;
  @Field(() => Date, { nullable: true, description: '最近一次轮换密钥的时间 | When the secret was last rotated' }) rotatedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: '旧密钥停止签名的时间（轮换后的过渡期）| Until when the previous secret also signs (after a rotation)' }) previousSecretExpiresAt!: Date | null;
}

@ObjectType({ description: 'Webhook 接收地址分页列表 | Page of webhook endpoints' })
export class WebhookEndpointConnection extends Connection(WebhookEndpoint) {}

@ObjectType({ description: '新签发的签名密钥：secret 仅此一次显示 | A newly issued signing secret: shown this once only' })
export class IssuedWebhookEndpoint {
  @Field(() => WebhookEndpoint, { description: '接收地址 | The endpoint' }) endpoint!: WebhookEndpoint;
  @Field(() => String, { description: '签名密钥（whsec_ 开头，Standard Webhooks 格式）| The signing secret (whsec_…, Standard Webhooks)' }) secret!: string;
}

@ObjectType({ description: '一次投递尝试（不含密钥、签名或对方的应答内容）| One delivery attempt (never a secret, a signature or the reply body)' })
export class WebhookAttempt {
  @Field(() => Int, { description: '第几次尝试 | Attempt number' }) attempt!: number;
  @Field(() => Date, { description: '尝试时间 | When attempted' }) attemptedAt!: Date;
  @Field(() => Int, { nullable: true, description: 'HTTP 状态码（无应答时为空）| HTTP status (null when there was no answer)' }) responseCode!: number | null;
  @Field(() => Int, { description: '耗时（毫秒）| Duration in milliseconds' }) durationMs!: number;
  @Field(() => String, { nullable: true, description: '失败类别（如 TIMEOUT、ECONNREFUSED、HTTP_500）| Failure class (TIMEOUT, ECONNREFUSED, HTTP_500, …)' }) error!: string | null;
}

@ObjectType({ description: 'Webhook 投递记录：一个事件对一个接收地址一条，重试沿用同一 webhook-id | A webhook delivery: one per event and endpoint; retries repeat its webhook-id' })
export class WebhookDelivery {
  @Field(() => ID, { description: '投递标识，即 webhook-id 请求头 | Id of the delivery: the webhook-id header' }) id!: string;
  @Field(() => ID, { description: '接收地址标识 | Id of the endpoint' }) endpointId!: string;
  @Field(() => String, { description: '事件类型（如 quota.threshold、webhook.test）| Event type (quota.threshold, webhook.test, …)' }) eventType!: string;
  @Field(() => WebhookDeliveryStatus, { description: '状态 | Status' }) status!: WebhookDeliveryStatus;
  @Field(() => Int, { description: '已尝试次数 | Attempts made' }) attempts!: number;
  @Field(() => Int, { nullable: true, description: '最近一次的 HTTP 状态码 | HTTP status of the last attempt' }) lastResponseCode!: number | null;
  @Field(() => String, { nullable: true, description: '最近一次的失败类别 | Failure class of the last attempt' }) lastError!: string | null;
  @Field(() => Date, { nullable: true, description: '下次尝试时间（待投递时）| When the next attempt is due (while pending)' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true, description: '送达时间 | When delivered' }) deliveredAt!: Date | null;
  @Field(() => Date, { description: '生成时间 | When queued' }) createdAt!: Date;
  @Field(() => String, { description: '发送的请求体（JSON）| The body sent (JSON)' }) payload!: string;
}

@ObjectType({ description: 'Webhook 投递记录分页列表 | Page of webhook deliveries' })
export class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

@InputType({ description: '登记 Webhook 接收地址 | Register a webhook endpoint' })
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: '接收网址（生产环境须为 https 公网地址）| The URL (https to a public address in production)' }) url!: string;
  @Field(() => [WebhookEventType], { description: '订阅的事件类型 | Event types to receive' }) eventTypes!: WebhookEventType[];
  @Field(() => String, { nullable: true, description: '说明（最多 200 字）| Description (at most 200 characters)' }) description?: string | null;
}

@InputType({ description: '修改 Webhook 接收地址 | Change a webhook endpoint' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: '接收地址标识 | Id of the endpoint' }) id!: string;
  @Field(() => String, { nullable: true, description: '新网址 | New URL' }) url?: string | null;
  @Field(() => [WebhookEventType], { nullable: true, description: '新的订阅事件类型 | New event types' }) eventTypes?: WebhookEventType[] | null;
  @Field(() => String, { nullable: true, description: '新说明 | New description' }) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: '启用或停用 | Enable or disable' }) enabled?: boolean | null;
}

@InputType({ description: '指定一个 Webhook 接收地址 | One webhook endpoint' })
export class WebhookEndpointRefInput {
  @Field(() => ID, { description: '接收地址标识 | Id of the endpoint' }) id!: string;
}
