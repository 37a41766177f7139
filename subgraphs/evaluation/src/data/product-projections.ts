import { sql, type Em } from '@pdo/platform';
import { db } from './tables.js';

/* Products, usage, prices and settlement shares as the other subgraphs published them (see data/projections.ts). */

export interface ProductFacts {
  id: string;
  productCode: string;
  version: number;
  jurisdiction: string;
  operatorId: string;
  agreementId: string;
  scenarioId: string;
  nameZh: string;
  form: string;
  category: string;
  resources: { resourceId: string; sourceAgencyId: string }[];
}

/** A product's facts in a status, unless a newer status is held; its resources replaced with it. Answers whether it applied. */
export async function upsertProduct(em: Em, p: ProductFacts, status: string, at: string, listedAt: string | null): Promise<boolean> {
  const k = db(em);
  const rows = await k
    .insertInto('product_projection')
    .values({
      id: p.id,
      product_code: p.productCode,
      version: p.version,
      jurisdiction: p.jurisdiction,
      operator_id: p.operatorId,
      agreement_id: p.agreementId,
      scenario_id: p.scenarioId,
      name_zh: p.nameZh,
      form: p.form,
      category: p.category,
      status,
      listed_at: listedAt,
      status_at: at,
    })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          product_code: eb.ref('excluded.product_code'),
          version: eb.ref('excluded.version'),
          name_zh: eb.ref('excluded.name_zh'),
          form: eb.ref('excluded.form'),
          category: eb.ref('excluded.category'),
          status: eb.ref('excluded.status'),
          listed_at: eb.fn.coalesce('excluded.listed_at', 'product_projection.listed_at'),
          delisted_at: eb.case().when('excluded.status', '=', 'LISTED').then(null).else(eb.ref('product_projection.delisted_at')).end(),
          status_at: eb.ref('excluded.status_at'),
        }))
        .where('product_projection.status_at', '<=', (eb) => eb.ref('excluded.status_at')),
    )
    .returning('id')
    .execute();
  if (rows.length === 0) return false;
  await k.deleteFrom('product_resource_projection').where('product_id', '=', p.id).execute();
  if (p.resources.length) {
    await k
      .insertInto('product_resource_projection')
      .values(p.resources.map((r) => ({ product_id: p.id, resource_id: r.resourceId, source_agency_id: r.sourceAgencyId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return true;
}

export async function productKnown(em: Em, id: string): Promise<boolean> {
  return !!(await db(em).selectFrom('product_projection').select('id').where('id', '=', id).executeTakeFirst());
}

export function productName(em: Em, id: string) {
  return db(em).selectFrom('product_projection').select(['name_zh', 'product_code']).where('id', '=', id).executeTakeFirst();
}

/** Delisted or suspended, unless a newer status is held; answers its name and code when it applied. */
export function productOff(em: Em, id: string, status: string, at: string) {
  return db(em)
    .updateTable('product_projection')
    .set({ status, delisted_at: at, status_at: at })
    .where('id', '=', id)
    .where('status_at', '<=', at)
    .returning(['name_zh', 'product_code'])
    .executeTakeFirst();
}

export function insertUsageAgreement(em: Em, a: { id: string; productId: string; developerId: string; operatorId: string; jurisdiction: string; startDate: string; endDate: string; category: string }) {
  return db(em)
    .insertInto('usage_agreement_projection')
    .values({ id: a.id, product_id: a.productId, developer_id: a.developerId, operator_id: a.operatorId, jurisdiction: a.jurisdiction, start_date: a.startDate, end_date: a.endDate, category: a.category })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export function endUsageAgreement(em: Em, id: string) {
  return db(em).updateTable('usage_agreement_projection').set({ ended: true }).where('id', '=', id).execute();
}

type UsageFact = { usageId: string; productId: string; operatorId: string; developerId: string; jurisdiction: string; units: number | string; occurredAt: string };

export function insertUsage(em: Em, u: UsageFact) {
  return insertUsages(em, [u]);
}

export async function insertUsages(em: Em, usages: readonly UsageFact[]) {
  for (let i = 0; i < usages.length; i += 1000) {
    await db(em)
      .insertInto('usage_projection')
      .values(usages.slice(i, i + 1000).map((u) => ({ usage_id: u.usageId, product_id: u.productId, operator_id: u.operatorId, developer_id: u.developerId, jurisdiction: u.jurisdiction, units: String(u.units), occurred_at: u.occurredAt })))
      .onConflict((oc) => oc.column('usage_id').doNothing())
      .execute();
  }
}

export function insertPrice(em: Em, p: { id: string; kind: 'CAP' | 'PRICE'; productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; amountFen: string; effectiveFrom: string }) {
  return db(em)
    .insertInto('price_projection')
    .values({ id: p.id, kind: p.kind, product_id: p.productId, operator_id: p.operatorId, jurisdiction: p.jurisdiction, charging_unit: p.chargingUnit, amount_fen: p.amountFen, effective_from: p.effectiveFrom })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/**
 * The shares of one settlement, in one statement. Hand-written: a settlement carries thousands of shares, passed as
 * four arrays through unnest (a multi-row VALUES would hit the parameter limit of one statement).
 */
export async function insertSettlementShares(
  em: Em,
  s: { settlementId: string; jurisdiction: string; periodStart: string; periodEnd: string },
  shares: { partyId: string[]; partyKind: string[]; productId: string[]; amountFen: string[] },
): Promise<void> {
  if (shares.amountFen.length === 0) return;
  await sql(
    em,
    `insert into settlement_share_projection (settlement_id, jurisdiction, period_start, period_end, party_id, party_kind, product_id, amount_fen)
     select $1, $2, $3, $4, s.party_id, s.party_kind, s.product_id, s.amount_fen
       from unnest($5::text[], $6::text[], $7::uuid[], $8::bigint[]) as s(party_id, party_kind, product_id, amount_fen)
     on conflict do nothing`,
    [s.settlementId, s.jurisdiction, s.periodStart, s.periodEnd, shares.partyId, shares.partyKind, shares.productId, shares.amountFen],
  );
}
