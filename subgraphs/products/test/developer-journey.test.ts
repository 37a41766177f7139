import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { buildWorld, count, listedProduct, NOW, publishAs, published, type World } from './helpers.js';

let stack: TestStack;
let w: World;
let productId: string;
let agreementId: string;
let entitlementId: string;
const devId = randomUUID();
const dev = who('DEVELOPER', devId, 'HN');
const otherDev = who('DEVELOPER', randomUUID(), 'HN');

beforeAll(async () => {
  stack = await startTestStack([definition]);
  w = await buildWorld(stack);
  productId = await listedProduct(stack, w);
}, 120_000);
afterAll(async () => stack?.stop());

const code = (res: any) => res.errors?.[0]?.extensions?.code;
const call = (q: string, v: Record<string, unknown>, as: any, now = NOW) => stack.subgraph('products', q, v, { as, now });

const APPLY = `mutation($i: ApplyForProductUsageInput!) { applyForProductUsage(input: $i) { id status } }`;
const ASSESS = `mutation($i: AssessUsageApplicationInput!) { assessUsageApplication(input: $i) { id status assessment { securityRisk recommend } proposedTerms { quotaUnits } } }`;
const DECIDE = `mutation($id: ID!, $ok: Boolean!, $r: [String!]) { decideUsageApplication(applicationId: $id, approve: $ok, reasons: $r) { status usageAgreementId } }`;
const ACCEPT = `mutation($id: ID!) { acceptUsageAgreement(id: $id) { status signedAt entitlement { id status } } }`;
const RECORD = `mutation($i: RecordUsageInput!) { recordUsage(input: $i) { id units replayed } }`;
const applyInput = (extra: Record<string, unknown> = {}) => ({ productId, purpose: '货运平台承运人准入评估', scenario: '平台承运人准入', scope: '本平台注册承运人', method: '接口调用', startDate: '2026-03-01', endDate: '2026-12-31', ...extra });
const assessInput = (id: string, extra: Record<string, unknown> = {}) => ({
  applicationId: id, capabilityAdequate: true, needReasonable: true, scenarioCompliant: true, securityRisk: 'LOW', recommend: true, opinion: '具备能力，需求合理',
  revenueDistribution: '按次计费，季度结算', securityTerms: '仅限约定场景', confidentialityTerms: '不得向第三方提供', quotaUnits: '1000', ...extra,
});

describe('prices from revenue', () => {
  it('shows the price and cap revenue set on the listing', async () => {
    await publishAs(stack, 'revenue', 'PriceCapSet', { capId: randomUUID(), productId, operatorId: w.operatorId, jurisdiction: 'HN', chargingUnit: 'PER_CALL', capFen: '80', effectiveFrom: '2026-01-01' }, 'HN');
    await publishAs(stack, 'revenue', 'PriceSet', { priceId: randomUUID(), productId, operatorId: w.operatorId, jurisdiction: 'HN', chargingUnit: 'PER_CALL', priceFen: '60', effectiveFrom: '2026-01-01' }, 'HN');
    const res = await call(`query($id: ID!) { dataProduct(id: $id) { listingPrice { chargingUnit price { fen yuan } cap { fen yuan } free } } }`, { id: productId }, undefined);
    expect(res.data.dataProduct.listingPrice).toEqual({ chargingUnit: 'PER_CALL', price: { fen: '60', yuan: '0.60' }, cap: { fen: '80', yuan: '0.80' }, free: false });
  });
});

