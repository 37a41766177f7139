import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createOrm, migrate, platformMigrations, sql } from '@pdo/platform';
import { startTestDatabase, tableMismatches, type TestDatabase } from '@pdo/testing';
import { definition } from '../src/index.js';
import { agreementFacts, currentPrices } from '../src/data/projections.js';

/**
 * Migration 0006 renames products' copies of other subgraphs' facts from `*_view` to `*_projection` on a database that
 * already holds them: the rows stay and the typed queries read them under the new names.
 */
let db: TestDatabase;
let oldOrm: MikroORM | undefined;
let upOrm: MikroORM | undefined;
beforeAll(async () => {
  db = await startTestDatabase();
}, 120_000);
afterAll(async () => {
  for (const orm of [upOrm, oldOrm]) await orm?.close().catch(() => {});
  await db?.stop();
});

describe('products migration 0006 on a populated database', () => {
  const order = definition.migrations.map((m) => m.name);
  const agreement = randomUUID();
  const product = randomUUID();

  it('keeps the projected facts and renames tables, keys and indexes', async () => {
    expect(order.indexOf('0006_projection_names')).toBe(5);
    oldOrm = await createOrm({ url: db.url, schema: 'products', entities: definition.entities, migrations: [...platformMigrations, ...definition.migrations.slice(0, 5)] });
    await migrate(oldOrm, 'products');
    const old = oldOrm.em.fork();
    await sql(old, `insert into agreement_view (id, jurisdiction, operator_id, status, start_date, end_date) values ($1, 'HN', $2, 'ACTIVE', '2026-01-01', '2028-12-31')`, [agreement, randomUUID()]);
    await sql(old, `insert into price_view (id, kind, product_id, charging_unit, amount_fen, effective_from) values ($1, 'PRICE', $2, 'PER_CALL', 120, '2026-01-01')`, [randomUUID(), product]);
    await sql(old, `insert into incident_view (id, jurisdiction, stop_processing) values ($1, 'HN', true)`, [randomUUID()]);
    await oldOrm.close();
    oldOrm = undefined;

    upOrm = await createOrm({ url: db.url, schema: 'products', entities: definition.entities, migrations: [...platformMigrations, ...definition.migrations] });
    // 0006 first; the migrations after it (usage source, recipe evidence) add to what it renamed.
    expect((await migrate(upOrm, 'products'))[0]).toBe('0006_projection_names');
    const em = upOrm.em.fork();
    expect(await agreementFacts(em, agreement)).toMatchObject({ id: agreement, status: 'ACTIVE', endDate: '2028-12-31' });
    expect(await currentPrices(em, [product])).toEqual([{ productId: product, kind: 'PRICE', chargingUnit: 'PER_CALL', amountFen: '120', effectiveFrom: '2026-01-01' }]);
    const [{ n }] = await sql<{ n: number }>(em, `select count(*)::int as n from incident_projection where stop_processing`);
    expect(n).toBe(1);

    const relations = await sql<{ relname: string }>(em, `select c.relname from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'products' and (c.relname like '%\\_view%' or c.relname like '%\\_projection%') order by 1`);
    const names = relations.map((r) => r.relname);
    expect(names.filter((r) => r.includes('_view'))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['access_grant_projection_scenario', 'agreement_projection_pkey', 'price_projection_product', 'resource_projection', 'scenario_projection']));
    expect(await tableMismatches(em, 'products')).toEqual([]);
  }, 120_000);
});
