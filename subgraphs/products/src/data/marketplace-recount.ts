import { sql, type Em } from '@pdo/platform';
import { productColumns, toProduct } from './rows.js';
import { ORDER, PRICE_EXPR, PRICE_JOIN, where, type FacetRow, type MarketFilter, type MarketSort } from './marketplace.js';

/*
 * The marketplace answered the straightforward way, from data_product's rows and without the per-search cache: what
 * market_listing and market_search (migration 0014) must always agree with. Read by the products invariant and the
 * tests, never by a request. Hand-written SQL for the same reason as data/marketplace.ts.
 */
export async function recountMarketplace(em: Em, today: string, filter: MarketFilter, search: string | null, sort: MarketSort, limit: number, offset: number) {
  const priced = sort === 'PRICE_ASC' || sort === 'PRICE_DESC' || filter.minPriceFen != null || filter.maxPriceFen != null;
  const w = where(today, filter, search, { priced, ranked: true, listedOnly: true });
  const rows = await sql<Parameters<typeof toProduct>[0]>(
    em,
    `select ${productColumns.map((c) => `p.${c}`).join(', ')}, ${w.rank} as rank${priced ? `, ${PRICE_EXPR} as price` : ''}
       from data_product p ${priced ? PRICE_JOIN('$1') : ''} where ${w.clause}
      order by ${ORDER('p')[sort]} limit ${Number(limit)} offset ${Number(offset)}`,
    w.params,
  );
  const f = where(today, filter, search, { priced: false, ranked: false, listedOnly: true });
  const facets = await sql<FacetRow>(
    em,
    `with m as (select p.* from data_product p ${f.priced ? PRICE_JOIN('$1') : ''} where ${f.clause})
     select 'jurisdiction' as facet, jurisdiction as value, count(*)::int as count from m group by 2
     union all select 'form', form, count(*)::int from m group by 2
     union all select 'category', category, count(*)::int from m group by 2
     union all select 'operator', operator_id::text, count(*)::int from m group by 2
     union all select 'sector', s, count(*)::int from m, unnest(m.sectors) s group by 2
     union all select 'sourceAgency', a::text, count(*)::int from m, unnest(m.source_agency_ids) a group by 2
     order by 1, 3 desc, 2`,
    f.params,
  );
  const [{ n }] = (await sql<{ n: number }>(em, `select count(*)::int as n from data_product p ${f.priced ? PRICE_JOIN('$1') : ''} where ${f.clause}`, f.params)) as [{ n: number }];
  return { rows: rows.map(toProduct), total: n, facets };
}

/** Listed products whose market_listing row is missing, stale or left behind (migration 0014's trigger keeps it). */
export async function marketListingDrift(em: Em): Promise<string[]> {
  const cols = 'id, jurisdiction, form, category, operator_id, sectors, source_agency_ids, name, search_text, search_grams, listed_at, usage_units';
  const rows = await sql<{ id: string; side: string }>(
    em,
    `(select id, 'product' as side from (select ${cols} from data_product where listing_status = 'LISTED' except select ${cols} from market_listing) a)
     union all (select id, 'listing' from (select ${cols} from market_listing except select ${cols} from data_product where listing_status = 'LISTED') b)`,
  );
  const sides = new Map<string, string[]>();
  for (const r of rows) sides.set(r.id, [...(sides.get(r.id) ?? []), r.side]);
  const what = (s: string[]) => (s.length === 2 ? 'stale' : s[0] === 'product' ? 'missing' : 'left behind');
  return [...sides].map(([id, s]) => `product ${id}: market_listing row ${what(s)} (differs from the listed product)`);
}
