import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { buildWorld, count, listedProduct, NOW, publishAs, published, signedEntitlement, type World } from './helpers.js';

let stack: TestStack;
let w: World;
let productId: string;
let entitlementId: string;
let usageAgreementId: string;
const devId = randomUUID();
const dev = who('DEVELOPER', devId, 'HN');

beforeAll(async () => {
  stack = await startTestStack([definition]);
  w = await buildWorld(stack);
  productId = await listedProduct(stack, w);
  entitlementId = await signedEntitlement(stack, w, productId, devId);
  const [e] = await sql<{ ua: string }>(stack.em('products'), `select usage_agreement_id as ua from entitlement where id = $1`, [entitlementId]);
  usageAgreementId = e!.ua;
}, 120_000);
afterAll(async () => stack?.stop());

const metered = (executionId: string) => ({
  executionId, kind: 'CALL', productId, version: 1, entitlementId, usageAgreementId, developerId: devId, operatorId: w.operatorId, jurisdiction: 'HN',
  units: '1', rowsReturned: 1, durationMs: 2, occurredAt: '2026-03-02T01:30:00Z',
});
const USAGE = `{ usageRecords { totalCount edges { node { id units source } } } }`;

describe('platform-metered usage (ExecutionMetered → METERED usage record → UsageRecorded)', () => {
  const first = randomUUID();

  it('records one METERED usage record per metered execution and publishes UsageRecorded with the source', async () => {
    await publishAs(stack, 'delivery', 'ExecutionMetered', metered(first), 'HN');
    const [r] = await sql<{ source: string; units: string; key: string }>(stack.em('products'), `select source, units::text as units, idempotency_key as key from usage_record where id = $1`, [first]);
    expect(r).toEqual({ source: 'METERED', units: '1', key: `exec:${first}` });
    const events = (await published(stack, 'UsageRecorded')).filter((e) => e.usageId === first);
    expect(events).toEqual([expect.objectContaining({ usageId: first, entitlementId, developerId: devId, units: '1', chargingUnit: 'PER_CALL', source: 'METERED' })]);
    const [e] = await sql<{ used: string }>(stack.em('products'), `select used_units::text as used from entitlement where id = $1`, [entitlementId]);
    expect(e!.used).toBe('1');
  });

  it('a redelivered execution (a new event id, the same execution) records nothing', async () => {
    await publishAs(stack, 'delivery', 'ExecutionMetered', metered(first), 'HN');
    expect(await count(stack, 'usage_record', 'id = $1', [first])).toBe(1);
    expect((await published(stack, 'UsageRecorded')).filter((e) => e.usageId === first)).toHaveLength(1);
    const [e] = await sql<{ used: string }>(stack.em('products'), `select used_units::text as used from entitlement where id = $1`, [entitlementId]);
    expect(e!.used).toBe('1');
  });

  it('a batch (ExecutionsMetered) records each execution once, announces them in one UsagesRecorded, and a redelivered or overlapping batch records nothing twice', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await publishAs(stack, 'delivery', 'ExecutionsMetered', { executions: [metered(first), metered(a), metered(b)] }, 'HN');
    await publishAs(stack, 'delivery', 'ExecutionsMetered', { executions: [metered(a), metered(b)] }, 'HN');
    expect(await count(stack, 'usage_record', "id = any($1::uuid[]) and source = 'METERED'", [[first, a, b]])).toBe(3);
    const batches = (await published(stack, 'UsagesRecorded')).filter((e) => e.usages.some((u: { usageId: string }) => u.usageId === a));
    expect(batches).toHaveLength(1);
    expect(batches[0].usages.map((u: { usageId: string }) => u.usageId).sort()).toEqual([a, b].sort());
    expect(batches[0].usages[0]).toMatchObject({ entitlementId, units: '1', chargingUnit: 'PER_CALL', source: 'METERED' });
    const [e] = await sql<{ used: string }>(stack.em('products'), `select used_units::text as used from entitlement where id = $1`, [entitlementId]);
    expect(e!.used).toBe('3');
  });

  it('shows metered and declared usage apart: recordUsage stays, marked DECLARED', async () => {
    const d = await stack.subgraph('products', `mutation($i: RecordUsageInput!) { recordUsage(input: $i) { id source } }`, { i: { entitlementId, units: '3', occurredAt: '2026-03-02T01:00:00Z', idempotencyKey: 'offline-1' } }, { as: w.operator, now: NOW });
    expect(d.data.recordUsage.source).toBe('DECLARED');
    const mine = await stack.subgraph('products', USAGE, {}, { as: dev, now: NOW });
    const sources = [...new Set(mine.data.usageRecords.edges.map((x: any) => x.node.source))].sort();
    expect(sources).toEqual(['DECLARED', 'METERED']);
    const declared = (await published(stack, 'UsageRecorded')).find((e) => e.usageId === d.data.recordUsage.id);
    expect(declared.source).toBe('DECLARED');
  });
});
