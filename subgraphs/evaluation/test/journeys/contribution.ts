import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { who, type TestStack } from '@pdo/testing';
import { code, count, emit, published } from '../helpers.js';

/*
 * Journey: catalog, licensing, products and revenue publish what happened; evaluation projects
 * it, the authority sets weights and assesses a quarter, and revenue receives the scores.
 */
const J = 'TZ';
const agencyA = '0190a0c2-0000-7000-8000-00000000a001';
const agencyB = '0190a0c2-0000-7000-8000-00000000a002';
const operator = '0190a0c2-0000-7000-8000-00000000a003';
const authorityOrg = '0190a0c2-0000-7000-8000-00000000a004';
const res1 = '0190a0c2-0000-7000-8000-00000000b001';
const res2 = '0190a0c2-0000-7000-8000-00000000b002';
const res3 = '0190a0c2-0000-7000-8000-00000000b003';
const agreement = '0190a0c2-0000-7000-8000-00000000c001';
const product = '0190a0c2-0000-7000-8000-00000000d001';
const NOW = '2026-10-15T02:00:00Z';
const authority = who('AUTHORITY', authorityOrg, J);

let stack: TestStack;
const gql = (q: string, v: Record<string, unknown> = {}, as = authority, now = NOW) => stack.subgraph('evaluation', q, v, { as, now });

const snapshot = (id: string, agency: string, code: string, records: number, version: number, quality = '90') => ({
  resourceId: id, jurisdiction: J, code, nameZh: `资源${code}`, sector: 'health', sourceAgencyId: agency, openness: 'CONDITIONAL', grade: 'L2',
  recordCount: records, quality: { completeness: quality, consistency: quality, accuracy: quality, timeliness: quality },
  authorizable: true, authorizableReasons: [], status: 'ACTIVE', version, updatedAt: '2026-06-01T00:00:00Z',
});

