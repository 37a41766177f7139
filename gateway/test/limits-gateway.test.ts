/**
 * The query limits through the real gateway (the checked-in supergraph), with every subgraph
 * replaced by one stub that counts what reaches it: a refused query must answer a coded refusal
 * with HTTP 400 (or 429) and reach no subgraph; an accepted one does reach it.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayConfig, mintToken, startGateway, type RunningGateway } from '../src/index.js';

let stub: Server;
let hits = 0;
const gateways: RunningGateway[] = [];

async function gatewayWith(extra: NodeJS.ProcessEnv): Promise<RunningGateway> {
  const port = (stub.address() as { port: number }).port;
  const env: NodeJS.ProcessEnv = { ...process.env, RESPONSE_CACHE_TTL_MS: '0', RATE_LIMIT_COST_PER_MINUTE: '30000', ...extra };
  for (const n of ['CATALOG', 'LICENSING', 'PRODUCTS', 'REVENUE', 'EVALUATION']) env[`${n}_URL`] = `http://127.0.0.1:${port}/graphql`;
  const gw = await startGateway({ port: 0, gatewayHost: '127.0.0.1' }, env);
  gateways.push(gw);
  return gw;
}

let gw: RunningGateway;
beforeAll(async () => {
  stub = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: null, errors: [{ message: 'stub subgraph' }] }));
    });
  });
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  gw = await gatewayWith({});
});
afterAll(async () => {
  for (const g of gateways) await g.stop();
  stub?.close();
});

interface Answer {
  status: number;
  reached: number;
  errors?: { message: string; extensions: { code: string; messageZh?: string; messageEn?: string; details?: Record<string, unknown> } }[];
}

/** Posts a raw body (deep JSON cannot go through JSON.stringify here) and counts subgraph calls. */
async function post(body: string | object, headers: Record<string, string> = {}, target: RunningGateway = gw): Promise<Answer> {
  const before = hits;
  const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const json = (await res.json()) as Omit<Answer, 'status' | 'reached'>;
  return { status: res.status, reached: hits - before, errors: json.errors };
}

