/**
 * Issue 19, "no emergency plan, no operation" (ZJC §五(四) 一授权一预案; §三(四)3(3)), end to end through the gateway on
 * the demo world: a new Xinchang authorization with its training and security review on file still cannot start
 * operation until the operator files its emergency plan for this authorization in evaluation; evaluation publishes the
 * plan (EmergencyPlanChanged), licensing's gate follows it, and the agreement activates. A plan can no longer be
 * declared to licensing itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { orgByKey, resourceByKey } from '@pdo/demo';
import { completeCreditCode } from '@pdo/policy';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const J = 'ZJC';
const authority = who('AUTHORITY', orgByKey('zjc-authority').id, J, 'zjc-authority-user');
const agency = who('AGENCY', orgByKey('zjc-agency').id, J, 'zjc-agency-user');
const expert = who('EXPERT', orgByKey('expert-panel').id, J, 'expert-1');
const at = (day: string) => `${day}T10:00:00+08:00`;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const DOCS = ['APPLICATION_FORM', 'AUDIT_AND_FINANCIAL_REPORT', 'SECURITY_COMMITMENT', 'RISK_SELF_ASSESSMENT'].map((kind) => ({ kind, name: `${kind}.pdf`, sha256: sha(kind) }));
const CONTENTS = Object.fromEntries(
  ['scopeAndCatalog', 'productList', 'technicalPlatform', 'assetOwnership', 'disclosureDuties', 'accountingAndDistribution', 'securityAndEmergency', 'evaluation', 'renewalAndExit', 'liability', 'disputes', 'amendmentAndTermination'].map((k) => [k, `条款：${k}`]),
);
const EVIDENCE = { documentRef: '营业执照及纳税信用评价结果（测试）', documentDate: '2026-01-05' };

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 180_000);
afterAll(async () => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, as: Identity, day: string): Promise<T> {
  const res = await stack.gql<T>(query, variables, { as, now: at(day) });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
async function refusal(query: string, variables: Record<string, unknown>, as: Identity, day: string) {
  const res = await stack.gql(query, variables, { as, now: at(day) });
  expect(res.errors, JSON.stringify(res.data)).toBeTruthy();
  return res.errors![0]!.extensions as Record<string, any>;
}

const ACTIVATE = `mutation($id: ID!) { activateAgreement(id: $id) { status } }`;
const GATES = `query($id: ID!) { agreement(id: $id) { status gates { gate required satisfied detail source } } }`;
const READINESS = `mutation($input: RecordReadinessInput!) { recordReadiness(input: $input) { id } }`;

describe('a Xinchang authorization starts operation only with its emergency plan filed in evaluation', () => {
  let operatorId: string;
  let operator: Identity;
  let agreementId: string;

  beforeAll(async () => {
    const creditCode = completeCreditCode('91330624MA9000001');
    const facts = { creditCode, foundedOn: '2015-01-01', taxGrades: [{ year: 2025, grade: 'A' }], mlps3Experience: true, commercialCryptoExperience: true, securityDepartment: '安全部', securityHead: '李四' };
    operatorId = (await ok(`mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`, { input: { jurisdiction: J, name: '新昌预案测试公司', kinds: ['OPERATOR'], evidence: EVIDENCE, facts } }, authority, '2026-01-05')).registerOrganization.id;
    operator = who('OPERATOR', operatorId, J, 'op-plan-gate');
    await ok(`mutation($input: RecordOrganizationPersonsInput!) { recordOrganizationPersons(input: $input) { id } }`, { input: { organizationId: operatorId, persons: [{ role: 'LEGAL_REPRESENTATIVE', name: '法定代表人甲', identifier: '110101198000000421' }], documentRef: '营业执照（测试）', documentDate: '2026-01-05' } }, agency, '2026-01-05');
    const call = (await ok(`mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`, { input: { jurisdiction: J, title: 'ZJC 公告', mode: 'BY_SCENARIO', selectionMethod: 'OPEN_TENDER', resourceIds: [resourceByKey('zjc-traffic-flow').id], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 3, invitees: null } }, authority, '2026-03-02')).publishCall;
    const app = (await ok(`mutation($c: ID!, $d: [ApplicationDocumentInput!]!) { submitOperatorApplication(callId: $c, documents: $d) { id } }`, { c: call.id, d: DOCS }, operator, '2026-03-02')).submitOperatorApplication.id;
    await ok(`mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: app }, agency, '2026-03-02');
    await ok(`mutation($id: ID!) { submitExpertReview(applicationId: $id, score: "80", opinion: "可") { status } }`, { id: app }, expert, '2026-03-02');
    await ok(`mutation($id: ID!) { selectOperatorApplication(id: $id) { status } }`, { id: app }, agency, '2026-03-03');
    await ok(`mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`, { id: app }, authority, '2026-03-20');
    await ok(`mutation($id: ID!) { approveApplicationMajorDecision(id: $id, minutesRef: "会议纪要") { status } }`, { id: app }, authority, '2026-03-20');
    agreementId = (await ok(`mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id } }`, { input: { applicationId: app, startDate: '2026-04-01', endDate: '2028-09-30', trialEndDate: '2026-09-30', contents: CONTENTS } }, authority, '2026-03-25')).signAgreement.id;
    await ok(`mutation($id: ID!) { fileAgreement(id: $id) { id } }`, { id: agreementId }, authority, '2026-03-26');
    await ok(READINESS, { input: { agreementId, kind: 'TRAINING', subject: '运营团队岗前培训', passed: true, doneOn: '2026-03-27' } }, operator, '2026-03-27');
    await ok(READINESS, { input: { agreementId, kind: 'SECURITY_REVIEW', subject: '基础与技术安全审查', passed: true, doneOn: '2026-03-27' } }, agency, '2026-03-27');
    await stack.settle();
  }, 120_000);

  it('with training and a valid review on file, the gate still asks for the plan, citing ZJC', async () => {
    const a = (await ok(GATES, { id: agreementId }, authority, '2026-04-01')).agreement;
    expect(a.gates.find((g: any) => g.gate === 'EMERGENCY_PLAN')).toMatchObject({ required: true, satisfied: false, source: expect.stringMatching(/ZJC §五\(四\)/) });
    const r = await refusal(ACTIVATE, { id: agreementId }, authority, '2026-04-01');
    expect(r.code).toBe('POLICY_VIOLATION');
    expect(r.details.missing).toEqual(['EMERGENCY_PLAN']);
  });

  it('a plan declared to licensing does not count: plans are filed in evaluation', async () => {
    const r = await refusal(READINESS, { input: { agreementId, kind: 'EMERGENCY_PLAN', subject: '应急预案', passed: true, doneOn: '2026-03-28' } }, operator, '2026-04-01');
    expect(r.code).toBe('BAD_USER_INPUT');
    expect((await refusal(ACTIVATE, { id: agreementId }, authority, '2026-04-01')).details.missing).toEqual(['EMERGENCY_PLAN']);
  });

  it('once the operator files its plan for this authorization in evaluation, the agreement activates', async () => {
    const plan = (await ok(`mutation($i: RecordEmergencyPlanInput!) { recordEmergencyPlan(input: $i) { id agreementId currentVersion } }`, { i: { agreementId, title: '授权运营数据安全应急预案', summary: '组织、响应、处置、报告', adoptedOn: '2026-03-30' } }, operator, '2026-04-01')).recordEmergencyPlan;
    expect(plan).toMatchObject({ agreementId, currentVersion: 1 });
    await stack.settle();
    const gate = (await ok(GATES, { id: agreementId }, authority, '2026-04-01')).agreement.gates.find((g: any) => g.gate === 'EMERGENCY_PLAN');
    expect(gate).toMatchObject({ satisfied: true, detail: 'emergency plan version 1 adopted on 2026-03-30' });
    expect((await ok(ACTIVATE, { id: agreementId }, authority, '2026-04-01')).activateAgreement.status).toBe('ACTIVE');
  });

  it('where the profile does not require a plan per authorization the gate does not ask (the demo HN agreement)', async () => {
    const hn = who('AUTHORITY', orgByKey('hn-authority').id, 'HN', 'hn-authority-user');
    const { agreements } = await ok(`{ agreements(first: 5) { edges { node { gates { gate } } } } }`, {}, hn, '2026-04-01');
    expect(agreements.edges.flatMap((e: any) => e.node.gates.map((g: any) => g.gate))).not.toContain('EMERGENCY_PLAN');
  });
});
