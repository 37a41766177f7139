import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from './sql.js';

/** One list query, split so that the page and its total can be run from the same parts. */
export interface PageQuery {
  /** The page's columns; `orderBy` may name their aliases. */
  select: string;
  /**
   * Everything after FROM: tables, joins, WHERE, GROUP BY — one result row per item of the list.
   * Every `$n` of `params` must appear here (the count runs on this part alone).
   */
  from: string;
  /** A stable order (ends with a unique key). */
  orderBy: string;
  /** `$1 … $n` of `from` (and of `select`/`orderBy`); the limit and offset are appended as `$n+1`, `$n+2`. */
  params?: readonly unknown[];
}

/**
 * One page of a list and its total count, for a cursor connection (`toConnection(rows, totalCount, window)`).
 *
 * Runs `select … from … order by … limit … offset …`, and `select count(*) from (select 1 from …)` only when
 * the page cannot tell the total itself. A page tells it when it is short (fewer rows than `limit`) and is
 * either non-empty or the first page: then the total is `offset + rows.length`. A full page, `first: 0` or
 * an empty page past the start counts. So a list costs one statement or two, whatever its page size.
 *
 * Why not `count(*) over ()` in the page query (as lists did before): (1) a page past the end has no row to
 * carry the window count, so the total read as 0 and `hasNextPage` as false while there were e.g. 57 items;
 * (2) the window count makes PostgreSQL read every matching row, at full width, and carry it through the
 * sort just to count it, on every call; the count here reads only what WHERE needs, and only when needed.
 */
export async function pageRows<R = Record<string, unknown>>(
  em: EntityManager,
  query: PageQuery,
  window: { limit: number; offset: number },
): Promise<{ rows: R[]; totalCount: number }> {
  const params = query.params ?? [];
  const { limit, offset } = window;
  const rows =
    limit > 0
      ? await sql<R>(
          em,
          `select ${query.select} from ${query.from} order by ${query.orderBy} limit $${params.length + 1} offset $${params.length + 2}`,
          [...params, limit, offset],
        )
      : [];
  if (rows.length < limit && (rows.length > 0 || offset === 0)) return { rows, totalCount: offset + rows.length };
  const [count] = await sql<{ n: string }>(em, `select count(*) as n from (select 1 from ${query.from}) t`, params);
  return { rows, totalCount: Number(count?.n ?? 0) };
}
