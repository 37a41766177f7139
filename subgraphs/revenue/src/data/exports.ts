import { sql, type Em } from '@pdo/platform';

/**
 * The rows of the settlement exports (services/exports.ts builds the files). Hand-written joins over the projections
 * (names, codes) and the view `settled_charge` (which charges a settlement took: its boxes of days and seq ranges),
 * capped at `limit` rows so an oversized export is refused before it is built.
 */
export function settlementShareRows(em: Em, settlementId: string, limit: number) {
  return sql<{ party_kind: string; party_id: string; party_name: string | null; code: string; product_name: string; weight: string; basis: string; amount: string }>(
    em,
    `select rs.party_kind, rs.party_id, o.name_zh as party_name, coalesce(pv.code, '') as code, coalesce(pv.name_zh, '') as product_name, rs.weight::text as weight, rs.basis, rs.amount_fen::text as amount
       from revenue_share rs left join product_projection pv on pv.id = rs.product_id left join org_projection o on o.id::text = rs.party_id
      where rs.settlement_id = $1 order by rs.party_kind, rs.party_id, pv.code, rs.product_id, rs.ordinal limit $2`,
    [settlementId, limit],
  );
}

export function settlementLineRows(em: Em, settlementId: string, limit: number) {
  return sql<{ code: string; product_name: string; developer_id: string; developer_name: string | null; charge_count: string; units: string; amount: string; from_start: string | null; from_end: string | null }>(
    em,
    `select coalesce(pv.code, '') as code, coalesce(pv.name_zh, '') as product_name, sl.developer_id::text as developer_id, o.name_zh as developer_name, sl.charge_count::text as charge_count, sl.units::text as units,
            sl.revenue_fen::text as amount, f.period_start::text as from_start, f.period_end::text as from_end
       from settlement_line sl left join product_projection pv on pv.id = sl.product_id left join org_projection o on o.id = sl.developer_id left join settlement f on f.id = sl.carried_from
      where sl.settlement_id = $1 order by pv.code, sl.product_id, sl.developer_id, f.period_start nulls first limit $2`,
    [settlementId, limit],
  );
}

export function statementChargeRows(em: Em, settlementId: string, products: string[], scope: { developerId: string | null; operatorId: string | null }, limit: number) {
  return sql<{ id: string; occurred_at: string; code: string; product_name: string; developer_id: string; developer_name: string | null; charging_unit: string; units: string; unit_price: string | null; amount: string; priced: boolean; carried_from: string | null }>(
    em,
    `select c.id::text as id, c.occurred_at, coalesce(pv.code, '') as code, coalesce(pv.name_zh, '') as product_name, c.developer_id::text as developer_id, o.name_zh as developer_name,
            c.charging_unit, c.units::text as units, c.unit_price_fen::text as unit_price, c.amount_fen::text as amount, c.priced, sc.carried_from::text as carried_from
       from settled_charge sc join charge c on c.id = sc.charge_id
       left join product_projection pv on pv.id = c.product_id left join org_projection o on o.id = c.developer_id
      where sc.settlement_id = $1 and c.product_id = any($2::uuid[]) and ($3::uuid is null or c.developer_id = $3) and ($4::uuid is null or c.operator_id = $4)
      order by c.occurred_at, c.id limit $5`,
    [settlementId, products, scope.developerId, scope.operatorId, limit],
  );
}
