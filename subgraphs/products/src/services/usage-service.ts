import { createHash } from 'node:crypto';
import { conflict, forbidden, inTransaction, newId, notFound, type Em, type RequestContext } from '@pdo/platform';
import { todayInShanghai, toShanghaiDate } from '@pdo/policy';
import type { ProductsEvents } from '@pdo/events';
import { addProductUsage, pricingOf } from '../data/products.js';
import { insertEntitlement, addEntitlementUsage, entitlementById, insertUsage, revokeEntitlementOf, usageByKey } from '../data/usage-records.js';
import { markEnded, markSigned, recordAcceptance, usageAgreementById } from '../data/usage-applications.js';
import type { UsageAgreementRow, UsageRow } from '../data/rows.js';
import { badInput, policyViolation } from '../domain/refusal.js';
import { usageRefusal } from '../domain/usage-rules.js';
import { actingOrg, assertUsageAgreementVisible } from '../access.js';
import type { Loaders } from '../loaders/index.js';
import { agreementInForce, lockedProduct } from './context.js';
import { check, refused } from './refusal.js';
import { publishEntitlements } from './delivery-events.js';
import { units as parsedUnits } from './usage-applications.js';

/* Usage agreements (应用协议) between operator and developer, the entitlement they open, and metered usage (计量). */

type Ctx = RequestContext<Loaders>;

async function lockedUsageAgreement(tx: Em, id: string): Promise<UsageAgreementRow> {
  const u = await usageAgreementById(tx, id, true);
  if (!u) throw notFound('应用协议', 'Usage agreement', id);
  return u;
}

/** Each party records its acceptance; the second acceptance signs the agreement and opens the entitlement. */
export async function acceptUsageAgreement(ctx: Ctx, input: { id: string }): Promise<void> {
  const org = actingOrg(ctx.identity);
  const today = todayInShanghai(ctx.now);
  await inTransaction(ctx, async (uow) => {
    const { tx, audit, publish } = uow;
    const u = await lockedUsageAgreement(tx, input.id);
    const party = ctx.identity.role === 'OPERATOR' ? 'operator' : 'developer';
    if ((party === 'operator' ? u.operatorId : u.developerId) !== org) throw forbidden('不是该协议的当事方', 'You are not a party to this agreement');
    if (u.status !== 'PENDING_ACCEPTANCE') throw conflict(`协议状态为 ${u.status}`, `Agreement is ${u.status}`);
    if ((party === 'operator' ? u.operatorAcceptedAt : u.developerAcceptedAt) !== null) throw conflict('已确认过该协议', 'You have already accepted this agreement');
    const p = await lockedProduct(tx, u.productId);
    await agreementInForce(tx, p.agreementId, today);
    const at = ctx.now.toISOString();
    await recordAcceptance(tx, u.id, party, at);
    audit({ entityType: 'UsageAgreement', entityId: u.id, action: `ACCEPTED_BY_${party.toUpperCase()}` });
    const otherAccepted = party === 'operator' ? u.developerAcceptedAt : u.operatorAcceptedAt;
    if (!otherAccepted) return;
    await markSigned(tx, u.id, at);
    const entitlementId = newId();
    await insertEntitlement(tx, {
      id: entitlementId, usageAgreementId: u.id, productId: u.productId, developerId: u.developerId, operatorId: u.operatorId, jurisdiction: u.jurisdiction,
      startDate: u.startDate, endDate: u.endDate, quotaUnits: u.quotaUnits, at,
    });
    audit({ entityType: 'UsageAgreement', entityId: u.id, action: 'SIGNED', changes: { entitlementId } });
    await publishEntitlements(uow, [entitlementId], at);
    await publish(
      'UsageAgreementSigned',
      { usageAgreementId: u.id, productId: u.productId, developerId: u.developerId, operatorId: u.operatorId, jurisdiction: u.jurisdiction, startDate: u.startDate, endDate: u.endDate, category: u.category as 'FREE' | 'PAID' } satisfies ProductsEvents.UsageAgreementSigned,
      u.jurisdiction,
    );
  });
}

/** A party, or the implementing agency (AGENCY) of the jurisdiction, ends the agreement; its entitlement is revoked. */
export async function endUsageAgreement(ctx: Ctx, input: { id: string; reason: string }): Promise<void> {
  const reason = input.reason.trim();
  if (!reason) check(badInput('须说明终止原因', 'Give the reason for ending', { field: 'reason' }));
  await inTransaction(ctx, async (uow) => {
    const { tx, audit, publish } = uow;
    const u = await lockedUsageAgreement(tx, input.id);
    assertUsageAgreementVisible(ctx.identity, u);
    if (u.status === 'ENDED') throw conflict('协议已终止', 'The agreement has already ended');
    await markEnded(tx, u.id, ctx.now.toISOString(), reason);
    await publishEntitlements(uow, await revokeEntitlementOf(tx, u.id), ctx.now.toISOString());
    audit({ entityType: 'UsageAgreement', entityId: u.id, action: 'ENDED', changes: { reason: input.reason } });
    await publish('UsageAgreementEnded', { usageAgreementId: u.id, productId: u.productId, developerId: u.developerId, jurisdiction: u.jurisdiction, reason } satisfies ProductsEvents.UsageAgreementEnded, u.jurisdiction);
  });
}

