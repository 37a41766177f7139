/**
 * A transaction whose connection is killed under it must hand its `pg` client back to the pool
 * (destroyed), not keep it checked out for ever; an ordinary SQL error must not cost the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import { createOrm, sql } from '../src/index.js';
import { isConnectionLost } from '../src/db/pool-guard.js';

let db: TestDatabase;
let orm: MikroORM;
let admin: pg.Client;

beforeAll(async () => {
  db = await startTestDatabase();
  orm = await createOrm({ url: db.url, schema: 'guard', entities: [], migrations: [], poolMax: 3 });
  admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
});
afterAll(async () => {
  await admin?.end();
  // Would hang in pool.end() if a client were still checked out.
  await orm?.close();
  await db?.stop();
});

async function pool(): Promise<{ checkedOut: number; total: number }> {
  const p = (await orm.em.getDriver().getConnection().getNativeClient()) as unknown as pg.Pool;
  return { checkedOut: p.totalCount - p.idleCount, total: p.totalCount };
}

const pidOf = async (em: Parameters<typeof sql>[0]) => Number((await sql<{ pid: number }>(em, 'select pg_backend_pid() as pid'))[0]!.pid);
const kill = (pid: number) => admin.query('select pg_terminate_backend($1)', [pid]);
const settle = () => new Promise((r) => setTimeout(r, 100));

describe('pool guard', () => {
  it('releases the client of a transaction whose connection dies before COMMIT', async () => {
    for (let i = 0; i < 5; i++) {
      const run = orm.em.fork().transactional(async (tx) => {
        await kill(await pidOf(tx));
        await settle();
      });
      await expect(run).rejects.toThrow();
      expect(await pool()).toMatchObject({ checkedOut: 0 });
    }
    // More lost transactions than the pool holds, and it still serves.
    expect(await pidOf(orm.em.fork())).toBeGreaterThan(0);
  });

  it('releases the client when a statement fails on the dead connection and ROLLBACK fails too', async () => {
    const run = orm.em.fork().transactional(async (tx) => {
      await kill(await pidOf(tx));
      await settle();
      await sql(tx, 'select 1');
    });
    await expect(run).rejects.toThrow();
    expect(await pool()).toMatchObject({ checkedOut: 0 });
    expect(await pidOf(orm.em.fork())).toBeGreaterThan(0);
  });

  it('keeps the client after an ordinary SQL error', async () => {
    await pidOf(orm.em.fork());
    const before = await pool();
    let pid = 0;
    const run = orm.em.fork().transactional(async (tx) => {
      pid = await pidOf(tx);
      await sql(tx, 'select 1 / 0');
    });
    await expect(run).rejects.toThrow(/division by zero/);
    expect(await pool()).toEqual({ checkedOut: 0, total: before.total });
    const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where pid = $1', [pid]);
    expect(rows[0].n).toBe(1);
  });

  it('classifies errors by whether the session survives them', () => {
    const e = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
    expect(isConnectionLost(e('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isConnectionLost(e('the database system is starting up', '57P03'))).toBe(true);
    expect(isConnectionLost(e('connection failure', '08006'))).toBe(true);
    expect(isConnectionLost(e('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLost(e('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(isConnectionLost(e('division by zero', '22012'))).toBe(false);
    expect(isConnectionLost(e('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isConnectionLost(e('canceling statement due to statement timeout', '57014'))).toBe(false);
  });
});
