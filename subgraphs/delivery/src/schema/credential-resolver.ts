import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { assertInScope, PageArgs, pageWindow, toConnection, type RequestContext } from '@pdo/platform';
import { DELIVERY_PARTY_SCOPE } from '../access.js';
import { callLogPage, credentialPage, meteredUnits, type CallLogRow, type CredentialRow } from '../services/reads.js';
import { instant } from '../services/reads.js';
import { entitlementOfAgreement } from '../services/reads.js';
import { createApiCredential, revokeApiCredential, rotateApiCredential } from '../services/credential-service.js';
import type { DeliveryLoaders } from '../loaders/index.js';
import {
  ApiCredential,
  ApiCredentialConnection,
  ApiCredentialStatus,
  CallLogConnection,
  CallLogEntry,
  CreateApiCredentialInput,
  DataPlaneQuota,
  IssuedApiCredential,
  RevokeApiCredentialInput,
  RotateApiCredentialInput,
} from './credential-types.js';

type Ctx = RequestContext<DeliveryLoaders>;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (v: string | null | undefined) => (v && UUID_RE.test(v) ? v : v ? '00000000-0000-0000-0000-000000000000' : null);

export function toCredential(r: CredentialRow, now: Date): ApiCredential {
  return {
    id: r.id,
    keyPrefix: r.key_prefix,
    label: r.label,
    usageAgreementId: r.usage_agreement_id,
    productId: r.product_id,
    developerId: r.developer_id,
    status: r.status as ApiCredentialStatus,
    expired: now.getTime() >= instant(r.expires_at).getTime(),
    expiresAt: instant(r.expires_at),
    createdAt: instant(r.created_at),
    rotatedFrom: r.rotated_from,
    revokedAt: r.revoked_at === null ? null : instant(r.revoked_at),
    revokeReason: r.revoke_reason,
  };
}

const toCall = (r: CallLogRow): CallLogEntry => ({
  id: r.id,
  credentialId: r.credential_id,
  usageAgreementId: r.usage_agreement_id,
  productId: r.product_id,
  productVersion: r.product_version,
  developerId: r.developer_id,
  parameterSha256: r.parameter_sha256,
  outcome: r.outcome,
  httpStatus: r.http_status,
  rowsRead: r.rows_read,
  rowsReturned: r.rows_returned,
  durationMs: r.duration_ms,
  metered: r.metered,
  calledAt: instant(r.called_at),
});

@Resolver(() => ApiCredential)
export class ApiCredentialResolver {
  @Query(() => ApiCredentialConnection, { description: '可见的 API 密钥（开发者：本单位的；运营机构：本单位产品的；机构：本辖区的），新的在前 | API keys visible to the caller, newest first' })
  async apiCredentials(@Args(() => PageArgs) page: PageArgs, @Arg('usageAgreementId', () => ID, { nullable: true }) usageAgreementId: string | null, @Ctx() ctx: Ctx) {
    const win = pageWindow(page);
    const { rows, totalCount } = await credentialPage(ctx.em, ctx.identity, DELIVERY_PARTY_SCOPE, uuidOrNull(usageAgreementId), win);
    return toConnection(rows.map((r) => toCredential(r, ctx.now)), totalCount, win);
  }

  @Query(() => CallLogConnection, { description: '数据面调用日志（从不含参数值或结果），新的在前 | Data-plane call log (never parameter values or results), newest first' })
  async callLog(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('usageAgreementId', () => ID, { nullable: true }) usageAgreementId: string | null,
    @Arg('productId', () => ID, { nullable: true }) productId: string | null,
    @Ctx() ctx: Ctx,
  ) {
    const win = pageWindow(page);
    const { rows, totalCount } = await callLogPage(ctx.em, ctx.identity, DELIVERY_PARTY_SCOPE, { usageAgreementId: uuidOrNull(usageAgreementId), productId: uuidOrNull(productId) }, win);
    return toConnection(rows.map(toCall), totalCount, win);
  }

  @Query(() => DataPlaneQuota, { nullable: true, description: '应用协议的约定用量与平台计量用量 | Quota and platform-metered usage of a usage agreement' })
  async dataPlaneQuota(@Arg('usageAgreementId', () => ID) usageAgreementId: string, @Ctx() ctx: Ctx): Promise<DataPlaneQuota | null> {
    if (!UUID_RE.test(usageAgreementId)) return null;
    const e = await entitlementOfAgreement(ctx.em, usageAgreementId);
    if (!e) return null;
    assertInScope(ctx.identity, { jurisdiction: e.jurisdiction, orgIds: [e.developerId, e.operatorId] }, { ...DELIVERY_PARTY_SCOPE, entity: ['应用协议', 'Usage agreement'], id: usageAgreementId });
    const used = (await meteredUnits(ctx.em, [usageAgreementId])).get(usageAgreementId) ?? 0n;
    const remaining = e.quotaUnits === null ? null : BigInt(e.quotaUnits) - used;
    return { usageAgreementId, quotaUnits: e.quotaUnits, usedUnits: used.toString(), remainingUnits: remaining === null ? null : (remaining < 0n ? 0n : remaining).toString(), entitlementStatus: e.status, endDate: e.endDate };
  }

  @Mutation(() => IssuedApiCredential, { description: '为一份应用协议创建 API 密钥（仅显示一次）| Make an API key for one usage agreement (shown once)' })
  async createApiCredential(@Arg('input', () => CreateApiCredentialInput) input: CreateApiCredentialInput, @Ctx() ctx: Ctx): Promise<IssuedApiCredential> {
    const r = await createApiCredential(ctx, input);
    return { credential: toCredential(r.credential, ctx.now), apiKey: r.apiKey };
  }

  @Mutation(() => ApiCredential, { description: '吊销 API 密钥（下一次调用即被拒绝）| Revoke an API key (the very next call is refused)' })
  async revokeApiCredential(@Arg('input', () => RevokeApiCredentialInput) input: RevokeApiCredentialInput, @Ctx() ctx: Ctx): Promise<ApiCredential> {
    return toCredential(await revokeApiCredential(ctx, input), ctx.now);
  }

  @Mutation(() => IssuedApiCredential, { description: '轮换 API 密钥：新密钥生效，旧密钥同时吊销 | Rotate: a new key, the old one revoked in the same step' })
  async rotateApiCredential(@Arg('input', () => RotateApiCredentialInput) input: RotateApiCredentialInput, @Ctx() ctx: Ctx): Promise<IssuedApiCredential> {
    const r = await rotateApiCredential(ctx, input);
    return { credential: toCredential(r.credential, ctx.now), apiKey: r.apiKey };
  }
}
