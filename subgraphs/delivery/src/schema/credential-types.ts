import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '@pdo/platform';

export enum ApiCredentialStatus {
  ACTIVE = 'ACTIVE',
  REVOKED = 'REVOKED',
}
registerEnumType(ApiCredentialStatus, { name: 'ApiCredentialStatus', description: 'API 密钥状态 | API key status' });

@ObjectType({ description: '数据面 API 密钥（只保存其 SHA-256；密钥本身仅在创建或轮换时显示一次）| A data-plane API key (only its SHA-256 is kept; the key is shown once, when made)' })
export class ApiCredential {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '密钥公开前缀，用于辨认 | The key\'s public prefix, to tell keys apart' }) keyPrefix!: string;
  @Field(() => String) label!: string;
  @Field(() => ID, { description: '所属应用协议 | The usage agreement the key belongs to' }) usageAgreementId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => ID) developerId!: string;
  @Field(() => ApiCredentialStatus) status!: ApiCredentialStatus;
  @Field(() => Boolean, { description: '已随应用协议到期 | Expired with its usage agreement' }) expired!: boolean;
  @Field(() => Date, { description: '到期时间（应用协议最后一日结束）| When it expires (end of the agreement\'s last day)' }) expiresAt!: Date;
  @Field(() => Date) createdAt!: Date;
  @Field(() => ID, { nullable: true, description: '轮换自哪个密钥 | The key this one replaced' }) rotatedFrom!: string | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revokeReason!: string | null;
}

@ObjectType()
export class ApiCredentialConnection extends Connection(ApiCredential) {}

@ObjectType({ description: '新密钥：apiKey 仅此一次显示，请立即保存 | A new key: apiKey is shown this once only' })
export class IssuedApiCredential {
  @Field(() => ApiCredential) credential!: ApiCredential;
  @Field(() => String, { description: '完整密钥，放在 X-API-Key 请求头中 | The full key, sent in the X-API-Key header' }) apiKey!: string;
}

@InputType()
export class CreateApiCredentialInput {
  @Field(() => ID) usageAgreementId!: string;
  @Field(() => String, { nullable: true, description: '名称（1–60 字）| A label (1–60 characters)' }) label?: string | null;
}

@InputType()
export class RevokeApiCredentialInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: '吊销原因（机构吊销时必填）| Why (required when an official revokes)' }) reason?: string | null;
}

@InputType()
export class RotateApiCredentialInput {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: '调用日志：调用方、产品版本、参数摘要、读取与返回行数、耗时、结果——从不含数据 | One data-plane call: who, which product version, parameter digest, rows, duration, outcome — never the data' })
export class CallLogEntry {
  @Field(() => ID) id!: string;
  @Field(() => ID) credentialId!: string;
  @Field(() => ID) usageAgreementId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => Int, { nullable: true }) productVersion!: number | null;
  @Field(() => ID) developerId!: string;
  @Field(() => String, { description: '参数的 SHA-256 | SHA-256 of the parameters' }) parameterSha256!: string;
  @Field(() => String, { description: 'OK 或拒绝原因 | OK, or the refusal reason' }) outcome!: string;
  @Field(() => Int) httpStatus!: number;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int) rowsReturned!: number;
  @Field(() => String, { description: '耗时（毫秒）| Duration in milliseconds' }) durationMs!: string;
  @Field(() => Boolean, { description: '已计量（成功调用）| Metered (a successful call)' }) metered!: boolean;
  @Field(() => Date) calledAt!: Date;
}

@ObjectType()
export class CallLogConnection extends Connection(CallLogEntry) {}

@ObjectType({ description: '应用协议的平台计量用量 | Platform-metered usage of a usage agreement' })
export class DataPlaneQuota {
  @Field(() => ID) usageAgreementId!: string;
  @Field(() => String, { nullable: true, description: '约定用量（空：不限）| Agreed quota (null: unlimited)' }) quotaUnits!: string | null;
  @Field(() => String) usedUnits!: string;
  @Field(() => String, { nullable: true }) remainingUnits!: string | null;
  @Field(() => String, { description: '使用权状态 | Entitlement status' }) entitlementStatus!: string;
  @Field(() => String) endDate!: string;
}
