/**
 * SUBGRAPH_AUTH (packages/platform/src/auth/subgraph-auth.ts): `signed` accepts only the gateway's
 * signature (the default, as before); `router` only a standard router's shared secret plus the
 * bearer JWT, verified by the subgraph; `both` either, each checked in full.
 */
import { describe, expect, it } from 'vitest';
import {
  createSubgraphAuthenticator,
  DomainError,
  MemoryNonceStore,
  mintToken,
  platformConfig,
  ROUTER_SECRET_HEADER,
  signIdentityHeaders,
  ConfigError,
  type Identity,
  type SignedRequest,
  type SubgraphAuthMode,
} from '../src/index.js';

const operator: Identity = { sub: 'u1', role: 'OPERATOR', org: '0190a0c2-0000-7000-8000-000000000001', jurisdiction: 'HN' };
const request: SignedRequest = { audience: 'catalog', method: 'POST', path: '/graphql', body: '{"query":"{ __typename }"}' };
const base = platformConfig({ NODE_ENV: 'test' });
const auth = (mode: SubgraphAuthMode) => createSubgraphAuthenticator({ ...base, subgraphAuth: mode }, new MemoryNonceStore(1000));

async function outcome(fn: () => Promise<Identity>): Promise<Identity | string> {
  try {
    return await fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : `OTHER ${(e as Error).message}`;
  }
}

describe('subgraph authentication modes (SUBGRAPH_AUTH)', async () => {
  const token = await mintToken(base, { sub: operator.sub, role: 'OPERATOR', org: operator.org, jurisdiction: operator.jurisdiction });
  const router = { [ROUTER_SECRET_HEADER]: base.routerSecret!, authorization: `Bearer ${token}` };

  it('signed (the default) refuses a router credential with a valid token, and accepts the gateway signature', async () => {
    expect(base.subgraphAuth).toBe('signed');
    expect(await outcome(() => auth('signed')(router, request))).toBe('UNAUTHENTICATED');
    expect(await outcome(() => auth('signed')(signIdentityHeaders(operator, base.gatewaySecret, request), request))).toEqual(operator);
  });

  it('router: the secret and the bearer token make the identity; no token is the public; the gateway signature alone is not enough', async () => {
    expect(await outcome(() => auth('router')(router, request))).toEqual(operator);
    expect(await outcome(() => auth('router')({ [ROUTER_SECRET_HEADER]: base.routerSecret! }, request))).toMatchObject({ role: 'ANONYMOUS' });
    expect(await outcome(() => auth('router')(signIdentityHeaders(operator, base.gatewaySecret, request), request))).toBe('UNAUTHENTICATED');
  });

  it('router: a wrong or missing secret, or a bad token, is refused', async () => {
    const forged = await mintToken({ ...base, jwtSecret: 'another-key-0123456789abcdef-0123456789' }, { sub: 'x', role: 'AUTHORITY', jurisdiction: 'HN' });
    const expired = await mintToken(base, { sub: 'x', role: 'AUTHORITY', jurisdiction: 'HN', ttlSec: -120 });
    for (const headers of [
      { authorization: `Bearer ${token}` },
      { [ROUTER_SECRET_HEADER]: `${base.routerSecret}!`, authorization: `Bearer ${token}` },
      { [ROUTER_SECRET_HEADER]: base.routerSecret!.slice(0, -1), authorization: `Bearer ${token}` },
      { [ROUTER_SECRET_HEADER]: base.routerSecret!, authorization: `Bearer ${forged}` },
      { [ROUTER_SECRET_HEADER]: base.routerSecret!, authorization: `Bearer ${expired}` },
      { [ROUTER_SECRET_HEADER]: base.routerSecret!, authorization: 'Basic abc' },
    ]) {
      expect(await outcome(() => auth('router')(headers, request))).toBe('UNAUTHENTICATED');
    }
  });

  it('both: either way in, and signature headers are always checked as a signature', async () => {
    expect(await outcome(() => auth('both')(router, request))).toEqual(operator);
    expect(await outcome(() => auth('both')(signIdentityHeaders(operator, base.gatewaySecret, request), request))).toEqual(operator);
    const unsigned = { ...router, 'x-pdo-identity': Buffer.from(JSON.stringify({ ...operator, role: 'AUTHORITY' })).toString('base64url') };
    expect(await outcome(() => auth('both')(unsigned, request))).toBe('UNAUTHENTICATED');
    expect(await outcome(() => auth('both')({}, request))).toBe('UNAUTHENTICATED');
  });

  it('production: a router-mode subgraph needs a strong ROUTER_SHARED_SECRET and the token settings', () => {
    const strong = (c: string) => c.repeat(40);
    const prod = { NODE_ENV: 'production', GATEWAY_HMAC_SECRET: strong('g'), AUDIT_CHAIN_KEY: strong('a'), DATABASE_URL: 'postgres://pdo_catalog@db/pdo', MIGRATE_ON_START: '0' };
    expect(platformConfig(prod).subgraphAuth).toBe('signed');
    const refused = (env: NodeJS.ProcessEnv) => {
      try {
        platformConfig(env);
      } catch (e) {
        if (e instanceof ConfigError) return e.variables.sort();
        throw e;
      }
      return [];
    };
    expect(refused({ ...prod, SUBGRAPH_AUTH: 'router' })).toEqual(['JWT_AUDIENCE', 'JWT_ISSUER', 'JWT_SECRET', 'ROUTER_SHARED_SECRET']);
    const jwt = { JWT_SECRET: strong('j'), JWT_ISSUER: 'https://id.example.gov.cn', JWT_AUDIENCE: 'pdo' };
    expect(refused({ ...prod, ...jwt, SUBGRAPH_AUTH: 'both', ROUTER_SHARED_SECRET: 'short' })).toEqual(['ROUTER_SHARED_SECRET']);
    expect(refused({ ...prod, ...jwt, SUBGRAPH_AUTH: 'both', ROUTER_SHARED_SECRET: strong('g') })).toEqual(['ROUTER_SHARED_SECRET']);
    expect(platformConfig({ ...prod, ...jwt, SUBGRAPH_AUTH: 'router', ROUTER_SHARED_SECRET: strong('r') })).toMatchObject({ subgraphAuth: 'router', routerSecret: strong('r'), jwtIssuer: jwt.JWT_ISSUER });
    expect(refused({ ...prod, SUBGRAPH_AUTH: 'routers' })).toEqual(['SUBGRAPH_AUTH']);
  });
});

