/**
 * Where the journey itself changes by jurisdiction, end to end through the gateway over every subgraph:
 * - free use: the same kind of use is free in one place and charged in another (PN §1; HN Art 21: non-profit use by a
 *   public body; ZJC §三(五)5: a source unit using a product made from its own data) — usage → revenue's charges;
 * - who signs: HN's implementing agency decides (三重一大) and signs (HN Arts 4, 13); JL's data authority does, and
 *   each is refused the other's step; both agreements keep the implementation plan in force (NS Art 12);
 * - rectification: HN rectifies first with access open and suspends only on a major risk (HN Art 22); TZ closes
 *   access while rectifying and a failed rectification stops access without ending the authorization (TZ Art 29) —
 *   licensing's grants and products' shop window follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGREEMENTS, DEMO_PRODUCTS, demoId, orgByKey, resourceByKey } from '@pdo/demo';
import { startTestStack, who, type GqlResult, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const DAY = '2026-11-26T02:00:00Z';
const org = (key: string) => orgByKey(key).id;
const authority = (j: string) => who('AUTHORITY', org(`${j.toLowerCase()}-authority`), j, `${j}-authority-user`);
const agency = (j: string) => who('AGENCY', org(`${j.toLowerCase()}-agency`), j, `${j}-agency-user`);
const finance = (j: string) => who('FINANCE', org(`${j.toLowerCase()}-authority`), j, `${j}-finance-user`);
const operatorOf = (orgId: string, j: string) => who('OPERATOR', orgId, j, `op-${orgId.slice(0, 8)}`);
const developer = (orgId: string, j: string) => who('DEVELOPER', orgId, j, `dev-${orgId.slice(0, 8)}`);
const ag = (key: string) => DEMO_AGREEMENTS.find((a) => a.key === key)!;
const product = (code: string) => DEMO_PRODUCTS.find((p) => p.code === code)!;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 180_000);
// stop() fails the suite if any platform or subgraph invariant was broken along the way.
afterAll(async () => stack?.stop());

const gql = (query: string, variables: Record<string, unknown>, as: Identity | undefined, now = DAY) => stack.gql(query, variables, { as, now });
async function ok<T = any>(query: string, variables: Record<string, unknown>, as?: Identity, now = DAY): Promise<T> {
  const res = await gql(query, variables, as, now);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
function refusal(res: GqlResult, code: string): Record<string, any> {
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  return res.errors![0]!.extensions!;
}

describe('free use follows the jurisdiction: by purpose and user, still metered', () => {
  /** A usage agreement of `user` for the product, signed by both, one unit recorded by the operator: its charge. */
  async function chargeOfOneUse(code: string, user: Identity, usePurpose: string, nonProfit: boolean) {
    const p = product(code);
    const j = p.jurisdiction;
    const op = operatorOf(ag(j.toLowerCase()).operatorId, j);
    const applied = await ok(`mutation($input: ApplyForProductUsageInput!) { applyForProductUsage(input: $input) { id } }`, {
      input: { productId: p.id, purpose: '使用场景说明', scenario: '内部业务', scope: '本单位', method: '平台内调用', startDate: '2026-11-26', endDate: '2027-05-25', usePurpose, nonProfit },
    }, user);
    const applicationId = applied.applyForProductUsage.id;
    await ok(`mutation($input: AssessUsageApplicationInput!) { assessUsageApplication(input: $input) { id } }`, {
      input: { applicationId, capabilityAdequate: true, needReasonable: true, scenarioCompliant: true, securityRisk: 'LOW', recommend: true, opinion: '同意', revenueDistribution: '按平台标准分配', securityTerms: '仅限域内调用', confidentialityTerms: '对结果保密' },
    }, op);
    const decided = await ok(`mutation($id: ID!) { decideUsageApplication(applicationId: $id, approve: true) { usageAgreementId } }`, { id: applicationId }, agency(j));
    const usageAgreementId = decided.decideUsageApplication.usageAgreementId;
    await ok(`mutation($id: ID!) { acceptUsageAgreement(id: $id) { status } }`, { id: usageAgreementId }, user);
    const signed = await ok(`mutation($id: ID!) { acceptUsageAgreement(id: $id) { entitlement { id } } }`, { id: usageAgreementId }, op);
    const used = await ok(`mutation($input: RecordUsageInput!) { recordUsage(input: $input) { id } }`, {
      input: { entitlementId: signed.acceptUsageAgreement.entitlement.id, units: '1', occurredAt: '2026-11-26T01:00:00Z', idempotencyKey: `free-use-${code}-${user.org}` },
    }, op);
    await stack.settle();
    const charges = await ok(`query($f: ChargeFilter) { charges(filter: $f) { edges { node { usageId amount { fen } basis } } } }`, { f: { productId: p.id, developerId: user.org } }, finance(j));
    const charge = charges.charges.edges.map((e: any) => e.node).find((c: any) => c.usageId === used.recordUsage.id);
    expect(charge, `a charge for the use of ${code}`).toBeDefined();
    return charge as { amount: { fen: string }; basis: string | null };
  }

  it('HN Art 21: non-profit public governance by a public body (a city unit) is free; the same declared use by a company is charged', async () => {
    const city = await chargeOfOneUse('HN-CP-0002', developer(org('hn-src-market'), 'HN'), 'PUBLIC_GOVERNANCE', true);
    expect(city).toMatchObject({ amount: { fen: '0' }, basis: expect.stringContaining('HN Art 21') });
    const company = await chargeOfOneUse('HN-CP-0002', developer(org('dev-logistics'), 'HN'), 'PUBLIC_GOVERNANCE', true);
    expect(BigInt(company.amount.fen)).toBeGreaterThan(0n);
  });

  it('ZJC §三(五)5: the source unit that supplied the data uses the product free even for industry; JL charges a source unit\'s industry use', async () => {
    const own = await chargeOfOneUse('ZJC-CP-0003', developer(org('zjc-src-transport'), 'ZJC'), 'INDUSTRY', false);
    expect(own).toMatchObject({ amount: { fen: '0' }, basis: expect.stringContaining('ZJC §三(五)5') });
    const jl = await chargeOfOneUse('JL-CP-0003', developer(org('jl-src-civil'), 'JL'), 'INDUSTRY', false);
    expect(BigInt(jl.amount.fen)).toBeGreaterThan(0n);
    expect(jl.basis).toBeNull();
  });
});