describe('a secondary developer applies, is assessed and approved, and signs', () => {
  let appId: string;
  it('refuses bad applications and changes nothing', async () => {
    expect(code(await call(APPLY, { i: applyInput() }, w.operator))).toBe('FORBIDDEN');
    expect(code(await call(APPLY, { i: applyInput({ endDate: '2029-01-01' }) }, dev))).toBe('POLICY_VIOLATION');
    expect(code(await call(APPLY, { i: applyInput({ purpose: ' ' }) }, dev))).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'usage_application')).toBe(0);
  });

  it('applies; the operator assesses (HN Art 17); the agency approves', async () => {
    // The purpose class and non-profit declaration travel to the agreement and every usage (PN §1; HN Art 21).
    const a = await call(APPLY, { i: applyInput({ usePurpose: 'PUBLIC_WELFARE', nonProfit: true }) }, dev);
    expect(a.data.applyForProductUsage.status).toBe('APPLIED');
    appId = a.data.applyForProductUsage.id;
    expect(code(await call(APPLY, { i: applyInput() }, dev))).toBe('CONFLICT');
    expect(code(await call(DECIDE, { id: appId, ok: true }, w.agency))).toBe('CONFLICT');
    expect(code(await call(ASSESS, { i: assessInput(appId, { securityRisk: 'HIGH' }) }, w.operator))).toBe('POLICY_VIOLATION');
    expect(code(await call(ASSESS, { i: assessInput(appId) }, who('OPERATOR', randomUUID(), 'HN')))).toBe('FORBIDDEN');
    const s = await call(ASSESS, { i: assessInput(appId) }, w.operator);
    expect(s.data.assessUsageApplication).toMatchObject({ status: 'ASSESSED', assessment: { securityRisk: 'LOW', recommend: true }, proposedTerms: { quotaUnits: '1000' } });
    expect(code(await call(DECIDE, { id: appId, ok: false }, w.agency))).toBe('BAD_USER_INPUT');
    const d = await call(DECIDE, { id: appId, ok: true }, w.agency);
    expect(d.data.decideUsageApplication.status).toBe('APPROVED');
    agreementId = d.data.decideUsageApplication.usageAgreementId;
  });

  it('signs when both parties accept, opening the entitlement and publishing UsageAgreementSigned', async () => {
    const first = await call(ACCEPT, { id: agreementId }, dev);
    expect(first.data.acceptUsageAgreement).toMatchObject({ status: 'PENDING_ACCEPTANCE', entitlement: null });
    expect(code(await call(ACCEPT, { id: agreementId }, dev))).toBe('CONFLICT');
    expect(code(await call(ACCEPT, { id: agreementId }, otherDev))).toBe('FORBIDDEN');
    const second = await call(ACCEPT, { id: agreementId }, w.operator);
    expect(second.data.acceptUsageAgreement).toMatchObject({ status: 'SIGNED', entitlement: { status: 'ACTIVE' } });
    entitlementId = second.data.acceptUsageAgreement.entitlement.id;
    expect((await published(stack, 'UsageAgreementSigned'))[0]).toMatchObject({ usageAgreementId: agreementId, developerId: devId, category: 'PAID' });
  });

  it('lets no developer read another developer\'s agreement or usage', async () => {
    const q = `query($id: ID!) { usageAgreement(id: $id) { id purpose usePurpose nonProfit } }`;
    expect((await call(q, { id: agreementId }, dev)).data.usageAgreement).toMatchObject({ id: agreementId, usePurpose: 'PUBLIC_WELFARE', nonProfit: true });
    expect(code(await call(q, { id: agreementId }, otherDev))).toBe('FORBIDDEN');
    expect(code(await call(q, { id: agreementId }, undefined))).toBe('UNAUTHENTICATED');
    expect(code(await call(`query($d: ID) { usageRecords(developerId: $d) { totalCount } }`, { d: devId }, otherDev))).toBe('FORBIDDEN');
    expect((await call(`{ usageAgreements { totalCount } }`, {}, otherDev)).data.usageAgreements.totalCount).toBe(0);
  });
});

describe('metering', () => {
  const input = (extra: Record<string, unknown> = {}) => ({ entitlementId, units: '100', occurredAt: '2026-03-02T01:00:00Z', idempotencyKey: 'call-batch-1', ...extra });

  it('records usage once per idempotency key and publishes UsageRecorded', async () => {
    const a = await call(RECORD, { i: input() }, w.operator);
    expect(a.data.recordUsage).toMatchObject({ units: '100', replayed: false });
    const b = await call(RECORD, { i: input() }, w.operator);
    expect(b.data.recordUsage).toMatchObject({ id: a.data.recordUsage.id, replayed: true });
    expect(await count(stack, 'usage_record')).toBe(1);
    const diff = await call(RECORD, { i: input({ units: '101' }) }, w.operator);
    expect(code(diff)).toBe('CONFLICT');
    const events = await published(stack, 'UsageRecorded');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ units: '100', category: 'PAID', chargingUnit: 'PER_CALL', developerId: devId, purpose: 'PUBLIC_WELFARE', nonProfit: true });
    const mine = await call(`{ usageRecords { totalCount edges { node { units } } } }`, {}, dev);
    expect(mine.data.usageRecords.totalCount).toBe(1);
    const pub = await call(`query($id: ID!) { dataProduct(id: $id) { usageStats { totalUnits usageRecords activeAgreements developers } } productUsageByMonth(productId: $id) { month units } }`, { id: productId }, undefined);
    expect(pub.data.dataProduct.usageStats).toEqual({ totalUnits: '100', usageRecords: 1, activeAgreements: 1, developers: 1 });
    expect(pub.data.productUsageByMonth).toEqual([{ month: '2026-03', units: '100' }]);
  });

  it('refuses transfer, quota overrun, usage outside the term, and unknown entitlements — recording nothing', async () => {
    expect(code(await call(RECORD, { i: input({ idempotencyKey: 'k2', developerId: otherDev.org }) }, w.operator))).toBe('POLICY_VIOLATION');
    expect(code(await call(RECORD, { i: input({ idempotencyKey: 'k3', units: '901' }) }, w.operator))).toBe('POLICY_VIOLATION');
    expect(code(await call(RECORD, { i: input({ idempotencyKey: 'k4', occurredAt: '2027-01-02T01:00:00Z' }) }, w.operator, '2027-01-02T02:00:00Z'))).toBe('POLICY_VIOLATION');
    expect(code(await call(RECORD, { i: input({ idempotencyKey: 'k5', entitlementId: randomUUID() }) }, w.operator))).toBe('NOT_FOUND');
    expect(code(await call(RECORD, { i: input({ idempotencyKey: 'k6' }) }, who('OPERATOR', randomUUID(), 'HN')))).toBe('FORBIDDEN');
    expect(await count(stack, 'usage_record')).toBe(1);
    const [e] = await sql<{ used: string }>(stack.em('products'), `select used_units::text as used from entitlement where id = $1`, [entitlementId]);
    expect(e!.used).toBe('100');
  });
});

