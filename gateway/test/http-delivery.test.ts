/**
 * How the gateway delivers: compression by Accept-Encoding (gzip, brotli; packages/platform/src/
 * server/compress.ts) for GraphQL responses, cache hits and console assets, with
 * `Vary: Accept-Encoding`; and cache-control — public (max-age = the public response cache's TTL)
 * only for anonymous, error-free GET queries, `private, no-store` for everything else.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as catalog } from '@pdo/catalog';
import { startTestStack, type TestStack } from '@pdo/testing';
import { CONSOLE_DIST } from '../src/console.js';
import { gatewayConfig, mintToken } from '../src/index.js';
import { raw, varyOf, type RawResponse } from './http-raw.js';

const TTL_MS = 5000;
/** A browser origin allowed by CORS_ORIGINS: its answers say `Vary: Origin`. */
const CONSOLE_ORIGIN = 'https://console.example.org';
/** Large enough (> 1 KiB) to be worth compressing. */
const LIST = 'query ($n: Int) { dataResources(first: $n) { totalCount edges { node { id code nameZh descriptionZh } } } }';

let stack: TestStack;
let origin: string;

beforeAll(async () => {
  stack = await startTestStack([catalog], { gateway: true, seed: true, gatewayEnv: { RESPONSE_CACHE_TTL_MS: String(TTL_MS), CORS_ORIGINS: CONSOLE_ORIGIN } });
  origin = new URL(stack.gateway!.url).origin;
}, 120_000);
afterAll(async () => stack?.stop());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  raw(`${origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const get = (query: string, variables: unknown, headers: Record<string, string> = {}) =>
  raw(`${origin}/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`, { headers: { 'apollo-require-preflight': '1', ...headers } });

function decoded(r: RawResponse): Buffer {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(r.body);
  if (enc === 'gzip') return gunzipSync(r.body);
  expect(enc).toBeUndefined();
  return r.body;
}

describe('compression', () => {
  it('compresses a GraphQL response with brotli or gzip as the client asks, and the bytes decode to the same answer', async () => {
    const plain = await post({ query: LIST, variables: { n: 20 } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const answer = JSON.parse(plain.body.toString('utf8'));
    expect(answer.errors).toBeUndefined();

    const br = await post({ query: LIST, variables: { n: 20 } }, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(decoded(br).toString('utf8'))).toEqual(answer);

    const gz = await post({ query: LIST, variables: { n: 20 } }, { 'accept-encoding': 'br;q=0, gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gz).toString('utf8'))).toEqual(answer);

    for (const r of [plain, br, gz]) expect(varyOf(r)).toContain('accept-encoding');
  });

  it('compresses a response served from the public response cache too', async () => {
    const q = { query: LIST, variables: { n: 19 } };
    const first = await post(q, { 'accept-encoding': 'br' });
    const hit = await post(q, { 'accept-encoding': 'br' });
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.headers['content-encoding']).toBe('br');
    expect(varyOf(hit)).toContain('accept-encoding');
    expect(decoded(hit).toString('utf8')).toBe(decoded(first).toString('utf8'));
    const hitGz = await post(q, { 'accept-encoding': 'gzip' });
    expect(hitGz.headers['content-encoding']).toBe('gzip');
    expect(decoded(hitGz).toString('utf8')).toBe(decoded(first).toString('utf8'));
  });

  it('keeps Vary: Origin of CORS when it adds Accept-Encoding (and Authorization), also on a cache hit', async () => {
    const q = { query: LIST, variables: { n: 18 } };
    for (const _ of [1, 2]) {
      const r = await get(q.query, q.variables, { 'accept-encoding': 'gzip', origin: CONSOLE_ORIGIN });
      expect(r.headers['access-control-allow-origin']).toBe(CONSOLE_ORIGIN);
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(varyOf(r)).toEqual(expect.arrayContaining(['origin', 'accept-encoding', 'authorization']));
    }
  });

  it('serves console assets compressed, cached for a year under their hashed names, index.html revalidated', async () => {
    const js = readdirSync(join(CONSOLE_DIST, 'assets')).find((f) => /^main-[\w-]+\.js$/.test(f) || /^index-[\w-]+\.js$/.test(f))!;
    const file = readFileSync(join(CONSOLE_DIST, 'assets', js));
    for (const enc of ['br', 'gzip']) {
      const r = await raw(`${origin}/console/assets/${js}`, { headers: { 'accept-encoding': enc } });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe(enc);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(varyOf(r)).toContain('accept-encoding');
      expect(r.body.length).toBeLessThan(file.length);
      expect(decoded(r).equals(file)).toBe(true);
    }
    const plain = await raw(`${origin}/console/assets/${js}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(file)).toBe(true);

    const index = await raw(`${origin}/console/`, { headers: { 'accept-encoding': 'br' } });
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(decoded(index).toString('utf8')).toContain('<div id="root">');
  });
});

describe('cache-control of /graphql', () => {
  it('an anonymous, error-free GET query is public for the response cache TTL (also when answered from the cache)', async () => {
    const first = await get(LIST, { n: 3 });
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe(`public, max-age=${TTL_MS / 1000}`);
    expect(varyOf(first)).toEqual(expect.arrayContaining(['authorization', 'accept-encoding']));
    const again = await get(LIST, { n: 3 });
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.headers['cache-control']).toBe(`public, max-age=${TTL_MS / 1000}`);
    expect(varyOf(again)).toContain('authorization');
  });

  it('a signed-in GET, an anonymous POST, an error, a refused token and a mutation are private, no-store', async () => {
    const token = await mintToken(gatewayConfig(), { sub: 'authority-user', role: 'AUTHORITY', org: null, jurisdiction: 'HN' });
    const signedIn = await get(LIST, { n: 3 }, { authorization: `Bearer ${token}` });
    expect(JSON.parse(signedIn.body.toString('utf8')).errors).toBeUndefined();
    expect(signedIn.headers['cache-control']).toBe('private, no-store');

    const anonymousPost = await post({ query: LIST, variables: { n: 3 } });
    expect(anonymousPost.headers['cache-control']).toBe('private, no-store');

    const error = await get(LIST, { n: 'many' });
    expect(JSON.parse(error.body.toString('utf8')).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(error.headers['cache-control']).toBe('private, no-store');

    const badToken = await get(LIST, { n: 3 }, { authorization: 'Bearer nonsense' });
    expect(badToken.status).toBe(401);
    expect(badToken.headers['cache-control']).toBe('private, no-store');

    const mutation = await post({ query: 'mutation { __typename }' });
    expect(mutation.headers['cache-control']).toBe('private, no-store');
  });
});
