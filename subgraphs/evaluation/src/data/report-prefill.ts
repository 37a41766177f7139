import { sql, type Em } from '@pdo/platform';
import type { ReportPrefill } from './tables.js';

/**
 * Figures the platform already knows for an operator and period, in one statement (hand-written: seven aggregates over
 * five projections and the incidents, assembled into one jsonb document by the database).
 */
export async function prefill(em: Em, operatorId: string, periodStart: string, periodEnd: string): Promise<ReportPrefill> {
  const rows = await sql<{ p: ReportPrefill }>(
    em,
    `with b as (select ($2::date)::timestamp at time zone 'Asia/Shanghai' as t0, ($3::date + 1)::timestamp at time zone 'Asia/Shanghai' as t1),
     prods as (
       select p.id, p.product_code, p.name_zh from product_projection p, b
        where p.operator_id = $1 and p.listed_at is not null and p.listed_at < b.t1 and (p.delisted_at is null or p.delisted_at >= b.t0)
     ),
     per_product as (
       select pr.id, pr.product_code, pr.name_zh,
              (select coalesce(sum(u.units), 0) from usage_projection u, b where u.product_id = pr.id and u.occurred_at >= b.t0 and u.occurred_at < b.t1)::text as units,
              (select coalesce(sum(s.amount_fen), 0) from settlement_share_projection s where s.product_id = pr.id and s.party_id = $1::text and s.period_start >= $2::date and s.period_end <= $3::date)::text as fen
         from prods pr
     )
     select jsonb_build_object(
       'listedProducts', (select count(*) from prods),
       'usageUnits', (select coalesce(sum(u.units), 0)::text from usage_projection u, b where u.operator_id = $1 and u.occurred_at >= b.t0 and u.occurred_at < b.t1),
       'newUsageAgreements', (select count(*) from usage_agreement_projection a where a.operator_id = $1 and a.start_date between $2::date and $3::date),
       'secondaryDevelopers', (select count(distinct developer_id) from usage_agreement_projection a where a.operator_id = $1 and a.start_date <= $3::date and a.end_date >= $2::date),
       'revenueFen', (select coalesce(sum(amount_fen), 0)::text from settlement_share_projection s where s.party_id = $1::text and s.period_start >= $2::date and s.period_end <= $3::date),
       'incidents', (select count(*) from security_incident i, b where i.operator_id = $1 and i.occurred_at >= b.t0 and i.occurred_at < b.t1),
       'products', coalesce((select jsonb_agg(jsonb_build_object('productId', id, 'productCode', product_code, 'name', name_zh, 'usageUnits', units, 'revenueFen', fen) order by product_code) from per_product), '[]'::jsonb),
       'priceChanges', coalesce((select jsonb_agg(jsonb_build_object('productId', product_id, 'kind', kind, 'chargingUnit', charging_unit, 'amountFen', amount_fen::text, 'effectiveFrom', effective_from::text) order by effective_from, id)
                         from price_projection where operator_id = $1 and effective_from between $2::date and $3::date), '[]'::jsonb)
     ) as p`,
    [operatorId, periodStart, periodEnd],
  );
  return rows[0]!.p;
}
