import { sql, type Em } from '@pdo/platform';
import { queryGrams } from '../domain/rules.js';
import { productColumns, toProduct, type ProductRow } from './rows.js';

/*
 * The public marketplace: search, filters, facets and sorts. Hand-written SQL: the filters, the bigram search and its
 * rank, the price in force and the facets over grouping sets are one set-based statement each (see
 * marketplaceStatements); a query builder would hide what the indexes of migrations 0003 and 0004 are built for.
 */
const PRODUCT_SELECT = productColumns.map((c) => `p.${c}`).join(', ');

export interface MarketFilter {
  jurisdictions?: string[] | null;
  sectors?: string[] | null;
  forms?: string[] | null;
  categories?: string[] | null;
  operatorIds?: string[] | null;
  sourceUnitIds?: string[] | null;
  minPriceFen?: bigint | null;
  maxPriceFen?: bigint | null;
}
export type MarketSort = 'RELEVANCE' | 'NEWEST' | 'MOST_USED' | 'PRICE_ASC' | 'PRICE_DESC';

export interface FacetRow {
  facet: string;
  value: string;
  count: number;
}

/** The price in force (free products cost nothing), joined once per query, never per row. `$today` is the date's placeholder. */
const PRICE_JOIN = (today: string) => `left join lateral (
    select pv.amount_fen from price_projection pv
     where pv.product_id = p.id and pv.kind = 'PRICE' and pv.effective_from <= ${today}::date
     order by pv.effective_from desc limit 1) pr on true`;
const PRICE_EXPR = `(case when p.category = 'FREE' then 0 else pr.amount_fen end)`;

/**
 * Builds the WHERE clause shared by the page and the facets, so facet counts add up to the total.
 * A statement gets exactly the parameters it references: the date only when it joins the price
 * lateral (`page.priced`: price bounds, price sorts), the rank's phrase only when it ranks.
 */
function where(today: string, filter: MarketFilter, search: string | null, page: { priced: boolean; ranked: boolean }) {
  const priced = filter.minPriceFen != null || filter.maxPriceFen != null;
  const params: unknown[] = priced || page.priced ? [today] : [];
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
  if (filter.sourceUnitIds?.length) conds.push(`p.source_agency_ids && ${add(filter.sourceUnitIds)}::uuid[]`);
  if (filter.minPriceFen != null) conds.push(`${PRICE_EXPR} >= ${add(filter.minPriceFen.toString())}::bigint`);
  if (filter.maxPriceFen != null) conds.push(`${PRICE_EXPR} <= ${add(filter.maxPriceFen.toString())}::bigint`);
  let rank = '0';
  const q = search?.trim();
  if (q) {
    const grams = queryGrams(q);
    const g = add(grams);
    if (CASELESS_CJK.test(q)) {
      // A query of Chinese text (and spaces / punctuation) has no case and no latin word that could
      // match part of a longer word, so every product containing the phrase also contains all its
      // bigrams: the bigram test alone finds the same products, through the GIN index on
      // search_grams, and plain containment (strpos) is exactly ILIKE '%q%' for a caseless phrase.
      // Relies on search_grams = searchGrams(search_text), which indexProduct keeps (its only writer).
      conds.push(`p.search_grams @> ${g}::text[]`);
      if (page.ranked) {
        const raw = add(q);
        rank = rankOf(g, `strpos(p.name, ${raw}) > 0`, `strpos(p.search_text, ${raw}) > 0`);
      }
    } else {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const l = add(like);
      // Every query token must occur (bigram AND), or the phrase itself (a latin prefix such as "cred"); name hits rank first.
      conds.push(`(p.search_grams @> ${g}::text[] or p.search_text ilike ${l})`);
      rank = rankOf(g, `p.name ilike ${l}`, `p.search_text ilike ${l}`);
    }
  }
  return { params, clause: conds.join(' and '), rank, priced };
}

/** Chinese characters, whitespace and punctuation only: no letters or digits, so nothing with case. */
const CASELESS_CJK = /^[\u3400-\u9fff\uf900-\ufaff\p{Z}\p{P}\s]+$/u;

