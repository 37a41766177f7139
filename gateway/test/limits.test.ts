import { describe, expect, it } from 'vitest';
import { GraphQLError, buildSchema, getOperationAST, parse, validate } from 'graphql';
import { checkVariables, coerceVariables, operationCost, queryLimitsFromEnv, queryLimitsValidationRules, type QueryLimits } from '../src/index.js';

const schema = buildSchema(`
  type Org { id: ID! name: String! products(first: Int, last: Int, after: String): ProductConnection! sectors: [String!]! }
  type Product { id: ID! name: String! operator: Org! }
  type ProductEdge { node: Product! }
  type ProductConnection { edges: [ProductEdge!]! }
  type Query { products(first: Int, last: Int): ProductConnection! org(id: ID!): Org tiny(first: Int = 3): ProductConnection! }
`);
const limits: QueryLimits = { ...queryLimitsFromEnv({}), maxCost: 5000, maxTokens: 1000 };
const errorsOf = (q: string) => validate(schema, parse(q), queryLimitsValidationRules(limits)).map((e) => (e.extensions.details as { limit: string }).limit);
const costOf = (q: string, variables: Record<string, unknown> = {}) => {
  const doc = parse(q);
  const op = getOperationAST(doc)!;
  return operationCost(schema, doc, op, coerceVariables(schema, op, variables), limits.defaultListSize);
};
const refusal = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return { code: (e as GraphQLError).extensions.code, details: (e as GraphQLError).extensions.details, status: ((e as GraphQLError).extensions.http as { status: number }).status };
  }
  return null;
};

describe('gateway query shape limits (graphql-armor)', () => {
  it('a normal listing query passes (connection wrappers do not count as depth)', () => {
    expect(errorsOf('{ products(first: 20) { edges { node { name operator { name } } } } }')).toEqual([]);
  });
  it('six levels of objects pass, seven are refused', () => {
    const nest = (levels: number) => `{ org(id: 1) { ${'products { edges { node { operator { '.repeat(Math.floor((levels - 1) / 2))}${(levels - 1) % 2 ? 'products { edges { node { name } } }' : 'name'}${' } } } }'.repeat(Math.floor((levels - 1) / 2))} } }`;
    expect(errorsOf(nest(6))).toEqual([]);
    expect(errorsOf(nest(7))).toEqual(['depth']);
  });
  it('refuses more than 15 aliases, bilingually, with the count found', () => {
    const q = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: org(id: ${i}) { name }`).join(' ')} }`;
    const [e] = validate(schema, parse(q), queryLimitsValidationRules(limits));
    expect(e!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageZh: '别名过多（16 > 15）', messageEn: 'Too many aliases (16 > 15)', details: { limit: 'aliases', value: 16, max: 15 } });
  });
  it('refuses more than 50 directives', () => {
    expect(errorsOf(`{ org(id: 1) { ${Array.from({ length: 51 }, (_, i) => `a${i}: name @include(if: true)`).join(' ')} } }`)).toContain('directives');
  });
  it('follows fragments and survives a fragment cycle', () => {
    expect(errorsOf('query { org(id: 1) { ...A } } fragment A on Org { name products { edges { node { operator { ...A } } } } }')).toEqual([]);
  });
  it('does not measure introspection', () => {
    expect(errorsOf('{ __type(name: "Org") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }')).toEqual([]);
  });
});

