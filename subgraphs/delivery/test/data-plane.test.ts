import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { callStatementsOf } from '../src/services/call-recorder.js';
import { aMarriage, entitle, grantMarriage, marriageProduct, ok, publishAs, type Product } from './data-plane-world.js';

process.env.DATA_PLANE_CALLS_PER_SECOND = '20';

let stack: TestStack;
let world: Awaited<ReturnType<typeof grantMarriage>>;
let product: Product;
let other: Product;
const devId = randomUUID();
const dev = who('DEVELOPER', devId, 'JL');
const person = aMarriage();

beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: true, seed: true });
  world = await grantMarriage(stack);
  product = await marriageProduct(stack, world, 'JL-DP-MARRIAGE');
  other = await marriageProduct(stack, world, 'JL-DP-OTHER');
}, 180_000);
afterAll(async () => stack?.stop());

const origin = () => stack.gateway!.url.replace(/\/graphql$/, '');
async function invoke(code: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${origin()}/v1/products/${code}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}
const reason = (r: { body: any }) => r.body.errors?.[0]?.extensions?.reason;
const CREATE = `mutation($i: CreateApiCredentialInput!) { createApiCredential(input: $i) { apiKey credential { id keyPrefix status expiresAt usageAgreementId } } }`;
async function keyFor(usageAgreementId: string, as = dev) {
  return ok(await stack.gql(CREATE, { i: { usageAgreementId, label: 'test' } }, { as })).createApiCredential as { apiKey: string; credential: { id: string; keyPrefix: string; expiresAt: string } };
}
/** Publishes what the calls queued (the batches go out a few ms after the calls), then reads. */
const drained = () => stack.runtimes.delivery!.definition.drain!(stack.runtimes.delivery!);
/** Executions published to products (one ExecutionsMetered carries many), optionally of one agreement. */
const metered = async (ua?: string) => {
  await drained();
  return Number((await sql<{ n: string }>(stack.em('delivery'), `select count(*)::text as n from pgboss.job j, jsonb_array_elements(case when j.data->>'name' = 'ExecutionsMetered' then j.data->'payload'->'executions' else jsonb_build_array(j.data->'payload') end) x
     where j.name = 'inbox_products' and j.data->>'name' in ('ExecutionMetered', 'ExecutionsMetered') and ($1::text is null or x->>'usageAgreementId' = $1)`, [ua ?? null]))[0]!.n);
};
const executionIds = async (ua: string) => {
  await drained();
  return (await sql<{ id: string }>(stack.em('delivery'), `select x->>'executionId' as id from pgboss.job j, jsonb_array_elements(j.data->'payload'->'executions') x
     where j.name = 'inbox_products' and j.data->>'name' = 'ExecutionsMetered' and x->>'usageAgreementId' = $1`, [ua])).map((r) => r.id);
};
const used = async (ua: string) => {
  await drained();
  return (await sql<{ u: string }>(stack.em('delivery'), `select used_units::text as u from metered_units where usage_agreement_id = $1`, [ua]))[0]?.u ?? '0';
};

