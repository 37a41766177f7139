/**
 * The executable statements the analyser builds run on real PostgreSQL against a raw store, with
 * search_path pinned to pg_catalog and a read-only transaction, and the guard releases only groups
 * of at least k distinct subjects (counted by the statement, not by rows).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import { analyseRecipe, guardOutput, type RecipeAnalysis } from '../src/index.js';
import { recipe } from './fixtures.js';

let db: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  db = await startTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`
    create schema raw;
    create table raw.r_hn_market_enterprise (credit_code text, name text, region text, registered_capital numeric,
      established date, penalty_count integer, legal_rep_id text, revenue numeric);
    create table raw.r_jl_marriage (id_number text, marital_status text, region text, registered date);
    create table raw.r_hn_social_security (person_id text, region text, gender text, age integer, monthly_wage numeric);
    insert into raw.r_hn_market_enterprise values ('91410100MA0001', '郑州某公司', '郑州', 5000000, '2010-05-01', 0, '410101197001011234', 9000000);
    insert into raw.r_jl_marriage values ('220101199001011234', '已婚', '长春', '2015-10-01');
    -- 郑州: 6 people, one of them with two rows; 开封: 2 people with 4 rows each (8 rows, 2 subjects).
    insert into raw.r_hn_social_security
      select 'zz' || i, '郑州', 'F', 30 + i, 5000 + i from generate_series(1, 6) i
      union all select 'zz1', '郑州', 'F', 31, 5001
      union all select 'kf' || (i % 2), '开封', 'M', 40, 7000 from generate_series(1, 8) i;
  `);
}, 180_000);

afterAll(async () => {
  await client?.end();
  await db?.stop();
});

async function run(a: RecipeAnalysis, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  await client.query('begin read only');
  try {
    await client.query("set local search_path = pg_catalog");
    return (await client.query(a.executableSql, params)).rows;
  } finally {
    await client.query('rollback');
  }
}

async function accepted(sql: string, outputs = {}): Promise<RecipeAnalysis> {
  const r = await analyseRecipe(recipe(sql, outputs));
  if (!r.ok) throw new Error(JSON.stringify(r.violations));
  return r.analysis;
}

describe('executable recipes on PostgreSQL', () => {
  it('a REPORT releases only groups of at least k distinct subjects, whatever the row count', async () => {
    const a = await accepted("select region, count(*) as n, round(avg(monthly_wage)) as avg_wage from r_hn_social_security where age >= 18 group by region order by region", { avg_wage: 'AGGREGATE' });
    const rows = await run(a);
    expect(rows.map((r) => [r.region, Number(r.n), Number(r.__k)])).toEqual([['开封', 8, 2], ['郑州', 7, 6]]);
    const g = guardOutput(a, rows, { maxRows: 100 });
    expect(g.ok && g.rows.map((r) => r.region)).toEqual(['郑州']);
    expect(g.ok && g.suppressedGroups).toBe(1);
    expect(g.ok && Object.keys(g.rows[0]!)).toEqual(['region', 'n', 'avg_wage']);
  });

  it('a whole-table aggregate with a join counts the smaller subject set', async () => {
    const a = await accepted('select count(*) as n from r_hn_social_security s join r_hn_social_security t on s.person_id = t.person_id');
    const rows = await run(a);
    expect(Number(rows[0]!.__k)).toBe(8);
  });

  it('the credit-score API answers for the enterprise given as $1', async () => {
    const a = await accepted(`select round(coalesce(registered_capital, 0) / 10000 + case when penalty_count = 0 then 30 else 0 end) as score
      from r_hn_market_enterprise where credit_code = $1`);
    const g = guardOutput(a, await run(a, ['91410100MA0001']), { maxRows: 1 });
    expect(g.ok && g.rows.map((r) => Number(r.score))).toEqual([530]);
  });

  it('the marriage VERIFICATION answers true or false only', async () => {
    const a = await accepted('select (marital_status = $2) as flag from r_jl_marriage where id_number = $1');
    const verification = { flag: [true, false] };
    expect(guardOutput(a, await run(a, ['220101199001011234', '已婚']), { maxRows: 1, verification })).toMatchObject({ ok: true, rows: [{ flag: true }] });
    expect(guardOutput(a, await run(a, ['220101199001011234', '未婚']), { maxRows: 1, verification })).toMatchObject({ ok: true, rows: [{ flag: false }] });
  });

  it('a masked column shows only the declared prefix', async () => {
    const a = await accepted('select left(legal_rep_id, 6) as rep from r_hn_market_enterprise where credit_code = $1', { rep: 'MASKED' });
    const g = guardOutput(a, await run(a, ['91410100MA0001']), { maxRows: 1 });
    expect(g.ok && g.rows).toEqual([{ rep: '410101' }]);
  });
});
