import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, notFound, policyViolation, sql, sqlOne, type Identity, type UnitOfWork } from '@pdo/platform';
import { checkWeights } from '../domain/rules.js';
import { profileOf } from './profile.js';
import { requireFinance } from '../domain/access.js';
import { uuidv7 } from '../domain/ids.js';
import { requireKnownParties } from './parties.js';
import { toPlan } from './rows.js';
import type { DistributionPlan, SetDistributionPlanInput } from '../schema/types.js';

/** The agreement's jurisdiction and operator, from the licensing projection or, failing that, its products. */
async function agreementOf(em: EntityManager, agreementId: string): Promise<{ jurisdiction: string; operator_id: string }> {
  const a =
    (await sqlOne<{ jurisdiction: string; operator_id: string }>(em, `select jurisdiction, operator_id from agreement_view where id = $1`, [agreementId])) ??
    (await sqlOne<{ jurisdiction: string; operator_id: string }>(em, `select jurisdiction, operator_id from product_view where agreement_id = $1 limit 1`, [agreementId]));
  if (!a) throw notFound('授权协议', 'Authorization agreement', agreementId);
  return a;
}

/**
 * 收益分配方案 per agreement (optionally per product). No percentage is fixed by policy (TZ
 * Art 10; NS Art 14(7)): the weights are configuration, validated only for shape. A city's
 * revenue right (HN Art 21) is a party only where the profile grants it.
 */
export async function setDistributionPlan(uow: UnitOfWork, identity: Identity, input: SetDistributionPlanInput): Promise<DistributionPlan> {
  const { tx } = uow;
  const ag = await agreementOf(tx, input.agreementId);
  requireFinance(identity, ag.jurisdiction);
  if (input.productId) {
    const p = await sqlOne<{ agreement_id: string }>(tx, `select agreement_id from product_view where id = $1`, [input.productId]);
    if (!p) throw notFound('数据产品', 'Data product', input.productId);
    if (p.agreement_id !== input.agreementId) throw badInput('产品不属于该授权协议', 'The product is not under this agreement', { field: 'input.productId' });
  }
  if (input.parties.length === 0) throw badInput('至少一个分配方', 'At least one party', { field: 'input.parties' });
  checkWeights(input.parties.map((p) => p.weight));
  const profile = await profileOf(tx, ag.jurisdiction);
  const kinds = input.parties.map((p) => p.kind);
  for (const single of ['OPERATOR', 'JURISDICTION', 'SOURCE_AGENCIES'] as const) {
    if (kinds.filter((k) => k === single).length > 1) throw badInput(`${single} 只能出现一次`, `${single} may appear only once`, { field: 'input.parties' });
  }
  // A service provider named twice would be owed two shares of one settlement for the same product.
  const providers = input.parties.filter((p) => p.kind === 'SERVICE_PROVIDER').map((p) => p.partyId);
  if (new Set(providers).size < providers.length) throw badInput('同一服务商只能出现一次', 'A service provider may appear only once', { field: 'input.parties' });
  const parties = input.parties.map((p, i) => {
    const field = `input.parties.${i}`;
    switch (p.kind) {
      case 'OPERATOR':
        if (p.partyId && p.partyId !== ag.operator_id) throw badInput('运营机构须为协议的被授权方', "The operator must be the agreement's operator", { field });
        return { kind: p.kind, partyId: ag.operator_id, weight: p.weight.toString() };
      case 'SERVICE_PROVIDER':
        if (!p.partyId || !/^[0-9a-f-]{36}$/i.test(p.partyId)) throw badInput('服务商须给出单位标识', 'A service provider needs its organization id', { field: `${field}.partyId` });
        return { kind: p.kind, partyId: p.partyId, weight: p.weight.toString() };
      case 'JURISDICTION':
        if (!profile.revenueRightForJurisdiction.value) {
          throw policyViolation('NO_JURISDICTION_REVENUE_RIGHT', `${profile.nameZh}未规定属地收益权`, `${profile.nameEn} grants no revenue right to the jurisdiction`, { field, details: { source: profile.revenueRightForJurisdiction.source } });
        }
        return { kind: p.kind, partyId: ag.jurisdiction, weight: p.weight.toString() };
      default:
        return { kind: p.kind, partyId: null, weight: p.weight.toString() };
    }
  });
  // A service provider is credited its shares at every settlement: it must be a registered one.
  await requireKnownParties(tx, ag.jurisdiction, parties.flatMap((p, i) => (p.kind === 'SERVICE_PROVIDER' ? [{ kind: p.kind, id: p.partyId!, field: `input.parties.${i}.partyId` }] : [])));
  if (input.sourceBasis === 'CONTRIBUTION' && !kinds.includes('SOURCE_AGENCIES' as never)) {
    throw badInput('按贡献分配须包含数据提供单位', 'A contribution basis needs the source agencies as a party', { field: 'input.sourceBasis' });
  }
  const productId = input.productId ?? null;
  await sql(tx, `select pg_advisory_xact_lock(hashtext('plan:' || $1 || ':' || coalesce($2, '')))`, [input.agreementId, productId]);
  const v = await sqlOne<{ v: number }>(tx, `select coalesce(max(version), 0) + 1 as v from distribution_plan where agreement_id = $1 and product_id is not distinct from $2::uuid`, [input.agreementId, productId]);
  const id = uuidv7();
  const [plan] = await sql(
    tx,
    `insert into distribution_plan (id, agreement_id, product_id, jurisdiction, version, source_basis, created_by) values ($1, $2, $3, $4, $5, $6, $7)
     returning id, agreement_id, product_id, jurisdiction, version, source_basis, created_at`,
    [id, input.agreementId, productId, ag.jurisdiction, v!.v, input.sourceBasis ?? 'CONTRIBUTION', identity.sub],
  );
  const partyRows = await sql(
    tx,
    `insert into distribution_plan_party (plan_id, ordinal, party_kind, party_id, weight)
     select $1, o::int, k, p, w::numeric from unnest($2::text[], $3::text[], $4::text[]) with ordinality as t(k, p, w, o)
     returning ordinal, party_kind, party_id, weight::text`,
    [id, parties.map((p) => p.kind), parties.map((p) => p.partyId), parties.map((p) => p.weight)],
  );
  partyRows.sort((a: any, b: any) => a.ordinal - b.ordinal);
  uow.audit({ entityType: 'DistributionPlan', entityId: id, action: 'VERSIONED', changes: { agreementId: input.agreementId, productId, version: v!.v, parties } });
  return toPlan(plan!, partyRows);
}

