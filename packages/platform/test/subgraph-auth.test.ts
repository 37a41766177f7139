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
const request: SignedRequest = { method: 'POST', path: '/graphql', body: '{"query":"{ __typename }"}' };
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
