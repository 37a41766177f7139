import { pageOf, sql, type Em } from '@pdo/platform';
import type { PlanParty } from '../domain/allocation.js';
import { db } from './tables.js';

/** A version of a distribution plan with its parties in order. */
export interface PlanRecord {
  id: string;
  agreementId: string;
  productId: string | null;
  jurisdiction: string;
  version: number;
  sourceBasis: 'RESOURCE_USAGE' | 'CONTRIBUTION';
  createdAt: string;
  parties: PlanParty[];
}

type PlanRow = { id: string; agreement_id: string; product_id: string | null; jurisdiction: string; version: number; source_basis: 'RESOURCE_USAGE' | 'CONTRIBUTION'; created_at: string };

/** Plans with their parties: one statement for the parties of every plan given. */
async function withParties(em: Em, rows: PlanRow[]): Promise<PlanRecord[]> {
  const parties = rows.length === 0 ? [] : await db(em).selectFrom('distribution_plan_party').selectAll().where('plan_id', 'in', rows.map((r) => r.id)).orderBy('plan_id').orderBy('ordinal').execute();
  const byPlan = new Map<string, PlanParty[]>();
  for (const p of parties) {
    const list = byPlan.get(p.plan_id) ?? [];
    list.push({ ordinal: p.ordinal, kind: p.party_kind, partyId: p.party_id, weight: p.weight });
    byPlan.set(p.plan_id, list);
  }
  return rows.map((r) => ({ id: r.id, agreementId: r.agreement_id, productId: r.product_id, jurisdiction: r.jurisdiction, version: r.version, sourceBasis: r.source_basis, createdAt: r.created_at, parties: byPlan.get(r.id) ?? [] }));
}

/** The agreement's jurisdiction and operator, from the licensing projection or, failing that, its products. */
export async function agreementParties(em: Em, agreementId: string): Promise<{ jurisdiction: string; operator_id: string } | undefined> {
  const k = db(em);
  return (
    (await k.selectFrom('agreement_projection').select(['jurisdiction', 'operator_id']).where('id', '=', agreementId).executeTakeFirst()) ??
    (await k.selectFrom('product_projection').select(['jurisdiction', 'operator_id']).where('agreement_id', '=', agreementId).limit(1).executeTakeFirst())
  );
}

/**
 * The next version of the agreement's (or product's) plan. Versions of one plan are numbered one after another: the
 * transaction-scoped advisory lock (hand-written: a lock on a key, not a row) keeps two writers from taking the same.
 */
export async function nextPlanVersion(tx: Em, agreementId: string, productId: string | null): Promise<number> {
  await sql(tx, `select pg_advisory_xact_lock(hashtext('plan:' || $1 || ':' || coalesce($2, '')))`, [agreementId, productId]);
  const r = await db(tx)
    .selectFrom('distribution_plan')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('agreement_id', '=', agreementId)
    .where((eb) => (productId === null ? eb('product_id', 'is', null) : eb('product_id', '=', productId)))
    .executeTakeFirst();
  return (r?.v ?? 0) + 1;
}

export async function insertPlan(
  tx: Em,
  plan: { id: string; agreementId: string; productId: string | null; jurisdiction: string; version: number; sourceBasis: 'RESOURCE_USAGE' | 'CONTRIBUTION'; createdBy: string },
  parties: { kind: PlanParty['kind']; partyId: string | null; weight: string }[],
): Promise<PlanRecord> {
  const k = db(tx);
  const row = await k
    .insertInto('distribution_plan')
    .values({ id: plan.id, agreement_id: plan.agreementId, product_id: plan.productId, jurisdiction: plan.jurisdiction, version: plan.version, source_basis: plan.sourceBasis, created_by: plan.createdBy })
    .returning(['id', 'agreement_id', 'product_id', 'jurisdiction', 'version', 'source_basis', 'created_at'])
    .executeTakeFirstOrThrow();
  const written = await k
    .insertInto('distribution_plan_party')
    .values(parties.map((p, i) => ({ plan_id: plan.id, ordinal: i + 1, party_kind: p.kind, party_id: p.partyId, weight: p.weight })))
    .returning(['ordinal', 'party_kind', 'party_id', 'weight'])
    .execute();
  written.sort((a, b) => a.ordinal - b.ordinal);
  return { id: row.id, agreementId: row.agreement_id, productId: row.product_id, jurisdiction: row.jurisdiction, version: row.version, sourceBasis: row.source_basis, createdAt: row.created_at, parties: written.map((p) => ({ ordinal: p.ordinal, kind: p.party_kind, partyId: p.party_id, weight: p.weight })) };
}

/** Which products a settlement's reads are for: the given ones, or every product of a jurisdiction (no list sent). */
export type ProductScope = { productIds: string[] } | { jurisdiction: string };

/** The scope as a condition on `product_projection` (alias `pv`), with its one parameter. */
export const scopeCondition = (scope: ProductScope, column = 'pv.id'): [string, unknown] =>
  'productIds' in scope ? [`${column} = any($1::uuid[])`, scope.productIds] : [`${column} in (select id from product_projection where jurisdiction = $1)`, scope.jurisdiction];

/**
 * The plan in force for each product: its own latest version, else its agreement's latest. One join and a sort
 * (hand-written DISTINCT ON) rather than a lookup per product: a settlement asks for thousands of products under a
 * few dozen agreements.
 */
export async function plansForProducts(em: Em, scope: ProductScope): Promise<Map<string, PlanRecord>> {
  if ('productIds' in scope && scope.productIds.length === 0) return new Map();
  const [condition, param] = scopeCondition(scope);
  const rows = await sql<PlanRow & { for_product: string }>(
    em,
    `select distinct on (pv.id) pv.id as for_product, d.id, d.agreement_id, d.product_id, d.jurisdiction, d.version, d.source_basis, d.created_at
     from product_projection pv
     join distribution_plan d on d.agreement_id = pv.agreement_id and (d.product_id = pv.id or d.product_id is null)
     where ${condition}
     order by pv.id, (d.product_id is null), d.version desc`,
    [param],
  );
  const plans = await withParties(em, [...new Map(rows.map((r) => [r.id, r])).values()]);
  const byId = new Map(plans.map((p) => [p.id, p]));
  return new Map(rows.map((r) => [r.for_product, byId.get(r.id)!]));
}

/** Every version of the jurisdiction's plans (optionally of one agreement), with their parties. */
export async function planPage(em: Em, jurisdiction: string | null, agreementId: string | null, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k
    .selectFrom('distribution_plan')
    .select(['id', 'agreement_id', 'product_id', 'jurisdiction', 'version', 'source_basis', 'created_at'])
    .where('jurisdiction', '=', jurisdiction ?? '')
    .orderBy('agreement_id')
    .orderBy('product_id', (ob) => ob.asc().nullsFirst())
    .orderBy('version', 'desc');
  if (agreementId) q = q.where('agreement_id', '=', agreementId);
  const page = await pageOf(k, q, window);
  return { rows: await withParties(em, page.rows), totalCount: page.totalCount };
}
