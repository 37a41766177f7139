/**
 * Parameterised statements go to PostgreSQL as named prepared statements, at most DB_PREPARED_STATEMENTS distinct
 * ones per connection; statements without parameters (migration scripts of several statements) stay on the simple
 * protocol; `0` prepares nothing (db/prepared.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import { createOrm, sql } from '../src/index.js';

let db: TestDatabase;
const orms: MikroORM[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  for (const o of orms) await o.close();
  await db?.stop();
});

/** One connection (pool of one), so every statement below runs in the same session. */
async function ormWith(preparedStatements: number): Promise<MikroORM> {
  const orm = await createOrm({ url: db.url, schema: 'prepared', entities: [], migrations: [], poolMax: 1, preparedStatements });
  orms.push(orm);
  return orm;
}

const prepared = async (orm: MikroORM) =>
  (await sql<{ statement: string }>(orm.em.fork(), `select statement from pg_prepared_statements where name like $1 order by statement`, ['pdo\\_%'])).map((r) => r.statement);

describe('prepared statements', () => {
  it('prepares a parameterised statement once per connection and reuses it', async () => {
    const orm = await ormWith(8);
    for (let i = 0; i < 3; i++) expect(await sql<{ n: number }>(orm.em.fork(), 'select $1::int + 1 as n', [i])).toEqual([{ n: i + 1 }]);
    const kept = await prepared(orm);
    expect(kept.filter((s) => s === 'select $1::int + 1 as n')).toHaveLength(1);
  });

  it('keeps a script of several statements without parameters on the simple protocol', async () => {
    const orm = await ormWith(8);
    await sql(orm.em.fork(), 'create schema if not exists prepared; create table if not exists prepared.t (x int); insert into prepared.t values (1)');
    expect(await sql<{ n: string }>(orm.em.fork(), 'select count(*)::text as n from prepared.t where x = $1', [1])).toEqual([{ n: '1' }]);
    expect((await prepared(orm)).some((s) => s.includes('create table'))).toBe(false);
  });

  it('prepares at most the configured number per connection; later texts run unnamed and still answer', async () => {
    const orm = await ormWith(3);
    for (let i = 0; i < 6; i++) expect(await sql<{ n: number }>(orm.em.fork(), `select $1::int + ${i} as n`, [1])).toEqual([{ n: 1 + i }]);
    // The lookup itself is parameterised: it may be one of the three.
    expect((await prepared(orm)).length).toBe(3);
    expect(await sql<{ n: number }>(orm.em.fork(), 'select $1::int + 0 as n', [5])).toEqual([{ n: 5 }]);
  });

  it('prepares nothing with 0', async () => {
    const orm = await ormWith(0);
    await sql(orm.em.fork(), 'select $1::int as n', [1]);
    expect(await prepared(orm)).toEqual([]);
  });
});
