import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SignJWT } from 'jose';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { gatewayConfig, mintToken, DEV_JWT_SECRET, SubgraphTransport } from '../src/index.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([licensing, catalog], { gateway: true });
});
afterAll(async () => stack?.stop());

const query = '{ dataResources(first: 5) { totalCount } }';

async function post(headers: Record<string, string>, body: unknown = { query }) {
  const res = await fetch(stack.gateway!.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('gateway authentication', () => {
  it('anonymous callers are served as the public', async () => {
    const r = await post({});
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.dataResources.totalCount).toBeTypeOf('number');
  });

  it('a malformed token is UNAUTHENTICATED', async () => {
    const r = await post({ authorization: 'Bearer not.a.jwt' });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('an expired token is UNAUTHENTICATED', async () => {
    const token = await mintToken(gatewayConfig(), { sub: 'x', role: 'AGENCY', ttlSec: -60 });
    const r = await post({ authorization: `Bearer ${token}` });
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a token signed with alg "none" or another secret is refused', async () => {
    const other = await new SignJWT({ role: 'AUTHORITY' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('pdo-dev').setAudience('pdo-marketplace').setExpirationTime('1h').sign(new TextEncoder().encode(DEV_JWT_SECRET + 'x'));
    expect((await post({ authorization: `Bearer ${other}` })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"AUTHORITY"}').toString('base64url')}.`;
    expect((await post({ authorization: `Bearer ${none}` })).body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a batched HTTP request is refused', async () => {
    const r = await post({}, [{ query }, { query }]);
    expect(r.status).toBe(400);
  });

  it('a direct call to a subgraph without the gateway signature is refused and executes nothing', async () => {
    const res = await fetch(stack.urls.catalog!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as any;
    expect(res.status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a valid token crosses two subgraphs: resources with their source agency name', async () => {
    const r = await stack.gql(`{ dataResources(first: 10) { edges { node { code sourceAgency { id name } } } } }`, {}, { as: who('AGENCY', null, 'HN') });
    expect(r.errors).toBeUndefined();
    expect(Array.isArray(r.data.dataResources.edges)).toBe(true);
  });
});

/** A token as an attacker or a careless issuer would make it, signed with the gateway's own key. */
function token(claims: { iat?: number; exp?: number; nbf?: number }) {
  const jwt = new SignJWT({ role: 'AUTHORITY', org: null, jurisdiction: 'HN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('authority-user').setIssuer('pdo-dev').setAudience('pdo-marketplace');
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(DEV_JWT_SECRET));
}
const nowSec = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

describe('DPoP-bound tokens at the gateway (RFC 9449)', async () => {
  const { generateKeyPair, exportJWK, calculateJwkThumbprint, SignJWT: Sign } = await import('jose');
  const { createHash, randomUUID } = await import('node:crypto');
  const client = await generateKeyPair('ES256');
  const stranger = await generateKeyPair('ES256');
  const jwk = await exportJWK(client.publicKey);
  const bound = await mintToken(gatewayConfig(), { sub: 'dev-1', role: 'DEVELOPER', dpopJkt: await calculateJwkThumbprint(jwk, 'sha256') });
  const prove = (key = client.privateKey, publicJwk: object = jwk) =>
    new Sign({ jti: randomUUID(), htm: 'POST', htu: stack.gateway!.url, iat: Math.floor(Date.now() / 1000), ath: createHash('sha256').update(bound).digest('base64url') })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: publicJwk as never })
      .sign(key);

  it('a bound token without its proof, or with a proof of another key, is refused and executes nothing', async () => {
    const attempts: Record<string, string>[] = [{ authorization: `DPoP ${bound}` }, { authorization: `DPoP ${bound}`, dpop: await prove(stranger.privateKey, await exportJWK(stranger.publicKey)) }];
    for (const headers of attempts) {
      const r = await post(headers);
      expect(r.status).toBe(401);
      expect(r.body.data).toBeUndefined();
      expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a bound token with a fresh proof is served; the same proof sent again is refused', async () => {
    const headers = { authorization: `DPoP ${bound}`, dpop: await prove() };
    const first = await post(headers);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.dataResources.totalCount).toBeTypeOf('number');
    const again = await post(headers);
    expect(again.status).toBe(401);
    expect(again.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('token lifetime (JWT_MAX_LIFETIME, default 1 h)', () => {
  it('a token valid for 100 years is refused', async () => {
    const r = await post({ authorization: `Bearer ${await token({ iat: nowSec(), exp: nowSec() + 100 * 365 * 24 * HOUR })}` });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a token without exp is refused', async () => {
    const r = await post({ authorization: `Bearer ${await token({ iat: nowSec() })}` });
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('without iat the lifetime is measured from now; an iat in the future buys nothing', async () => {
    expect((await post({ authorization: `Bearer ${await token({ exp: nowSec() + 30 * 24 * HOUR })}` })).status).toBe(401);
    const future = nowSec() + 365 * 24 * HOUR;
    expect((await post({ authorization: `Bearer ${await token({ iat: future, exp: future + 60 })}` })).status).toBe(401);
  });

  it('a token within the lifetime is accepted, with or without iat', async () => {
    for (const t of [await token({ iat: nowSec(), exp: nowSec() + HOUR }), await token({ exp: nowSec() + HOUR - 60 }), await mintToken(gatewayConfig(), { sub: 'a', role: 'AGENCY' })]) {
      const r = await post({ authorization: `Bearer ${t}` });
      expect(r.status).toBe(200);
      expect(r.body.errors).toBeUndefined();
    }
  });

  it('dev tokens are minted within the maximum, and longer ones are not minted', async () => {
    const config = gatewayConfig();
    const t = await mintToken(config, { sub: 'a', role: 'AGENCY' });
    const { exp, iat } = JSON.parse(Buffer.from(t.split('.')[1]!, 'base64url').toString());
    expect(exp - iat).toBe(config.jwtMaxLifetimeSec);
    await expect(mintToken(config, { sub: 'a', role: 'AGENCY', ttlSec: config.jwtMaxLifetimeSec + 1 })).rejects.toThrow(/JWT_MAX_LIFETIME/);
  });
});

describe('gateway → subgraph signature is bound to the request and used once', () => {
  /** Records the headers and body of the gateway's real subgraph calls. */
  async function capture(query: string, as = who('AGENCY', null, 'HN')) {
    const calls: { url: string; body: string; headers: Record<string, string> }[] = [];
    const original = SubgraphTransport.prototype.post;
    const spy = vi.spyOn(SubgraphTransport.prototype, 'post').mockImplementation(function (this: SubgraphTransport, url: URL, body: string, headers: any) {
      const make = typeof headers === 'function' ? headers : () => headers;
      return original.call(this, url, body, () => {
        const h = make();
        calls.push({ url: url.toString(), body, headers: h });
        return h;
      });
    });
    try {
      const r = await stack.gql(query, {}, { as });
      expect(r.errors).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    return calls;
  }

  const replay = async (call: { url: string; headers: Record<string, string> }, body: string) => {
    const res = await fetch(call.url, { method: 'POST', headers: { ...call.headers, 'content-type': 'application/json' }, body });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('a captured signed header set replayed with another body is refused and executes nothing', async () => {
    const [call] = (await capture('{ dataResources(first: 1) { totalCount } }')).filter((c) => c.url === stack.urls.catalog);
    expect(call).toBeDefined();
    const other = JSON.stringify({ query: '{ dataResources(first: 50) { edges { node { id code nameZh } } } }' });
    const r = await replay(call!, other);
    expect(r.status).toBe(401);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('the same signed request sent twice (same nonce) is refused the second time', async () => {
    const [call] = (await capture('{ dataResources(first: 2) { totalCount } }')).filter((c) => c.url === stack.urls.catalog);
    // The gateway's own call was accepted; the identical bytes again are a replay.
    const r = await replay(call!, call!.body);
    expect(r.status).toBe(401);
    expect(r.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(r.body.errors[0].extensions.messageEn).toMatch(/replay/i);
  });

  it('every subgraph call carries its own nonce', async () => {
    const calls = await capture('{ dataResources(first: 3) { edges { node { code sourceAgency { id name } } } } }');
    expect(calls.length).toBeGreaterThanOrEqual(1);
    const nonces = calls.map((c) => c.headers['x-pdo-identity-nonce']);
    expect(nonces.every(Boolean)).toBe(true);
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});