/** Registers this journey on a stack shared with the other journeys (own jurisdiction and ids). */
export function contributionJourney(getStack: () => TestStack): void {
 describe('contribution (TZ)', () => {
beforeAll(async () => {
  stack = getStack();
  await emit(stack, 'licensing', 'OrganizationRegistered', { organizationId: agencyA, jurisdiction: J, nameZh: '卫健委', kinds: ['SOURCE_AGENCY'] }, J);
  await emit(stack, 'licensing', 'OrganizationRegistered', { organizationId: agencyB, jurisdiction: J, nameZh: '气象局', kinds: ['SOURCE_AGENCY'] }, J);
  await emit(stack, 'licensing', 'OrganizationRegistered', { organizationId: operator, jurisdiction: J, nameZh: '泰州数据运营', kinds: ['OPERATOR'] }, J);
  await emit(stack, 'catalog', 'ResourcePublished', snapshot(res1, agencyA, 'A1', 3000, 1), J);
  await emit(stack, 'catalog', 'ResourceChanged', snapshot(res1, agencyA, 'A1', 4000, 3, '80'), J);
  // An older version delivered late must not overwrite the newer one.
  await emit(stack, 'catalog', 'ResourceChanged', snapshot(res1, agencyA, 'A1', 1, 2, '10'), J);
  await emit(stack, 'catalog', 'ResourcePublished', snapshot(res2, agencyA, 'A2', 1000, 1, '100'), J);
  await emit(stack, 'catalog', 'ResourcePublished', snapshot(res3, agencyB, 'B1', 10000, 1, '60'), J);
  const corr = (id: string, onTime: boolean) => ({ correctionId: id, resourceId: res1, sourceAgencyId: agencyA, jurisdiction: J, raisedOn: '2026-07-01', dueOn: '2026-07-10', answeredOn: onTime ? '2026-07-08' : '2026-07-20', onTime, outcome: 'CORRECTED' });
  await emit(stack, 'catalog', 'CorrectionAnswered', corr('0190a0c2-0000-7000-8000-00000000e001', true), J);
  await emit(stack, 'catalog', 'CorrectionAnswered', corr('0190a0c2-0000-7000-8000-00000000e002', false), J);
  // Re-delivery of the same fact under a new envelope changes nothing.
  await emit(stack, 'catalog', 'CorrectionAnswered', corr('0190a0c2-0000-7000-8000-00000000e002', false), J);
  await emit(stack, 'licensing', 'AgreementSigned', {
    agreementId: agreement, agreementNumber: 'TZ-SQ-2025-001', jurisdiction: J, operatorId: operator, mode: 'BY_SCENARIO', status: 'SIGNED',
    startDate: '2025-05-01', endDate: '2028-04-30', trialEndDate: null, resourceIds: [res1, res2, res3], sectors: ['health'], profileVersion: 1,
  }, J);
  await emit(stack, 'products', 'ProductListed', {
    productId: product, productCode: 'TZ-CP-0001', version: 1, jurisdiction: J, operatorId: operator, agreementId: agreement,
    scenarioId: '0190a0c2-0000-7000-8000-00000000f001', nameZh: '健康险智能核保', form: 'SERVICE', category: 'PAID',
    resources: [{ resourceId: res1, sourceAgencyId: agencyA }], listedAt: '2026-06-15T00:00:00Z',
  }, J);
  for (const [i, units] of [[1, '700'], [2, '300']] as const) {
    await emit(stack, 'products', 'UsageRecorded', {
      usageId: `0190a0c2-0000-7000-8000-0000000091${String(i).padStart(2, '0')}`, entitlementId: 'x', usageAgreementId: '0190a0c2-0000-7000-8000-000000009200',
      productId: product, operatorId: operator, developerId: '0190a0c2-0000-7000-8000-000000009300', jurisdiction: J, category: 'PAID', chargingUnit: 'PER_CALL',
      units, occurredAt: '2026-08-0' + i + 'T03:00:00Z',
    }, J);
  }
  // Usage outside the period is not counted.
  await emit(stack, 'products', 'UsageRecorded', {
    usageId: '0190a0c2-0000-7000-8000-000000009199', entitlementId: 'x', usageAgreementId: '0190a0c2-0000-7000-8000-000000009200',
    productId: product, operatorId: operator, developerId: '0190a0c2-0000-7000-8000-000000009300', jurisdiction: J, category: 'PAID', chargingUnit: 'PER_CALL',
    units: '5000', occurredAt: '2026-10-02T03:00:00Z',
  }, J);
  await emit(stack, 'revenue', 'SettlementCompleted', {
    settlementId: '0190a0c2-0000-7000-8000-000000008001', jurisdiction: J, periodStart: '2026-07-01', periodEnd: '2026-09-30', totalFen: '100000',
    // Version 2: products and parties listed once, shares by index.
    products: [product],
    parties: [{ partyId: agencyA, partyKind: 'SOURCE_AGENCY' }, { partyId: operator, partyKind: 'OPERATOR' }],
    shares: { product: [0, 0], party: [0, 1], amountFen: ['12000', '88000'] },
  }, J);
  await stack.settle();
}, 120_000);

const ASSESS = `mutation($i: AssessContributionInput!) { assessContribution(input: $i) { id periodStart periodEnd weights { quantity quality application revenue }
  scores { totalCount edges { node { agencyId agencyName quantity quality application revenue total inputs { resourceCount recordCount averageQuality correctionsAnswered correctionsOnTime productCount usageUnits revenue { fen yuan } maxRecordCount maxRevenue { fen yuan } } } } } } }`;
const WEIGHTS = `mutation($i: SetContributionWeightsInput!) { setContributionWeights(input: $i) { quantity quality application revenue source } }`;
const Q3 = { jurisdiction: J, periodStart: '2026-07-01', periodEnd: '2026-09-30' };

describe('projections', () => {
  it('keep the newest resource version and each correction once', async () => {
    expect(await count(stack, 'resource_projection', `jurisdiction = 'TZ'`)).toBe(3);
    expect(await count(stack, 'resource_projection', `id = $1 and version = 3 and record_count = 4000`, [res1])).toBe(1);
    expect(await count(stack, 'correction_projection', `jurisdiction = 'TZ'`)).toBe(2);
    expect(await count(stack, 'usage_projection', `jurisdiction = 'TZ'`)).toBe(3);
  });

  it('turn a signed agreement and a listing into public disclosures', async () => {
    const res = await stack.subgraph('evaluation', `{ disclosures(jurisdiction: "TZ") { totalCount edges { node { kind name facts { key value } } } } }`);
    expect(res.errors).toBeUndefined();
    const kinds = res.data.disclosures.edges.map((e: any) => e.node.kind).sort();
    expect(kinds).toEqual(['AUTHORIZATION', 'PRODUCT_LISTED']);
    const auth = res.data.disclosures.edges.find((e: any) => e.node.kind === 'AUTHORIZATION').node;
    expect(auth.facts).toContainEqual({ key: 'operator', value: '泰州数据运营' });
    expect(auth.facts).toContainEqual({ key: 'endDate', value: '2028-04-30' });
  });
});

describe('contribution assessment', () => {
  it('refuses weights that do not sum to 100 % and changes nothing', async () => {
    const res = await gql(WEIGHTS, { i: { jurisdiction: J, quantity: '30', quality: '30', application: '30', revenue: '9', source: 'TZ Art 21' } });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'contribution_weights')).toBe(0);
  });

  it('refuses weights from anyone but the authority of the jurisdiction', async () => {
    expect(code(await gql(WEIGHTS, { i: { jurisdiction: J, quantity: '25', quality: '25', application: '25', revenue: '25', source: 'x' } }, who('SOURCE_UNIT', agencyA, J)))).toBe('FORBIDDEN');
    expect(code(await gql(WEIGHTS, { i: { jurisdiction: J, quantity: '25', quality: '25', application: '25', revenue: '25', source: 'x' } }, who('AUTHORITY', authorityOrg, 'HN')))).toBe('FORBIDDEN');
    expect(await count(stack, 'contribution_weights')).toBe(0);
  });

  it('refuses to assess before weights are set', async () => {
    expect(code(await gql(ASSESS, { i: Q3 }))).toBe('CONFLICT');
  });

  it('sets weights', async () => {
    const res = await gql(WEIGHTS, { i: { jurisdiction: J, quantity: '20', quality: '30', application: '30', revenue: '20', source: 'TZ Art 21' } });
    expect(res.errors).toBeUndefined();
    expect(res.data.setContributionWeights).toEqual({ quantity: '20', quality: '30', application: '30', revenue: '20', source: 'TZ Art 21' });
  });

  it('refuses a period that has not ended', async () => {
    const res = await gql(ASSESS, { i: { jurisdiction: J, periodStart: '2026-10-01', periodEnd: '2026-12-31' } });
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'contribution_assessment')).toBe(0);
  });

  it('scores each agency from what happened, shows the inputs, and publishes the weights for revenue', async () => {
    const res = await gql(ASSESS, { i: Q3 });
    expect(res.errors).toBeUndefined();
    const a = res.data.assessContribution;
    const byId = Object.fromEntries(a.scores.edges.map((e: any) => [e.node.agencyId, e.node]));
    expect(a.scores.totalCount).toBe(2);
    // Agency A: 2 resources, 5000 records, mean quality (80+100)/2, 1 of 2 corrections on time, 1 product, 1000 units in Q3, ¥120.
    expect(byId[agencyA].inputs).toEqual({
      resourceCount: 2, recordCount: '5000', averageQuality: '90.00', correctionsAnswered: 2, correctionsOnTime: 1, productCount: 1, usageUnits: '1000',
      revenue: { fen: '12000', yuan: '120.00' }, maxRecordCount: '10000', maxRevenue: { fen: '12000', yuan: '120.00' },
    });
    // quantity 50×2/2 + 50×5000/10000 = 75; quality 0.7×90 + 30×0.5 = 78; application 100; revenue 100.
    expect(byId[agencyA]).toMatchObject({ agencyName: '卫健委', quantity: '75.00', quality: '78.00', application: '100.00', revenue: '100.00', total: '88.40' });
    // Agency B: 1 resource of 10000 records, quality 60, no corrections (all on time), nothing used, no revenue.
    expect(byId[agencyB]).toMatchObject({ quantity: '75.00', quality: '72.00', application: '0.00', revenue: '0.00', total: '36.60' });
    const events = await published(stack, 'ContributionAssessed', 'revenue');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ assessmentId: a.id, jurisdiction: J, periodStart: '2026-07-01', periodEnd: '2026-09-30' });
    expect(events[0].scores).toEqual(expect.arrayContaining([{ agencyId: agencyA, score: '88.40' }, { agencyId: agencyB, score: '36.60' }]));
  });

  it('refuses a second assessment of the same period and changes nothing', async () => {
    expect(code(await gql(ASSESS, { i: Q3 }))).toBe('CONFLICT');
    expect(await count(stack, 'contribution_assessment')).toBe(1);
    expect(await published(stack, 'ContributionAssessed', 'revenue')).toHaveLength(1);
  });

  it('shows a source unit only its own score and refuses other roles', async () => {
    const list = `{ contributionAssessments(jurisdiction: "TZ") { totalCount edges { node { id scores { totalCount edges { node { agencyId total } } } } } } }`;
    const own = await gql(list, {}, who('SOURCE_UNIT', agencyB, J));
    expect(own.errors).toBeUndefined();
    const node = own.data.contributionAssessments.edges[0].node;
    expect(node.scores.edges.map((e: any) => e.node.agencyId)).toEqual([agencyB]);
    const other = await gql(`query($id: ID!, $a: ID!) { contributionAssessment(id: $id) { scoreOf(agencyId: $a) { total } } }`, { id: node.id, a: agencyA }, who('SOURCE_UNIT', agencyB, J));
    expect(code(other)).toBe('FORBIDDEN');
    expect(code(await gql(list, {}, who('OPERATOR', operator, J)))).toBe('FORBIDDEN');
    expect(code(await stack.subgraph('evaluation', list))).toBe('UNAUTHENTICATED');
  });

  it('orders the scores by total as a number (100.00 before 88.40)', async () => {
    await sql(stack.em('evaluation'), `update contribution_score set total = 100 where agency_id = $1`, [agencyB]);
    const res = await gql(`{ contributionAssessments(jurisdiction: "TZ") { edges { node { scores { edges { node { agencyId total } } } } } } }`);
    expect(res.data.contributionAssessments.edges[0].node.scores.edges.map((e: any) => e.node.total)).toEqual(['100.00', '88.40']);
    await sql(stack.em('evaluation'), `update contribution_score set total = 36.60 where agency_id = $1`, [agencyB]);
  });

  it('lists assessments with their scores in a constant number of statements', async () => {
    const res = await gql(`{ contributionAssessments(jurisdiction: "TZ") { edges { node { scores { edges { node { total inputs { usageUnits } } } } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.sqlStatements?.evaluation).toBeLessThanOrEqual(3);
  });
});

 });
}
