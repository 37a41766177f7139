/**
 * The README's example queries are part of the product: every ```graphql block whose first line
 * is `# as: <demo user key | anonymous>` runs, in order, through the real gateway against the
 * seeded demo world, and must answer without errors. A README that drifts from the API fails here.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@pdo/demo';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const examples = [...readme.matchAll(/```graphql\n# as: ([\w-]+)(?: at ([0-9TZ:.-]+))?\n([\s\S]*?)```/g)].map((m) => ({ as: m[1]!, now: m[2], query: m[3]! }));

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 180_000);
afterAll(async () => stack?.stop());

describe('README examples', () => {
  it('has examples to run', () => expect(examples.length).toBeGreaterThanOrEqual(5));

  it.each(examples.map((e, i) => [i + 1, e] as const))('example %i answers without errors', async (_i, e) => {
    const user = DEMO_USERS.find((u) => u.key === e.as);
    if (e.as !== 'anonymous' && !user) throw new Error(`unknown demo user ${e.as}`);
    const as = user ? { sub: user.sub, role: user.role, org: user.org, jurisdiction: user.jurisdiction } : undefined;
    const res = await stack.gql(e.query, {}, { as, now: e.now });
    expect(res.errors, e.query).toBeUndefined();
    expect(JSON.stringify(res.data)).not.toBe('{}');
    await stack.settle();
  });
});
