import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { gatewayConfig, mintToken, DEV_JWT_SECRET } from '../src/index.js';

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
