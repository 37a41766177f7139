import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { CLOCK_HEADER, createOrm, createSubgraphRuntime, migrate, platformConfig, platformMigrations, serveSubgraph, signIdentityHeaders, sql, startBoss, type Identity, type SubgraphRuntime } from '@pdo/platform';
import { startTestDatabase, who, type TestDatabase } from '@pdo/testing';
import { definition } from '../src/index.js';

/**
 * Migration 0008 on a database that already holds what it now forbids: a month settled (empty)
 * inside a settled quarter, a FAILED quarter over a month completed since, and a balanced ledger
 * entry of bigint-max fen per side. The upgrade must apply, keep every stored row as it is, and
 * refuse anything new of the kind — in the database and in the service.
 */
const HN_Q3 = randomUUID();
const HN_AUG = randomUUID();
const QHD_Q3_FAILED = randomUUID();
const QHD_AUG = randomUUID();
const ENTRY = randomUUID();
const BIG = '9223372036854775807';
const NOW = '2026-12-05T02:00:00Z';

let db: TestDatabase;
let orm: MikroORM | undefined;
let boss: SubgraphRuntime['boss'] | undefined;
let rt: SubgraphRuntime<any> | undefined;
let server: Server | undefined;
let url: string;
const config = platformConfig();
const em = (): EntityManager => (rt?.orm ?? orm)!.em.fork() as EntityManager;
const q = <T = any>(text: string, params: unknown[] = []) => sql<T>(em(), text, params);
const gql = async (query: string, variables: Record<string, unknown>, as: Identity) => {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signIdentityHeaders(as, config.gatewaySecret, { audience: 'revenue', method: 'POST', path: new URL(url).pathname, body }), [CLOCK_HEADER]: NOW },
    body,
  });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] };
};
const RUN = `mutation($input: RunSettlementInput!) { runSettlement(input: $input) { id status } }`;
const settlements = () => q<{ r: unknown }>(`select to_jsonb(s) as r from settlement s order by id`);
const ledger = () => q<{ r: unknown }>(`select to_jsonb(l) as r from ledger_line l order by id`);
let before: { settlements: unknown[]; ledger: unknown[] };

beforeAll(async () => {
  db = await startTestDatabase();
}, 120_000);
afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    server.close();
  }
  await boss?.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
  for (const o of [rt?.orm, orm]) await o?.close().catch(() => {});
  await db?.stop();
});