describe('cascade from the authorization', () => {
  const status = async () => {
    const [r] = await sql<{ listing: string; ent: string }>(stack.em('products'), `select p.listing_status as listing, e.status as ent from data_product p join entitlement e on e.product_id = p.id where p.id = $1`, [productId]);
    return r!;
  };
  const change = (name: any, st: string, effectiveAt: string) =>
    publishAs(stack, 'licensing', name, { agreementId: w.agreementId, jurisdiction: 'HN', operatorId: w.operatorId, status: st, endDate: '2028-03-31', reason: '整改', effectiveAt }, 'HN');

  it('suspended → listing hidden, entitlement paused, usage refused; ProductSuspended published by the handler', async () => {
    await change('AgreementSuspended', 'SUSPENDED', '2026-03-05T00:00:00Z');
    expect(await status()).toEqual({ listing: 'SUSPENDED', ent: 'PAUSED' });
    expect((await call(`{ productMarketplace { totalCount } }`, {}, undefined)).data.productMarketplace.totalCount).toBe(0);
    expect(code(await call(RECORD, { i: { entitlementId, units: '1', occurredAt: '2026-03-06T01:00:00Z', idempotencyKey: 'during-suspension' } }, w.operator, '2026-03-06T02:00:00Z'))).toBe('POLICY_VIOLATION');
    expect(code(await call(APPLY, { i: applyInput() }, otherDev))).toBe('CONFLICT');
    // Published in the handler's own transaction: no relay, no pending_event table any more.
    expect(await published(stack, 'ProductSuspended')).toHaveLength(1);
    expect((await published(stack, 'ProductSuspended'))[0]).toMatchObject({ productId, reason: expect.stringContaining('AGREEMENT_SUSPENDED') });
  });

  it('ignores a status change older than the one held (out of order)', async () => {
    await change('AgreementReinstated', 'ACTIVE', '2026-03-01T00:00:00Z');
    expect(await status()).toEqual({ listing: 'SUSPENDED', ent: 'PAUSED' });
  });

  it('reinstated → listing and entitlement resume', async () => {
    await change('AgreementReinstated', 'ACTIVE', '2026-03-10T00:00:00Z');
    expect(await status()).toEqual({ listing: 'LISTED', ent: 'ACTIVE' });
    const r = await call(RECORD, { i: { entitlementId, units: '5', occurredAt: '2026-03-11T01:00:00Z', idempotencyKey: 'after-reinstatement' } }, w.operator, '2026-03-11T02:00:00Z');
    expect(r.errors).toBeUndefined();
  });

  it('a delisted product refuses new applications; existing entitlements keep running', async () => {
    const d = await call(`mutation($id: ID!) { delistProduct(productId: $id, reason: "运营调整") { listingStatus } }`, { id: productId }, w.operator);
    expect(d.data.delistProduct.listingStatus).toBe('DELISTED');
    expect(code(await call(APPLY, { i: applyInput() }, otherDev))).toBe('CONFLICT');
    expect(await status()).toEqual({ listing: 'DELISTED', ent: 'ACTIVE' });
    expect((await published(stack, 'ProductDelisted'))[0]).toMatchObject({ productId, reason: '运营调整' });
  });

  it('terminated → entitlements revoked, usage agreements ended, usage refused', async () => {
    await change('AgreementTerminated', 'TERMINATED', '2026-04-01T00:00:00Z');
    expect((await status()).ent).toBe('REVOKED');
    const [u] = await sql<{ status: string }>(stack.em('products'), `select status from usage_agreement where id = $1`, [agreementId]);
    expect(u!.status).toBe('ENDED');
    expect(code(await call(RECORD, { i: { entitlementId, units: '1', occurredAt: '2026-04-02T01:00:00Z', idempotencyKey: 'after-end' } }, w.operator, '2026-04-02T02:00:00Z'))).toBe('POLICY_VIOLATION');
    expect((await published(stack, 'UsageAgreementEnded'))[0]).toMatchObject({ usageAgreementId: agreementId });
    const create = await call(`mutation($i: CreateDataProductInput!) { createDataProduct(input: $i) { id } }`, { i: { scenarioId: w.scenarioId, name: '新产品', description: '', form: 'API', chargingUnit: 'PER_CALL', deliveryMethod: 'API_CALL', resourceIds: [w.resources[0]], outputSchema: [{ name: 'x', type: 'int', kind: 'SCORE', descriptionZh: 'x' }], sampleOutputs: [{ x: 1 }] } }, w.operator, '2026-04-02T02:00:00Z');
    expect(code(create)).toBe('POLICY_VIOLATION');
  });
});
