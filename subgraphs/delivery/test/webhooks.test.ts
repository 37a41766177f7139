import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventPublisher, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition, dispatchDueWebhooks, noticeExpiringEntitlements, noticeQuotaThresholds } from '../src/index.js';
import { aMarriage, entitle, grantMarriage, marriageProduct, ok, publishAs, type Product } from './data-plane-world.js';
import { startReceiver } from './webhook-receiver.js';
import { isPublicAddress } from '../src/domain/webhooks.js';
import { resealWebhookSecrets } from '../src/services/webhook-secrets.js';

// The receiver runs on loopback: allowed for this suite only (production refuses it, see the URL test).
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '1';
process.env.DATA_PLANE_CALLS_PER_SECOND = '0';

let stack: TestStack;
let world: Awaited<ReturnType<typeof grantMarriage>>;
let product: Product;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const devId = randomUUID();
const dev = who('DEVELOPER', devId, 'JL');
const otherDev = who('DEVELOPER', randomUUID(), 'JL');
const person = aMarriage();
const ALL_TYPES = ['ENTITLEMENT_EXPIRING', 'QUOTA_THRESHOLD', 'PRODUCT_VERSION_PUBLISHED', 'PRODUCT_VERSION_WITHDRAWN', 'USAGE_AGREEMENT_SUSPENDED'];

const CREATE = `mutation($i: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $i) { secret endpoint { id url status eventTypes } } }`;
const LOG = `query($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount edges { node { id eventType status attempts lastResponseCode lastError payload attemptLog { attempt responseCode error } } } } }`;

async function register(as = dev, url = receiver.url, eventTypes = ALL_TYPES) {
  const r = ok(await stack.gql(CREATE, { i: { url, eventTypes, description: 'test receiver' } }, { as })).createWebhookEndpoint;
  receiver.secrets.set(r.endpoint.id, r.secret);
  return r as { secret: string; endpoint: { id: string } };
}
const dispatch = (now = new Date()) => dispatchDueWebhooks(stack.runtimes.delivery!.orm, { now: () => now, schedule: [1, 1] });
const log = async (endpointId: string, as = dev) => ok(await stack.gql(LOG, { id: endpointId }, { as })).webhookDeliveries;
const deliveriesOf = async (endpointId: string, type: string) => sql<{ id: string; payload: any }>(stack.em('delivery'), `select id, payload from webhook_delivery where endpoint_id = $1 and event_type = $2`, [endpointId, type]);

