import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, seedOnce, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { DEMO_PRODUCTS, orgByKey } from '@pdo/demo';
import type { EventName } from '@pdo/events';
import { definition } from '../src/index.js';

/**
 * The jurisdiction's charging and distribution rules end to end (docs/policy/profile-settings.md): free use by
 * purpose and user — HN non-profit public use, ZJC a source unit's own data (PN §1; HN Art 21; ZJC §三(五)5) — charged
 * 0 fen with its basis and still counted; a lowered cap binding charges from its effective date (PN §2(3)); trial
 * caps (PN §2); HN's revenue right paid to the supplying units (HN Art 21); source units weighted one by one; and
 * contribution scores ignored unless the plan chooses them.
 */
let stack: TestStack;
const HN_OP = orgByKey('hn-operator').id;
const ZJC_OP = orgByKey('zjc-operator').id;
const MARKET = orgByKey('hn-src-market').id;
const TRANSPORT = orgByKey('hn-src-transport').id;
const ZJC_SRC = orgByKey('zjc-src-transport').id;
const HN_AGREEMENT = DEMO_PRODUCTS.find((p) => p.jurisdiction === 'HN')!.agreementId;
const ZJC_AGREEMENT = DEMO_PRODUCTS.find((p) => p.jurisdiction === 'ZJC')!.agreementId;
const hnFinance = who('FINANCE', orgByKey('hn-authority').id, 'HN');
const zjcFinance = who('FINANCE', orgByKey('zjc-authority').id, 'ZJC');
const DEV = randomUUID();
const HP = randomUUID();
const HP2 = randomUUID();
const ZP = randomUUID();

const deliver = (name: EventName, payload: object, jurisdiction: string) =>
  applyEvent(stack.runtimes.revenue!.orm, 'revenue', definition.handlers!, { id: randomUUID(), name, version: 1, producer: 'products', occurredAt: new Date().toISOString(), jurisdiction, payload } as never);
const listed = (productId: string, jurisdiction: string, operatorId: string, agreementId: string, sources: string[]) => ({
  productId, productCode: `T-${productId.slice(0, 6)}`, version: 1, jurisdiction, operatorId, agreementId, scenarioId: randomUUID(), nameZh: `测试产品 ${productId.slice(0, 6)}`, form: 'API', category: 'PAID',
  resources: sources.map((s) => ({ resourceId: randomUUID(), sourceAgencyId: s })), listedAt: '2028-01-01T00:00:00Z',
});
const used = (productId: string, jurisdiction: string, operatorId: string, developerId: string, units: string, occurredAt: string, facts: object = {}) => {
  const usageId = randomUUID();
  return { usageId, payload: { usageId, entitlementId: randomUUID(), usageAgreementId: randomUUID(), productId, operatorId, developerId, jurisdiction, category: 'PAID', chargingUnit: 'PER_CALL', units, occurredAt, ...facts } };
};
const ok = async (q: string, vars: Record<string, unknown>, as: ReturnType<typeof who>, now?: string) => {
  const r = await stack.subgraph('revenue', q, vars, { as, now });
  expect(r.errors).toBeUndefined();
  return r.data;
};
const SURVEY = `mutation($input: RecordCostSurveyInput!) { recordCostSurvey(input: $input) { id } }`;
const CAPS = `mutation($input: SetPriceCapsInput!) { setPriceCaps(input: $input) { id cap { fen } effectiveFrom trial } }`;
const PRICE = `mutation($input: SetProductPriceInput!) { setProductPrice(input: $input) { id } }`;
const PLAN = `mutation($input: SetDistributionPlanInput!) { setDistributionPlan(input: $input) { id sourceBasis parties { kind partyId weight } } }`;
const CHARGES = `query { charges(first: 50) { edges { node { usageId unitPrice { fen } amount { fen } priced basis units } } } }`;
const survey = (operatorId: string, periodStart: string, periodEnd: string) => ({
  operatorId, name: `测试成本调查 ${periodStart}`, periodStart, periodEnd, surveyYear: 2026,
  costItems: { platform: '1000000.00', dataHandling: '500000.00', personnel: '800000.00', dataAcquisition: '200000.00', periodExpenses: '100000.00' }, subsidies: '0', taxes: '0', markupPp: '6',
});

beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: false });
  await seedOnce(stack.runtimes.revenue!);
  await deliver('ProductListed', listed(HP, 'HN', HN_OP, HN_AGREEMENT, [MARKET, TRANSPORT, MARKET]), 'HN');
  await deliver('ProductListed', listed(HP2, 'HN', HN_OP, HN_AGREEMENT, [MARKET]), 'HN');
  await deliver('ProductListed', listed(ZP, 'ZJC', ZJC_OP, ZJC_AGREEMENT, [ZJC_SRC]), 'ZJC');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const byUsage = async (as: ReturnType<typeof who>) => new Map((await ok(CHARGES, {}, as)).charges.edges.map((e: any) => [e.node.usageId, e.node]));

describe('caps: trial standard and lowering (PN §2, §2(3))', () => {
  it('caps on a half-year survey are trial caps, on a full year not; a lowered cap binds charges from its date only', async () => {
    const half = (await ok(SURVEY, { input: survey(HN_OP, '2028-07-01', '2028-12-31') }, hnFinance)).recordCostSurvey.id;
    const caps = await ok(CAPS, { input: { costSurveyId: half, effectiveFrom: '2028-07-01', caps: [{ productId: HP, chargingUnit: 'PER_CALL', cap: '1.00', forecastUnits: '1000' }, { productId: HP2, chargingUnit: 'PER_CALL', cap: '0.10', forecastUnits: '1000' }] } }, hnFinance);
    expect(caps.setPriceCaps.map((c: any) => c.trial)).toEqual([true, true]);
    const now = '2028-06-20T02:00:00Z';
    await ok(PRICE, { input: { productId: HP, chargingUnit: 'PER_CALL', price: '0.80', effectiveFrom: '2028-07-01' } }, who('OPERATOR', HN_OP, 'HN'), now);
    await ok(PRICE, { input: { productId: HP2, chargingUnit: 'PER_CALL', price: '0.10', effectiveFrom: '2028-07-01' } }, who('OPERATOR', HN_OP, 'HN'), now);
    const lowered = await ok(CAPS, { input: { costSurveyId: half, effectiveFrom: '2028-09-01', caps: [{ productId: HP, chargingUnit: 'PER_CALL', cap: '0.50', forecastUnits: '1000' }] } }, hnFinance);
    expect(lowered.setPriceCaps[0]).toMatchObject({ cap: { fen: '50' }, effectiveFrom: '2028-09-01' });

    const full = (await ok(SURVEY, { input: survey(ZJC_OP, '2028-01-01', '2028-12-31') }, zjcFinance)).recordCostSurvey.id;
    const zcaps = await ok(CAPS, { input: { costSurveyId: full, effectiveFrom: '2028-01-01', caps: [{ productId: ZP, chargingUnit: 'PER_CALL', cap: '0.50', forecastUnits: '1000' }] } }, zjcFinance);
    expect(zcaps.setPriceCaps[0].trial).toBe(false);
    await ok(PRICE, { input: { productId: ZP, chargingUnit: 'PER_CALL', price: '0.30', effectiveFrom: '2028-01-01' } }, who('OPERATOR', ZJC_OP, 'ZJC'), '2027-12-20T02:00:00Z');

    const before = used(HP, 'HN', HN_OP, DEV, '10', '2028-08-31T15:00:00Z'); // 23:00 on 31 August in Shanghai
    const after = used(HP, 'HN', HN_OP, DEV, '10', '2028-08-31T16:00:00Z'); // 00:00 on 1 September in Shanghai
    await deliver('UsageRecorded', before.payload, 'HN');
    await deliver('UsageRecorded', after.payload, 'HN');
    const c = await byUsage(hnFinance);
    expect(c.get(before.usageId)).toMatchObject({ unitPrice: { fen: '80' }, amount: { fen: '800' }, basis: null, priced: true });
    expect(c.get(after.usageId)).toMatchObject({ unitPrice: { fen: '50' }, amount: { fen: '500' }, priced: true });
    expect((c.get(after.usageId) as any).basis).toMatch(/^price 0\.80 above the cap of 0\.50 in force from 2028-09-01: charged at the cap \(PN §2\(3\)/);
  });
});

describe('free use by purpose and user, still metered', () => {
  it('HN: a city body\'s non-profit public-governance use is free; a company\'s, one not declared non-profit, or a supplying unit\'s industry use, is charged', async () => {
    const free = used(HP, 'HN', HN_OP, TRANSPORT, '7', '2028-08-10T03:00:00Z', { purpose: 'PUBLIC_GOVERNANCE', nonProfit: true });
    const company = used(HP, 'HN', HN_OP, DEV, '0', '2028-08-10T04:00:00Z', { purpose: 'PUBLIC_GOVERNANCE', nonProfit: true });
    const profit = used(HP, 'HN', HN_OP, DEV, '10', '2028-08-11T03:00:00Z', { purpose: 'PUBLIC_GOVERNANCE' });
    const own = used(HP, 'HN', HN_OP, MARKET, '5', '2028-08-12T03:00:00Z', { purpose: 'INDUSTRY' });
    const paid = used(HP, 'HN', HN_OP, DEV, '10', '2028-08-13T03:00:00Z');
    const unitWeighted = used(HP2, 'HN', HN_OP, DEV, '100', '2028-08-14T03:00:00Z');
    for (const u of [free, company, profit, own, paid, unitWeighted]) await deliver('UsageRecorded', u.payload, 'HN');
    const c = await byUsage(hnFinance);
    expect(c.get(free.usageId)).toMatchObject({ units: '7', unitPrice: { fen: '0' }, amount: { fen: '0' }, priced: true, basis: expect.stringContaining('HN Art 21') });
    expect(c.get(company.usageId)).toMatchObject({ unitPrice: { fen: '80' }, basis: null });
    expect(c.get(profit.usageId)).toMatchObject({ amount: { fen: '800' }, basis: null });
    expect(c.get(own.usageId)).toMatchObject({ amount: { fen: '400' }, basis: null });
  });

  it('ZJC: a source unit using a product made from its own data is free; another user pays', async () => {
    const own = used(ZP, 'ZJC', ZJC_OP, ZJC_SRC, '20', '2028-03-10T03:00:00Z', { purpose: 'INDUSTRY' });
    const other = used(ZP, 'ZJC', ZJC_OP, DEV, '20', '2028-03-10T04:00:00Z', { purpose: 'INDUSTRY' });
    await deliver('UsageRecorded', own.payload, 'ZJC');
    await deliver('UsageRecorded', other.payload, 'ZJC');
    const c = await byUsage(zjcFinance);
    expect(c.get(own.usageId)).toMatchObject({ units: '20', amount: { fen: '0' }, priced: true, basis: expect.stringContaining('ZJC §三(五)5') });
    expect(c.get(other.usageId)).toMatchObject({ amount: { fen: '600' }, basis: null });
  });
});

describe('distribution (HN Art 21; plans)', () => {
  it('refuses a plan weighting the source units both as a pool and one by one, or naming an unknown unit', async () => {
    const mixed = await stack.subgraph('revenue', PLAN, { input: { agreementId: HN_AGREEMENT, productId: HP2, parties: [{ kind: 'OPERATOR', weight: '60' }, { kind: 'SOURCE_AGENCIES', weight: '30' }, { kind: 'SOURCE_AGENCY', partyId: MARKET, weight: '10' }] } }, { as: hnFinance });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parties' });
    const nobody = await stack.subgraph('revenue', PLAN, { input: { agreementId: HN_AGREEMENT, productId: HP2, parties: [{ kind: 'OPERATOR', weight: '60' }, { kind: 'SOURCE_AGENCY', partyId: randomUUID(), weight: '10' }] } }, { as: hnFinance });
    expect(nobody.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('pays HN\'s revenue right to the supplying units, weights units one by one, and ignores contribution scores the plan did not choose', async () => {
    const pooled = await ok(PLAN, { input: { agreementId: HN_AGREEMENT, productId: HP, parties: [{ kind: 'OPERATOR', weight: '70' }, { kind: 'JURISDICTION', weight: '5' }, { kind: 'SOURCE_AGENCIES', weight: '25' }] } }, hnFinance);
    expect(pooled.setDistributionPlan.sourceBasis).toBe('RESOURCE_USAGE');
    await ok(PLAN, { input: { agreementId: HN_AGREEMENT, productId: HP2, parties: [{ kind: 'OPERATOR', weight: '60' }, { kind: 'SOURCE_AGENCY', partyId: MARKET, weight: '30' }, { kind: 'SOURCE_AGENCY', partyId: TRANSPORT, weight: '10' }] } }, hnFinance);
    await applyEvent(stack.runtimes.revenue!.orm, 'revenue', definition.handlers!, {
      id: randomUUID(), name: 'ContributionAssessed', version: 1, producer: 'evaluation', occurredAt: new Date().toISOString(), jurisdiction: 'HN',
      payload: { assessmentId: randomUUID(), jurisdiction: 'HN', periodStart: '2028-07-01', periodEnd: '2028-09-30', scores: [{ agencyId: MARKET, score: '1' }, { agencyId: TRANSPORT, score: '9' }] },
    } as never);
    const run = await ok(`mutation($input: RunSettlementInput!) { runSettlement(input: $input) { id status total { fen } contributionAssessmentId } }`, { input: { jurisdiction: 'HN', periodStart: '2028-08-01', periodEnd: '2028-08-31' } }, hnFinance, '2028-09-05T02:00:00Z');
    // August: HP 800 (before the lower cap) + 0 (free) + 800 + 400 + 800 = 2800; HP2 100 × 0.10 = 1000.
    expect(run.runSettlement).toMatchObject({ status: 'COMPLETED', total: { fen: '3800' }, contributionAssessmentId: null });
    const shares = await ok(`query($f: RevenueShareFilter) { revenueShares(filter: $f, first: 50) { edges { node { productId partyKind partyId amount { fen } basis } } } }`, { f: { settlementId: run.runSettlement.id } }, hnFinance);
    const of = (product: string) => Object.fromEntries(shares.revenueShares.edges.filter((e: any) => e.node.productId === product).map((e: any) => [`${e.node.partyKind}:${e.node.partyId}`, e.node.amount.fen]));
    // HP 2800: operator 70% = 1960; the 5% right (140) to the supplying units 2:1 → 93.33/46.67 → 93 + 47;
    // the 25% pool (700) by resources supplied 2:1 (not the 1:9 scores) → 466.67/233.33 → 467 + 233.
    expect(of(HP)).toEqual({ [`OPERATOR:${HN_OP}`]: '1960', [`SOURCE_AGENCY:${MARKET}`]: '560', [`SOURCE_AGENCY:${TRANSPORT}`]: '280' });
    expect(shares.revenueShares.edges.some((e: any) => e.node.partyKind === 'JURISDICTION')).toBe(false);
    // HP2 1000: 60 / 30 / 10, each unit by its own weight.
    expect(of(HP2)).toEqual({ [`OPERATOR:${HN_OP}`]: '600', [`SOURCE_AGENCY:${MARKET}`]: '300', [`SOURCE_AGENCY:${TRANSPORT}`]: '100' });
    const rec = await ok(`query($id: ID!) { settlement(id: $id) { reconciliation { reconciled } } }`, { id: run.runSettlement.id }, hnFinance);
    expect(rec.settlement.reconciliation.reconciled).toBe(true);
  });
});

// Last: its charges would otherwise enter the settlements above.
describe('metered usage in batches (UsagesRecorded, from the data plane)', () => {
  it('a batch of metered usage (UsagesRecorded) is priced record by record as UsageRecorded would be; redelivered, it charges nothing twice', async () => {
    const free = used(HP, 'HN', HN_OP, TRANSPORT, '3', '2028-08-20T03:00:00Z', { purpose: 'PUBLIC_GOVERNANCE', nonProfit: true, source: 'METERED' });
    const beforeCap = used(HP, 'HN', HN_OP, DEV, '1', '2028-08-31T15:00:00Z', { source: 'METERED' });
    const afterCap = used(HP, 'HN', HN_OP, DEV, '1', '2028-08-31T16:00:00Z', { source: 'METERED' });
    const other = used(HP2, 'HN', HN_OP, DEV, '2', '2028-08-31T16:00:00Z', { source: 'METERED' });
    const batch = { usages: [free, beforeCap, afterCap, other].map((u) => u.payload) };
    await deliver('UsagesRecorded', batch, 'HN');
    await deliver('UsagesRecorded', batch, 'HN');
    await deliver('UsagesRecorded', { usages: [afterCap.payload] }, 'HN');
    const c = await byUsage(hnFinance);
    expect(c.get(free.usageId)).toMatchObject({ units: '3', amount: { fen: '0' }, basis: expect.stringContaining('HN Art 21') });
    expect(c.get(beforeCap.usageId)).toMatchObject({ unitPrice: { fen: '80' }, amount: { fen: '80' } });
    expect(c.get(afterCap.usageId)).toMatchObject({ unitPrice: { fen: '50' }, amount: { fen: '50' } });
    expect(c.get(other.usageId)).toMatchObject({ unitPrice: { fen: '10' }, amount: { fen: '20' } });
    const [n] = await sql<{ n: number }>(stack.em('revenue'), `select count(*)::int as n from charge where usage_id = any($1::uuid[])`, [[free, beforeCap, afterCap, other].map((u) => u.usageId)]);
    expect(n!.n).toBe(4);
  });
});
