import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as catalog } from '@pdo/catalog';
import { sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { mintToken, gatewayConfig, ResponseCache } from '../src/index.js';

const TTL_MS = 400;
const LIST = 'query ($n: Int) { dataResources(first: $n) { edges { node { id nameZh } } } }';

let stack: TestStack;

async function call(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(stack.gateway!.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { cache: res.headers.get('x-cache'), json: (await res.json()) as any };
}

beforeAll(async () => {
  stack = await startTestStack([catalog], { gateway: true, seed: true, gatewayEnv: { RESPONSE_CACHE_TTL_MS: String(TTL_MS) } });
}, 120_000);
afterAll(async () => stack?.stop());

describe('public response cache at the gateway', () => {
  it('answers a repeated anonymous query from the cache until its time is up, then reads live data', async () => {
    const first = await call({ query: LIST, variables: { n: 1 } });
    const resource = first.json.data.dataResources.edges[0].node;
    expect(first.cache).toBeNull();

    await sql(stack.em('catalog'), `update data_resource set name_zh = name_zh || '（已更名）' where id = $1`, [resource.id]);
    const repeat = await call({ query: LIST, variables: { n: 1 } });
    expect(repeat.cache).toBe('HIT');
    expect(repeat.json).toEqual(first.json);

    // Another page size is another request: never answered with the first one's body.
    const other = await call({ query: LIST, variables: { n: 2 } });
    expect(other.cache).toBeNull();
    expect(other.json.data.dataResources.edges[0].node.nameZh).toBe(`${resource.nameZh}（已更名）`);

    await new Promise((r) => setTimeout(r, TTL_MS + 50));
    const later = await call({ query: LIST, variables: { n: 1 } });
    expect(later.cache).toBeNull();
    expect(later.json.data.dataResources.edges[0].node.nameZh).toBe(`${resource.nameZh}（已更名）`);
  });

  it('never serves a signed-in caller, an error or a mutation from the cache', async () => {
    const token = await mintToken(gatewayConfig(), { sub: 'authority-user', role: 'AUTHORITY', org: null, jurisdiction: 'HN' });
    const signedIn = [await call({ query: LIST, variables: { n: 3 } }, { authorization: `Bearer ${token}` }), await call({ query: LIST, variables: { n: 3 } }, { authorization: `Bearer ${token}` })];
    expect(signedIn.map((r) => r.cache)).toEqual([null, null]);

    const bad = { query: LIST, variables: { n: 'many' } };
    const refusals = [await call(bad), await call(bad)];
    expect(refusals.map((r) => r.cache)).toEqual([null, null]);
    expect(refusals[1]!.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const mutation = { query: 'mutation { __typename }' };
    const m = [await call(mutation), await call(mutation)];
    expect(m.map((r) => r.cache)).toEqual([null, null]);
  });

  it('lets visitors asking for the same page at once share one execution', async () => {
    const same = { query: LIST, variables: { n: 4 } };
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(same)));
    const misses = answers.filter((a) => a.cache === null).length;
    expect(misses).toBeLessThanOrEqual(2);
    expect(new Set(answers.map((a) => JSON.stringify(a.json))).size).toBe(1);
  });

  it('hands waiters the executing request\'s answer, or lets them execute when it could not be cached', async () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 1_000_000, maxEntryBytes: 100_000 });
    expect(cache.lookup('k', 0)).toBeUndefined(); // this caller executes
    const waiter = cache.lookup('k', 0);
    expect(waiter).toBeInstanceOf(Promise);
    cache.set('k', { body: '{"data":1}', contentType: 'application/json' }, 0);
    expect((await waiter)!.body.toString()).toBe('{"data":1}');

    expect(cache.lookup('e', 0)).toBeUndefined();
    const another = cache.lookup('e', 0);
    cache.abandon('e');
    expect(await another).toBeUndefined();
    expect(cache.lookup('e', 0)).toBeUndefined(); // nothing stuck: the next caller executes again
  });

  it('keeps within its byte budget by dropping the least recently used entries', () => {
    const cache = new ResponseCache({ ttlMs: 60_000, maxBytes: 3_000, maxEntryBytes: 2_000 });
    const body = 'x'.repeat(900);
    cache.set('a', { body, contentType: 'application/json' }, 0);
    cache.set('b', { body, contentType: 'application/json' }, 0);
    expect(cache.get('a', 1)).toBeDefined(); // a is now the most recently used
    cache.set('c', { body, contentType: 'application/json' }, 0);
    cache.set('d', { body, contentType: 'application/json' }, 0);
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.sizeBytes).toBeLessThanOrEqual(3_000);
    cache.set('huge', { body: 'y'.repeat(5_000), contentType: 'application/json' }, 0);
    expect(cache.get('huge', 1)).toBeUndefined();
    expect(cache.get('a', 60_001)).toBeUndefined();
  });
});
