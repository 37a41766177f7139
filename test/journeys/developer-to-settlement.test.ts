/**
 * The marketplace's main journey, end to end through the gateway over all five subgraphs:
 * a secondary developer finds a product, applies, the operator assesses, the implementing agency
 * approves, both sign; usage is metered (idempotently), becomes exactly one charge each, the
 * month is settled and every party's share adds up to the fen; the source agency sees its line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, DEMO_USERS, orgByKey } from '@pdo/demo';
import { startTestStack, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const as = (key: string): Identity => {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  return { sub: u.sub, role: u.role, org: u.org, jurisdiction: u.jurisdiction };
};
const product = DEMO_PRODUCTS.find((p) => p.code === 'HN-CP-0002')!;
const DAY = '2026-11-26T02:00:00Z';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 180_000);
// stop() fails the suite if any platform or subgraph invariant was broken along the way.
afterAll(async () => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, who?: string, now = DAY): Promise<T> {
  const res = await stack.gql<T>(query, variables, { as: who ? as(who) : undefined, now });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}

describe('developer journey: browse → apply → sign → use → charge → settle → statement', () => {
  let applicationId: string;
  let usageAgreementId: string;
  let entitlementId: string;

  it('an anonymous visitor finds the product with its operator, source resources and price, across subgraphs', async () => {
    const data = await ok(
      `query($q: String) { productMarketplace(search: $q, first: 20) {
        totalCount
        edges { node { id code name listingStatus
          operator { id name }
          resources { code nameZh sourceAgency { id name } }
          listingPrice { price { fen yuan } free } } } } }`,
      { q: '货运' },
    );
    const hit = data.productMarketplace.edges.map((e: any) => e.node).find((n: any) => n.id === product.id);
    expect(hit).toBeDefined();
    expect(hit.operator.name).toBe(orgByKey('hn-operator').nameZh);
    expect(hit.resources.length).toBe(product.resourceIds.length);
    expect(hit.resources.every((r: any) => r.nameZh && r.sourceAgency.name)).toBe(true);
    expect(hit.listingPrice.price.yuan).toBe('3000.00');
  });

  it('the developer applies, the operator assesses and the agency approves', async () => {
    const applied = await ok(
      `mutation($input: ApplyForProductUsageInput!) { applyForProductUsage(input: $input) { id status } }`,
      { input: { productId: product.id, purpose: '区域物流运力规划', scenario: '物流企业内部运力调度', scope: '河南省内', method: '平台内调用', startDate: '2026-11-26', endDate: '2027-11-25' } },
      'developer',
    );
    applicationId = applied.applyForProductUsage.id;
    await ok(
      `mutation($input: AssessUsageApplicationInput!) { assessUsageApplication(input: $input) { id status } }`,
      { input: { applicationId, capabilityAdequate: true, needReasonable: true, scenarioCompliant: true, securityRisk: 'LOW', recommend: true, opinion: '同意', revenueDistribution: '按平台标准分配', securityTerms: '仅限域内调用，不得导出原始数据', confidentialityTerms: '对结果数据保密' } },
      'operator',
    );
    const decided = await ok(`mutation($id: ID!) { decideUsageApplication(applicationId: $id, approve: true) { status usageAgreementId } }`, { id: applicationId }, 'agency');
    usageAgreementId = decided.decideUsageApplication.usageAgreementId;
    expect(usageAgreementId).toBeTruthy();
  });

  it('both parties sign; the entitlement becomes active', async () => {
    await ok(`mutation($id: ID!) { acceptUsageAgreement(id: $id) { status } }`, { id: usageAgreementId }, 'developer');
    const signed = await ok(`mutation($id: ID!) { acceptUsageAgreement(id: $id) { status entitlement { id status } } }`, { id: usageAgreementId }, 'operator');
    expect(signed.acceptUsageAgreement.status).toBe('SIGNED');
    entitlementId = signed.acceptUsageAgreement.entitlement.id;
    expect(signed.acceptUsageAgreement.entitlement.status).toBe('ACTIVE');
  });

  it('usage is metered by the operator once per idempotency key and charged exactly once at the price in force', async () => {
    const record = `mutation($input: RecordUsageInput!) { recordUsage(input: $input) { id replayed } }`;
    const input = { entitlementId, units: '2', occurredAt: '2026-11-26T01:00:00Z', idempotencyKey: 'journey-report-1' };
    // Usage happens inside the operator's secure domain, so the operator meters it.
    const first = await ok(record, { input }, 'operator');
    const again = await ok(record, { input }, 'operator');
    expect(again.recordUsage).toEqual({ id: first.recordUsage.id, replayed: true });
    await stack.settle();
    const charges = await ok(`query($f: ChargeFilter) { charges(filter: $f) { totalCount edges { node { usageId amount { fen yuan } } } } }`, { f: { productId: product.id, from: '2026-11-01T00:00:00Z' } }, 'finance');
    expect(charges.charges.totalCount).toBe(1);
    expect(charges.charges.edges[0].node).toMatchObject({ usageId: first.recordUsage.id, amount: { yuan: '6000.00' } });
  });

  it('finance settles November: the total is the charges and the shares add up to the fen', async () => {
    const run = await ok(
      `mutation($input: RunSettlementInput!) { runSettlement(input: $input) { id status total { fen yuan } reconciliation { reconciled } } }`,
      { input: { jurisdiction: 'HN', periodStart: '2026-11-01', periodEnd: '2026-11-30' } },
      'finance',
      '2026-12-02T02:00:00Z',
    );
    expect(run.runSettlement).toMatchObject({ status: 'COMPLETED', total: { yuan: '6000.00' }, reconciliation: { reconciled: true } });
    const shares = await ok(
      `{ revenueShareSummary(groupBy: PARTY, filter: { from: "2026-11-01", to: "2026-11-30", jurisdiction: "HN" }) { key amount { fen yuan } } }`,
      {},
      'finance',
      '2026-12-02T02:00:00Z',
    );
    const sum = shares.revenueShareSummary.reduce((s: bigint, r: any) => s + BigInt(r.amount.fen), 0n);
    expect(sum).toBe(600_000n);
    await stack.settle();
    const statement = await ok(
      `query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { total { fen yuan } lines { productCode amount { fen yuan } basis } } }`,
      { s: run.runSettlement.id, p: orgByKey('hn-src-market').id },
      'source',
      '2026-12-02T02:00:00Z',
    );
    expect(statement.revenueStatement.lines.map((l: any) => l.productCode)).toEqual(['HN-CP-0002']);
    expect(BigInt(statement.revenueStatement.total.fen)).toBeGreaterThan(0n);
  });
});