/**
 * Replay protection behind a router (auth/dpop.ts): a DPoP-bound token must come with its
 * client's proof (RFC 9449), and a proof is accepted once per request body within the window.
 */
describe('router mode: DPoP proofs against replay', async () => {
  const { generateKeyPair, exportJWK, calculateJwkThumbprint, SignJWT } = await import('jose');
  const { createHash, randomUUID } = await import('node:crypto');
  const client = await generateKeyPair('ES256');
  const stranger = await generateKeyPair('ES256');
  const jwk = await exportJWK(client.publicKey);
  const jkt = await calculateJwkThumbprint(jwk, 'sha256');
  const bound = await mintToken(base, { sub: operator.sub, role: 'OPERATOR', org: operator.org, jurisdiction: operator.jurisdiction, dpopJkt: jkt });
  const unbound = await mintToken(base, { sub: operator.sub, role: 'OPERATOR', org: operator.org, jurisdiction: operator.jurisdiction });
  const ath = (t: string) => createHash('sha256').update(t).digest('base64url');
  const prove = async (o: { token?: string; key?: CryptoKey; jwk?: object; iat?: number; htu?: string; htm?: string; jti?: string; typ?: string } = {}) =>
    new SignJWT({ jti: o.jti ?? randomUUID(), htm: o.htm ?? 'POST', htu: o.htu ?? 'https://api.example.gov.cn/graphql', iat: o.iat ?? Math.floor(Date.now() / 1000), ath: ath(o.token ?? bound) })
      .setProtectedHeader({ alg: 'ES256', typ: o.typ ?? 'dpop+jwt', jwk: (o.jwk ?? jwk) as never })
      .sign(o.key ?? client.privateKey);
  const routerAuth = (extra: Partial<typeof base> = {}) => createSubgraphAuthenticator({ ...base, subgraphAuth: 'router', ...extra }, new MemoryNonceStore(1000));
  const headers = (token: string, proof?: string) => ({ [ROUTER_SECRET_HEADER]: base.routerSecret!, authorization: `DPoP ${token}`, ...(proof ? { dpop: proof } : {}) });

  it('a bound token with its proof is accepted once; the same request sent again is refused', async () => {
    const auth = routerAuth();
    const h = headers(bound, await prove());
    expect(await outcome(async () => auth(h, request))).toEqual(operator);
    expect(await outcome(async () => auth(h, request))).toBe('UNAUTHENTICATED');
  });

  it('one client request fanned out by the router: each subgraph call (another body) passes once — the documented limit', async () => {
    const auth = routerAuth();
    const h = headers(bound, await prove());
    const second: SignedRequest = { ...request, body: '{"query":"{ _service { sdl } }"}' };
    expect(await outcome(async () => auth(h, request))).toEqual(operator);
    expect(await outcome(async () => auth(h, second))).toEqual(operator);
    expect(await outcome(async () => auth(h, second))).toBe('UNAUTHENTICATED');
  });

  it('refuses a bound token without a proof, and any proof that is not its client\'s, fresh and for this token', async () => {
    const auth = routerAuth({ routerPublicUrl: 'https://api.example.gov.cn/graphql' });
    const strangerJwk = await exportJWK(stranger.publicKey);
    for (const proof of [
      undefined,
      'not-a-jwt',
      await prove({ key: stranger.privateKey, jwk: strangerJwk }), // another key: not the one the token is bound to
      await prove({ key: stranger.privateKey }), // header names the client's key, signed by another
      await prove({ token: unbound }), // ath of another token
      await prove({ iat: Math.floor(Date.now() / 1000) - 120 }), // stale
      await prove({ iat: Math.floor(Date.now() / 1000) + 120 }), // from the future
      await prove({ htu: 'https://elsewhere.example/graphql' }),
      await prove({ htm: 'DELETE' }),
      await prove({ typ: 'JWT' }),
      await prove({ jti: 'short' }),
    ]) {
      expect(await outcome(async () => auth(headers(bound, proof), request))).toBe('UNAUTHENTICATED');
    }
    // The right proof passes the same authenticator (so each refusal above was about the proof).
    expect(await outcome(async () => auth(headers(bound, await prove()), request))).toEqual(operator);
  });

  it('ROUTER_REQUIRE_DPOP: an unbound token is refused; without it an unbound token needs no proof; anonymous stays public', async () => {
    expect(await outcome(async () => routerAuth()(headers(unbound), request))).toEqual(operator);
    expect(await outcome(async () => routerAuth({ routerRequireDpop: true })(headers(unbound), request))).toBe('UNAUTHENTICATED');
    expect(await outcome(async () => routerAuth({ routerRequireDpop: true })(headers(bound, await prove()), request))).toEqual(operator);
    expect(await outcome(async () => routerAuth({ routerRequireDpop: true })({ [ROUTER_SECRET_HEADER]: base.routerSecret! }, request))).toMatchObject({ role: 'ANONYMOUS' });
    expect(platformConfig({ NODE_ENV: 'test', ROUTER_REQUIRE_DPOP: '1', ROUTER_PUBLIC_URL: 'https://api.example.gov.cn/graphql' })).toMatchObject({ routerRequireDpop: true, routerPublicUrl: 'https://api.example.gov.cn/graphql' });
    expect(() => platformConfig({ NODE_ENV: 'test', ROUTER_REQUIRE_DPOP: 'yes' })).toThrow(/ROUTER_REQUIRE_DPOP/);
  });
});
