import { sql, type Em } from '@pdo/platform';
import type { ScoreOf } from './contribution.js';

/**
 * Every source unit's inputs and scores for a period, in one set-based statement (hand-written: CTEs over six
 * projections with per-unit aggregates and jurisdiction maxima; no per-unit round trips). Source units are those with
 * a resource in the jurisdiction's catalog during the period (domain/contribution.ts explains the dimensions):
 * - quantity: 50 × resources/max + 50 × records/max
 * - quality: 70 % × mean quality score + 30 × share of corrections answered on time (all on time when none were due)
 * - application: 50 × listed products drawing on its resources/max + 50 × usage units of those products/max
 * - revenue: its source-unit settlement shares in the period / max
 */
export async function computeScores(
  em: Em,
  jurisdiction: string,
  periodStart: string,
  periodEnd: string,
  w: { quantity: string; quality: string; application: string; revenue: string },
): Promise<ScoreOf[]> {
  return sql<ScoreOf>(
    em,
    `
    with bounds as (
      select ($2::date)::timestamp at time zone 'Asia/Shanghai' as t0,
             ($3::date + 1)::timestamp at time zone 'Asia/Shanghai' as t1
    ),
    res as (
      select r.* from resource_projection r, bounds b
       where r.jurisdiction = $1 and r.published_at < b.t1 and (r.withdrawn_at is null or r.withdrawn_at >= b.t0)
    ),
    agencies as (select distinct source_agency_id as agency_id from res),
    qty as (
      select source_agency_id as agency_id, count(*)::int as resource_count, sum(record_count)::bigint as record_count, avg(quality) as avg_quality
        from res group by source_agency_id
    ),
    corr as (
      select source_agency_id as agency_id, count(*)::int as answered, count(*) filter (where on_time)::int as on_time
        from correction_projection where jurisdiction = $1 and answered_on between $2::date and $3::date group by source_agency_id
    ),
    prod as (
      select distinct pr.source_agency_id as agency_id, p.id as product_id
        from product_projection p join product_resource_projection pr on pr.product_id = p.id, bounds b
       where p.jurisdiction = $1 and p.listed_at is not null and p.listed_at < b.t1 and (p.delisted_at is null or p.delisted_at >= b.t0)
    ),
    usage as (
      select pa.agency_id, count(distinct pa.product_id)::int as product_count, coalesce(sum(u.units), 0)::bigint as units
        from prod pa
        left join lateral (select sum(units) as units from usage_projection u, bounds b where u.product_id = pa.product_id and u.occurred_at >= b.t0 and u.occurred_at < b.t1) u on true
       group by pa.agency_id
    ),
    rev as (
      select party_id::uuid as agency_id, sum(amount_fen)::bigint as fen from settlement_share_projection
       where jurisdiction = $1 and party_kind = 'SOURCE_AGENCY' and period_start >= $2::date and period_end <= $3::date group by party_id
    ),
    inputs as (
      select a.agency_id, o.name_zh as agency_name,
             coalesce(q.resource_count, 0) as resource_count, coalesce(q.record_count, 0) as record_count, coalesce(q.avg_quality, 0) as avg_quality,
             coalesce(c.answered, 0) as corrections_answered, coalesce(c.on_time, 0) as corrections_on_time,
             coalesce(u.product_count, 0) as product_count, coalesce(u.units, 0) as usage_units, coalesce(rv.fen, 0) as revenue_fen
        from agencies a left join qty q using (agency_id) left join corr c using (agency_id) left join usage u using (agency_id)
        left join rev rv using (agency_id) left join org_projection o on o.id = a.agency_id
    ),
    maxima as (
      select max(resource_count) as max_resources, max(record_count) as max_records, max(product_count) as max_products,
             max(usage_units) as max_units, max(revenue_fen) as max_revenue_fen from inputs
    ),
    scored as (
      select i.*, m.*,
        round(50 * i.resource_count::numeric / nullif(m.max_resources, 0) + 50 * i.record_count::numeric / nullif(m.max_records, 0), 2) as quantity_raw,
        round(0.7 * i.avg_quality + 30 * case when i.corrections_answered = 0 then 1 else i.corrections_on_time::numeric / i.corrections_answered end, 2) as quality,
        round(coalesce(50 * i.product_count::numeric / nullif(m.max_products, 0), 0) + coalesce(50 * i.usage_units::numeric / nullif(m.max_units, 0), 0), 2) as application,
        round(coalesce(100 * i.revenue_fen::numeric / nullif(m.max_revenue_fen, 0), 0), 2) as revenue
        from inputs i cross join maxima m
    )
    select agency_id, agency_name, resource_count, record_count::text, round(avg_quality, 2)::text as avg_quality, corrections_answered, corrections_on_time,
           product_count, usage_units::text, revenue_fen::text, max_resources, max_records::text, max_products, max_units::text, max_revenue_fen::text,
           coalesce(quantity_raw, 0)::text as quantity, quality::text, application::text, revenue::text,
           round((coalesce(quantity_raw, 0) * $4::numeric + quality * $5::numeric + application * $6::numeric + revenue * $7::numeric) / 100, 2)::text as total
      from scored
     -- by the number, not by the text alias of the same name ("100.00" would sort below "95.00")
     order by round((coalesce(quantity_raw, 0) * $4::numeric + quality * $5::numeric + application * $6::numeric + revenue * $7::numeric) / 100, 2) desc, agency_id
    `,
    [jurisdiction, periodStart, periodEnd, w.quantity, w.quality, w.application, w.revenue],
  );
}