describe('who decides and signs follows the jurisdiction (lifecycleRoles)', () => {
  let seq = 0;
  /** From a call to the filed application, through the gateway; returns the application id. */
  async function filedApplication(j: string, resourceKey: string, mode: string): Promise<string> {
    const div = { HN: '410100', JL: '220200' }[j]!;
    const facts = { creditCode: creditCode(`91${div}MC${String(++seq).padStart(7, '0')}`), foundedOn: '2015-01-01', taxGrades: [{ year: 2025, grade: 'A' }, { year: 2026, grade: 'A' }], mlps3Experience: true, commercialCryptoExperience: true, securityDepartment: '安全部', securityHead: '王五' };
    const registered = await ok(`mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`, {
      input: { jurisdiction: j, name: `签署旅程公司${seq}`, kinds: ['OPERATOR'], evidence: { documentRef: '营业执照', documentDate: '2026-01-05' }, facts },
    }, authority(j), '2026-01-05T02:00:00Z');
    const applicant = operatorOf(registered.registerOrganization.id, j);
    const call = await ok(`mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`, {
      input: { jurisdiction: j, title: `${j} 授权运营公告`, mode, selectionMethod: 'OPEN_TENDER', resourceIds: [resourceByKey(resourceKey).id], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 3 },
    }, authority(j), '2026-03-02T02:00:00Z');
    const docs = ['APPLICATION_FORM'].map((kind) => ({ kind, name: `${kind}.pdf`, sha256: 'b'.repeat(64) }));
    const app = (await ok(`mutation($c: ID!, $d: [ApplicationDocumentInput!]!) { submitOperatorApplication(callId: $c, documents: $d) { id } }`, { c: call.publishCall.id, d: docs }, applicant, '2026-03-02T02:00:00Z')).submitOperatorApplication.id;
    await ok(`mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: app }, agency(j), '2026-03-02T02:00:00Z');
    await ok(`mutation($id: ID!) { submitExpertReview(applicationId: $id, score: "85", opinion: "可") { status } }`, { id: app }, who('EXPERT', org('expert-panel'), j, 'expert-1'), '2026-03-02T02:00:00Z');
    await ok(`mutation($id: ID!) { selectOperatorApplication(id: $id) { status } }`, { id: app }, agency(j), '2026-03-03T02:00:00Z');
    await ok(`mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`, { id: app }, authority(j), '2026-03-20T02:00:00Z');
    return app;
  }
  const DECIDE = `mutation($id: ID!) { approveApplicationMajorDecision(id: $id, minutesRef: "三重一大会议纪要") { status } }`;
  const SIGN = `mutation($input: SignAgreementInput!) { signAgreement(input: $input) { status jurisdiction implementationPlan { version status } } }`;
  const contents = Object.fromEntries(['scopeAndCatalog', 'productList', 'technicalPlatform', 'assetOwnership', 'disclosureDuties', 'accountingAndDistribution', 'securityAndEmergency', 'evaluation', 'renewalAndExit', 'liability', 'disputes', 'amendmentAndTermination'].map((k) => [k, `条款 ${k}`]));

  it('HN Arts 4, 13: the implementing agency takes the collective decision and signs; the data authority is refused both', async () => {
    const app = await filedApplication('HN', 'hn-employment', 'BY_SCENARIO');
    const byAuthority = refusal(await gql(DECIDE, { id: app }, authority('HN'), '2026-03-20T02:00:00Z'), 'FORBIDDEN');
    expect(byAuthority.details).toMatchObject({ step: 'majorDecision', by: 'AGENCY', rule: expect.stringContaining('HN Arts 4, 13') });
    await ok(DECIDE, { id: app }, agency('HN'), '2026-03-20T02:00:00Z');
    const sign = { input: { applicationId: app, startDate: '2026-04-01', endDate: '2029-03-31', contents } };
    expect(refusal(await gql(SIGN, sign, authority('HN'), '2026-03-25T02:00:00Z'), 'FORBIDDEN').details).toMatchObject({ step: 'signAgreement', by: 'AGENCY' });
    const signed = await ok(SIGN, sign, agency('HN'), '2026-03-25T02:00:00Z');
    expect(signed.signAgreement).toEqual({ status: 'SIGNED', jurisdiction: 'HN', implementationPlan: { version: 1, status: 'APPROVED' } });
  });

  it('JL (national rule): the data authority decides and signs; the implementing agency is refused both', async () => {
    const app = await filedApplication('JL', 'jl-domestic-services', 'BY_SCENARIO');
    expect(refusal(await gql(DECIDE, { id: app }, agency('JL'), '2026-03-20T02:00:00Z'), 'FORBIDDEN').details).toMatchObject({ step: 'majorDecision', by: 'AUTHORITY' });
    await ok(DECIDE, { id: app }, authority('JL'), '2026-03-20T02:00:00Z');
    const sign = { input: { applicationId: app, startDate: '2026-04-01', endDate: '2029-03-31', contents } };
    refusal(await gql(SIGN, sign, agency('JL'), '2026-03-25T02:00:00Z'), 'FORBIDDEN');
    expect((await ok(SIGN, sign, authority('JL'), '2026-03-25T02:00:00Z')).signAgreement).toEqual({ status: 'SIGNED', jurisdiction: 'JL', implementationPlan: { version: 1, status: 'APPROVED' } });
  });
});

describe('rectification follows the jurisdiction: HN rectifies first, TZ closes access', () => {
  const AGREEMENT = `query($id: ID!) { agreement(id: $id) { status accessGrants { status } rectifications { id status cause } } }`;
  const ORDER = `mutation($input: SuspendAgreementInput!) { orderRectification(input: $input) { status } }`;
  const listed = async (code: string) => {
    const d = await ok(`query($id: ID!) { dataProduct(id: $id) { listingStatus } }`, { id: product(code).id });
    return d.dataProduct?.listingStatus ?? null;
  };

  it('HN Art 22: an ordered rectification leaves access and the listings open; a major risk suspends at once and the listing leaves the market', async () => {
    const hn = ag('hn');
    expect((await ok(ORDER, { input: { agreementId: hn.id, cause: 'OTHER_BREACH', description: '年度评估发现的问题', deadline: '2026-12-31' } }, authority('HN'))).orderRectification.status).toBe('ACTIVE');
    await stack.settle();
    const open = (await ok(AGREEMENT, { id: hn.id }, authority('HN'))).agreement;
    expect(open.accessGrants.some((g: any) => g.status === 'ACTIVE')).toBe(true);
    expect(await listed('HN-CP-0001')).toBe('LISTED');
    // Rectified in time: passed, still open throughout.
    const first = open.rectifications.find((r: any) => r.status === 'OPEN');
    await ok(`mutation($id: ID!) { submitRectificationPlan(rectificationId: $id, plan: "补齐整改措施") { status } }`, { id: first.id }, operatorOf(hn.operatorId, 'HN'));
    await ok(`mutation($id: ID!) { concludeRectification(rectificationId: $id, passed: true, note: "整改到位") { status } }`, { id: first.id }, authority('HN'));
    expect((await ok(ORDER, { input: { agreementId: hn.id, cause: 'MAJOR_RISK', description: '发现重大风险隐患', deadline: '2026-12-31' } }, authority('HN'))).orderRectification.status).toBe('SUSPENDED');
    await stack.settle();
    expect((await ok(AGREEMENT, { id: hn.id }, authority('HN'))).agreement.accessGrants.every((g: any) => g.status !== 'ACTIVE')).toBe(true);
    expect(await listed('HN-CP-0001')).not.toBe('LISTED');
  });

  it('TZ Art 29: access is closed while rectifying; a passed rectification reopens it; a failed one stops access without ending the authorization', async () => {
    const tz = ag('tz');
    const rectificationId = demoId('rectification:tz');
    expect((await ok(AGREEMENT, { id: tz.id }, authority('TZ'))).agreement.status).toBe('SUSPENDED');
    expect(await listed('TZ-CP-0001')).not.toBe('LISTED');
    await ok(`mutation($id: ID!) { submitRectificationPlan(rectificationId: $id, plan: "补齐访问日志留存") { status } }`, { id: rectificationId }, operatorOf(tz.operatorId, 'TZ'));
    await ok(`mutation($id: ID!) { concludeRectification(rectificationId: $id, passed: true, note: "整改到位") { status } }`, { id: rectificationId }, authority('TZ'));
    await stack.settle();
    expect((await ok(AGREEMENT, { id: tz.id }, authority('TZ'))).agreement.accessGrants.some((g: any) => g.status === 'ACTIVE')).toBe(true);
    // The same kind of order that left HN open closes TZ at once.
    expect((await ok(ORDER, { input: { agreementId: tz.id, cause: 'OTHER_BREACH', description: '超范围使用', deadline: '2026-12-31' } }, authority('TZ'))).orderRectification.status).toBe('SUSPENDED');
    await stack.settle();
    const closed = (await ok(AGREEMENT, { id: tz.id }, authority('TZ'))).agreement;
    expect(closed.accessGrants.every((g: any) => g.status !== 'ACTIVE')).toBe(true);
    expect(await listed('TZ-CP-0001')).not.toBe('LISTED');
    const second = closed.rectifications.find((r: any) => r.status === 'OPEN');
    const failed = await ok(`mutation($id: ID!) { concludeRectification(rectificationId: $id, passed: false, note: "整改不到位") { status endedOn } }`, { id: second.id }, authority('TZ'));
    expect(failed.concludeRectification).toEqual({ status: 'SUSPENDED', endedOn: null });
  });
});

/** GB 32100 check character (the licensing subgraph refuses a wrong one). */
function creditCode(first17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * weights[i]!, 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}
