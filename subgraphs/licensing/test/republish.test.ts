/**
 * Facts published again once per database (licensing's `republish`): an existing database whose organizations were
 * registered before products kept their names gets every organization's snapshot, as it stands now, at the first
 * start after the upgrade; never twice, and never on a database the demo seed has just filled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { republishOnce, sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { seedLicensing } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedLicensing(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const snapshotsSent = async () =>
  sql<{ id: string; name: string }>(stack.em('licensing'), `select data->'payload'->>'organizationId' as id, data->'payload'->>'nameZh' as name from pgboss.job where name = 'inbox_products' and data->>'name' = 'OrganizationRegistered' order by created_on`);

describe('republish: organization snapshots for a newer consumer', () => {
  it('publishes every organization once, with its name as it stands now; a second start publishes nothing', async () => {
    const em = stack.em('licensing');
    const orgs = await sql<{ id: string }>(em, `select id from organization order by id`);
    expect(orgs.length).toBeGreaterThan(5);
    const [renamed] = orgs;
    await sql(em, `update organization set name = '改名后的单位' where id = $1`, [renamed!.id]);
    const before = (await snapshotsSent()).length;

    expect(await republishOnce(stack.runtimes.licensing!, { seeded: false })).toEqual(['organizations-for-products-names']);
    const sent = (await snapshotsSent()).slice(before);
    expect(sent.map((s) => s.id).sort()).toEqual(orgs.map((o) => o.id));
    expect(sent.find((s) => s.id === renamed!.id)!.name).toBe('改名后的单位');

    expect(await republishOnce(stack.runtimes.licensing!, { seeded: false })).toEqual([]);
    expect(await snapshotsSent()).toHaveLength(before + orgs.length);
  });

  it('on a database the demo seed has just filled, only claims it', async () => {
    const em = stack.em('licensing');
    await sql(em, `delete from seed_runs where name like 'republish:%'`);
    const before = (await snapshotsSent()).length;
    expect(await republishOnce(stack.runtimes.licensing!, { seeded: true })).toEqual([]);
    expect(await snapshotsSent()).toHaveLength(before);
    expect(await sql(em, `select name from seed_runs where name = 'republish:organizations-for-products-names'`)).toHaveLength(1);
  });
});
