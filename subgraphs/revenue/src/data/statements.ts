import { sql, type Em } from '@pdo/platform';
import { db } from './tables.js';

/**
 * The rows a party's statement is built from (services/statements.ts). Hand-written joins: each line carries the
 * product's revenue (settlement_product), its code and name (product_projection) and, for late charges, the period
 * of the settlement they belong to — one statement for any number of parties (a page of statements is flat).
 */
export function developerLines(em: Em, settlementId: string, developerIds: readonly string[]) {
  return sql<{ developer_id: string; product_id: string; code: string; name_zh: string; product_revenue: string; charge_count: string; units: string; revenue_fen: string; carried_from: string | null; from_start: string | null; from_end: string | null }>(
    em,
    `select sl.developer_id::text as developer_id, sl.product_id, coalesce(pv.code, '') as code, coalesce(pv.name_zh, '') as name_zh, sp.revenue_fen as product_revenue, sl.charge_count, sl.units, sl.revenue_fen,
       sl.carried_from, f.period_start::text as from_start, f.period_end::text as from_end
     from settlement_line sl join settlement_product sp on sp.settlement_id = sl.settlement_id and sp.product_id = sl.product_id
     left join product_projection pv on pv.id = sl.product_id
     left join settlement f on f.id = sl.carried_from
     where sl.settlement_id = $1 and sl.developer_id::text = any($2::text[]) order by pv.code, sl.product_id, f.period_start nulls first`,
    [settlementId, developerIds],
  );
}

/** Share lines of several parties at once; a party's kind may be null (any kind). */
export function shareLines(em: Em, settlementId: string, parties: readonly { partyId: string; kind: string | null }[]) {
  return sql<{ party_id: string; product_id: string; party_kind: string; code: string; name_zh: string; product_revenue: string; charge_count: string; units: string; weight: string; basis: string; amount_fen: string }>(
    em,
    `select rs.party_id, rs.product_id, rs.party_kind, coalesce(pv.code, '') as code, coalesce(pv.name_zh, '') as name_zh, sp.revenue_fen as product_revenue, sp.charge_count, sp.units, rs.weight, rs.basis, rs.amount_fen
     from revenue_share rs join settlement_product sp on sp.settlement_id = rs.settlement_id and sp.product_id = rs.product_id
     join unnest($2::text[], $3::text[]) as p(party_id, kind) on rs.party_id = p.party_id and (p.kind is null or rs.party_kind::text = p.kind)
     left join product_projection pv on pv.id = rs.product_id
     where rs.settlement_id = $1 order by pv.code, rs.product_id, rs.ordinal`,
    [settlementId, parties.map((p) => p.partyId), parties.map((p) => p.kind)],
  );
}

/** Every party of a settlement (share parties and developers), in a stable order. */
export async function statementParties(em: Em, settlementId: string): Promise<{ kind: string; partyId: string }[]> {
  const k = db(em);
  const rows = await k
    .selectFrom('revenue_share')
    .select((eb) => [eb.cast<string>('party_kind', 'text').as('kind'), 'party_id'])
    .where('settlement_id', '=', settlementId)
    .union(k.selectFrom('settlement_line').select((eb) => [eb.cast<string>(eb.val('DEVELOPER'), 'text').as('kind'), eb.cast<string>('developer_id', 'text').as('party_id')]).where('settlement_id', '=', settlementId))
    .orderBy('kind')
    .orderBy('party_id')
    .execute();
  return rows.map((r) => ({ kind: r.kind, partyId: r.party_id }));
}

/** Names of organisations (loader): one statement per batch. */
export function orgNames(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('org_projection').select((eb) => [eb.cast<string>('id', 'text').as('id'), 'name_zh']).where((eb) => eb(eb.cast('id', 'text'), 'in', ids)).execute();
}

/** Codes and names of products (loader): one statement per batch. */
export function productNames(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('product_projection').select((eb) => [eb.cast<string>('id', 'text').as('id'), 'code', 'name_zh']).where((eb) => eb(eb.cast('id', 'text'), 'in', ids)).execute();
}

/** Organisations by id with their kinds, as registered (party checks of ledger and plan input). */
export function orgKinds(em: Em, ids: string[]) {
  return db(em).selectFrom('org_projection').select((eb) => [eb.cast<string>('id', 'text').as('id'), 'kinds']).where((eb) => eb(eb.cast('id', 'text'), 'in', ids)).execute();
}