beforeAll(async () => {
  receiver = await startReceiver();
  stack = await startTestStack([definition], { gateway: true, seed: true });
  world = await grantMarriage(stack);
  product = await marriageProduct(stack, world, 'JL-WH-MARRIAGE');
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

describe('webhook endpoints', () => {
  it('refuses URLs into the platform\'s networks, http and credentials unless private targets are allowed', async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '0';
    try {
      for (const url of ['http://example.com/hook', 'https://127.0.0.1/hook', 'https://10.1.2.3/x', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/x', 'https://[::ffff:192.168.0.1]/x', 'https://[fd00::1]/x', 'https://[::]/x', 'https://0.0.0.0/x', 'https://user:pw@example.com/x', 'https://localhost/x', 'not a url']) {
        const r = await stack.gql(CREATE, { i: { url, eventTypes: ['QUOTA_THRESHOLD'] } }, { as: dev });
        expect(r.errors?.[0]?.extensions?.code, url).toBe('BAD_USER_INPUT');
      }
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '1';
    }
    expect((await stack.gql(CREATE, { i: { url: receiver.url, eventTypes: [] } }, { as: dev })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.gql(CREATE, { i: { url: receiver.url, eventTypes: ['QUOTA_THRESHOLD'] } }, { as: who('OPERATOR', world.operatorId, 'JL') })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a host name that resolves into the platform\'s networks is refused at registration and, at send time, never connected to', async () => {
    const host = hostname();
    const addresses = await lookup(host, { all: true });
    expect(addresses.every((a) => !isPublicAddress(a.address)), `${host} must resolve to a private address on a test machine`).toBe(true);
    const port = new URL(receiver.url).port;
    process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '0';
    try {
      const refused = await stack.gql(CREATE, { i: { url: `https://${host}:${port}/hooks`, eventTypes: ['QUOTA_THRESHOLD'] } }, { as: dev });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'PRIVATE_ADDRESS' } });
    } finally {
      process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = '1';
    }
    // Registered while private targets were allowed, sent when they are not (a name re-pointed later).
    const { endpoint } = await register(dev, `https://${host}:${port}/hooks`);
    const id = ok(await stack.gql(`mutation($i: WebhookEndpointRefInput!) { sendTestWebhook(input: $i) { id } }`, { i: { id: endpoint.id } }, { as: dev })).sendTestWebhook.id;
    const before = receiver.received.length;
    await dispatchDueWebhooks(stack.runtimes.delivery!.orm, { allowPrivate: false, schedule: [1] });
    const entry = (await log(endpoint.id)).edges.find((e: any) => e.node.id === id).node;
    expect(entry).toMatchObject({ status: 'PENDING', attempts: 1, lastResponseCode: null, lastError: 'PRIVATE_ADDRESS' });
    expect(receiver.received.length).toBe(before);
  });

  it('shows the secret once, never again; another developer neither sees nor touches the endpoint', async () => {
    const { secret, endpoint } = await register();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const list = ok(await stack.gql(`{ webhookEndpoints { totalCount edges { node { id url eventTypes } } } }`, {}, { as: dev })).webhookEndpoints;
    expect(list.edges.map((e: any) => e.node.id)).toContain(endpoint.id);
    expect(JSON.stringify(list)).not.toContain(secret.slice(6));
    expect(ok(await stack.gql(`{ webhookEndpoints { totalCount } }`, {}, { as: otherDev })).webhookEndpoints.totalCount).toBe(0);
    expect((await stack.gql(`mutation($i: WebhookEndpointRefInput!) { rotateWebhookSecret(input: $i) { secret } }`, { i: { id: endpoint.id } }, { as: otherDev })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await stack.gql(`mutation($i: WebhookEndpointRefInput!) { sendTestWebhook(input: $i) { id } }`, { i: { id: endpoint.id } }, { as: otherDev })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await log(endpoint.id, otherDev)).totalCount).toBe(0);
    // The audit trail records the registration, never the secret.
    const audit = await sql<{ changes: unknown }>(stack.em('delivery'), `select changes from audit_log where entity_id = $1`, [endpoint.id]);
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));
  });

  it('keeps the secret sealed in the database; a secret stored before sealing is resealed by the job and still signs', async () => {
    const { secret, endpoint } = await register();
    const [row] = await sql<{ secret: string }>(stack.em('delivery'), `select secret from webhook_endpoint where id = $1`, [endpoint.id]);
    expect(row!.secret).toMatch(/^pdo-seal:v1:[0-9a-f]{16}:/);
    expect(row!.secret).not.toContain(secret.slice(6));
    // As a row written before sealing existed: the plain `whsec_` form.
    await sql(stack.em('delivery'), `update webhook_endpoint set secret = $2 where id = $1`, [endpoint.id, secret]);
    expect(await resealWebhookSecrets(stack.runtimes.delivery!.orm.em)).toBeGreaterThanOrEqual(1);
    const [after] = await sql<{ secret: string }>(stack.em('delivery'), `select secret from webhook_endpoint where id = $1`, [endpoint.id]);
    expect(after!.secret).toMatch(/^pdo-seal:v1:/);
    expect(await resealWebhookSecrets(stack.runtimes.delivery!.orm.em)).toBe(0);
    // A sealed secret copied onto another endpoint does not open there: nothing is sent unsigned.
    const other = await register();
    await sql(stack.em('delivery'), `update webhook_endpoint set secret = $2 where id = $1`, [other.endpoint.id, after!.secret]);
    const sentOther = ok(await stack.gql(`mutation($i: WebhookEndpointRefInput!) { sendTestWebhook(input: $i) { id } }`, { i: { id: other.endpoint.id } }, { as: dev })).sendTestWebhook.id;
    const sent = ok(await stack.gql(`mutation($i: WebhookEndpointRefInput!) { sendTestWebhook(input: $i) { id } }`, { i: { id: endpoint.id } }, { as: dev })).sendTestWebhook.id;
    await dispatch();
    expect(receiver.received.filter((r) => r.id === sent)[0]!.verifiedWith).toEqual([endpoint.id]);
    expect(receiver.received.filter((r) => r.id === sentOther)).toHaveLength(0);
    expect((await log(other.endpoint.id)).edges.find((e: any) => e.node.id === sentOther).node).toMatchObject({ status: 'PENDING', lastError: 'SECRET_KEY_UNKNOWN' });
    await sql(stack.em('delivery'), `update webhook_endpoint set status = 'DISABLED' where id = $1`, [other.endpoint.id]);
  });

  it('a test event arrives signed (the receiver verifies it with standardwebhooks); the log says DELIVERED, 200', async () => {
    const { endpoint } = await register();
    const sent = ok(await stack.gql(`mutation($i: WebhookEndpointRefInput!) { sendTestWebhook(input: $i) { id status eventType } }`, { i: { id: endpoint.id } }, { as: dev })).sendTestWebhook;
    expect(sent).toMatchObject({ status: 'PENDING', eventType: 'webhook.test' });
    await dispatch();
    const got = receiver.received.filter((r) => r.id === sent.id);
    expect(got).toHaveLength(1);
    expect(got[0]!.verifiedWith).toEqual([endpoint.id]);
    expect(got[0]!.verified).toMatchObject({ type: 'webhook.test', data: { endpointId: endpoint.id } });
    const entry = (await log(endpoint.id)).edges.find((e: any) => e.node.id === sent.id).node;
    expect(entry).toMatchObject({ status: 'DELIVERED', attempts: 1, lastResponseCode: 200, attemptLog: [{ attempt: 1, responseCode: 200, error: null }] });
  });

  it('retries after a 500 with the same webhook-id and body, on the schedule; gives up when the schedule is spent', async () => {
    const { endpoint } = await register();
    const send = async () => ok(await stack.gql(`mutation($i: WebhookEndpointRefInput!) { sendTestWebhook(input: $i) { id } }`, { i: { id: endpoint.id } }, { as: dev })).sendTestWebhook.id as string;
    const id = await send();
    receiver.answers.push(500);
    const t0 = new Date();
    await dispatch(t0);
    let entry = (await log(endpoint.id)).edges.find((e: any) => e.node.id === id).node;
    expect(entry).toMatchObject({ status: 'PENDING', attempts: 1, lastResponseCode: 500, lastError: 'HTTP_500' });
    // Not due before its backoff has passed.
    expect(await dispatch(t0)).toBe(0);
    await dispatch(new Date(t0.getTime() + 1500));
    entry = (await log(endpoint.id)).edges.find((e: any) => e.node.id === id).node;
    expect(entry).toMatchObject({ status: 'DELIVERED', attempts: 2, lastResponseCode: 200 });
    expect(entry.attemptLog.map((a: any) => a.responseCode)).toEqual([500, 200]);
    const both = receiver.received.filter((r) => r.id === id);
    expect(both).toHaveLength(2);
    expect(both[0]!.body).toBe(both[1]!.body);
    expect(both.every((r) => r.verifiedWith.includes(endpoint.id))).toBe(true);

    // Three failures on a two-retry schedule: FAILED, and nothing more is sent.
    const doomed = await send();
    receiver.answers.push(500, 503, 500);
    const t1 = new Date();
    for (const dt of [0, 1500, 3000, 4500]) await dispatch(new Date(t1.getTime() + dt));
    entry = (await log(endpoint.id)).edges.find((e: any) => e.node.id === doomed).node;
    expect(entry).toMatchObject({ status: 'FAILED', attempts: 3, lastResponseCode: 500 });
    expect(receiver.received.filter((r) => r.id === doomed)).toHaveLength(3);
  });

  it('after a rotation both secrets sign during the grace period, so the receiver can switch', async () => {
    const { endpoint } = await register();
    const rotated = ok(await stack.gql(`mutation($i: WebhookEndpointRefInput!) { rotateWebhookSecret(input: $i) { secret endpoint { rotatedAt previousSecretExpiresAt } } }`, { i: { id: endpoint.id } }, { as: dev })).rotateWebhookSecret;
    expect(rotated.endpoint.previousSecretExpiresAt).not.toBeNull();
    receiver.secrets.set(`${endpoint.id}:new`, rotated.secret);
    const id = ok(await stack.gql(`mutation($i: WebhookEndpointRefInput!) { sendTestWebhook(input: $i) { id } }`, { i: { id: endpoint.id } }, { as: dev })).sendTestWebhook.id;
    await dispatch();
    const got = receiver.received.find((r) => r.id === id)!;
    expect(got.signature.split(' ')).toHaveLength(2);
    expect(got.verifiedWith.sort()).toEqual([endpoint.id, `${endpoint.id}:new`].sort());
  });
});

