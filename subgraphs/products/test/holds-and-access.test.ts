import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, sql, type Role } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition, PRODUCTS_ACCESS } from '../src/index.js';
import { buildWorld, CHECKLIST, count, CREATE, listedProduct, NOW, productInput, publishAs, published, signedEntitlement, type World, recipeAnalysed } from './helpers.js';

let stack: TestStack;
let w: World;

beforeAll(async () => {
  stack = await startTestStack([definition]);
  w = await buildWorld(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const code = (res: any) => res.errors?.[0]?.extensions?.code;
const call = (q: string, v: Record<string, unknown>, as: any, now = NOW) => stack.subgraph('products', q, v, { as, now });

const state = async (productId: string) => {
  const [r] = await sql<{ listing: string; ent: string | null; reason: string | null }>(
    stack.em('products'),
    `select p.listing_status as listing, p.listing_reason as reason, (select e.status from entitlement e where e.product_id = p.id limit 1) as ent from data_product p where p.id = $1`,
    [productId],
  );
  return r!;
};

describe('authorization matrix: the role gate comes before arguments and rows', () => {
  const Z = randomUUID();
  // Dummy but well-typed arguments: nothing here exists, so only the role gate can decide the outcome for a wrong role.
  const OPS: Record<string, string> = {
    usageApplications: `{ usageApplications { totalCount } }`,
    usageAgreement: `{ usageAgreement(id: "${Z}") { id } }`,
    usageAgreements: `{ usageAgreements { totalCount } }`,
    usageRecords: `{ usageRecords { totalCount } }`,
    createDataProduct: `mutation { createDataProduct(input: { scenarioId: "${Z}", name: "", description: "", form: API, chargingUnit: PER_CALL, deliveryMethod: API_CALL, resourceIds: [], outputSchema: [], sampleOutputs: [] }) { id } }`,
    updateProductDraft: `mutation { updateProductDraft(input: { productId: "${Z}" }) { id } }`,
    createProductVersion: `mutation { createProductVersion(productId: "${Z}", changeNote: "") { id } }`,
    submitProductForReview: `mutation { submitProductForReview(productId: "${Z}") { id } }`,
    reviewProduct: `mutation { reviewProduct(input: { productId: "${Z}", version: 0, decision: APPROVED, checklist: [] }) { id } }`,
    listProduct: `mutation { listProduct(productId: "${Z}") { id } }`,
    delistProduct: `mutation { delistProduct(productId: "${Z}", reason: "") { id } }`,
    applyProductRegistration: `mutation { applyProductRegistration(productId: "${Z}") { id } }`,
    advanceProductRegistration: `mutation { advanceProductRegistration(input: { registrationId: "${Z}", action: ACCEPT }) { id } }`,
    applyForProductUsage: `mutation { applyForProductUsage(input: { productId: "${Z}", purpose: "", scenario: "", scope: "", method: "", startDate: "2026-01-01", endDate: "2025-01-01" }) { id } }`,
    assessUsageApplication: `mutation { assessUsageApplication(input: { applicationId: "${Z}", capabilityAdequate: false, needReasonable: false, scenarioCompliant: false, securityRisk: HIGH, recommend: false, opinion: "" }) { id } }`,
    decideUsageApplication: `mutation { decideUsageApplication(applicationId: "${Z}", approve: false) { id } }`,
    acceptUsageAgreement: `mutation { acceptUsageAgreement(id: "${Z}") { id } }`,
    endUsageAgreement: `mutation { endUsageAgreement(id: "${Z}", reason: "") { id } }`,
    recordUsage: `mutation { recordUsage(input: { entitlementId: "${Z}", units: "-1", occurredAt: "2026-01-01T00:00:00Z", idempotencyKey: "" }) { id } }`,
  };

  it('PRODUCTS_ACCESS names every Query and Mutation field of the subgraph', () => {
    const schema = stack.runtimes.products!.schema;
    const fields = [...Object.keys(schema.getQueryType()!.getFields()), ...Object.keys(schema.getMutationType()!.getFields())]
      .filter((f) => !['_entities', '_service', 'productsAuditTrail', 'productsAuditVerification', 'productsAuditCheckpoints', 'productsSignAuditCheckpoint'].includes(f));
    expect(fields.sort()).toEqual(Object.keys(PRODUCTS_ACCESS).sort());
    const gated = Object.entries(PRODUCTS_ACCESS).filter(([, rule]) => rule !== 'PUBLIC').map(([op]) => op);
    expect(Object.keys(OPS).sort()).toEqual(gated.sort());
  });

  it('every wrong role gets FORBIDDEN and the anonymous caller UNAUTHENTICATED, whatever the arguments; nothing is written', async () => {
    const before = await count(stack, 'data_product');
    const wrong: string[] = [];
    for (const [op, doc] of Object.entries(OPS)) {
      const allowed = PRODUCTS_ACCESS[op as keyof typeof PRODUCTS_ACCESS] as readonly Role[];
      for (const role of ROLES) {
        if (allowed.includes(role)) continue;
        const as = role === 'ANONYMOUS' ? undefined : who(role, randomUUID(), 'HN');
        const got = code(await call(doc, {}, as));
        const want = role === 'ANONYMOUS' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        if (got !== want) wrong.push(`${op} as ${role}: ${got}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await count(stack, 'data_product')).toBe(before);
  });

  it('an allowed role passes the gate and meets the argument / object checks instead', async () => {
    expect(code(await call(OPS.recordUsage!, {}, who('OPERATOR', randomUUID(), 'HN')))).not.toBe('FORBIDDEN');
    expect(code(await call(OPS.createDataProduct!, {}, w.operator))).toBe('BAD_USER_INPUT');
    expect(code(await call(OPS.applyForProductUsage!, {}, who('DEVELOPER', randomUUID(), 'HN')))).toBe('BAD_USER_INPUT');
  });
});

describe('an access grant paused or revoked suspends the products built on it (AccessRevoked / AccessGranted)', () => {
  let productId: string;
  let freeId: string;
  let entitlementId: string;
  const revoke = (g: World['grants'][number], status: 'PAUSED' | 'REVOKED', effectiveAt: string) =>
    publishAs(stack, 'licensing', 'AccessRevoked', { ...g, agreementId: w.agreementId, operatorId: w.operatorId, jurisdiction: 'HN', status, reason: '数据源整改', effectiveAt }, 'HN');
  const grant = (g: World['grants'][number], effectiveAt: string) =>
    publishAs(stack, 'licensing', 'AccessGranted', { ...g, agreementId: w.agreementId, operatorId: w.operatorId, jurisdiction: 'HN', expiresOn: '2028-03-31', status: 'ACTIVE', effectiveAt }, 'HN');

  beforeAll(async () => {
    productId = await listedProduct(stack, w, { name: '车辆营运核验', form: 'VERIFICATION' });
    freeId = await listedProduct(stack, w, { scenarioId: w.freeScenarioId, name: '就业岗位公共信息服务', resourceIds: [w.resources[2]], form: 'SERVICE' });
    entitlementId = await signedEntitlement(stack, w, productId, randomUUID());
  });

  it('pausing the grant of r1 suspends the product that uses r1 under that scenario only, pauses its entitlement and publishes ProductSuspended', async () => {
    await revoke(w.grants[1]!, 'PAUSED', '2026-03-03T00:00:00Z');
    expect(await state(productId)).toMatchObject({ listing: 'SUSPENDED', ent: 'PAUSED', reason: expect.stringContaining('ACCESS_REVOKED') });
    expect((await state(freeId)).listing).toBe('LISTED');
    expect((await published(stack, 'ProductSuspended')).filter((e) => e.productId === productId)).toHaveLength(1);
    const page = await call(`query($id: ID!) { dataProduct(id: $id) { listingStatus holds { kind source } } }`, { id: productId }, w.operator);
    expect(page.data.dataProduct.holds).toEqual([{ kind: 'ACCESS_REVOKED', source: `GRANT:${w.grants[1]!.grantId}` }]);
    const rec = await call(`mutation($i: RecordUsageInput!) { recordUsage(input: $i) { id } }`, { i: { entitlementId, units: '1', occurredAt: '2026-03-02T01:00:00Z', idempotencyKey: 'held' } }, w.operator);
    expect(code(rec)).toBe('POLICY_VIOLATION');
  });

  it('a re-delivered or older revocation changes nothing more; another hold keeps it suspended until both are lifted', async () => {
    await revoke(w.grants[1]!, 'PAUSED', '2026-03-03T00:00:00Z');
    await revoke(w.grants[0]!, 'REVOKED', '2026-03-04T00:00:00Z');
    expect(await count(stack, 'product_hold', 'product_id = $1', [productId])).toBe(2);
    await grant(w.grants[1]!, '2026-03-05T00:00:00Z');
    expect(await state(productId)).toMatchObject({ listing: 'SUSPENDED', ent: 'PAUSED' });
    await grant(w.grants[0]!, '2026-03-02T00:00:00Z'); // older than the revocation held: ignored
    expect(await state(productId)).toMatchObject({ listing: 'SUSPENDED', ent: 'PAUSED' });
    await grant(w.grants[0]!, '2026-03-06T00:00:00Z');
    expect(await state(productId)).toMatchObject({ listing: 'LISTED', ent: 'ACTIVE', reason: null });
    expect((await published(stack, 'ProductSuspended')).filter((e) => e.productId === productId)).toHaveLength(1);
    expect((await published(stack, 'ProductListed')).filter((e) => e.productId === productId)).toHaveLength(2);
  });

  it('a product on hold cannot be listed', async () => {
    const c = await call(CREATE, { input: productInput(w, { name: '电子运单统计包', form: 'DATA_PACKAGE', chargingUnit: 'PER_ITEM', deliveryMethod: 'FILE_DELIVERY', resourceIds: [w.resources[1]] }) }, w.operator);
    const id = c.data.createDataProduct.id;
    expect((await call(`mutation($id: ID!) { submitProductForReview(productId: $id) { id } }`, { id }, w.operator)).errors).toBeUndefined();
    await recipeAnalysed(stack, w, id, 1);
    const r = await call(`mutation($i: ReviewProductInput!) { reviewProduct(input: $i) { id } }`, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }, w.agency);
    expect(r.errors).toBeUndefined();
    await revoke(w.grants[1]!, 'PAUSED', '2026-03-07T00:00:00Z');
    expect((await state(id)).listing).toBe('UNLISTED');
    const l = await call(`mutation($id: ID!) { listProduct(productId: $id) { listingStatus } }`, { id }, w.operator);
    expect(code(l)).toBe('POLICY_VIOLATION');
    expect(l.errors![0]!.extensions!.details).toEqual({ holds: ['ACCESS_REVOKED'] });
    expect((await state(id)).listing).toBe('UNLISTED');
    await grant(w.grants[1]!, '2026-03-08T00:00:00Z');
    expect((await call(`mutation($id: ID!) { listProduct(productId: $id) { listingStatus } }`, { id }, w.operator)).data.listProduct.listingStatus).toBe('LISTED');
  });
});

describe('security incidents (SecurityIncidentReported / SecurityIncidentClosed)', () => {
  let v: World;
  let a: string;
  let b: string;
  let entA: string;
  const report = (id: string, extra: Record<string, unknown>) =>
    publishAs(stack, 'evaluation', 'SecurityIncidentReported', {
      incidentId: id, jurisdiction: 'HN', operatorId: v.operatorId, agreementId: null, type: 'RISKY_LINKAGE', severity: 'HIGH', stopProcessing: true, resourceIds: [], productIds: [], occurredAt: '2026-03-10T00:00:00Z', ...extra,
    }, 'HN');
  const close = (id: string, closedAt = '2026-03-20T00:00:00Z') =>
    publishAs(stack, 'evaluation', 'SecurityIncidentClosed', { incidentId: id, jurisdiction: 'HN', agreementId: null, resourceIds: [], productIds: [], closedAt }, 'HN');

  beforeAll(async () => {
    v = await buildWorld(stack);
    a = await listedProduct(stack, v, { name: '承运人风险评分' });
    b = await listedProduct(stack, v, { scenarioId: v.freeScenarioId, name: '就业公共服务', resourceIds: [v.resources[2]], form: 'SERVICE' });
    entA = await signedEntitlement(stack, v, a, randomUUID());
  });

  it('an incident that does not stop processing is only recorded', async () => {
    await report(randomUUID(), { type: 'DATA_LOSS', stopProcessing: false, productIds: [a] });
    expect(await state(a)).toMatchObject({ listing: 'LISTED', ent: 'ACTIVE' });
  });

  it('a risky linkage naming a product suspends that listing and pauses its entitlements; closure resumes them', async () => {
    const id = randomUUID();
    await report(id, { productIds: [a] });
    expect(await state(a)).toMatchObject({ listing: 'SUSPENDED', ent: 'PAUSED', reason: expect.stringContaining('SECURITY_INCIDENT') });
    expect((await state(b)).listing).toBe('LISTED');
    const ent = await sql<{ pause_reason: string }>(stack.em('products'), `select pause_reason from entitlement where id = $1`, [entA]);
    expect(ent[0]!.pause_reason).toBe('SECURITY_INCIDENT');
    expect((await published(stack, 'ProductSuspended')).filter((e) => e.productId === a)).toHaveLength(1);
    await close(id);
    expect(await state(a)).toMatchObject({ listing: 'LISTED', ent: 'ACTIVE' });
  });

  it('an incident scoped to the operator covers all its products; a closure that overtook its report wins', async () => {
    const id = randomUUID();
    await report(id, {});
    expect((await state(a)).listing).toBe('SUSPENDED');
    expect((await state(b)).listing).toBe('SUSPENDED');
    expect(await count(stack, 'data_product', `operator_id = $1 and listing_status = 'SUSPENDED'`, [w.operatorId])).toBe(0); // another operator's products are untouched
    await close(id);
    expect((await state(b)).listing).toBe('LISTED');

    const late = randomUUID();
    await close(late, '2026-03-21T00:00:00Z');
    await report(late, { resourceIds: [v.resources[0]] });
    expect(await state(a)).toMatchObject({ listing: 'LISTED', ent: 'ACTIVE' });
  });

  it('an incident naming a resource suspends the products built on it', async () => {
    const id = randomUUID();
    await report(id, { operatorId: null, resourceIds: [v.resources[2]] });
    expect((await state(b)).listing).toBe('SUSPENDED');
    expect((await state(a)).listing).toBe('LISTED');
    await close(id);
    expect((await state(b)).listing).toBe('LISTED');
  });
});

describe('DataResource.products (contributed to catalog\'s entity)', () => {
  const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataResource { id products(first: 2) { totalCount pageInfo { hasNextPage } edges { node { id name operator { id } } } } } } }`;

  it('pages the listed products built on each resource, in one batch', async () => {
    const one = await call(Q, { r: [{ __typename: 'DataResource', id: w.resources[0] }] }, undefined);
    expect(one.errors).toBeUndefined();
    const r0 = one.data._entities[0].products;
    const listedOnR0 = await count(stack, 'data_product', `listing_status = 'LISTED' and $1::uuid = any(resource_ids)`, [w.resources[0]]);
    expect(r0.totalCount).toBe(listedOnR0);
    expect(r0.edges.length).toBe(Math.min(2, listedOnR0));
    expect(r0.pageInfo.hasNextPage).toBe(listedOnR0 > 2);

    const many = await call(Q, { r: [...w.resources, ...(await buildWorld(stack, 'JL')).resources].map((id) => ({ __typename: 'DataResource', id })) }, undefined);
    expect(many.errors).toBeUndefined();
    expect(many.data._entities).toHaveLength(6);
    expect(many.data._entities.at(-1).products.totalCount).toBe(0);
    expect(many.extensions?.sqlStatements).toEqual(one.extensions?.sqlStatements);
  });

  it('shows the operator its unlisted products too, the public only listed ones', async () => {
    const c = await call(CREATE, { input: productInput(w, { name: '草稿产品', resourceIds: [w.resources[0]] }) }, w.operator);
    const draft = c.data.createDataProduct.id;
    const ids = async (as: any) => (await call(Q, { r: [{ __typename: 'DataResource', id: w.resources[0] }] }, as)).data._entities[0].products;
    const pub = await ids(undefined);
    const op = await ids(w.operator);
    expect(op.totalCount).toBe(pub.totalCount + 1);
    const all = await call(`query($r: [_Any!]!) { _entities(representations: $r) { ... on DataResource { products(first: 100) { edges { node { id } } } } } }`, { r: [{ __typename: 'DataResource', id: w.resources[0] }] }, w.operator);
    expect(all.data._entities[0].products.edges.map((e: any) => e.node.id)).toContain(draft);
  });
});
