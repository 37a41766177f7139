/**
 * Renewal and selection as each seed states them, end to end through the gateway (issue 19 items 4–5):
 * - Taizhou: renewal is a new application (TZ Arts 17, 28). The operator, rectified and evaluated for 2026, re-applies
 *   at least 6 months before expiry; the reviewers see its evaluation (published by evaluation, kept by licensing);
 *   the result is publicized in the public disclosure feed with its period; an objection is dismissed; the successor
 *   agreement is signed from the day after the old end.
 * - Qinhuangdao: renewal is a request only within the last 3 months (QHD §三(二)3), which extends the agreement.
 * - Jilin: publicity and objection gate signing — no filing while publicity runs or an objection is pending; an
 *   upheld objection rejects the application, which then cannot be signed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { demoId, orgByKey } from '@pdo/demo';
import { startTestStack, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const person = (role: Identity['role'], orgKey: string, j: string): Identity => ({ sub: `${orgKey}-user`, role, org: orgByKey(orgKey).id, jurisdiction: j });
const tzOperator = person('OPERATOR', 'tz-operator', 'TZ');
const tzAuthority = person('AUTHORITY', 'tz-authority', 'TZ');
const tzAgency = person('AGENCY', 'tz-agency', 'TZ');
const tzExpert: Identity = { sub: 'tz-expert', role: 'EXPERT', org: orgByKey('expert-panel').id, jurisdiction: 'TZ' };
const qhdOperator = person('OPERATOR', 'qhd-operator', 'QHD');
const qhdAuthority = person('AUTHORITY', 'qhd-authority', 'QHD');
const jlAgency = person('AGENCY', 'jl-agency', 'JL');
const jlAuthority = person('AUTHORITY', 'jl-authority', 'JL');
const citizen: Identity = { sub: 'citizen-1', role: 'DEVELOPER', org: orgByKey('dev-fintech').id, jurisdiction: 'JL' };
const at = (day: string) => `${day}T10:00:00+08:00`;
const DOCS = ['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT'].map((kind) => ({ kind, name: `${kind}.pdf`, sha256: createHash('sha256').update(kind).digest('hex') }));
const CONTENTS = Object.fromEntries(
  ['scopeAndCatalog', 'productList', 'technicalPlatform', 'assetOwnership', 'disclosureDuties', 'accountingAndDistribution', 'securityAndEmergency', 'evaluation', 'renewalAndExit', 'liability', 'disputes', 'amendmentAndTermination'].map((k) => [k, `条款：${k}`]),
);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 180_000);
afterAll(async () => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, as: Identity | undefined, day: string): Promise<T> {
  const res = await stack.gql<T>(query, variables, { as, now: at(day) });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
async function refused(query: string, variables: Record<string, unknown>, as: Identity | undefined, day: string, code: string): Promise<Record<string, any>> {
  const res = await stack.gql(query, variables, { as, now: at(day) });
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors ?? res.data)).toBe(code);
  return res.errors![0]!.extensions as Record<string, any>;
}
const publicity = (j: string, day: string) =>
  ok(`query($j: String) { disclosures(jurisdiction: $j, kinds: [SELECTION_PUBLICITY], first: 20) { edges { node { subjectId rule facts { key value } } } } }`, { j }, undefined, day).then((d: any) =>
    d.disclosures.edges.map((e: any) => ({ subjectId: e.node.subjectId, rule: e.node.rule, ...Object.fromEntries(e.node.facts.map((f: any) => [f.key, f.value])) })),
  );

describe('Taizhou: renewal is a new application, reviewed again with the operator\'s evaluations (TZ Arts 17, 28)', () => {
  const tz = demoId('agreement:tz');
  let appId: string;

  it('the rectified operator is evaluated for 2026; evaluation publishes the result, licensing keeps it', async () => {
    await ok(`mutation($id: ID!) { submitRectificationPlan(rectificationId: $id, plan: "整改方案：补齐安全审计") { status } }`, { id: demoId('rectification:tz') }, tzOperator, '2027-01-15');
    const back = await ok(`mutation($id: ID!) { concludeRectification(rectificationId: $id, passed: true, note: "验收通过") { status } }`, { id: demoId('rectification:tz') }, tzAuthority, '2027-02-01');
    expect(back.concludeRectification.status).toBe('ACTIVE');
    const ev = await ok(`mutation($input: OpenOperatorEvaluationInput!) { openOperatorEvaluation(input: $input) { id } }`, { input: { jurisdiction: 'TZ', operatorId: orgByKey('tz-operator').id, year: 2026 } }, tzAuthority, '2027-03-01');
    for (const criterion of ['AGREEMENT_PERFORMANCE', 'PRODUCTS_OUTCOMES', 'SECURITY', 'REPORTING_COMPLIANCE', 'DISCLOSURE']) {
      await ok(`mutation($input: ScoreOperatorEvaluationInput!) { scoreOperatorEvaluation(input: $input) { id } }`, { input: { evaluationId: ev.openOperatorEvaluation.id, criterion, score: '82' } }, tzAuthority, '2027-03-05');
    }
    await ok(`mutation($input: FinalizeOperatorEvaluationInput!) { finalizeOperatorEvaluation(input: $input) { id } }`, { input: { evaluationId: ev.openOperatorEvaluation.id, conclusion: 'RENEWAL_RECOMMENDED' } }, tzAuthority, '2027-03-10');
    await stack.settle();
  });

  it('a renewal request is refused: the operator re-applies, at least 6 months before expiry (2028-04-30 → by 2027-10-31)', async () => {
    const asRequest = await refused(`mutation($id: ID!) { requestRenewal(agreementId: $id, proposedEndDate: "2031-04-30") { id } }`, { id: tz }, tzOperator, '2027-10-15', 'POLICY_VIOLATION');
    expect(asRequest.details.reason).toBe('REAPPLICATION_REQUIRED');
    const REAPPLY = `mutation($id: ID!, $d: [ApplicationDocumentInput!]!) { reapplyForRenewal(agreementId: $id, documents: $d) { id status renewsAgreementId eligibility { eligible criteria { criterion passed } } } }`;
    const late = await refused(REAPPLY, { id: tz, d: DOCS }, tzOperator, '2027-11-01', 'POLICY_VIOLATION');
    expect(late.details.closesOn).toBe('2027-10-31');
    const re = (await ok(REAPPLY, { id: tz, d: DOCS }, tzOperator, '2027-10-31')).reapplyForRenewal;
    expect(re).toMatchObject({ status: 'SUBMITTED', renewsAgreementId: tz, eligibility: { eligible: true } });
    // Eligibility verified again, the legal representative checked against the loaded records (TZ Art 12(3)).
    expect(re.eligibility.criteria.map((c: any) => c.criterion)).toContain('INTEGRITY_RECORDS');
    appId = re.id;
  });

  it('the expert reviewing the re-application sees the operator\'s 2026 evaluation, and scores it', async () => {
    await ok(`mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: appId }, tzAgency, '2027-11-01');
    const seen = await ok(`query($id: ID!) { operatorApplication(id: $id) { status operatorEvaluations { year total conclusion } } }`, { id: appId }, tzExpert, '2027-11-02');
    expect(seen.operatorApplication.operatorEvaluations).toEqual([{ year: 2026, total: '82.00', conclusion: 'RENEWAL_RECOMMENDED' }]);
    await ok(`mutation($id: ID!) { submitExpertReview(applicationId: $id, score: "86", opinion: "评估良好，建议续期") { status } }`, { id: appId }, tzExpert, '2027-11-02');
  });

  it('selection is publicized in the public feed with its period and objection channel; an objection is heard and dismissed', async () => {
    const sel = await ok(`mutation($id: ID!) { selectOperatorApplication(id: $id) { status publicityEndsOn } }`, { id: appId }, tzAgency, '2027-11-03');
    expect(sel.selectOperatorApplication.status).toBe('PUBLICITY');
    await stack.settle();
    const feed = (await publicity('TZ', '2027-11-04')).find((d: any) => d.subjectId === appId);
    expect(feed).toMatchObject({ rule: expect.stringMatching(/TZ Art 15/), publicityStartsOn: '2027-11-03', publicityEndsOn: sel.selectOperatorApplication.publicityEndsOn, objectionChannel: 'raiseApplicationObjection', renewsAgreementId: tz, rank: '1' });
    await ok(`mutation($id: ID!) { raiseApplicationObjection(id: $id, text: "去年曾整改") { id } }`, { id: appId }, citizen, '2027-11-04');
    await ok(`mutation($id: ID!) { resolveApplicationObjection(id: $id, index: 0, upheld: false, resolution: "整改已验收通过") { status } }`, { id: appId }, tzAuthority, '2027-11-05');
  });

  it('after publicity the successor is signed from 2028-05-01, the day after the old end, for up to 3 years', async () => {
    await ok(`mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`, { id: appId }, tzAuthority, '2027-11-15');
    await ok(`mutation($id: ID!) { approveApplicationMajorDecision(id: $id, minutesRef: "泰州市数据局2027年第9次会议") { status } }`, { id: appId }, tzAuthority, '2027-11-16');
    const SIGN = `mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id startDate endDate status } }`;
    const early = await refused(SIGN, { input: { applicationId: appId, startDate: '2028-04-01', endDate: '2031-03-31', contents: CONTENTS } }, tzAuthority, '2027-11-20', 'POLICY_VIOLATION');
    expect(early.details.startsOn).toBe('2028-05-01');
    const signed = (await ok(SIGN, { input: { applicationId: appId, startDate: '2028-05-01', endDate: '2031-04-30', contents: CONTENTS } }, tzAuthority, '2027-11-20')).signAgreement;
    expect(signed).toMatchObject({ startDate: '2028-05-01', endDate: '2031-04-30', status: 'SIGNED' });
    const old = await ok(`query($id: ID!) { agreement(id: $id) { endDate status } }`, { id: tz }, tzAuthority, '2027-11-20');
    expect(old.agreement).toEqual({ endDate: '2028-04-30', status: 'ACTIVE' });
  });
});

describe('Qinhuangdao: renewal is a request within the last 3 months, which extends the agreement (QHD §三(二)3)', () => {
  const qhd = demoId('agreement:qhd');
  it('refuses a re-application, and a request before 2027-11-30; accepts one in the window and extends by a fixed 3 years', async () => {
    const asReapplication = await refused(`mutation($id: ID!, $d: [ApplicationDocumentInput!]!) { reapplyForRenewal(agreementId: $id, documents: $d) { id } }`, { id: qhd, d: DOCS }, qhdOperator, '2027-12-01', 'POLICY_VIOLATION');
    expect(asReapplication.details.reason).toBe('RENEWAL_REQUEST_REQUIRED');
    const RENEW = `mutation($id: ID!) { requestRenewal(agreementId: $id, proposedEndDate: "2031-02-28") { id status } }`;
    const early = await refused(RENEW, { id: qhd }, qhdOperator, '2027-11-29', 'POLICY_VIOLATION');
    expect(early.details.opensOn).toBe('2027-11-30');
    const req = (await ok(RENEW, { id: qhd }, qhdOperator, '2027-11-30')).requestRenewal;
    const renewed = await ok(`mutation($id: ID!) { decideRenewal(renewalId: $id, approve: true) { endDate } }`, { id: req.id }, qhdAuthority, '2027-12-10');
    expect(renewed.decideRenewal.endDate).toBe('2031-02-28');
  });
});

describe('Jilin: publicity and objections gate signing (JL §六3)', () => {
  const app = demoId('application:jl-2026:dev-fintech');
  it('the ranked application is publicized; no filing during publicity or with an objection pending; an upheld objection rejects it, and it cannot be signed', async () => {
    const sel = await ok(`mutation($id: ID!) { selectOperatorApplication(id: $id) { publicityEndsOn } }`, { id: app }, jlAgency, '2026-07-06');
    const ends = sel.selectOperatorApplication.publicityEndsOn;
    expect(ends).toBe('2026-07-13'); // 5 working days from Mon 6 July 2026
    await stack.settle();
    expect((await publicity('JL', '2026-07-07')).find((d: any) => d.subjectId === app)).toMatchObject({ publicityEndsOn: ends, score: '88.25', rule: expect.stringMatching(/JL §六3/) });
    const FILE = `mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`;
    await refused(FILE, { id: app }, jlAuthority, ends, 'POLICY_VIOLATION');
    await ok(`mutation($id: ID!) { raiseApplicationObjection(id: $id, text: "评分材料与事实不符") { id } }`, { id: app }, citizen, '2026-07-10');
    const pending = await refused(FILE, { id: app }, jlAuthority, '2026-07-14', 'CONFLICT');
    expect(pending.details.pending).toEqual([0]);
    await ok(`mutation($id: ID!) { resolveApplicationObjection(id: $id, index: 0, upheld: true, resolution: "经核实异议成立") { status } }`, { id: app }, jlAuthority, '2026-07-15');
    const sign = await refused(`mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id } }`, { input: { applicationId: app, startDate: '2026-08-01', endDate: '2029-07-31', contents: CONTENTS } }, jlAuthority, '2026-07-20', 'CONFLICT');
    expect(sign.details).toMatchObject({ reason: 'INVALID_TRANSITION', from: 'REJECTED' });
  });
});
