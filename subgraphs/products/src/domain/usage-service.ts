import { createHash, randomUUID } from 'node:crypto';
import { assertInScope, badInput, conflict, forbidden, inTransaction, notFound, policyViolation, requireJurisdiction, requireRole, sql, sqlOne, type Identity, type RequestContext } from '@pdo/platform';
import { toShanghaiDate } from '@pdo/policy';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProductsEvents } from '@pdo/events';
import { AGREEMENT_COLS, APPLICATION_COLS, ENTITLEMENT_COLS, USAGE_COLS, type AgreementRow, type ApplicationRow, type EntitlementRow, type UsageRow } from '../data/rows.js';
import { agreementView, lockProduct, orgOf, requireActiveAgreement, todayOf } from './context.js';
import { PRODUCTS_SCOPE, usageTarget } from './scope.js';
import { publishEntitlements } from '../data/delivery-events.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ApplyInput {
  productId: string;
  purpose: string;
  scenario: string;
  scope: string;
  method: string;
  startDate: string;
  endDate: string;
  requestedQuota?: string | null;
}

function parseUnits(s: string | null | undefined, field: string): bigint | null {
  if (s === null || s === undefined) return null;
  if (!/^\d{1,15}$/.test(s) || BigInt(s) <= 0n) throw badInput('数量须为正整数', 'Units must be a positive integer', { field });
  return BigInt(s);
}

/** 二级开发主体申请使用 (HN Art 17): only a listed product, within the operator's authorization term. */
export async function applyForProductUsage(ctx: RequestContext<any>, input: ApplyInput): Promise<string> {
  requireRole(ctx.identity, 'DEVELOPER');
  const dev = orgOf(ctx.identity);
  for (const f of ['purpose', 'scenario', 'scope', 'method'] as const) {
    if (!input[f]?.trim()) throw badInput(`须填写${{ purpose: '用途', scenario: '应用场景', scope: '使用范围', method: '使用方式' }[f]}`, `${f} is required`, { field: `input.${f}` });
  }
  if (!DATE.test(input.startDate) || !DATE.test(input.endDate) || input.startDate > input.endDate) throw badInput('使用期限不合法', 'Invalid term', { field: 'input.endDate' });
  const quota = parseUnits(input.requestedQuota, 'input.requestedQuota');
  const today = todayOf(ctx);
  if (input.endDate < today) throw badInput('使用期限已过', 'The term is already over', { field: 'input.endDate' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const p = await lockProduct(tx, input.productId);
    if (p.listingStatus !== 'LISTED') throw conflict(`产品未挂牌（${p.listingStatus}），不受理使用申请`, `The product is not listed (${p.listingStatus}); applications are refused`, { details: { listingStatus: p.listingStatus } });
    if (p.operatorId === dev) throw forbidden('运营机构不能申请使用自己的产品', 'An operator cannot apply for its own product');
    const ag = requireActiveAgreement(await agreementView(tx, p.agreementId), today, p.agreementId);
    if (input.endDate > ag.endDate) {
      throw policyViolation('HN Art 17', `使用期限不得超过运营授权期限（${ag.endDate}）`, `The term may not run past the operator's authorization (${ag.endDate})`, { field: 'input.endDate', details: { authorizationEnds: ag.endDate } });
    }
    const open = await sqlOne<{ id: string }>(
      tx,
      `select id from usage_application where product_id = $1 and developer_id = $2 and status in ('APPLIED','ASSESSED')
       union all select id from usage_agreement where product_id = $1 and developer_id = $2 and status in ('PENDING_ACCEPTANCE','SIGNED') limit 1`,
      [p.id, dev],
    );
    if (open) throw conflict('已有进行中的申请或有效协议', 'An application or agreement for this product is already open', { details: { id: open.id } });
    const id = randomUUID();
    await sql(
      tx,
      `insert into usage_application (id, product_id, developer_id, operator_id, jurisdiction, purpose, scenario, scope, method, start_date, end_date, requested_quota, status, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::date, $11::date, $12::bigint, 'APPLIED', $13, $13)`,
      [id, p.id, dev, p.operatorId, p.jurisdiction, input.purpose.trim(), input.scenario.trim(), input.scope.trim(), input.method.trim(), input.startDate, input.endDate, quota?.toString() ?? null, ctx.now],
    );
    audit({ entityType: 'UsageApplication', entityId: id, action: 'APPLIED', changes: { ...input } });
    return id;
  });
}

