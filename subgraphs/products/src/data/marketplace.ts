import { sql, type Em } from '@pdo/platform';
import { queryGrams } from '../domain/rules.js';
import { OPERATOR_NAME, productColumns, toProductNamed, type ProductRow } from './rows.js';

/*
 * The public marketplace: search, filters, facets and sorts. Hand-written SQL: the filters, the bigram search and its
 * rank, the price in force, the facets over grouping sets and the per-search cache are one set-based statement each
 * (see marketplaceStatements); a query builder would hide what the indexes of migration 0014 are built for.
 *
 * Both statements read market_listing (migration 0014), the narrow projection of listed products, never data_product's
 * wide rows; the page then reads the full rows of its products by id. The facets, the total and the relevance order
 * of a search are kept in market_search per term and filters, stamped with the listing version they were computed
 * at: a repeated search is a one-row read until a listing change raises the version.
 */
const PRODUCT_SELECT = `${productColumns.map((c) => `d.${c}`).join(', ')}, ${OPERATOR_NAME}`;

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

/** How many products of a search's relevance order are kept with it: the first ten pages of 20; deeper pages rank live. */
export const RANKED_DEPTH = 200;

/** The price in force (free products cost nothing), joined once per query, never per row. `$today` is the date's placeholder. */
export const PRICE_JOIN = (today: string) => `left join lateral (
    select pv.amount_fen from price_projection pv
     where pv.product_id = p.id and pv.kind = 'PRICE' and pv.effective_from <= ${today}::date
     order by pv.effective_from desc limit 1) pr on true`;
export const PRICE_EXPR = `(case when p.category = 'FREE' then 0 else pr.amount_fen end)`;

/**
 * Builds the WHERE clause shared by the page and the facets, so facet counts add up to the total; `p` is a listed
 * product (market_listing, or data_product with `listedOnly` for the recount of the tests and the invariant).
 * A statement gets exactly the parameters it references: the date only when it joins the price lateral
 * (`page.priced`: price bounds, price sorts), the rank's phrase only when it ranks.
 */