async function as(sub: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken(gatewayConfig(), { sub, role: 'DEVELOPER' })}` };
}

const refusedFor = (a: Answer) => ({ status: a.status, reached: a.reached, code: a.errors?.[0]?.extensions.code, limit: a.errors?.[0]?.extensions.details?.limit });

const NESTED_LITERAL = '{ dataProducts(first: 1000) { edges { node { id resources { products(first: 1000) { edges { node { id } } } } } } } }';
const NESTED_VARIABLE = 'query($n: Int) { dataProducts(first: $n) { edges { node { id resources { products(first: $n) { edges { node { id } } } } } } } }';

describe('list sizes given as variables', () => {
  it('the cost limit refuses them exactly like literals', async () => {
    const literal = await post({ query: NESTED_LITERAL });
    const variable = await post({ query: NESTED_VARIABLE, variables: { n: 1000 } });
    expect(refusedFor(literal)).toEqual({ status: 400, reached: 0, code: 'BAD_USER_INPUT', limit: 'cost' });
    expect(refusedFor(variable)).toEqual(refusedFor(literal));
    expect(variable.errors![0]!.extensions.details).toEqual(literal.errors![0]!.extensions.details);
    expect(variable.errors![0]!.extensions.messageZh).toMatch(/^查询代价过高/);
  });

  it('without a size, the default page size is assumed, and a small query goes through', async () => {
    expect((await post({ query: NESTED_VARIABLE, variables: { n: 5 } })).reached).toBeGreaterThan(0);
    expect((await post({ query: NESTED_VARIABLE })).reached).toBeGreaterThan(0);
  });

  it('the rate limiter charges them exactly like literals', async () => {
    // Each costs 20,401 at n = 100; the budget is 30,000: one passes, the next is refused.
    const byVariable = await as('rate-variable');
    const byLiteral = await as('rate-literal');
    const literalQuery = NESTED_LITERAL.replaceAll('1000', '100');
    const variable = [await post({ query: NESTED_VARIABLE, variables: { n: 100 } }, byVariable), await post({ query: NESTED_VARIABLE, variables: { n: 100 } }, byVariable)];
    const literal = [await post({ query: literalQuery }, byLiteral), await post({ query: literalQuery }, byLiteral)];
    expect(literal.map((a) => [a.status === 429 ? 429 : 'executed', a.errors?.[0]?.extensions.code])).toEqual([['executed', 'DOWNSTREAM_SERVICE_ERROR'], [429, 'RATE_LIMITED']]);
    expect(variable.map((a) => [a.status === 429 ? 429 : 'executed', a.errors?.[0]?.extensions.code])).toEqual([['executed', 'DOWNSTREAM_SERVICE_ERROR'], [429, 'RATE_LIMITED']]);
    expect(variable[1]!.reached).toBe(0);
  });
});

describe('oversized requests get their own coded refusal, HTTP 400, and reach no subgraph', () => {
  it('a query over the token limit', async () => {
    const a = await post({ query: `{ ${Array.from({ length: 2100 }, () => 'dataProducts').join(' ')} }` });
    expect(refusedFor(a)).toEqual({ status: 400, reached: 0, code: 'BAD_USER_INPUT', limit: 'tokens' });
    expect(a.errors![0]!.extensions).toMatchObject({ messageZh: '查询过长（超过 2000 个词法单元）', messageEn: 'Query too large (more than 2000 tokens)', details: { max: 2000 } });
  });

  it('a JSON variable nested 5,000 deep', async () => {
    const deep = `${'['.repeat(2500)}${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}${']'.repeat(2500)}`;
    const body = `{"query":"mutation($i: EditPolicyProfileInput!) { editPolicyProfile(input: $i) { version } }","variables":{"i":{"jurisdiction":"HN","changes":[{"name":"x","source":"s","value":${deep}}]}}}`;
    const a = await post(body, await as('deep-variable'));
    expect(refusedFor(a)).toEqual({ status: 400, reached: 0, code: 'BAD_USER_INPUT', limit: 'variableDepth' });
    expect(a.errors![0]!.extensions).toMatchObject({ messageZh: '变量嵌套过深（超过 32 层）', messageEn: 'Variables nested too deep (more than 32 levels)' });
  });

  it('a huge list in the variables', async () => {
    const a = await post({ query: 'query($ids: [ID!]) { catalogSearch(filter: { sourceAgencyIds: $ids }, first: 1) { totalCount } }', variables: { ids: Array.from({ length: 100_000 }, (_, i) => String(i)) } });
    expect(refusedFor(a)).toEqual({ status: 400, reached: 0, code: 'BAD_USER_INPUT', limit: 'variableListLength' });
  });

  it('a thousand copies of one field (validation gives up)', async () => {
    const a = await post({ query: `{ ${Array.from({ length: 1200 }, () => '__typename').join(' ')} }` });
    expect(refusedFor(a)).toEqual({ status: 400, reached: 0, code: 'BAD_USER_INPUT', limit: 'complexity' });
  });

  it('a query text nested past the parser, under a raised token limit', async () => {
    const loose = await gatewayWith({ QUERY_MAX_TOKENS: '1000000' });
    const a = await post({ query: `{ dataProducts(jurisdiction: ${'['.repeat(30_000)}"HN"${']'.repeat(30_000)}) { totalCount } }` }, {}, loose);
    expect(refusedFor(a)).toEqual({ status: 400, reached: 0, code: 'BAD_USER_INPUT', limit: 'nesting' });
  });

  it('depth, aliases and directives keep BAD_USER_INPUT through Apollo', async () => {
    const aliases = await post({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: dataProducts(first: 1) { totalCount }`).join(' ')} }` });
    expect(refusedFor(aliases)).toEqual({ status: 400, reached: 0, code: 'BAD_USER_INPUT', limit: 'aliases' });
    const level = (inner: string) => `resources { products(first: 1) { edges { node { ${inner} } } } }`;
    const deep = await post({ query: `{ dataProducts(first: 1) { edges { node { ${level(level(level('id')))} } } } }` });
    expect(refusedFor(deep)).toEqual({ status: 400, reached: 0, code: 'BAD_USER_INPUT', limit: 'depth' });
    expect(deep.errors![0]!.extensions).toMatchObject({ messageEn: 'Query too deep (7 > 6)', details: { value: 7, max: 6 } });
    // Six levels of objects, however many edges/node wrappers: allowed.
    expect((await post({ query: `{ dataProducts(first: 1) { edges { node { ${level(level('resources { id }'))} } } } }` })).reached).toBeGreaterThan(0);
  });

  it('an error that merely quotes "timeout" or "aborted" is not reported as an outage', async () => {
    const a = await post({ query: '{ timeout aborted }' });
    expect(a.status).toBe(400);
    expect(a.errors![0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
