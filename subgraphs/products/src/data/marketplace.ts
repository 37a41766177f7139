import { sql } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryGrams } from '../domain/rules.js';
import { PRODUCT_COLS, type ProductRow } from './rows.js';

export interface MarketFilter {
  jurisdictions?: string[] | null;
  sectors?: string[] | null;
  forms?: string[] | null;
  categories?: string[] | null;
  operatorIds?: string[] | null;
  sourceAgencyIds?: string[] | null;
  minPriceFen?: bigint | null;
  maxPriceFen?: bigint | null;
}
export type MarketSort = 'RELEVANCE' | 'NEWEST' | 'MOST_USED' | 'PRICE_ASC' | 'PRICE_DESC';

export interface FacetRow {
  facet: string;
  value: string;
  count: number;
}

/** The price in force (free products cost nothing), joined once per query, never per row. */
const PRICE_JOIN = `left join lateral (
    select pv.amount_fen from price_view pv
     where pv.product_id = p.id and pv.kind = 'PRICE' and pv.effective_from <= $1::date
     order by pv.effective_from desc limit 1) pr on true`;
const PRICE_EXPR = `(case when p.category = 'FREE' then 0 else pr.amount_fen end)`;

/** Builds the WHERE clause shared by the page and the facets, so facet counts add up to the total. */
function where(today: string, filter: MarketFilter, search: string | null) {
  const params: unknown[] = [today];
  const conds = [`p.listing_status = 'LISTED'`];
  const add = (v: unknown) => `$${params.push(v)}`;
  const any = (col: string, vals: string[] | null | undefined, cast: string) => {
    if (vals?.length) conds.push(`${col} = any(${add(vals)}::${cast}[])`);
  };
  any('p.jurisdiction', filter.jurisdictions, 'text');
  any('p.form', filter.forms, 'text');
  any('p.category', filter.categories, 'text');
  any('p.operator_id', filter.operatorIds, 'uuid');
  if (filter.sectors?.length) conds.push(`p.sectors && ${add(filter.sectors)}::text[]`);
  if (filter.sourceAgencyIds?.length) conds.push(`p.source_agency_ids && ${add(filter.sourceAgencyIds)}::uuid[]`);
  if (filter.minPriceFen != null) conds.push(`${PRICE_EXPR} >= ${add(filter.minPriceFen.toString())}::bigint`);
  if (filter.maxPriceFen != null) conds.push(`${PRICE_EXPR} <= ${add(filter.maxPriceFen.toString())}::bigint`);
  let rank = '0';
  const q = search?.trim();
  if (q) {
    const grams = queryGrams(q);
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const g = add(grams);
    const l = add(like);
    // Every query token must occur (bigram AND), or the phrase itself; name hits rank first.
    conds.push(`(p.search_grams @> ${g}::text[] or p.search_text ilike ${l})`);
    rank = `(cardinality(array(select unnest(p.search_grams) intersect select unnest(${g}::text[])))
             + case when p.name ilike ${l} then 10 else 0 end + case when p.search_text ilike ${l} then 3 else 0 end)`;
  }
  return { params, clause: conds.join(' and '), rank };
}

const ORDER: Record<MarketSort, string> = {
  RELEVANCE: 'rank desc, p.listed_at desc, p.id',
  NEWEST: 'p.listed_at desc, p.id',
  MOST_USED: 'p.usage_units desc, p.listed_at desc, p.id',
  PRICE_ASC: 'price asc nulls last, p.listed_at desc, p.id',
  PRICE_DESC: 'price desc nulls last, p.listed_at desc, p.id',
};

/** One statement for the page and its total, one for every facet: constant in the number of products. */
export async function searchMarketplace(em: EntityManager, today: string, filter: MarketFilter, search: string | null, sort: MarketSort, limit: number, offset: number) {
  const w = where(today, filter, search);
  const page = await sql<ProductRow & { total: number }>(
    em,
    `select ${PRODUCT_COLS}, ${w.rank} as rank, ${PRICE_EXPR} as price, count(*) over ()::int as total
       from data_product p ${PRICE_JOIN}
      where ${w.clause}
      order by ${ORDER[sort]}
      limit ${Number(limit)} offset ${Number(offset)}`,
    w.params,
  );
  const facets = await sql<FacetRow>(
    em,
    `with m as (select p.* from data_product p ${PRICE_JOIN} where ${w.clause})
     select 'jurisdiction' as facet, jurisdiction as value, count(*)::int as count from m group by 2
     union all select 'form', form, count(*)::int from m group by 2
     union all select 'category', category, count(*)::int from m group by 2
     union all select 'operator', operator_id::text, count(*)::int from m group by 2
     union all select 'sector', s, count(*)::int from m, unnest(m.sectors) s group by 2
     union all select 'sourceAgency', a::text, count(*)::int from m, unnest(m.source_agency_ids) a group by 2
     order by 1, 3 desc, 2`,
    w.params,
  );
  const total = page[0]?.total ?? facets.filter((f) => f.facet === 'jurisdiction').reduce((s, f) => s + f.count, 0);
  return { rows: page, total, facets };
}