export function where(today: string, filter: MarketFilter, search: string | null, page: { priced: boolean; ranked: boolean; listedOnly?: boolean }) {
  const priced = filter.minPriceFen != null || filter.maxPriceFen != null;
  const params: unknown[] = priced || page.priced ? [today] : [];
  const conds = page.listedOnly ? [`p.listing_status = 'LISTED'`] : ['true'];
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
      if (page.ranked) rank = rankOf(g, `p.name ilike ${l}`, `p.search_text ilike ${l}`);
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

/** The order of each sort over a row alias `a` carrying id, listed_at, usage_units and the computed rank and price. */
export const ORDER = (a: string): Record<MarketSort, string> => ({
  RELEVANCE: `rank desc, ${a}.listed_at desc, ${a}.id`,
  NEWEST: `${a}.listed_at desc, ${a}.id`,
  MOST_USED: `${a}.usage_units desc, ${a}.listed_at desc, ${a}.id`,
  PRICE_ASC: `price asc nulls last, ${a}.listed_at desc, ${a}.id`,
  PRICE_DESC: `price desc nulls last, ${a}.listed_at desc, ${a}.id`,
});

/**
 * The facets of the matches `m` (their six facet columns), the four single-valued ones in one hash aggregate over
 * grouping sets, the two array facets by unnesting; ordered by facet, count desc, value. The total is the sum of the
 * category facet (every product has exactly one category), so no count(*) over the matches is needed.
 */
const FACETS_OF_M = `f as (
     select case when grouping(jurisdiction) = 0 then 'jurisdiction' when grouping(form) = 0 then 'form'
                 when grouping(category) = 0 then 'category' else 'operator' end as facet,
            coalesce(jurisdiction, form, category, operator_id::text) as value, count(*)::int as count
       from m group by grouping sets ((jurisdiction), (form), (category), (operator_id))
     union all select 'sector', s, count(*)::int from (select unnest(m.sectors) as s from m) x group by 2
     union all select 'sourceAgency', a::text, count(*)::int from (select unnest(m.source_agency_ids) as a from m) x group by 2)`;
const FRESH = (ranked: boolean, guard: string) => `fresh as (
     select coalesce((select sum(count) from f where facet = 'category'), 0)::int as total,
            coalesce((select jsonb_agg(jsonb_build_array(facet, value, count) order by facet, count desc, value) from f), '[]'::jsonb) as facets,
            ${ranked ? `coalesce((select array_agg(t.id order by t.rank desc, t.listed_at desc, t.id) from (select id, rank, listed_at from m order by rank desc, listed_at desc, id limit ${RANKED_DEPTH}) t), '{}'::uuid[])` : 'null::uuid[]'} as ranked
      ${guard})`;

/** What identifies a search for the cache: the trimmed phrase and the filters as sets (their order and repeats do not change the matches). */
export function searchKey(filter: MarketFilter, q: string, ranked: boolean): string {
  const set = (v?: string[] | null) => (v?.length ? [...new Set(v)].sort() : null);
  const { jurisdictions, sectors, forms, categories, operatorIds, sourceUnitIds } = filter;
  return JSON.stringify([q, set(jurisdictions), set(sectors), set(forms), set(categories), set(operatorIds), set(sourceUnitIds), ranked]);
}

/**
 * The first statement: the total, the facets and (for a relevance page of a search) the first RANKED_DEPTH products
 * in relevance order. Without a price bound the answer is kept: the cached row of this search at the current listing
 * version if there is one (then the matches are never read: `not exists (select 1 from hit)` is a one-time filter),
 * else computed from market_listing and stored, in the same statement. A price bound depends on the price in force
 * and today's date, so those searches are computed every time.
 */
export function facetsStatement(today: string, filter: MarketFilter, search: string | null, ranked: boolean) {
  const w = where(today, filter, search, { priced: false, ranked });
  const cached = filter.minPriceFen == null && filter.maxPriceFen == null;
  const matches = (guard: string) => `m as materialized (
       select p.id, p.jurisdiction, p.form, p.category, p.operator_id, p.sectors, p.source_agency_ids${ranked ? `, ${w.rank} as rank, p.listed_at` : ''}
         from market_listing p ${w.priced ? PRICE_JOIN('$1') : ''}
        where ${guard}${w.clause})`;
  if (!cached) {
    return { text: `with ${matches('')}, ${FACETS_OF_M}, ${FRESH(ranked, '')} select total, facets, ranked from fresh`, params: w.params };
  }
  const params = [...w.params, searchKey(filter, search?.trim() ?? '', ranked)];
  const key = `$${params.length}`;
  const text = `with cur as (select version from market_listing_version),
     hit as materialized (select s.total, s.facets, s.ranked from market_search s join cur on s.listing_version = cur.version where s.key = ${key}),
     ${matches('not exists (select 1 from hit) and ')},
     ${FACETS_OF_M},
     ${FRESH(ranked, 'where not exists (select 1 from hit)')},
     put as (insert into market_search (key, listing_version, total, facets, ranked)
             select ${key}, cur.version, fresh.total, fresh.facets, fresh.ranked from fresh, cur
             on conflict (key) do update set listing_version = excluded.listing_version, total = excluded.total, facets = excluded.facets, ranked = excluded.ranked, kept_at = now()
              where market_search.listing_version < excluded.listing_version)
     select total, facets, ranked from hit union all select total, facets, ranked from fresh`;
  return { text, params };
}

/** The second statement when the page lies within the kept relevance order: the full rows of its products, by id. */
export function rowsByIdStatement(ids: string[]) {
  return {
    text: `select ${PRODUCT_SELECT} from unnest($1::uuid[]) with ordinality u(id, n) join data_product d on d.id = u.id
            where d.listing_status = 'LISTED' order by u.n`,
    params: [ids],
  };
}

/**
 * The second statement otherwise: the page's ids from market_listing (no window count, so a NEWEST / MOST_USED page
 * stops after `limit` rows of an index), then their full rows from data_product.
 */
export function pageStatement(today: string, filter: MarketFilter, search: string | null, sort: MarketSort, limit: number, offset: number) {
  const priced = sort === 'PRICE_ASC' || sort === 'PRICE_DESC' || filter.minPriceFen != null || filter.maxPriceFen != null;
  const w = where(today, filter, search, { priced, ranked: sort === 'RELEVANCE' });
  const text = `select ${PRODUCT_SELECT}, m.rank${priced ? ', m.price' : ''}
       from (select p.id, p.listed_at, p.usage_units, ${w.rank} as rank${priced ? `, ${PRICE_EXPR} as price` : ''}
               from market_listing p ${priced ? PRICE_JOIN('$1') : ''}
              where ${w.clause}
              order by ${ORDER('p')[sort]}
              limit ${Number(limit)} offset ${Number(offset)}) m
       join data_product d on d.id = m.id
      order by ${ORDER('m')[sort]}`;
  return { text, params: w.params };
}

interface FacetsAnswer {
  total: number;
  facets: [string, string, number][];
  ranked: string[] | null;
}

/** Two statements per call, constant in the page size; with a kept search, constant in the number of matches too. */
export async function searchMarketplace(em: Em, today: string, filter: MarketFilter, search: string | null, sort: MarketSort, limit: number, offset: number) {
  const ranked = sort === 'RELEVANCE' && !!search?.trim();
  const f = facetsStatement(today, filter, search, ranked);
  const [answer] = await sql<FacetsAnswer>(em, f.text, f.params);
  const { total, facets, ranked: order } = answer!;
  const kept = order != null && (offset + limit <= order.length || order.length === total);
  const p = kept ? rowsByIdStatement(order.slice(offset, offset + limit)) : pageStatement(today, filter, search, sort, limit, offset);
  const rows: ProductRow[] = (await sql<Parameters<typeof toProductNamed>[0]>(em, p.text, p.params)).map(toProductNamed);
  return { rows, total, facets: facets.map(([facet, value, count]) => ({ facet, value, count }) satisfies FacetRow) };
}
