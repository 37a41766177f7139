import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import {
  createSubgraphRuntime,
  databaseUrls,
  ensureInboxes,
  ensureServiceRoles,
  EventPublisher,
  installBossSchema,
  PGBOSS_SCHEMA,
  prepareStackRoles,
  QUEUE_ROLE,
  serviceRole,
  sql,
  startBoss,
  type SubgraphDefinition,
  type SubgraphRuntime,
} from '../src/index.js';

/*
 * A database that ran before roles existed (pg-boss installed by the owner, one URL for all) is
 * taken over at the next start: the roles are created, pg-boss's schema is handed to the queue
 * role, and a service connects as its own role and still publishes and consumes events.
 */
let db: TestDatabase;
let boss: PgBoss | undefined;
let rt: SubgraphRuntime<unknown> | undefined;

const def: SubgraphDefinition<unknown> = {
  name: 'catalog',
  entities: [],
  migrations: [],
  resolvers: [class {}] as never,
  createLoaders: () => ({}),
};

async function q<R>(url: string, text: string): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as R[];
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  db = await startTestDatabase();
});
afterAll(async () => {
  await boss?.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
  await rt?.orm.close().catch(() => {});
  await db?.stop();
});

describe('database roles', () => {
  it('takes over a pg-boss schema the owner installed before roles existed', async () => {
    const legacy = await startBoss(db.url);
    await ensureInboxes(legacy);
    await legacy.stop({ graceful: false, timeout: 1000 } as never);
    const before = await q<{ owner: string }>(db.url, `select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'pgboss'`);
    expect(before.map((r) => r.owner)).not.toContain(QUEUE_ROLE);

    await installBossSchema(db.url);
    await ensureServiceRoles(db.url, ['catalog'], { queueSchema: PGBOSS_SCHEMA });
    await ensureServiceRoles(db.url, ['catalog'], { queueSchema: PGBOSS_SCHEMA }); // idempotent
    const owners = await q<{ owner: string }>(
      db.url,
      `select distinct pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'pgboss'
       union select distinct pg_get_userbyid(p.proowner) from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'pgboss'
       union select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'pgboss'`,
    );
    expect(owners.map((r) => r.owner)).toEqual([QUEUE_ROLE]);
  });

  it('runs a service as its role with the owner migrating, and its events still flow', async () => {
    const urls = databaseUrls('catalog', { DATABASE_URL: db.url } as NodeJS.ProcessEnv);
    expect(urls.migration).toBe(db.url);
    expect(new URL(urls.service).username).toBe(serviceRole('catalog'));
    boss = await startBoss(urls.queue, undefined, { role: urls.queueRole });
    rt = await createSubgraphRuntime(def, { databaseUrl: urls.service, migrationUrl: urls.migration, boss, consume: false });
    const [who] = await sql<{ u: string }>(rt.orm.em.fork(), 'select current_user as u');
    expect(who!.u).toBe('pdo_catalog');
    const env = await rt.orm.em.fork().transactional((tx) => new EventPublisher(boss!, 'catalog').publish(tx, 'CorrectionAnswered', { correctionId: 'c1', resourceId: 'r1', sourceAgencyId: 'a1', jurisdiction: 'HN', raisedOn: '2026-03-02', dueOn: '2026-03-11', answeredOn: '2026-03-05', onTime: true, outcome: 'CORRECTED' }, 'HN'));
    const jobs = await sql<{ name: string }>(rt.orm.em.fork(), `select name from pgboss.job where data->>'id' = $1`, [env.id]);
    expect(jobs.map((j) => j.name)).toEqual(['inbox_evaluation']);
    // Neither the service nor the queue role may create anything outside pg-boss's schema.
    await expect(sql(rt.orm.em.fork(), 'create schema intruder')).rejects.toThrow(/permission denied/);
  });

  it('with DB_SERVICE_ROLES=off everything is the one URL, as before (refused in production)', async () => {
    process.env.DB_SERVICE_ROLES = 'off';
    try {
      expect(await prepareStackRoles(db.url, ['catalog'])).toEqual({ services: { catalog: db.url }, queue: db.url });
    } finally {
      delete process.env.DB_SERVICE_ROLES;
    }
    expect(() => databaseUrls('catalog', { DATABASE_URL: db.url, DB_SERVICE_ROLES: 'off', NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(/not allowed in production/);
    expect(() => databaseUrls('catalog', { DATABASE_URL: db.url, NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(/DB_ROLE_SECRET/);
    const prod = databaseUrls('catalog', { DATABASE_URL: 'postgres://pdo_catalog:x@db/pdo', MIGRATION_DATABASE_URL: 'postgres://owner:y@db/pdo', NODE_ENV: 'production' } as NodeJS.ProcessEnv);
    expect(prod).toEqual({ migration: 'postgres://owner:y@db/pdo', service: 'postgres://pdo_catalog:x@db/pdo', queue: 'postgres://pdo_catalog:x@db/pdo', queueRole: QUEUE_ROLE });
  });
});
