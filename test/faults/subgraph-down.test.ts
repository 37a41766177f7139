/**
 * Fault: a subgraph dies while the marketplace is being browsed. The gateway must keep answering
 * what the other subgraphs own, say precisely which part failed, and recover by itself when the
 * subgraph comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { orgByKey } from '@pdo/demo';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([catalog, licensing], { gateway: true, seed: true });
}, 120_000);
afterAll(async () => stack?.stop());

// The licensing part is a nullable root field: a failure there must not blank the whole answer.
const QUERY = `{
  catalogPart: dataResources(first: 5) { totalCount edges { node { id code } } }
  licensingPart: organization(id: "${orgByKey('hn-operator').id}") { id name }
}`;

describe('a subgraph killed mid-load', () => {
  it('serves the rest with an error for the dead part, then recovers when it returns', async () => {
    const healthy = await stack.gql(QUERY);
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data.licensingPart.name).toBe(orgByKey('hn-operator').nameZh);

    // Load in flight while the subgraph dies.
    const inFlight = Array.from({ length: 20 }, () => stack.gql(QUERY));
    await stack.killSubgraph('licensing');
    const during = await Promise.all([...inFlight, stack.gql(QUERY), stack.gql(QUERY)]);
    for (const res of during) {
      // The catalog always answers; licensing either answered before it died or is reported as failed.
      expect(res.data?.catalogPart?.totalCount).toBe(healthy.data.catalogPart.totalCount);
      if (res.data.licensingPart === null) expect(res.errors?.length).toBeGreaterThan(0);
    }
    const down = during.at(-1)!;
    expect(down.data.licensingPart).toBeNull();
    expect(down.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'licensing' });
    // Nothing internal leaks: no host, port or stack in what the client sees.
    expect(JSON.stringify(down.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|at .*\.ts:\d+/);

    await stack.reviveSubgraph('licensing');
    const after = await stack.gql(QUERY);
    expect(after.errors).toBeUndefined();
    expect(after.data.licensingPart).toEqual(healthy.data.licensingPart);
  }, 60_000);
});