async function lockApplication(tx: EntityManager, id: string): Promise<ApplicationRow> {
  const a = await sqlOne<ApplicationRow>(tx, `select ${APPLICATION_COLS} from usage_application a where a.id = $1 for update`, [id]);
  if (!a) throw notFound('使用申请', 'Usage application', id);
  return a;
}

export interface AssessInput {
  applicationId: string;
  capabilityAdequate: boolean;
  needReasonable: boolean;
  scenarioCompliant: boolean;
  securityRisk: 'LOW' | 'MEDIUM' | 'HIGH';
  recommend: boolean;
  opinion: string;
  revenueDistribution?: string | null;
  securityTerms?: string | null;
  confidentialityTerms?: string | null;
  quotaUnits?: string | null;
}

/** The operator assesses capability, need, scenario compliance and security risk, and proposes the terms (HN Art 17). */
export async function assessUsageApplication(ctx: RequestContext<any>, input: AssessInput): Promise<void> {
  requireRole(ctx.identity, 'OPERATOR');
  if (!input.opinion?.trim()) throw badInput('须填写评估意见', 'An assessment opinion is required', { field: 'input.opinion' });
  const quota = parseUnits(input.quotaUnits, 'input.quotaUnits');
  if (input.recommend) {
    if (!input.capabilityAdequate || !input.needReasonable || !input.scenarioCompliant || input.securityRisk === 'HIGH') {
      throw policyViolation('HN Art 17', '能力、需求合理性、场景合规性均须满足且安全风险非高，方可推荐', 'Recommend only when capability, need and scenario compliance hold and security risk is not high');
    }
    for (const f of ['revenueDistribution', 'securityTerms', 'confidentialityTerms'] as const) {
      if (!input[f]?.trim()) throw badInput('推荐时须拟定收益分配、安全和保密条款', `${f} is required when recommending`, { field: `input.${f}` });
    }
  }
  await inTransaction(ctx, async ({ tx, audit }) => {
    const a = await lockApplication(tx, input.applicationId);
    if (a.operatorId !== orgOf(ctx.identity)) throw forbidden('只能评估本单位产品的申请', 'You may only assess applications for your own products');
    if (a.status !== 'APPLIED') throw conflict(`申请状态为 ${a.status}，不能评估`, `Application is ${a.status}; it cannot be assessed`);
    const assessment = { capabilityAdequate: input.capabilityAdequate, needReasonable: input.needReasonable, scenarioCompliant: input.scenarioCompliant, securityRisk: input.securityRisk, recommend: input.recommend, opinion: input.opinion.trim(), assessedAt: ctx.now.toISOString() };
    const terms = input.recommend
      ? { revenueDistribution: input.revenueDistribution!.trim(), securityTerms: input.securityTerms!.trim(), confidentialityTerms: input.confidentialityTerms!.trim(), quotaUnits: quota?.toString() ?? a.requestedQuota }
      : null;
    await sql(
      tx,
      `update usage_application set status = $2, assessment = $3::jsonb, proposed_terms = $4::jsonb, decision_reasons = $5::text[], updated_at = now() where id = $1`,
      [a.id, input.recommend ? 'ASSESSED' : 'REFUSED', JSON.stringify(assessment), terms ? JSON.stringify(terms) : null, input.recommend ? [] : [input.opinion.trim()]],
    );
    audit({ entityType: 'UsageApplication', entityId: a.id, action: input.recommend ? 'ASSESSED' : 'REFUSED_BY_OPERATOR', changes: { assessment, terms } });
  });
}