describe('the one cost function', () => {
  const literal = '{ products(first: 100) { edges { node { operator { products(first: 100) { edges { node { name } } } } } } } }';
  const withVariables = 'query($n: Int) { products(first: $n) { edges { node { operator { products(first: $n) { edges { node { name } } } } } } } }';

  it('prices a list given by a variable exactly as the literal', () => {
    expect(costOf(withVariables, { n: 100 })).toBe(costOf(literal));
    expect(costOf(literal)).toBeGreaterThan(limits.maxCost);
  });
  it('uses the variable default, the argument default, then the default page size', () => {
    expect(costOf('query($n: Int = 100) { products(first: $n) { edges { node { operator { name } } } } }')).toBe(costOf('{ products(first: 100) { edges { node { operator { name } } } } }'));
    expect(costOf('{ tiny { edges { node { operator { name } } } } }')).toBe(costOf('{ tiny(first: 3) { edges { node { operator { name } } } } }'));
    expect(costOf('{ products { edges { node { operator { name } } } } }')).toBe(costOf('{ products(first: 20) { edges { node { operator { name } } } } }'));
    expect(costOf('query($n: Int) { products(first: $n) { edges { node { operator { name } } } } }')).toBe(costOf('{ products(first: 20) { edges { node { operator { name } } } } }'));
  });
  it('counts `last` like `first`', () => {
    expect(costOf('{ products(last: 100) { edges { node { operator { name } } } } }')).toBe(costOf('{ products(first: 100) { edges { node { operator { name } } } } }'));
  });
  it('a single object costs 1; introspection costs nothing more', () => {
    expect(costOf('{ org(id: 1) { name sectors } }')).toBe(1);
    expect(costOf('{ __schema { types { name fields { name } } } }')).toBe(1);
  });
  it('a fragment spread many times is priced without walking it again and again', () => {
    const frags = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Org { products(first: 2) { edges { node { operator { ...F${i + 1} ...F${i + 1} } } } } }`).join(' ');
    expect(costOf(`{ org(id: 1) { ...F0 } } ${frags} fragment F30 on Org { name }`)).toBeGreaterThan(2 ** 30);
  });
  it('refuses variables that do not coerce, as the caller\'s input', () => {
    expect(refusal(() => costOf(withVariables, { n: 'many' }))).toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
  });
});

describe('variables shape', () => {
  it('refuses a value nested 5,000 deep without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = i % 2 ? [deep] : { a: deep };
    expect(refusal(() => checkVariables({ v: deep }, limits))).toEqual({ code: 'BAD_USER_INPUT', status: 400, details: { limit: 'variableDepth', max: 32 } });
  });
  it('refuses a list longer than the maximum', () => {
    expect(refusal(() => checkVariables({ ids: Array.from({ length: 1001 }, (_, i) => String(i)) }, limits))).toEqual({ code: 'BAD_USER_INPUT', status: 400, details: { limit: 'variableListLength', value: 1001, max: 1000 } });
  });
  it('refuses a JSON object with more entries than the maximum', () => {
    const big = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i]));
    expect(refusal(() => checkVariables({ input: { value: big } }, limits))).toMatchObject({ code: 'BAD_USER_INPUT', details: { limit: 'variableListLength', value: 1001 } });
  });
  it('lets an ordinary input through', () => {
    const calendar = { input: { jurisdiction: 'HN', changes: [{ name: 'calendarNotices', source: 's', value: [{ year: 2027, holidays: Array.from({ length: 30 }, () => '2027-01-01') }] }] } };
    expect(refusal(() => checkVariables(calendar, limits))).toBeNull();
    expect(refusal(() => checkVariables({ ids: Array.from({ length: 1000 }, (_, i) => String(i)) }, limits))).toBeNull();
  });
});

describe('limits from the environment', () => {
  it('keeps the documented defaults and reads every variable', () => {
    expect(queryLimitsFromEnv({})).toEqual({
      maxDepth: 6, maxAliases: 15, maxDirectives: 50, maxTokens: 2000, maxCost: 50_000, defaultListSize: 20,
      maxVariableDepth: 32, maxVariableListLength: 1000, rateLimit: { costPerMinute: 600_000, burst: 600_000 },
    });
    expect(queryLimitsFromEnv({ QUERY_MAX_COST: '10', RATE_LIMIT_COST_PER_MINUTE: '100', QUERY_MAX_VARIABLE_DEPTH: '8' })).toMatchObject({ maxCost: 10, maxVariableDepth: 8, rateLimit: { costPerMinute: 100, burst: 100 } });
  });
});