describe('revenue migration 0008 on a database holding overlapping settlements and an unbounded ledger entry', () => {
  const order = definition.migrations.map((m) => m.name);
  const upto = order.indexOf('0008_money_bounds_settlement_overlap');

  it('migrates to 0007 and writes what the old code let through', async () => {
    expect(upto, '0008 is a revenue migration').toBeGreaterThan(0);
    orm = await createOrm({ url: db.url, schema: 'revenue', entities: definition.entities, migrations: [...platformMigrations, ...definition.migrations.slice(0, upto)] });
    await migrate(orm, 'revenue');
    await em().transactional(async (tx) => {
      const s = `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at, completed_at, watermark) values ($1, $2, $3::date, $4::date, $5, 'finance', $6::timestamptz, $7::timestamptz, 0)`;
      await sql(tx, s, [HN_Q3, 'HN', '2026-07-01', '2026-09-30', 'COMPLETED', '2026-10-08T02:00:00Z', '2026-10-08T02:00:05Z']);
      await sql(tx, s, [HN_AUG, 'HN', '2026-08-01', '2026-08-31', 'COMPLETED', '2026-10-10T02:00:00Z', '2026-10-10T02:00:01Z']);
      await sql(tx, s, [QHD_Q3_FAILED, 'QHD', '2026-07-01', '2026-09-30', 'FAILED', '2026-10-02T02:00:00Z', null]);
      await sql(tx, s, [QHD_AUG, 'QHD', '2026-08-01', '2026-08-31', 'COMPLETED', '2026-10-05T02:00:00Z', '2026-10-05T02:00:01Z']);
      const [a, b] = await sql<{ id: string }>(tx, `insert into ledger_account (id, jurisdiction, party_kind, party_id) values (gen_random_uuid(), 'HN', 'OPERATOR', 'x'), (gen_random_uuid(), 'HN', 'SOURCE_AGENCY', 'y') returning id`);
      await sql(tx, `insert into ledger_entry (id, jurisdiction, entry_date, memo, created_by) values ($1, 'HN', '2026-10-01', 'attack', 'finance')`, [ENTRY]);
      await sql(tx, `insert into ledger_line (entry_id, account_id, debit_fen, credit_fen) values ($1, $2, $4, 0), ($1, $3, 0, $4)`, [ENTRY, a!.id, b!.id, BIG]);
    });
    before = { settlements: await settlements(), ledger: await ledger() };
    await orm.close();
    orm = undefined;
  });

  it('applies 0008 and changes no stored row', async () => {
    orm = await createOrm({ url: db.url, schema: 'revenue', entities: definition.entities, migrations: [...platformMigrations, ...definition.migrations] });
    expect(await migrate(orm, 'revenue')).toEqual(order.slice(upto));
    expect({ settlements: await settlements(), ledger: await ledger() }, 'settlements and ledger lines are as before').toEqual(before);
    const cons = await q<{ name: string; valid: boolean; def: string }>(
      `select conname as name, convalidated as valid, pg_get_constraintdef(oid) as def from pg_constraint where conname in ('settlement_periods_do_not_overlap', 'ledger_line_amount_bounded', 'price_amount_bounded', 'price_cap_amount_bounded', 'cost_survey_amounts_bounded') order by conname`,
    );
    const by = Object.fromEntries(cons.map((c) => [c.name, c]));
    expect(Object.keys(by).sort()).toEqual(['cost_survey_amounts_bounded', 'ledger_line_amount_bounded', 'price_amount_bounded', 'price_cap_amount_bounded', 'settlement_periods_do_not_overlap']);
    expect(by.ledger_line_amount_bounded!.valid, 'the stored bigint-max lines are history: the check binds new rows only').toBe(false);
    expect(by.price_amount_bounded!.valid, 'tables without such rows are validated').toBe(true);
    const def = by.settlement_periods_do_not_overlap!.def;
    expect(def, 'the month inside the settled quarter and the FAILED quarter over a completed month are left out by id').toContain(HN_AUG);
    expect(def).toContain(QHD_Q3_FAILED);
    expect(def).not.toContain(HN_Q3);
    expect(def).not.toContain(QHD_AUG);
  });

  it('refuses in the database a new overlapping period and a ledger line above the bound', async () => {
    await expect(q(`insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, 'HN', '2026-09-01', '2026-09-30', 'RUNNING', 't', now())`, [randomUUID()])).rejects.toMatchObject({ code: '23P01' });
    await expect(q(`insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, 'QHD', '2026-08-15', '2026-09-14', 'RUNNING', 't', now())`, [randomUUID()])).rejects.toMatchObject({ code: '23P01' });
    await expect(q(`insert into ledger_line (entry_id, account_id, debit_fen) values ($1, (select account_id from ledger_line limit 1), 1000000000001)`, [ENTRY])).rejects.toMatchObject({ code: '23514' });
  });

  it('and in the service: a month inside the quarter, and a retry of the FAILED quarter over the completed month, are CONFLICT naming the settlement', async () => {
    boss = await startBoss(db.url);
    await orm!.close();
    orm = undefined;
    rt = await createSubgraphRuntime(definition, { databaseUrl: db.url, boss, config, consume: false });
    const served = await serveSubgraph(rt, 0);
    server = served.server;
    url = `http://127.0.0.1:${served.port}/graphql`;
    const sep = await gql(RUN, { input: { jurisdiction: 'HN', periodStart: '2026-09-01', periodEnd: '2026-09-30' } }, who('FINANCE', randomUUID(), 'HN'));
    expect(sep.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', details: { overlapsSettlementId: HN_Q3 } });
    const retry = await gql(RUN, { input: { jurisdiction: 'QHD', periodStart: '2026-07-01', periodEnd: '2026-09-30' } }, who('FINANCE', randomUUID(), 'QHD'));
    expect(retry.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', details: { overlapsSettlementId: QHD_AUG } });
    expect(await settlements(), 'nothing written: the FAILED quarter was not flipped to RUNNING').toEqual(before.settlements);
  });
});