/** The implementing agency approves (creating the usage agreement for both parties to accept) or refuses with reasons. */
export async function decideUsageApplication(ctx: RequestContext<any>, applicationId: string, approve: boolean, reasons: string[]): Promise<void> {
  requireRole(ctx.identity, 'AGENCY');
  const why = reasons.map((r) => r.trim()).filter(Boolean);
  if (!approve && why.length === 0) throw badInput('不予批准须说明理由', 'A refusal must give reasons', { field: 'reasons' });
  await inTransaction(ctx, async ({ tx, audit }) => {
    const a = await lockApplication(tx, applicationId);
    requireJurisdiction(ctx.identity, a.jurisdiction);
    if (a.status !== 'ASSESSED') throw conflict(`申请状态为 ${a.status}，须先经运营机构评估`, `Application is ${a.status}; the operator must assess it first`);
    if (!approve) {
      await sql(tx, `update usage_application set status = 'REFUSED', decision_reasons = $2::text[], updated_at = now() where id = $1`, [a.id, why]);
      audit({ entityType: 'UsageApplication', entityId: a.id, action: 'REFUSED', changes: { reasons: why } });
      return;
    }
    const p = await lockProduct(tx, a.productId);
    if (p.listingStatus !== 'LISTED') throw conflict(`产品未挂牌（${p.listingStatus}），不能批准`, `The product is not listed (${p.listingStatus})`);
    const terms = a.proposedTerms!;
    const agreementId = randomUUID();
    await sql(
      tx,
      `insert into usage_agreement (id, application_id, product_id, developer_id, operator_id, jurisdiction, category, purpose, scope, method, start_date, end_date,
         revenue_distribution, security_terms, confidentiality_terms, quota_units, status, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::date, $12::date, $13, $14, $15, $16::bigint, 'PENDING_ACCEPTANCE', $17)`,
      [agreementId, a.id, p.id, a.developerId, a.operatorId, a.jurisdiction, p.category, a.purpose, a.scope, a.method, a.startDate, a.endDate,
        terms.revenueDistribution, terms.securityTerms, terms.confidentialityTerms, terms.quotaUnits, ctx.now],
    );
    await sql(tx, `update usage_application set status = 'APPROVED', usage_agreement_id = $2, updated_at = now() where id = $1`, [a.id, agreementId]);
    audit({ entityType: 'UsageApplication', entityId: a.id, action: 'APPROVED', changes: { usageAgreementId: agreementId } });
    audit({ entityType: 'UsageAgreement', entityId: agreementId, action: 'DRAFTED', changes: { ...terms, startDate: a.startDate, endDate: a.endDate } });
  });
}

async function lockAgreement(tx: EntityManager, id: string): Promise<AgreementRow> {
  const u = await sqlOne<AgreementRow>(tx, `select ${AGREEMENT_COLS} from usage_agreement u where u.id = $1 for update`, [id]);
  if (!u) throw notFound('应用协议', 'Usage agreement', id);
  return u;
}

/** Each party records its acceptance; the second acceptance signs the agreement and opens the entitlement. */
export async function acceptUsageAgreement(ctx: RequestContext<any>, id: string): Promise<void> {
  requireRole(ctx.identity, 'OPERATOR', 'DEVELOPER');
  const org = orgOf(ctx.identity);
  const today = todayOf(ctx);
  await inTransaction(ctx, async ({ tx, audit, publish }) => {
    const u = await lockAgreement(tx, id);
    const party = ctx.identity.role === 'OPERATOR' ? 'operator' : 'developer';
    if ((party === 'operator' ? u.operatorId : u.developerId) !== org) throw forbidden('不是该协议的当事方', 'You are not a party to this agreement');
    if (u.status !== 'PENDING_ACCEPTANCE') throw conflict(`协议状态为 ${u.status}`, `Agreement is ${u.status}`);
    if ((party === 'operator' ? u.operatorAcceptedAt : u.developerAcceptedAt) !== null) throw conflict('已确认过该协议', 'You have already accepted this agreement');
    const p = await lockProduct(tx, u.productId);
    requireActiveAgreement(await agreementView(tx, p.agreementId), today, p.agreementId);
    const col = party === 'operator' ? 'operator_accepted_at' : 'developer_accepted_at';
    await sql(tx, `update usage_agreement set ${col} = $2 where id = $1`, [u.id, ctx.now]);
    audit({ entityType: 'UsageAgreement', entityId: u.id, action: `ACCEPTED_BY_${party.toUpperCase()}` });
    const otherAccepted = party === 'operator' ? u.developerAcceptedAt : u.operatorAcceptedAt;
    if (!otherAccepted) return;
    await sql(tx, `update usage_agreement set status = 'SIGNED', signed_at = $2 where id = $1`, [u.id, ctx.now]);
    const entitlementId = randomUUID();
    await sql(
      tx,
      `insert into entitlement (id, usage_agreement_id, product_id, developer_id, operator_id, jurisdiction, status, start_date, end_date, quota_units, created_at)
       values ($1, $2, $3, $4, $5, $6, 'ACTIVE', $7::date, $8::date, $9::bigint, $10)`,
      [entitlementId, u.id, u.productId, u.developerId, u.operatorId, u.jurisdiction, u.startDate, u.endDate, u.quotaUnits, ctx.now],
    );
    audit({ entityType: 'UsageAgreement', entityId: u.id, action: 'SIGNED', changes: { entitlementId } });
    await publishEntitlements(tx, [entitlementId], ctx.now.toISOString(), publish);
    await publish(
      'UsageAgreementSigned',
      { usageAgreementId: u.id, productId: u.productId, developerId: u.developerId, operatorId: u.operatorId, jurisdiction: u.jurisdiction, startDate: u.startDate, endDate: u.endDate, category: u.category as 'FREE' | 'PAID' } satisfies ProductsEvents.UsageAgreementSigned,
      u.jurisdiction,
    );
  });
}

