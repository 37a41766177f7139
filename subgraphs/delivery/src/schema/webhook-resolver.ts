import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageWindow, toConnection, requireRole, type RequestContext } from '@pdo/platform';
import { createWebhookEndpoint, readOwnEndpoint, rotateWebhookSecret, sendTestWebhook, updateWebhookEndpoint } from '../services/webhook-endpoints.js';
import { ownDeliveryPage, ownEndpointPage, type EndpointRow, type WebhookDeliveryRow } from '../services/webhook-reads.js';
import { instant } from '../services/reads.js';
import type { DeliveryLoaders } from '../loaders/index.js';
import {
  CreateWebhookEndpointInput,
  IssuedWebhookEndpoint,
  UpdateWebhookEndpointInput,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointConnection,
  WebhookEndpointRefInput,
  WebhookEndpointStatus,
  type WebhookEventType,
} from './webhook-types.js';

type Ctx = RequestContext<DeliveryLoaders>;
const at = (v: Date | string | null) => (v === null ? null : instant(v));

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types as WebhookEventType[],
  status: r.status as WebhookEndpointStatus,
  createdAt: instant(r.created_at),
  rotatedAt: at(r.rotated_at),
  previousSecretExpiresAt: at(r.previous_secret_expires_at),
});

const toDelivery = (r: WebhookDeliveryRow): WebhookDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  eventType: r.event_type,
  status: r.status as WebhookDeliveryStatus,
  attempts: r.attempts,
  lastResponseCode: r.last_response_code,
  lastError: r.last_error,
  nextAttemptAt: r.status === 'PENDING' ? instant(r.next_attempt_at) : null,
  deliveredAt: at(r.delivered_at),
  createdAt: instant(r.created_at),
  payload: JSON.stringify(r.payload),
});

@Resolver(() => WebhookDelivery)
export class WebhookResolver {
  @Query(() => WebhookEndpointConnection, { description: '本单位的 Webhook 接收地址，新的在前 | The caller\'s webhook endpoints, newest first' })
  async webhookEndpoints(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Ctx) {
    const win = pageWindow(page);
    const { rows, totalCount } = await ownEndpointPage(ctx, win);
    return toConnection(rows.map(toEndpoint), totalCount, win);
  }

  @Query(() => WebhookDeliveryConnection, { description: '一个接收地址的投递记录，新的在前（他人的地址：空列表）| Delivery log of one of the caller\'s endpoints, newest first' })
  async webhookDeliveries(@Arg('endpointId', () => ID, { description: '接收地址标识 | Id of the endpoint' }) endpointId: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: Ctx) {
    requireRole(ctx.identity, 'DEVELOPER');
    const win = pageWindow(page);
    const endpoint = await readOwnEndpoint(ctx, endpointId);
    const { rows, totalCount } = endpoint ? await ownDeliveryPage(ctx, endpoint.id, win) : { rows: [], totalCount: 0 };
    return toConnection(rows.map(toDelivery), totalCount, win);
  }

  @FieldResolver(() => [WebhookAttempt], { description: '各次尝试 | Each attempt' })
  async attemptLog(@Root() d: WebhookDelivery, @Ctx() ctx: Ctx): Promise<WebhookAttempt[]> {
    const rows = await ctx.loaders.webhookAttempts.load(d.id);
    return rows.map((a) => ({ attempt: a.attempt, attemptedAt: instant(a.attempted_at), responseCode: a.response_code, durationMs: a.duration_ms, error: a.error }));
  }

  @Mutation(() => IssuedWebhookEndpoint, { description: '登记 Webhook 接收地址（返回签名密钥，仅此一次）| Register a webhook endpoint (returns its signing secret, once)' })
  async createWebhookEndpoint(@Arg('input', () => CreateWebhookEndpointInput, { description: '接收地址 | The endpoint' }) input: CreateWebhookEndpointInput, @Ctx() ctx: Ctx): Promise<IssuedWebhookEndpoint> {
    const r = await createWebhookEndpoint(ctx, input);
    return { endpoint: toEndpoint(r.endpoint), secret: r.secret };
  }

  @Mutation(() => IssuedWebhookEndpoint, { description: '轮换签名密钥（旧密钥在过渡期内同时签名）| Rotate the signing secret (the old one also signs during the grace period)' })
  async rotateWebhookSecret(@Arg('input', () => WebhookEndpointRefInput, { description: '接收地址 | The endpoint' }) input: WebhookEndpointRefInput, @Ctx() ctx: Ctx): Promise<IssuedWebhookEndpoint> {
    const r = await rotateWebhookSecret(ctx, input);
    return { endpoint: toEndpoint(r.endpoint), secret: r.secret };
  }

  @Mutation(() => WebhookEndpoint, { description: '修改、启用或停用 Webhook 接收地址 | Change, enable or disable a webhook endpoint' })
  async updateWebhookEndpoint(@Arg('input', () => UpdateWebhookEndpointInput, { description: '修改内容 | The change' }) input: UpdateWebhookEndpointInput, @Ctx() ctx: Ctx): Promise<WebhookEndpoint> {
    return toEndpoint(await updateWebhookEndpoint(ctx, input));
  }

  @Mutation(() => WebhookDelivery, { description: '向接收地址发送一个测试事件（webhook.test）| Send a test event (webhook.test) to an endpoint' })
  async sendTestWebhook(@Arg('input', () => WebhookEndpointRefInput, { description: '接收地址 | The endpoint' }) input: WebhookEndpointRefInput, @Ctx() ctx: Ctx): Promise<WebhookDelivery> {
    return toDelivery(await sendTestWebhook(ctx, input));
  }
}