describe('API credentials', () => {
  it('a developer with an active entitlement makes a key: shown once, only its SHA-256 kept, expiring with the agreement', async () => {
    const e = await entitle(stack, product, world.operatorId, devId);
    const k = await keyFor(e.usageAgreementId);
    expect(k.apiKey).toMatch(/^pdo_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(k.credential.expiresAt).toBe('2027-12-31T16:00:00.000Z');
    const rows = await sql<Record<string, unknown>>(stack.em('delivery'), `select * from api_credential where id = $1`, [k.credential.id]);
    expect(JSON.stringify(rows)).not.toContain(k.apiKey.slice(22));
    // Listed without the key; another developer sees nothing of it.
    const list = ok(await stack.gql(`{ apiCredentials { totalCount edges { node { keyPrefix status } } } }`, {}, { as: dev }));
    expect(list.apiCredentials.edges.map((x: any) => x.node.keyPrefix)).toContain(k.credential.keyPrefix);
    expect(ok(await stack.gql(`{ apiCredentials { totalCount } }`, {}, { as: who('DEVELOPER', randomUUID(), 'JL') })).apiCredentials.totalCount).toBe(0);
  });

  it('refuses a key for someone else\'s agreement, a paused entitlement, and the wrong role', async () => {
    const e = await entitle(stack, product, world.operatorId, devId);
    const intruder = await stack.gql(CREATE, { i: { usageAgreementId: e.usageAgreementId } }, { as: who('DEVELOPER', randomUUID(), 'JL') });
    expect(intruder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const paused = await entitle(stack, product, world.operatorId, devId, { status: 'PAUSED', pauseReason: 'SECURITY_INCIDENT' });
    expect((await stack.gql(CREATE, { i: { usageAgreementId: paused.usageAgreementId } }, { as: dev })).errors?.[0]?.extensions?.code).toBe('POLICY_VIOLATION');
    expect((await stack.gql(CREATE, { i: { usageAgreementId: e.usageAgreementId } }, { as: who('OPERATOR', world.operatorId, 'JL') })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('POST /v1/products/{code}/invoke', () => {
  let ua: string;
  let key: string;

  beforeAll(async () => {
    const e = await entitle(stack, product, world.operatorId, devId, { quotaUnits: '3' });
    ua = e.usageAgreementId;
    key = (await keyFor(ua)).apiKey;
  });

  it('answers a verification over raw rows the caller never sees; meters one unit and publishes ExecutionMetered; logs no data', async () => {
    const before = await metered();
    const r = await invoke(product.code, { id_no: person.idNo, kind: person.kind }, { 'x-api-key': key, 'idempotency-key': 'first-call' });
    expect(r.status).toBe(200);
    expect(r.body.rows.length).toBeGreaterThan(0);
    expect(r.body.rows.some((x: any) => x.matches === true)).toBe(true);
    expect(Object.keys(r.body.rows[0])).toEqual(['matches']);
    expect(JSON.stringify(r.body)).not.toContain(person.idNo);
    expect(await used(ua)).toBe('1');
    expect(await metered()).toBe(before + 1);
    const log = ok(await stack.gql(`query($u: ID) { callLog(usageAgreementId: $u) { totalCount edges { node { outcome httpStatus metered rowsReturned parameterSha256 productVersion } } } }`, { u: ua }, { as: dev }));
    expect(log.callLog.edges[0].node).toMatchObject({ outcome: 'OK', httpStatus: 200, metered: true, productVersion: 1 });
    const rows = await sql<Record<string, unknown>>(stack.em('delivery'), `select * from call_log where usage_agreement_id = $1`, [ua]);
    expect(JSON.stringify(rows)).not.toContain(person.idNo);
  });

  it('a retried Idempotency-Key returns the first answer and meters nothing; the same key with other parameters is a conflict', async () => {
    const first = await invoke(product.code, { id_no: person.idNo, kind: person.kind }, { 'x-api-key': key, 'idempotency-key': 'first-call' });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBe('true');
    const before = await metered();
    const again = await invoke(product.code, { kind: person.kind, id_no: person.idNo }, { 'x-api-key': key, 'idempotency-key': 'first-call' });
    expect(again.body).toEqual(first.body);
    expect(await used(ua)).toBe('1');
    expect(await metered()).toBe(before);
    const clash = await invoke(product.code, { id_no: person.idNo, kind: '离婚' }, { 'x-api-key': key, 'idempotency-key': 'first-call' });
    expect([clash.status, reason(clash)]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('refuses missing, malformed, unknown keys (401) and another agreement\'s key (403), coded in Chinese and English; nothing metered', async () => {
    const before = await used(ua);
    const missing = await invoke(product.code, { id_no: person.idNo, kind: '结婚' });
    expect([missing.status, reason(missing)]).toEqual([401, 'KEY_MISSING']);
    expect(missing.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', messageZh: expect.stringMatching(/[\u4e00-\u9fff]/), messageEn: expect.stringMatching(/API key/) });
    expect(reason(await invoke(product.code, {}, { 'x-api-key': 'not-a-key' }))).toBe('KEY_UNKNOWN');
    const forged = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const bad = await invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': forged });
    expect([bad.status, reason(bad)]).toEqual([401, 'KEY_UNKNOWN']);
    const e2 = await entitle(stack, other, world.operatorId, devId);
    const otherKey = (await keyFor(e2.usageAgreementId)).apiKey;
    const cross = await invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': otherKey });
    expect([cross.status, reason(cross)]).toEqual([403, 'KEY_OTHER_PRODUCT']);
    expect((await invoke('NO-SUCH-PRODUCT', {}, { 'x-api-key': key })).status).toBe(404);
    expect(await used(ua)).toBe(before);
  });

  it('refuses parameters of the wrong type or shape (400) without metering', async () => {
    const before = await used(ua);
    for (const body of [{ id_no: 123, kind: '结婚' }, { id_no: person.idNo }, { id_no: person.idNo, kind: '结婚', extra: 1 }, [1, 2], 'not json']) {
      const r = await invoke(product.code, body, { 'x-api-key': key });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(await used(ua)).toBe(before);
  });

  it('over quota: the call after the last agreed unit is refused (403 QUOTA_EXHAUSTED)', async () => {
    for (let i = 0; i < 2; i++) expect((await invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': key })).status).toBe(200);
    expect(await used(ua)).toBe('3');
    const over = await invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': key });
    expect([over.status, reason(over)]).toEqual([403, 'QUOTA_EXHAUSTED']);
    expect(await used(ua)).toBe('3');
    const quota = ok(await stack.gql(`query($u: ID!) { dataPlaneQuota(usageAgreementId: $u) { quotaUnits usedUnits remainingUnits } }`, { u: ua }, { as: dev }));
    expect(quota.dataPlaneQuota).toEqual({ quotaUnits: '3', usedUnits: '3', remainingUnits: '0' });
  });
});

describe('bursts: quota, idempotency and metering under concurrent calls', () => {
  it('a burst over the quota yields exactly the quota in successes, usage units, call log rows and published executions', async () => {
    const e = await entitle(stack, product, world.operatorId, devId, { quotaUnits: '6' });
    const k = (await keyFor(e.usageAgreementId)).apiKey;
    const results = await Promise.all(Array.from({ length: 15 }, (_, i) => invoke(product.code, { id_no: person.idNo, kind: i % 2 ? '结婚' : '离婚' }, { 'x-api-key': k })));
    const okCalls = results.filter((r) => r.status === 200);
    expect(okCalls).toHaveLength(6);
    expect(results.filter((r) => r.status === 403).map(reason)).toEqual(Array(9).fill('QUOTA_EXHAUSTED'));
    expect(await used(e.usageAgreementId)).toBe('6');
    const [logged] = await sql<{ n: number }>(stack.em('delivery'), `select count(*)::int as n from call_log where usage_agreement_id = $1 and outcome = 'OK' and metered`, [e.usageAgreementId]);
    expect(logged!.n).toBe(6);
    expect((await executionIds(e.usageAgreementId)).sort()).toEqual(okCalls.map((r) => r.body.callId).sort());
  });

  it('concurrent calls with one Idempotency-Key meter once and all answer the first result (with and without a quota)', async () => {
    for (const quotaUnits of ['5', null]) {
      const e = await entitle(stack, product, world.operatorId, devId, quotaUnits ? { quotaUnits } : {});
      const k = (await keyFor(e.usageAgreementId)).apiKey;
      const results = await Promise.all(Array.from({ length: 8 }, () => invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': k, 'idempotency-key': 'burst-1' })));
      expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
      expect(new Set(results.map((r) => r.body.callId)).size).toBe(1);
      expect(await used(e.usageAgreementId)).toBe('1');
      expect(await executionIds(e.usageAgreementId)).toEqual([results[0]!.body.callId]);
    }
  });

  it('a burst without quota or Idempotency-Key (grouped facts and metering): every call metered, counted and published exactly once, under its own key', async () => {
    const agreements = [await entitle(stack, product, world.operatorId, devId), await entitle(stack, product, world.operatorId, devId)];
    const keys = [(await keyFor(agreements[0]!.usageAgreementId)).apiKey, (await keyFor(agreements[1]!.usageAgreementId)).apiKey];
    const { facts, recorder } = callStatementsOf(stack.runtimes.delivery!);
    const before = { facts: facts.stats.items, recorded: recorder.stats.items };
    // Interleaved: two keys, and an unknown one whose facts are a null amid a group's answers.
    const unknown = `pdo_${'0'.repeat(16)}_${'A'.repeat(43)}`;
    const plan = Array.from({ length: 19 }, (_, i) => (i % 10 === 9 ? unknown : keys[i % 2]!));
    const results = await Promise.all(plan.map((k, i) => invoke(product.code, { id_no: person.idNo, kind: i % 3 ? '结婚' : '离婚' }, { 'x-api-key': k })));
    expect(results.map((r) => r.status)).toEqual(plan.map((k) => (k === unknown ? 401 : 200)));
    expect(facts.stats.items - before.facts).toBe(plan.length);
    expect(recorder.stats.items - before.recorded).toBe(plan.filter((k) => k !== unknown).length);
    for (const [i, a] of agreements.entries()) {
      const mine = results.filter((_, j) => plan[j] === keys[i]).map((r) => r.body.callId as string).sort();
      const [logged] = await sql<{ n: number }>(stack.em('delivery'), `select count(*)::int as n from call_log where usage_agreement_id = $1 and outcome = 'OK' and metered`, [a.usageAgreementId]);
      expect(logged!.n).toBe(mine.length);
      expect((await executionIds(a.usageAgreementId)).sort()).toEqual(mine);
      expect(await used(a.usageAgreementId)).toBe(String(mine.length));
    }
    // Published again by a second drain: nothing (each row left the outbox with the event that carried it).
    await drained();
    expect((await executionIds(agreements[0]!.usageAgreementId)).length).toBe(results.filter((_, j) => plan[j] === keys[0]).length);
  });

  it('the outbox is empty once drained, and draining again publishes nothing more', async () => {
    const before = await metered();
    await drained();
    expect(await metered()).toBe(before);
    const [q] = await sql<{ n: number }>(stack.em('delivery'), `select count(*)::int as n from metering_outbox`);
    expect(q!.n).toBe(0);
  });
});

describe('revocation, rotation, expiry, suspension — the very next call is refused', () => {
  it('revoked and rotated keys stop at once; the rotated key works', async () => {
    const e = await entitle(stack, product, world.operatorId, devId);
    const k = await keyFor(e.usageAgreementId);
    const call = (apiKey: string) => invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': apiKey });
    expect((await call(k.apiKey)).status).toBe(200);
    const rotated = ok(await stack.gql(`mutation($i: RotateApiCredentialInput!) { rotateApiCredential(input: $i) { apiKey credential { id } } }`, { i: { id: k.credential.id } }, { as: dev })).rotateApiCredential;
    expect(reason(await call(k.apiKey))).toBe('KEY_REVOKED');
    expect((await call(rotated.apiKey)).status).toBe(200);
    ok(await stack.gql(`mutation($i: RevokeApiCredentialInput!) { revokeApiCredential(input: $i) { status } }`, { i: { id: rotated.credential.id, reason: 'leaked' } }, { as: dev }));
    const r = await call(rotated.apiKey);
    expect([r.status, reason(r)]).toEqual([401, 'KEY_REVOKED']);
  });

  it('a key expires with its agreement', async () => {
    const e = await entitle(stack, product, world.operatorId, devId);
    const k = await keyFor(e.usageAgreementId);
    const r = await invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': k.apiKey, 'x-pdo-now': '2028-01-01T00:00:00+08:00' });
    expect([r.status, reason(r)]).toEqual([401, 'KEY_EXPIRED']);
  });

  it('a paused entitlement, a suspended listing and a suspended authorization each refuse the next call', async () => {
    const e = await entitle(stack, product, world.operatorId, devId);
    const k = await keyFor(e.usageAgreementId);
    const call = () => invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': k.apiKey });
    expect((await call()).status).toBe(200);
    await entitle(stack, product, world.operatorId, devId, { ...e, status: 'PAUSED', pauseReason: 'AGREEMENT_SUSPENDED', effectiveAt: '2026-03-01T00:00:00Z' });
    expect(reason(await call())).toBe('ENTITLEMENT_NOT_ACTIVE');
    await entitle(stack, product, world.operatorId, devId, { ...e, status: 'ACTIVE', effectiveAt: '2026-03-02T00:00:00Z' });
    expect((await call()).status).toBe(200);
    await publishAs(stack, 'products', 'ProductSuspended', { productId: product.productId, jurisdiction: 'JL', operatorId: world.operatorId, reason: '安全事件', effectiveAt: '2026-03-02T06:00:00Z' }, 'JL');
    expect(reason(await call())).toBe('PRODUCT_NOT_LISTED');
    await publishAs(stack, 'products', 'ProductListed', { productId: product.productId, productCode: product.code, version: 1, jurisdiction: 'JL', operatorId: world.operatorId, agreementId: world.agreementId, scenarioId: world.scenarioId, nameZh: '婚姻状况核验', form: 'VERIFICATION', category: 'PAID', resources: [], listedAt: '2026-03-02T07:00:00Z' }, 'JL');
    expect((await call()).status).toBe(200);
    await publishAs(stack, 'licensing', 'AgreementSuspended', { agreementId: world.agreementId, jurisdiction: 'JL', operatorId: world.operatorId, status: 'SUSPENDED', endDate: '2028-12-31', reason: '整改', effectiveAt: '2026-03-03T00:00:00Z' }, 'JL');
    const stopped = await call();
    expect(stopped.status).toBe(403);
    expect(reason(stopped)).toBe('AUTHORIZATION_STOPPED');
    await publishAs(stack, 'licensing', 'AgreementReinstated', { agreementId: world.agreementId, jurisdiction: 'JL', operatorId: world.operatorId, status: 'ACTIVE', endDate: '2028-12-31', reason: null, effectiveAt: '2026-03-04T00:00:00Z' }, 'JL');
    expect((await call()).status).toBe(200);
  });
});

describe('the channel and the rate limit', () => {
  it('delivery answers only what came through the gateway (its signature over method, path and body)', async () => {
    const deliveryOrigin = stack.urls.delivery!.replace(/\/graphql$/, '');
    const res = await fetch(`${deliveryOrigin}/v1/products/${product.code}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'pdo_0000000000000000_' + 'A'.repeat(43) }, body: '{}' });
    expect(res.status).toBe(401);
    expect((await invoke(product.code, {}, {})).status).toBe(401);
    expect((await fetch(`${origin()}/v1/products/${product.code}/invoke`)).status).toBe(405);
    expect((await fetch(`${origin()}/v1/elsewhere`, { method: 'POST' })).status).toBe(404);
  });

  it('limits calls per key per second (429 with Retry-After), counted in the serving process', async () => {
    const e = await entitle(stack, product, world.operatorId, devId);
    const k = await keyFor(e.usageAgreementId);
    // A burst of 60 against 20 a second; on a loaded machine one burst may spread over more than a few seconds, so
    // up to five bursts are sent until one is refused (the assertions below do not depend on which).
    const results: Awaited<ReturnType<typeof invoke>>[] = [];
    for (let burst = 0; burst < 5 && !results.some((r) => r.status === 429); burst++) {
      results.push(...(await Promise.all(Array.from({ length: 60 }, () => invoke(product.code, { id_no: person.idNo, kind: '结婚' }, { 'x-api-key': k.apiKey })))));
    }
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(reason(limited[0]!)).toBe('RATE_LIMITED');
    expect(Number(await used(e.usageAgreementId))).toBe(results.filter((r) => r.status === 200).length);
  });
});