describe('facts that become webhooks', () => {
  it('quota at 80 % and at 100 %: one notice each, to the entitled developer only, however often the scan runs', async () => {
    const mine = await register(dev, receiver.url, ['QUOTA_THRESHOLD']);
    const theirs = await register(otherDev, receiver.url, ['QUOTA_THRESHOLD']);
    const e = await entitle(stack, product, world.operatorId, devId, { quotaUnits: '5' });
    const key = ok(await stack.gql(`mutation($i: CreateApiCredentialInput!) { createApiCredential(input: $i) { apiKey } }`, { i: { usageAgreementId: e.usageAgreementId } }, { as: dev })).createApiCredential.apiKey;
    const origin = stack.gateway!.url.replace(/\/graphql$/, '');
    const call = async (n: number) => {
      const r = await fetch(`${origin}/v1/products/${product.code}/invoke`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key, 'idempotency-key': `q-${n}` }, body: JSON.stringify({ id_no: person.idNo, kind: person.kind }) });
      expect(r.status).toBe(200);
    };
    const since = new Date(Date.now() - 60_000);
    for (let i = 1; i <= 3; i++) await call(i);
    await noticeQuotaThresholds(stack.em('delivery'), new Date(), since);
    expect(await deliveriesOf(mine.endpoint.id, 'quota.threshold')).toHaveLength(0);
    await call(4);
    await noticeQuotaThresholds(stack.em('delivery'), new Date(), since);
    await noticeQuotaThresholds(stack.em('delivery'), new Date(), since);
    const at80 = await deliveriesOf(mine.endpoint.id, 'quota.threshold');
    expect(at80.map((d) => d.payload.data.thresholdPercent)).toEqual([80]);
    await call(5);
    await noticeQuotaThresholds(stack.em('delivery'), new Date(), since);
    expect((await deliveriesOf(mine.endpoint.id, 'quota.threshold')).map((d) => d.payload.data.thresholdPercent).sort()).toEqual([100, 80]);
    expect(await deliveriesOf(theirs.endpoint.id, 'quota.threshold')).toHaveLength(0);
    await dispatch();
    const got = receiver.received.filter((r) => r.verifiedWith.includes(mine.endpoint.id) && (r.verified as any)?.data?.usageAgreementId === e.usageAgreementId);
    expect(got.map((r) => (r.verified as any).data.thresholdPercent).sort()).toEqual([100, 80]);
  });

  it('a product version listed, then delisted: published and withdrawn notices; a redelivered event adds nothing', async () => {
    const mine = await register(dev, receiver.url, ['PRODUCT_VERSION_PUBLISHED', 'PRODUCT_VERSION_WITHDRAWN']);
    await entitle(stack, product, world.operatorId, devId);
    const rt = stack.runtimes.delivery!;
    const facts = { productId: product.productId, productCode: product.code, version: 2, jurisdiction: 'JL', operatorId: world.operatorId, agreementId: world.agreementId, scenarioId: world.scenarioId, nameZh: '婚姻状况核验', form: 'VERIFICATION', category: 'PAID', resources: [] };
    await publishAs(stack, 'products', 'ProductListed', { ...facts, listedAt: '2026-03-01T00:00:00Z' }, 'JL');
    const published = await deliveriesOf(mine.endpoint.id, 'product.version.published');
    expect(published).toHaveLength(1);
    expect(published[0]!.payload.data).toMatchObject({ productId: product.productId, version: 2 });
    // The same event delivered again (at least once): the platform's inbox and the delivery's key both hold.
    const envelope = await rt.orm.em.fork().transactional((tx) => new EventPublisher(rt.boss, 'products').publish(tx, 'ProductDelisted', { productId: product.productId, jurisdiction: 'JL', operatorId: world.operatorId, reason: 'OPERATOR_REQUEST', effectiveAt: '2026-03-02T00:00:00Z' }, 'JL'));
    await stack.settle(15_000);
    await rt.boss.send('inbox_delivery', envelope as never);
    await stack.settle(15_000);
    expect(await deliveriesOf(mine.endpoint.id, 'product.version.withdrawn')).toHaveLength(1);
  });

  it('a usage agreement suspended: one notice when its entitlement pauses, none for a later snapshot still paused', async () => {
    const mine = await register(dev, receiver.url, ['USAGE_AGREEMENT_SUSPENDED']);
    const e = await entitle(stack, product, world.operatorId, devId, { effectiveAt: '2026-02-01T00:00:00Z' });
    await entitle(stack, product, world.operatorId, devId, { entitlementId: e.entitlementId, usageAgreementId: e.usageAgreementId, status: 'PAUSED', pauseReason: 'AGREEMENT_SUSPENDED', effectiveAt: '2026-02-02T00:00:00Z' });
    await entitle(stack, product, world.operatorId, devId, { entitlementId: e.entitlementId, usageAgreementId: e.usageAgreementId, status: 'PAUSED', pauseReason: 'AGREEMENT_SUSPENDED', quotaUnits: '10', effectiveAt: '2026-02-03T00:00:00Z' });
    const notices = (await deliveriesOf(mine.endpoint.id, 'usage_agreement.suspended')).filter((d) => d.payload.data.usageAgreementId === e.usageAgreementId);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload.data.reason).toBe('AGREEMENT_SUSPENDED');
  });

  it('an entitlement ending within the notice period: one expiring notice per last day', async () => {
    const mine = await register(dev, receiver.url, ['ENTITLEMENT_EXPIRING']);
    const e = await entitle(stack, product, world.operatorId, devId, { effectiveAt: '2026-02-05T00:00:00Z' });
    const now = new Date('2027-12-27T02:00:00Z'); // four days before 2027-12-31 in Asia/Shanghai
    await noticeExpiringEntitlements(stack.em('delivery'), now);
    await noticeExpiringEntitlements(stack.em('delivery'), now);
    const notices = (await deliveriesOf(mine.endpoint.id, 'entitlement.expiring')).filter((d) => d.payload.data.entitlementId === e.entitlementId);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload.data).toMatchObject({ endDate: '2027-12-31', daysLeft: 4 });
    // Long before the period, nothing.
    const early = randomUUID();
    await entitle(stack, product, world.operatorId, devId, { entitlementId: early, effectiveAt: '2026-02-06T00:00:00Z' });
    await noticeExpiringEntitlements(stack.em('delivery'), new Date('2027-06-01T00:00:00Z'));
    expect((await deliveriesOf(mine.endpoint.id, 'entitlement.expiring')).filter((d) => d.payload.data.entitlementId === early)).toHaveLength(0);
  });
});