export async function endUsageAgreement(ctx: RequestContext<any>, id: string, reason: string): Promise<void> {
  requireRole(ctx.identity, 'OPERATOR', 'DEVELOPER', 'AGENCY');
  if (!reason.trim()) throw badInput('须说明终止原因', 'Give the reason for ending', { field: 'reason' });
  await inTransaction(ctx, async ({ tx, audit, publish }) => {
    const u = await lockAgreement(tx, id);
    requireAgreementAccess(ctx.identity, u);
    if (u.status === 'ENDED') throw conflict('协议已终止', 'The agreement has already ended');
    await sql(tx, `update usage_agreement set status = 'ENDED', ended_at = $2, end_reason = $3 where id = $1`, [u.id, ctx.now, reason.trim()]);
    const revoked = await sql<{ id: string }>(tx, `update entitlement set status = 'REVOKED', pause_reason = 'AGREEMENT_ENDED' where usage_agreement_id = $1 and status <> 'REVOKED' returning id`, [u.id]);
    await publishEntitlements(tx, revoked.map((r) => r.id), ctx.now.toISOString(), publish);
    audit({ entityType: 'UsageAgreement', entityId: u.id, action: 'ENDED', changes: { reason } });
    await publish('UsageAgreementEnded', { usageAgreementId: u.id, productId: u.productId, developerId: u.developerId, jurisdiction: u.jurisdiction, reason: reason.trim() } satisfies ProductsEvents.UsageAgreementEnded, u.jurisdiction);
  });
}

