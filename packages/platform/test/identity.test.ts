import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newNonce, signIdentityHeaders, verifyIdentityHeaders, MemoryNonceStore, DomainError, type Identity, type SignedRequest } from '../src/index.js';

const secret = 'test-secret';
const operator: Identity = { sub: 'u1', role: 'OPERATOR', org: '0190a0c2-0000-7000-8000-000000000001', jurisdiction: 'HN' };
const request: SignedRequest = { audience: 'catalog', method: 'POST', path: '/graphql', body: '{"query":"{ dataResources(first: 1) { totalCount } }"}' };
const options = (extra: { now?: number } = {}) => ({ secret, maxSkewMs: 30_000, nonces: new MemoryNonceStore(1000), ...extra });

async function codeOf(fn: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : 'OTHER';
  }
  return undefined;
}

describe('gateway identity signature', () => {
  it('round-trips a signed identity', async () => {
    const headers = signIdentityHeaders(operator, secret, request, 1_000_000);
    expect(await verifyIdentityHeaders(headers, request, options({ now: 1_010_000 }))).toEqual(operator);
  });

  it('refuses a request with no signature (a direct call to a subgraph)', async () => {
    expect(await codeOf(() => verifyIdentityHeaders({}, request, options()))).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged identity: the role was changed after signing', async () => {
    const headers = signIdentityHeaders(operator, secret, request);
    const forged = Buffer.from(JSON.stringify({ ...operator, role: 'AUTHORITY' })).toString('base64url');
    expect(await codeOf(() => verifyIdentityHeaders({ ...headers, 'x-pdo-identity': forged }, request, options()))).toBe('UNAUTHENTICATED');
  });

  it('refuses a signature made with another secret', async () => {
    const headers = signIdentityHeaders(operator, 'other', request);
    expect(await codeOf(() => verifyIdentityHeaders(headers, request, options()))).toBe('UNAUTHENTICATED');
  });

  it('refuses a replay older than the window and accepts one just inside it', async () => {
    const headers = signIdentityHeaders(operator, secret, request, 0);
    expect(await codeOf(() => verifyIdentityHeaders(headers, request, options({ now: 30_001 })))).toBe('UNAUTHENTICATED');
    expect(await codeOf(() => verifyIdentityHeaders(headers, request, options({ now: 30_000 })))).toBeUndefined();
  });

  it('refuses captured headers sent with another body, path or method', async () => {
    const headers = signIdentityHeaders(operator, secret, request);
    const other = '{"query":"mutation { withdrawEverything }"}';
    expect(await codeOf(() => verifyIdentityHeaders(headers, { ...request, body: other }, options()))).toBe('UNAUTHENTICATED');
    expect(await codeOf(() => verifyIdentityHeaders(headers, { ...request, body: Buffer.from(other) }, options()))).toBe('UNAUTHENTICATED');
    expect(await codeOf(() => verifyIdentityHeaders(headers, { ...request, path: '/graphql?x=1' }, options()))).toBe('UNAUTHENTICATED');
    expect(await codeOf(() => verifyIdentityHeaders(headers, { ...request, method: 'GET' }, options()))).toBe('UNAUTHENTICATED');
    // The same call replayed at another subgraph (each serves /graphql and keeps its own nonces).
    expect(await codeOf(() => verifyIdentityHeaders(headers, { ...request, audience: 'products' }, options()))).toBe('UNAUTHENTICATED');
    // The same bytes as a Buffer verify like the string.
    expect(await verifyIdentityHeaders(headers, { ...request, body: Buffer.from(request.body) }, options())).toEqual(operator);
  });

  it('refuses the same nonce twice within the window, even for the identical request', async () => {
    const o = options({ now: 5_000 });
    const headers = signIdentityHeaders(operator, secret, request, 5_000);
    expect(await verifyIdentityHeaders(headers, request, o)).toEqual(operator);
    const e = await verifyIdentityHeaders(headers, request, o).catch((x: DomainError) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('UNAUTHENTICATED');
    expect((e as DomainError).messageEn).toMatch(/replay/);
    // A nonce chosen again by a (buggy) signer for another request is refused too.
    const again = signIdentityHeaders(operator, secret, { ...request, body: '{}' }, 5_000, headers['x-pdo-identity-nonce']);
    expect(await codeOf(() => verifyIdentityHeaders(again, { ...request, body: '{}' }, o))).toBe('UNAUTHENTICATED');
  });

  it('refuses a request whose nonce header was removed or replaced', async () => {
    const headers = signIdentityHeaders(operator, secret, request);
    const { 'x-pdo-identity-nonce': _n, ...without } = headers;
    expect(await codeOf(() => verifyIdentityHeaders(without, request, options()))).toBe('UNAUTHENTICATED');
    expect(await codeOf(() => verifyIdentityHeaders({ ...headers, 'x-pdo-identity-nonce': 'A'.repeat(22) }, request, options()))).toBe('UNAUTHENTICATED');
  });
});

describe('MemoryNonceStore', () => {
  it('forgets a nonce only after it expires', () => {
    const store = new MemoryNonceStore(10);
    expect(store.claim('n1', 100, 0)).toBe(true);
    expect(store.claim('n1', 100, 100)).toBe(false);
    expect(store.claim('n1', 300, 101)).toBe(true);
  });

  it('is bounded: when full of live nonces it refuses (SERVICE_UNAVAILABLE) rather than forget one', () => {
    const store = new MemoryNonceStore(3);
    for (const n of ['a', 'b', 'c']) expect(store.claim(n, 1000, 0)).toBe(true);
    expect(() => store.claim('d', 1000, 10)).toThrow(DomainError);
    expect(store.claim('a', 1000, 10)).toBe(false);
    // Once they expire, room comes back.
    expect(store.claim('d', 3000, 2000)).toBe(true);
    expect(store.size).toBe(1);
  });
});

describe('signing cost (issue 22): the wire format is unchanged', () => {
  it('signs with the secret as before: the HMAC over the documented message, keyed by the secret text', () => {
    const headers = signIdentityHeaders(operator, secret, request, 1_000_000, 'AAAAAAAAAAAAAAAAAAAAAA');
    const digest = createHash('sha256').update(request.body).digest('base64url');
    const message = `pdo-sig-v3\ncatalog\nPOST\n/graphql\n${digest}\n${headers['x-pdo-identity']}\n1000000\nAAAAAAAAAAAAAAAAAAAAAA`;
    expect(headers['x-pdo-identity-sig']).toBe(createHmac('sha256', secret).update(message).digest('base64url'));
  });

  it('draws every nonce from fresh random bytes: 16 bytes each, none repeated across pool refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const n = newNonce();
      expect(Buffer.from(n, 'base64url')).toHaveLength(16);
      seen.add(n);
    }
    expect(seen.size).toBe(2_000);
  });

  it('gives each signature its own nonce, accepted once', async () => {
    const nonces = new MemoryNonceStore(1000);
    const a = signIdentityHeaders(operator, secret, request, 1_000_000);
    const b = signIdentityHeaders(operator, secret, request, 1_000_000);
    expect(a['x-pdo-identity-nonce']).not.toBe(b['x-pdo-identity-nonce']);
    const opts = { secret, maxSkewMs: 30_000, nonces, now: 1_000_000 };
    expect(await verifyIdentityHeaders(a, request, opts)).toEqual(operator);
    expect(await verifyIdentityHeaders(b, request, opts)).toEqual(operator);
    expect(await codeOf(() => verifyIdentityHeaders(a, request, opts))).toBe('UNAUTHENTICATED');
  });
});