/** The plan in force for each product: its own latest version, else its agreement's latest. */
export async function plansForProducts(em: EntityManager, productIds: string[]): Promise<Map<string, DistributionPlan>> {
  if (productIds.length === 0) return new Map();
  const rows = await sql<any>(
    em,
    // One join and a sort rather than a lookup per product: a settlement asks for thousands of
    // products under a few dozen agreements.
    `select distinct on (pv.id) pv.id as for_product, d.id, d.agreement_id, d.product_id, d.jurisdiction, d.version, d.source_basis, d.created_at
     from product_view pv
     join distribution_plan d on d.agreement_id = pv.agreement_id and (d.product_id = pv.id or d.product_id is null)
     where pv.id = any($1::uuid[])
     order by pv.id, (d.product_id is null), d.version desc`,
    [productIds],
  );
  const parties = await sql(em, `select plan_id, ordinal, party_kind, party_id, weight::text from distribution_plan_party where plan_id = any($1::uuid[]) order by plan_id, ordinal`, [rows.map((r: any) => r.id)]);
  const byPlan = new Map<string, any[]>();
  for (const p of parties as any[]) {
    const list = byPlan.get(p.plan_id);
    if (list) list.push(p);
    else byPlan.set(p.plan_id, [p]);
  }
  const out = new Map<string, DistributionPlan>();
  for (const r of rows) out.set(r.for_product, toPlan(r, byPlan.get(r.id) ?? []));
  return out;
}
