import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, tableMismatches, who, type TestStack } from '@pdo/testing';
import { orgByKey } from '@pdo/demo';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { definition as products } from '@pdo/products';
import { definition as revenue } from '@pdo/revenue';
import { definition as evaluation } from '@pdo/evaluation';
import { definition as delivery } from '@pdo/delivery';

/**
 * The typed data access holds only while each subgraph's entities (src/data/tables.ts) say what its migrations made:
 * Kysely's types come from the entities, the rows from the tables. Every subgraph, migrated from empty.
 */
const definitions = [catalog, licensing, products, revenue, evaluation, delivery];
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(definitions);
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

describe('entities match the migrated tables', () => {
  for (const def of definitions) {
    it(def.name, async () => {
      expect(await tableMismatches(stack.em(def.name as never), def.name)).toEqual([]);
    });
  }

  it('sees a mismatch when there is one (the check can fail)', async () => {
    const owner = await stack.ownerEm('revenue');
    await owner.getConnection().execute(`alter table cost_survey rename column policy_source to policy_citation`);
    try {
      const found = await tableMismatches(stack.em('revenue'), 'revenue');
      expect(found).toContain('cost_survey.policy_source: declared by CostSurvey.policySource but not in the table');
      expect(found).toContain('cost_survey.policy_citation: a column of the table that CostSurvey does not declare');
    } finally {
      await owner.getConnection().execute(`alter table cost_survey rename column policy_citation to policy_source`);
    }
  });
});

describe('typed queries are counted like the others', () => {
  it('a Kysely list reports its statements (page, then count only when the page cannot tell the total)', async () => {
    const finance = who('FINANCE', orgByKey('hn-authority').id, 'HN');
    const Q = `query($first: Int) { costSurveys(first: $first) { totalCount edges { node { id } } } }`;
    const empty = await stack.subgraph('revenue', Q, { first: 5 }, { as: finance });
    expect(empty.errors).toBeUndefined();
    expect(empty.data.costSurveys.totalCount).toBe(0);
    expect(empty.extensions?.sqlStatements?.revenue).toBe(1);
    const none = await stack.subgraph('revenue', Q, { first: 0 }, { as: finance });
    expect(none.extensions?.sqlStatements?.revenue).toBe(1);
  });
});
