import type { EntityManager } from '@mikro-orm/postgresql';
import { policyViolation, sql, sqlOne, type Identity, type UnitOfWork } from '@pdo/platform';
import type { RevenueEvents } from '@pdo/events';
import { endOfDayShanghai, startOfDayShanghai, todayInShanghai } from '@pdo/policy';
import { checkSettlementPeriod } from '../domain/rules.js';
import { requireFinance } from '../domain/access.js';
import { splitRevenue, type AgencyWeight, type Share } from '../domain/allocation.js';
import { uuidv7 } from '../domain/ids.js';
import { plansForProducts } from './plans.js';
import { ensureAccounts } from './ledger.js';
import { SETTLEMENT_COLS, toSettlement } from './rows.js';
import type { RunSettlementInput, Settlement } from '../schema/types.js';

export async function findSettlement(em: EntityManager, jurisdiction: string, start: string, end: string): Promise<Settlement | null> {
  const r = await sqlOne(em, `select ${SETTLEMENT_COLS} from settlement where jurisdiction = $1 and period_start = $2::date and period_end = $3::date`, [jurisdiction, start, end]);
  return r ? toSettlement(r) : null;
}

/** Source-agency weights of each product: resources supplied, or the period's contribution scores. */
async function agencyWeights(em: EntityManager, productIds: string[], scores: Map<string, string> | null): Promise<Map<string, { byResources: AgencyWeight[]; byScore: AgencyWeight[] | null }>> {
  const rows = await sql<{ product_id: string; agency_id: string; n: number; total: number }>(
    em,
    `select product_id, source_agency_id as agency_id, count(*)::int as n, sum(count(*)) over (partition by product_id)::int as total, min(ordinal) as first
     from product_resource where product_id = any($1::uuid[]) group by product_id, source_agency_id order by product_id, first`,
    [productIds],
  );
  const out = new Map<string, { byResources: AgencyWeight[]; byScore: AgencyWeight[] | null }>();
  for (const r of rows) {
    const e = out.get(r.product_id) ?? { byResources: [], byScore: null };
    e.byResources.push({ agencyId: r.agency_id, weight: String(r.n), basis: `supplies ${r.n} of the product's ${r.total} resources` });
    out.set(r.product_id, e);
  }
  if (scores) {
    for (const e of out.values()) {
      const scored = e.byResources.map((a) => ({ agencyId: a.agencyId, weight: scores.get(a.agencyId) ?? '0', basis: `contribution score ${scores.get(a.agencyId) ?? '0 (not assessed)'}` }));
      // An assessment that scores none of the product's agencies leaves the default in place.
      e.byScore = scored.some((a) => a.weight !== '0' && !/^0(\.0+)?$/.test(a.weight)) ? scored : null;
    }
  }
  return out;
}

/**
 * 结算: one jurisdiction, one closed month or quarter. Set-based: charges are aggregated in one
 * SQL pass (per product and developer); only the per-product split (a handful of parties each)
 * runs in Node. Idempotent: the (jurisdiction, period) row is unique, so a second run — or a
 * concurrent one, which waits on that row — returns the first result.
 */
export async function runSettlement(uow: UnitOfWork, identity: Identity, now: Date, input: RunSettlementInput): Promise<Settlement> {
  const { tx } = uow;
  const j = input.jurisdiction;
  requireFinance(identity, j);
  checkSettlementPeriod(input.periodStart, input.periodEnd, todayInShanghai(now));
  const existing = await findSettlement(tx, j, input.periodStart, input.periodEnd);
  if (existing) return existing;
  const id = uuidv7();
  const claimed = await sql(
    tx,
    `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, $2, $3::date, $4::date, 'RUNNING', $5, $6)
     on conflict (jurisdiction, period_start, period_end) do nothing returning id`,
    [id, j, input.periodStart, input.periodEnd, identity.sub, now.toISOString()],
  );
  if (claimed.length === 0) return (await findSettlement(tx, j, input.periodStart, input.periodEnd))!;
  return settle(uow, identity, id, j, input.periodStart, input.periodEnd);
}

