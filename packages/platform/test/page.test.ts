/**
 * pageRows: one page of a list and its total, on real PostgreSQL. The total must stay right on a
 * page past the end (it used to read 0 there), and the count runs only when the page cannot tell it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import { createOrm, encodeOffsetCursor, pageRows, pageWindow, sql, statementCounter, toConnection, type PageQuery } from '../src/index.js';

let db: TestDatabase;
let orm: MikroORM;

beforeAll(async () => {
  db = await startTestDatabase();
  orm = await createOrm({ url: db.url, schema: 'paging', entities: [], migrations: [] });
  const em = orm.em.fork();
  await sql(em, `create schema paging`);
  // 57 items, wide rows, in 5 teams: a..e (12, 12, 11, 11, 11 items).
  await sql(em, `create table paging.item (id int primary key, team text not null, body text not null)`);
  await sql(em, `insert into paging.item select i, chr(97 + (i - 1) % 5), repeat('x', 2000) from generate_series(1, 57) i`);
  await sql(em, `create table paging.empty (id int primary key)`);
}, 120_000);
afterAll(async () => {
  await orm?.close();
  await db?.stop();
});

const ITEMS: PageQuery = { select: 'id, team', from: 'item', orderBy: 'id' };

/** What a user sees for `first`/`after`, and how many statements it took. */
async function page(query: PageQuery, args: { first?: number; after?: string | null }) {
  const win = pageWindow(args);
  const counter = { count: 0 };
  const { rows, totalCount } = await statementCounter.run(counter, () => pageRows<{ id: number; team: string }>(orm.em.fork(), query, win));
  const c = toConnection(rows, totalCount, win);
  return { ids: rows.map((r) => r.id), totalCount: c.totalCount, hasNextPage: c.pageInfo.hasNextPage, hasPreviousPage: c.pageInfo.hasPreviousPage, statements: counter.count };
}
const after = (offset: number) => encodeOffsetCursor(offset - 1); // the cursor whose next page starts at `offset`

describe('pageRows', () => {
  it('a partial page tells its own total: one statement', async () => {
    // 57 items in pages of 10: the sixth page holds items 51–57.
    expect(await page(ITEMS, { first: 10, after: after(50) })).toEqual({ ids: [51, 52, 53, 54, 55, 56, 57], totalCount: 57, hasNextPage: false, hasPreviousPage: true, statements: 1 });
    // A first page shorter than asked: the whole list.
    expect(await page(ITEMS, { first: 100 })).toMatchObject({ totalCount: 57, hasNextPage: false, statements: 1 });
    expect((await page(ITEMS, { first: 100 })).ids).toHaveLength(57);
    // An empty list: total 0 from the page alone.
    expect(await page({ select: 'id', from: 'empty', orderBy: 'id' }, { first: 10 })).toEqual({ ids: [], totalCount: 0, hasNextPage: false, hasPreviousPage: false, statements: 1 });
  });

  it('a full page counts: two statements', async () => {
    expect(await page(ITEMS, { first: 10 })).toEqual({ ids: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], totalCount: 57, hasNextPage: true, hasPreviousPage: false, statements: 2 });
    // A full page that happens to be the last: the count says there is nothing after it.
    expect(await page(ITEMS, { first: 19, after: after(38) })).toMatchObject({ totalCount: 57, hasNextPage: false, statements: 2 });
    expect(await page(ITEMS, { first: 57 })).toMatchObject({ totalCount: 57, hasNextPage: false, statements: 2 });
  });

  it('a page past the end keeps the total and has no next page', async () => {
    // Right after the last item, and far beyond it.
    expect(await page(ITEMS, { first: 10, after: after(57) })).toEqual({ ids: [], totalCount: 57, hasNextPage: false, hasPreviousPage: true, statements: 2 });
    expect(await page(ITEMS, { first: 10, after: after(500) })).toEqual({ ids: [], totalCount: 57, hasNextPage: false, hasPreviousPage: true, statements: 2 });
  });

  it('first: 0 gives the total alone, and a next page when there are items', async () => {
    expect(await page(ITEMS, { first: 0 })).toEqual({ ids: [], totalCount: 57, hasNextPage: true, hasPreviousPage: false, statements: 1 });
    expect(await page(ITEMS, { first: 0, after: after(57) })).toMatchObject({ totalCount: 57, hasNextPage: false });
  });

  it('filters with numbered params, and the count sees the same filter', async () => {
    const teamB: PageQuery = { select: 'id, team', from: 'item where team = $1 and id > $2', orderBy: 'id desc', params: ['b', 10] };
    // Team b is 2, 7, 12 … 57 (12 items); above 10: 12 … 57 (10 items).
    expect(await page(teamB, { first: 4 })).toEqual({ ids: [57, 52, 47, 42], totalCount: 10, hasNextPage: true, hasPreviousPage: false, statements: 2 });
    expect(await page(teamB, { first: 4, after: after(8) })).toEqual({ ids: [17, 12], totalCount: 10, hasNextPage: false, hasPreviousPage: true, statements: 1 });
    expect(await page(teamB, { first: 4, after: after(12) })).toEqual({ ids: [], totalCount: 10, hasNextPage: false, hasPreviousPage: true, statements: 2 });
  });

  it('a GROUP BY `from` counts groups, not rows', async () => {
    const teams: PageQuery = { select: `team, count(*)::int as n`, from: 'item group by team', orderBy: 'team' };
    const run = async (args: { first?: number; after?: string | null }) => {
      const win = pageWindow(args);
      const { rows, totalCount } = await pageRows<{ team: string; n: number }>(orm.em.fork(), teams, win);
      const c = toConnection(rows, totalCount, win);
      return { teams: rows.map((r) => `${r.team}:${r.n}`), totalCount: c.totalCount, hasNextPage: c.pageInfo.hasNextPage };
    };
    expect(await run({ first: 2 })).toEqual({ teams: ['a:12', 'b:12'], totalCount: 5, hasNextPage: true });
    expect(await run({ first: 2, after: after(4) })).toEqual({ teams: ['e:11'], totalCount: 5, hasNextPage: false });
    expect(await run({ first: 2, after: after(6) })).toEqual({ teams: [], totalCount: 5, hasNextPage: false });
    expect(await run({ first: 0 })).toEqual({ teams: [], totalCount: 5, hasNextPage: true });
  });

  it('always returns the same rows and total as slicing the whole list, in one or two statements', async () => {
    const all = (await sql<{ id: number }>(orm.em.fork(), `select id from paging.item where team <> $1 order by id`, ['c'])).map((r) => r.id);
    expect(all).toHaveLength(46);
    const q: PageQuery = { select: 'id', from: 'item where team <> $1', orderBy: 'id', params: ['c'] };
    for (const first of [0, 1, 5, 10, 45, 46, 47, 100]) {
      for (const offset of [0, 1, 9, 40, 45, 46, 47, 100]) {
        const p = await page(q, { first, after: offset ? after(offset) : null });
        expect({ first, offset, ...p }).toEqual({
          first,
          offset,
          ids: all.slice(offset, offset + first),
          totalCount: 46,
          hasNextPage: offset + Math.min(first, Math.max(0, 46 - offset)) < 46,
          hasPreviousPage: offset > 0,
          statements: expect.any(Number),
        });
        expect(p.statements).toBeGreaterThanOrEqual(1);
        expect(p.statements).toBeLessThanOrEqual(2);
      }
    }
  });
});