/**
 * Query grams the product has (the query's grams are distinct and few, so probing each one counts
 * the same as intersecting the two sets, without unnesting and hashing every product's grams),
 * +10 for a name containing the phrase, +3 for any text containing it.
 */
const rankOf = (grams: string, inName: string, inText: string) =>
  `((select count(*) from unnest(${grams}::text[]) qg where qg = any(p.search_grams))::int
    + case when ${inName} then 10 else 0 end + case when ${inText} then 3 else 0 end)`;

const ORDER: Record<MarketSort, string> = {
  RELEVANCE: 'rank desc, p.listed_at desc, p.id',
  NEWEST: 'p.listed_at desc, p.id',
  MOST_USED: 'p.usage_units desc, p.listed_at desc, p.id',
  PRICE_ASC: 'price asc nulls last, p.listed_at desc, p.id',
  PRICE_DESC: 'price desc nulls last, p.listed_at desc, p.id',
};

/**
 * The two statements of one marketplace call, whatever the page size:
 * - the page: no window count, so a NEWEST / MOST_USED page stops after `limit` rows of an index
 *   instead of materialising (and pricing) every match to count it;
 * - the facets: the matches are read from the table once (only the six facet columns, kept in a
 *   materialised CTE), the four single-valued facets are counted in one hash aggregate over
 *   grouping sets, the two array facets by unnesting the CTE; the price lateral is no longer
 *   joined for facets unless a price bound asks for it. The total is the sum of the category
 *   facet (every product has exactly one category), so the page needs no count(*) over ().
 */
export function marketplaceStatements(today: string, filter: MarketFilter, search: string | null, sort: MarketSort, limit: number, offset: number) {
  const pricedPage = sort === 'PRICE_ASC' || sort === 'PRICE_DESC' || filter.minPriceFen != null || filter.maxPriceFen != null;
  const w = where(today, filter, search, { priced: pricedPage, ranked: true });
  const f = where(today, filter, search, { priced: false, ranked: false });
  const page = `select ${PRODUCT_SELECT}, ${w.rank} as rank${pricedPage ? `, ${PRICE_EXPR} as price` : ''}
       from data_product p ${pricedPage ? PRICE_JOIN('$1') : ''}
      where ${w.clause}
      order by ${ORDER[sort]}
      limit ${Number(limit)} offset ${Number(offset)}`;
  const facets = `with m as materialized (
       select p.jurisdiction, p.form, p.category, p.operator_id, p.sectors, p.source_agency_ids
         from data_product p ${f.priced ? PRICE_JOIN('$1') : ''}
        where ${f.clause})
     select case when grouping(jurisdiction) = 0 then 'jurisdiction' when grouping(form) = 0 then 'form'
                 when grouping(category) = 0 then 'category' else 'operator' end as facet,
            coalesce(jurisdiction, form, category, operator_id::text) as value, count(*)::int as count
       from m group by grouping sets ((jurisdiction), (form), (category), (operator_id))
     union all select 'sector', s, count(*)::int from (select unnest(m.sectors) as s from m) x group by 2
     union all select 'sourceAgency', a::text, count(*)::int from (select unnest(m.source_agency_ids) as a from m) x group by 2
     order by 1, 3 desc, 2`;
  return { page, pageParams: w.params, facets, facetParams: f.params };
}

/** Two statements per call, constant in the page size and the number of products. */
export async function searchMarketplace(em: Em, today: string, filter: MarketFilter, search: string | null, sort: MarketSort, limit: number, offset: number) {
  const s = marketplaceStatements(today, filter, search, sort, limit, offset);
  const rows: ProductRow[] = (await sql<Parameters<typeof toProduct>[0]>(em, s.page, s.pageParams)).map(toProduct);
  const facets = await sql<FacetRow>(em, s.facets, s.facetParams);
  const total = facets.filter((f) => f.facet === 'category').reduce((n, f) => n + f.count, 0);
  return { rows, total, facets };
}