export interface RecordUsageInput {
  entitlementId: string;
  units: string;
  occurredAt: Date;
  idempotencyKey: string;
  /** The consumer the delivery system served; must be the entitlement's holder (not transferable, JL §九). */
  developerId?: string | null;
}

const hashOf = (i: RecordUsageInput) => createHash('sha256').update(JSON.stringify([i.entitlementId, i.units, i.occurredAt.toISOString(), i.developerId ?? null])).digest('hex');

/** A usage record, and whether it answers a repeated idempotency key. */
export type RecordedUsage = UsageRow & { replayed: boolean };

/**
 * 计量: the operator's delivery system reports usage. A repeated idempotency key returns the first record and records
 * nothing; the same key with different content is a CONFLICT.
 */
export async function recordUsage(ctx: Ctx, input: RecordUsageInput): Promise<RecordedUsage> {
  const org = actingOrg(ctx.identity);
  const key = input.idempotencyKey?.trim();
  if (!key || key.length > 200) throw refused(badInput('幂等键须为 1–200 个字符', 'idempotencyKey must be 1–200 characters', { field: 'input.idempotencyKey' }));
  const units = parsedUnits(input.units, 'input.units')!;
  if (Number.isNaN(input.occurredAt.getTime())) check(badInput('发生时间不合法', 'Invalid occurredAt', { field: 'input.occurredAt' }));
  if (input.occurredAt.getTime() > ctx.now.getTime() + 5 * 60_000) check(badInput('发生时间不能晚于当前时间', 'occurredAt is in the future', { field: 'input.occurredAt' }));
  const hash = hashOf(input);
  const replay = async (tx: Em): Promise<RecordedUsage | null> => {
    const prior = await usageByKey(tx, org, key);
    if (!prior) return null;
    if (prior.contentHash !== hash) throw conflict('幂等键已用于不同的用量记录', 'This idempotency key was already used for different usage', { field: 'input.idempotencyKey', details: { usageId: prior.id } });
    return { ...prior, replayed: true };
  };
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const prior = await replay(tx);
    if (prior) return prior;
    const e = await entitlementById(tx, input.entitlementId, true);
    if (!e) throw notFound('使用权', 'Entitlement', input.entitlementId);
    if (e.operatorId !== org) throw forbidden('只能为本单位产品记录用量', 'You may only record usage of your own products');
    // Same key raced in while we waited for the lock.
    const raced = await replay(tx);
    if (raced) return raced;
    if (input.developerId && input.developerId !== e.developerId) {
      check(policyViolation('JL §九', '使用权不可转让：用量只能记在协议约定的二级开发主体名下', 'Entitlements are not transferable: usage belongs to the entitlement holder only', { field: 'input.developerId' }));
    }
    check(usageRefusal(e, units, toShanghaiDate(input.occurredAt), todayInShanghai(ctx.now)));
    const p = (await pricingOf(tx, e.productId))!;
    const agreement = await usageAgreementById(tx, e.usageAgreementId);
    const record = await insertUsage(tx, {
      id: newId(), entitlement: e, units: units.toString(), occurredAt: input.occurredAt.toISOString(), idempotencyKey: key, contentHash: hash, recordedAt: ctx.now.toISOString(),
    });
    if (!record) return (await replay(tx))!;
    await addEntitlementUsage(tx, e.id, units.toString());
    await addProductUsage(tx, e.productId, units.toString(), 1);
    audit({ entityType: 'UsageRecord', entityId: record.id, action: 'RECORDED', changes: { entitlementId: e.id, units: units.toString(), occurredAt: input.occurredAt.toISOString(), idempotencyKey: key } });
    await publish(
      'UsageRecorded',
      {
        usageId: record.id, entitlementId: e.id, usageAgreementId: e.usageAgreementId, productId: e.productId, operatorId: e.operatorId, developerId: e.developerId,
        jurisdiction: e.jurisdiction, category: p.category as 'FREE' | 'PAID', chargingUnit: p.chargingUnit as ProductsEvents.ChargingUnit, units: units.toString(),
        occurredAt: input.occurredAt.toISOString(), source: 'DECLARED', purpose: agreement?.usePurpose ?? null, nonProfit: agreement?.nonProfit ?? null,
      } satisfies ProductsEvents.UsageRecorded,
      e.jurisdiction,
    );
    return { ...record, replayed: false };
  });
}
