import { sql, type Em } from '@pdo/platform';

/**
 * How many searches market_search keeps at most. A kept search is at most RANKED_DEPTH ids and its facets (a few KB):
 * 10,000 of them stay in the tens of MB whatever stream of distinct terms the public sends, and cover far more
 * distinct searches than a listing version lives to see (packages/bench/README.md, "What each statement of a listing costs").
 */
export const KEPT_SEARCHES = 10_000;

/**
 * Bounds market_search (migration 0017): searches of an earlier listing version are never read again (a hit needs the
 * current version), so they go; beyond `cap` the least recently computed go. A search computed while this runs is
 * kept or trimmed next time; a reader never depends on a row being there (a miss recomputes).
 */
export async function trimMarketSearches(em: Em, cap = KEPT_SEARCHES): Promise<{ stale: number; overCap: number }> {
  const [r] = await sql<{ stale: number; over_cap: number }>(
    em,
    `with stale as (delete from market_search s using market_listing_version v where s.listing_version < v.version returning 1),
          over as (delete from market_search where key in (
                     select key from market_search s join market_listing_version v on s.listing_version >= v.version
                      order by kept_at desc offset $1) returning 1)
     select (select count(*) from stale)::int as stale, (select count(*) from over)::int as over_cap`,
    [cap],
  );
  return { stale: r!.stale, overCap: r!.over_cap };
}
