import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { checkProductsInvariants } from '../src/data/invariants.js';
import { buildWorld, listedProduct, NOW, publishAs, signedEntitlement, type World } from './helpers.js';

/*
 * The public usage figures of a product are counters on its row (migration 0013), kept by the writers of usage records
 * so a listing page does not count them: they must equal a recount of the records after every kind of write.
 */
let stack: TestStack;
let w: World;
let productId: string;
let entitlementId: string;
let usageAgreementId: string;
const devId = randomUUID();

beforeAll(async () => {
  stack = await startTestStack([definition]);
  w = await buildWorld(stack);
  productId = await listedProduct(stack, w);
  entitlementId = await signedEntitlement(stack, w, productId, devId);
  const [e] = await sql<{ ua: string }>(stack.em('products'), `select usage_agreement_id as ua from entitlement where id = $1`, [entitlementId]);
  usageAgreementId = e!.ua;
}, 120_000);
afterAll(async () => stack?.stop());

const RECORD = `mutation($i: RecordUsageInput!) { recordUsage(input: $i) { id replayed } }`;
const STATS = `query($id: ID!) { dataProduct(id: $id) { usageStats { totalUnits usageRecords } } }`;
const metered = (executionId: string, units: string) => ({
  executionId, kind: 'CALL', productId, version: 1, entitlementId, usageAgreementId, developerId: devId, operatorId: w.operatorId, jurisdiction: 'HN',
  units, rowsReturned: 1, durationMs: 2, occurredAt: '2026-03-02T01:30:00Z',
});

async function shown() {
  const r = await stack.subgraph('products', STATS, { id: productId }, { now: NOW });
  return r.data.dataProduct.usageStats as { totalUnits: string; usageRecords: number };
}
async function recount() {
  const [r] = await sql<{ units: string; n: number }>(stack.em('products'), `select coalesce(sum(units), 0)::text as units, count(*)::int as n from usage_record where product_id = $1`, [productId]);
  return { totalUnits: r!.units, usageRecords: r!.n };
}

describe('usage counters of a product (usage_units, usage_records)', () => {
  it('equal a recount after declared usage, its replay, metered executions and a redelivered one', async () => {
    expect(await shown()).toEqual({ totalUnits: '0', usageRecords: 0 });
    const first = await stack.subgraph('products', RECORD, { i: { entitlementId, units: '3', occurredAt: '2026-03-02T01:00:00Z', idempotencyKey: 'c-1' } }, { as: w.operator, now: NOW });
    expect(first.data.recordUsage.replayed).toBe(false);
    const again = await stack.subgraph('products', RECORD, { i: { entitlementId, units: '3', occurredAt: '2026-03-02T01:00:00Z', idempotencyKey: 'c-1' } }, { as: w.operator, now: NOW });
    expect(again.data.recordUsage.replayed).toBe(true);
    const [a, b] = [randomUUID(), randomUUID()];
    await publishAs(stack, 'delivery', 'ExecutionMetered', metered(a, '2'), 'HN');
    await publishAs(stack, 'delivery', 'ExecutionMetered', metered(b, '5'), 'HN');
    await publishAs(stack, 'delivery', 'ExecutionMetered', metered(a, '2'), 'HN');
    expect(await recount()).toEqual({ totalUnits: '10', usageRecords: 3 });
    expect(await shown()).toEqual(await recount());
    expect(await checkProductsInvariants(stack.em('products'))).toEqual([]);
  });

  it('the invariant names a product whose counter drifted from its records', async () => {
    const em = stack.em('products');
    await sql(em, `update data_product set usage_records = usage_records + 1 where id = $1`, [productId]);
    try {
      expect(await checkProductsInvariants(em)).toEqual([expect.stringContaining(productId)]);
    } finally {
      await sql(em, `update data_product set usage_records = usage_records - 1 where id = $1`, [productId]);
    }
    expect(await checkProductsInvariants(em)).toEqual([]);
  });
});