/** Parties, the agency and the authority of the jurisdiction; a developer never sees another developer's agreement. */
export function requireAgreementAccess(identity: Identity, u: { developerId: string; operatorId: string; jurisdiction: string; id?: string }): void {
  assertInScope(identity, usageTarget(u), { ...PRODUCTS_SCOPE, entity: ['应用协议', 'Usage agreement'], id: u.id });
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

/**
 * 计量: the operator's delivery system reports usage. A repeated idempotency key returns the
 * first record and records nothing; the same key with different content is a CONFLICT.
 */
export async function recordUsage(ctx: RequestContext<any>, input: RecordUsageInput): Promise<UsageRow> {
  requireRole(ctx.identity, 'OPERATOR');
  const org = orgOf(ctx.identity);
  const key = input.idempotencyKey?.trim();
  if (!key || key.length > 200) throw badInput('幂等键须为 1–200 个字符', 'idempotencyKey must be 1–200 characters', { field: 'input.idempotencyKey' });
  const units = parseUnits(input.units, 'input.units')!;
  if (Number.isNaN(input.occurredAt.getTime())) throw badInput('发生时间不合法', 'Invalid occurredAt', { field: 'input.occurredAt' });
  if (input.occurredAt.getTime() > ctx.now.getTime() + 5 * 60_000) throw badInput('发生时间不能晚于当前时间', 'occurredAt is in the future', { field: 'input.occurredAt' });
  const hash = hashOf(input);
  const replay = async (tx: EntityManager): Promise<UsageRow | null> => {
    const prior = await sqlOne<UsageRow>(tx, `select ${USAGE_COLS} from usage_record r where r.operator_id = $1 and r.idempotency_key = $2`, [org, key]);
    if (!prior) return null;
    if (prior.contentHash !== hash) throw conflict('幂等键已用于不同的用量记录', 'This idempotency key was already used for different usage', { field: 'input.idempotencyKey', details: { usageId: prior.id } });
    return { ...prior, replayed: true };
  };
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const prior = await replay(tx);
    if (prior) return prior;
    const e = await sqlOne<EntitlementRow>(tx, `select ${ENTITLEMENT_COLS} from entitlement e where e.id = $1 for update`, [input.entitlementId]);
    if (!e) throw notFound('使用权', 'Entitlement', input.entitlementId);
    if (e.operatorId !== org) throw forbidden('只能为本单位产品记录用量', 'You may only record usage of your own products');
    // Same key raced in while we waited for the lock.
    const raced = await replay(tx);
    if (raced) return raced;
    if (input.developerId && input.developerId !== e.developerId) {
      throw policyViolation('JL §九', '使用权不可转让：用量只能记在协议约定的二级开发主体名下', 'Entitlements are not transferable: usage belongs to the entitlement holder only', { field: 'input.developerId' });
    }
    const day = toShanghaiDate(input.occurredAt);
    if (e.status !== 'ACTIVE') throw policyViolation('HN Art 7(4)', `使用权状态为 ${e.status}，不能提供产品`, `The entitlement is ${e.status}; the product may not be supplied`, { details: { status: e.status, reason: e.pauseReason } });
    if (day < e.startDate || day > e.endDate || todayOf(ctx) > e.endDate) {
      throw policyViolation('HN Art 7(4)', `不在应用协议期限内（${e.startDate} 至 ${e.endDate}）`, `Outside the usage agreement's term (${e.startDate} to ${e.endDate})`, { details: { startDate: e.startDate, endDate: e.endDate } });
    }
    if (e.quotaUnits !== null && BigInt(e.usedUnits) + units > BigInt(e.quotaUnits)) {
      throw policyViolation('HN Art 17', '超出应用协议约定的用量', 'Usage would exceed the quota of the usage agreement', { details: { quotaUnits: e.quotaUnits, usedUnits: e.usedUnits } });
    }
    const p = await sqlOne<{ category: 'FREE' | 'PAID'; charging_unit: ProductsEvents.ChargingUnit }>(tx, `select category, charging_unit from data_product where id = $1`, [e.productId]);
    const id = randomUUID();
    const inserted = await sql(
      tx,
      `insert into usage_record (id, entitlement_id, usage_agreement_id, product_id, developer_id, operator_id, jurisdiction, units, occurred_at, idempotency_key, content_hash, recorded_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8::bigint, $9, $10, $11, $12) on conflict (operator_id, idempotency_key) do nothing returning id`,
      [id, e.id, e.usageAgreementId, e.productId, e.developerId, e.operatorId, e.jurisdiction, units.toString(), input.occurredAt, key, hash, ctx.now],
    );
    if (inserted.length === 0) return (await replay(tx))!;
    await sql(tx, `update entitlement set used_units = used_units + $2::bigint where id = $1`, [e.id, units.toString()]);
    await sql(tx, `update data_product set usage_units = usage_units + $2::bigint where id = $1`, [e.productId, units.toString()]);
    audit({ entityType: 'UsageRecord', entityId: id, action: 'RECORDED', changes: { entitlementId: e.id, units: units.toString(), occurredAt: input.occurredAt.toISOString(), idempotencyKey: key } });
    await publish(
      'UsageRecorded',
      {
        usageId: id, entitlementId: e.id, usageAgreementId: e.usageAgreementId, productId: e.productId, operatorId: e.operatorId, developerId: e.developerId,
        jurisdiction: e.jurisdiction, category: p!.category, chargingUnit: p!.charging_unit, units: units.toString(), occurredAt: input.occurredAt.toISOString(), source: 'DECLARED',
      } satisfies ProductsEvents.UsageRecorded,
      e.jurisdiction,
    );
    return (await sqlOne<UsageRow>(tx, `select ${USAGE_COLS} from usage_record r where r.id = $1`, [id]))!;
  });
}
