import { describe, expect, it } from 'vitest';
import { republishOnce, sql } from '@pdo/platform';
import { stack } from './stack.js';

/**
 * Facts published again once per database (the catalog's `republish`): products began projecting each resource's
 * openness (products migration 0018), so an existing database publishes every resource's snapshot, as it stands now
 * and at its current version, at the first start after the upgrade; never twice, never after the demo seed.
 */
const snapshotsSent = async () =>
  sql<{ id: string; openness: string; version: number; status: string }>(
    stack.em('catalog'),
    `select data->'payload'->>'resourceId' as id, data->'payload'->>'openness' as openness, (data->'payload'->>'version')::int as version, data->'payload'->>'status' as status
       from pgboss.job where name = 'inbox_products' and data->>'name' = 'ResourceChanged' order by created_on`,
  );

describe('republish: resource snapshots for products\' openness', () => {
  it('publishes every resource once, with its openness, status and version as they stand; a second start publishes nothing', async () => {
    const em = stack.em('catalog');
    await sql(em, `delete from seed_runs where name = 'republish:resources-for-products-openness'`);
    const resources = await sql<{ id: string; openness: string; version: number; status: string }>(em, `select id, openness, version, status from data_resource order by id`);
    expect(resources.length).toBeGreaterThan(3);
    expect(resources.some((r) => r.status === 'WITHDRAWN')).toBe(true);
    const before = (await snapshotsSent()).length;

    expect(await republishOnce(stack.runtimes.catalog!, { seeded: false })).toEqual(['resources-for-products-openness']);
    const sent = (await snapshotsSent()).slice(before);
    expect(sent.sort((a, b) => a.id.localeCompare(b.id))).toEqual(resources);

    expect(await republishOnce(stack.runtimes.catalog!, { seeded: false })).toEqual([]);
    expect(await snapshotsSent()).toHaveLength(before + resources.length);
  });
});
