import { describe, expect, it } from 'vitest';
import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule, type QueryLimits } from '../src/index.js';

const schema = buildSchema(`
  type Org { id: ID! name: String! products(first: Int): ProductConnection! }
  type Product { id: ID! name: String! operator: Org! }
  type ProductEdge { node: Product! }
  type ProductConnection { edges: [ProductEdge!]! }
  type Query { products(first: Int): ProductConnection! org(id: ID!): Org }
`);
const limits: QueryLimits = { maxDepth: 6, maxAliases: 15, maxDirectives: 50, maxTokens: 1000, maxCost: 5000, defaultListSize: 20 };
const errorsOf = (q: string) => validate(schema, parse(q), [queryLimitsRule(limits)]).map((e) => (e.extensions.details as { limit: string }).limit);

describe('gateway query limits', () => {
  it('a normal listing query passes (connection wrappers do not count as depth)', () => {
    expect(errorsOf('{ products(first: 20) { edges { node { name operator { name } } } } }')).toEqual([]);
  });
  it('refuses a query nested deeper than 6', () => {
    const deep = '{ org(id: 1) { products { edges { node { operator { products { edges { node { operator { products { edges { node { operator { name } } } } } } } } } } } } } }';
    expect(errorsOf(deep)).toContain('depth');
  });
  it('refuses more than 15 aliases', () => {
    const q = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: org(id: ${i}) { name }`).join(' ')} }`;
    expect(errorsOf(q)).toContain('aliases');
  });
  it('refuses a query whose list sizes multiply past the cost limit', () => {
    const q = '{ products(first: 100) { edges { node { operator { products(first: 100) { edges { node { name } } } } } } } }';
    expect(errorsOf(q)).toContain('cost');
  });
  it('follows fragments and survives a fragment cycle', () => {
    expect(errorsOf('query { org(id: 1) { ...A } } fragment A on Org { name products { edges { node { operator { ...A } } } } }')).toEqual([]);
  });
});