export async function settle(uow: UnitOfWork, identity: Identity, id: string, j: string, start: string, end: string): Promise<Settlement> {
  const { tx } = uow;
  await sql(
    tx,
    `insert into settlement_line (settlement_id, product_id, developer_id, revenue_fen, charge_count, units)
     select $1, product_id, developer_id, sum(amount_fen), count(*), sum(units) from charge
     where jurisdiction = $2 and occurred_at >= $3 and occurred_at <= $4 group by product_id, developer_id`,
    [id, j, startOfDayShanghai(start).toISOString(), endOfDayShanghai(end).toISOString()],
  );
  const products = await sql<{ product_id: string; revenue: string; n: string; units: string }>(
    tx,
    `select product_id, sum(revenue_fen)::text as revenue, sum(charge_count)::text as n, sum(units)::text as units from settlement_line where settlement_id = $1 group by product_id order by product_id`,
    [id],
  );
  const paid = products.filter((p) => BigInt(p.revenue) > 0n);
  const plans = await plansForProducts(tx, paid.map((p) => p.product_id));
  const missing = paid.filter((p) => !plans.has(p.product_id)).map((p) => p.product_id);
  if (missing.length > 0) {
    throw policyViolation('DISTRIBUTION_PLAN_MISSING', '有收入的产品须先配置收益分配方案', 'Every product with revenue needs a distribution plan before settlement', { details: { source: 'TZ Art 10; NS Art 14(7)', productIds: missing } });
  }
  const assessment = await sqlOne<{ assessment_id: string }>(
    tx,
    `select assessment_id from contribution_score where jurisdiction = $1 and period_start <= $3::date and period_end >= $2::date order by received_at desc, assessment_id desc limit 1`,
    [j, start, end],
  );
  const scores = assessment
    ? new Map((await sql<{ agency_id: string; score: string }>(tx, `select agency_id, score::text from contribution_score where assessment_id = $1`, [assessment.assessment_id])).map((r) => [r.agency_id, r.score]))
    : null;
  const weights = await agencyWeights(tx, paid.map((p) => p.product_id), scores);
  const shares: (Share & { productId: string })[] = [];
  let usedAssessment = false;
  for (const p of paid) {
    const plan = plans.get(p.product_id)!;
    const w = weights.get(p.product_id);
    const useScores = plan.sourceBasis === 'CONTRIBUTION' && !!w?.byScore;
    usedAssessment ||= useScores && plan.parties.some((x) => x.kind === 'SOURCE_AGENCIES');
    const agencies = (useScores ? w!.byScore : w?.byResources) ?? [];
    if (plan.parties.some((x) => x.kind === 'SOURCE_AGENCIES') && agencies.length === 0) {
      throw policyViolation('NO_SOURCE_AGENCIES', '产品没有可分配的数据提供单位', 'The product has no source agencies to share with', { details: { productId: p.product_id } });
    }
    for (const s of splitRevenue(BigInt(p.revenue), plan.parties, agencies)) shares.push({ ...s, productId: p.product_id });
  }
  await sql(
    tx,
    `insert into settlement_product (settlement_id, product_id, plan_id, plan_version, revenue_fen, charge_count, units)
     select $1, p, pl, v, r, n, u from unnest($2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::bigint[], $7::bigint[]) as t(p, pl, v, r, n, u)`,
    [id, products.map((p) => p.product_id), products.map((p) => plans.get(p.product_id)?.id ?? null), products.map((p) => plans.get(p.product_id)?.version ?? null), products.map((p) => p.revenue), products.map((p) => p.n), products.map((p) => p.units)],
  );
  if (shares.length > 0) {
    await sql(
      tx,
      `insert into revenue_share (id, settlement_id, product_id, party_kind, party_id, ordinal, weight, amount_fen, basis)
       select gen_random_uuid(), $1, p, k, pid, o, w, a, b from unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::text[]) as t(p, k, pid, o, w, a, b)`,
      [id, shares.map((s) => s.productId), shares.map((s) => s.kind), shares.map((s) => s.partyId), shares.map((s) => s.ordinal), shares.map((s) => s.weight), shares.map((s) => s.amountFen.toString()), shares.map((s) => s.basis)],
    );
  }
  const total = products.reduce((a, p) => a + BigInt(p.revenue), 0n);
  const count = products.reduce((a, p) => a + BigInt(p.n), 0n);
  let entryId: string | null = null;
  if (total > 0n) {
    // Developers owe the period's charges (debit); each party is owed its share (credit). Σ = total on both sides.
    const devs = await sql<{ developer_id: string }>(tx, `select distinct developer_id from settlement_line where settlement_id = $1 and revenue_fen > 0`, [id]);
    await ensureAccounts(tx, j, [...devs.map((d) => ({ kind: 'DEVELOPER', id: d.developer_id })), ...shares.map((s) => ({ kind: s.kind, id: s.partyId }))]);
    entryId = uuidv7();
    await sql(tx, `insert into ledger_entry (id, jurisdiction, entry_date, memo, settlement_id, created_by) values ($1, $2, $3::date, $4, $5, $6)`, [entryId, j, end, `结算 Settlement ${j} ${start}–${end}`, id, identity.sub]);
    await sql(
      tx,
      `insert into ledger_line (entry_id, account_id, debit_fen, credit_fen)
       select $1, a.id, sum(sl.revenue_fen), 0 from settlement_line sl
       join ledger_account a on a.jurisdiction = $3 and a.party_kind = 'DEVELOPER' and a.party_id = sl.developer_id::text
       where sl.settlement_id = $2 group by a.id having sum(sl.revenue_fen) > 0`,
      [entryId, id, j],
    );
    await sql(
      tx,
      `insert into ledger_line (entry_id, account_id, debit_fen, credit_fen)
       select $1, a.id, 0, sum(rs.amount_fen) from revenue_share rs
       join ledger_account a on a.jurisdiction = $3 and a.party_kind = rs.party_kind and a.party_id = rs.party_id
       where rs.settlement_id = $2 group by a.id having sum(rs.amount_fen) > 0`,
      [entryId, id, j],
    );
  }
  const [row] = await sql(
    tx,
    `update settlement set status = 'COMPLETED', total_fen = $2, charge_count = $3, product_count = $4, ledger_entry_id = $5, contribution_assessment_id = $6, completed_at = now()
     where id = $1 returning ${SETTLEMENT_COLS}`,
    [id, total.toString(), count.toString(), products.length, entryId, usedAssessment ? assessment!.assessment_id : null],
  );
  const settlement = toSettlement(row!);
  uow.audit({ entityType: 'Settlement', entityId: id, action: 'COMPLETED', changes: { jurisdiction: j, periodStart: start, periodEnd: end, totalFen: total.toString(), chargeCount: count.toString(), plans: [...plans.values()].map((p) => `${p.id}@v${p.version}`) } });
  await uow.publish(
    'SettlementCompleted',
    {
      settlementId: id,
      jurisdiction: j,
      periodStart: start,
      periodEnd: end,
      totalFen: total.toString(),
      shares: shares.filter((s) => s.amountFen > 0n).map((s) => ({ partyId: s.partyId, partyKind: s.kind, productId: s.productId, amountFen: s.amountFen.toString() })),
    } satisfies RevenueEvents.SettlementCompleted,
    j,
  );
  return settlement;
}
