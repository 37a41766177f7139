/**
 * The implementation plan (实施方案) lifecycle and the exit checklist on PostgreSQL, through the GraphQL API, per
 * jurisdiction: who drafts (HN Art 11: the implementing agency), the collective decision (NS Art 11), a major change
 * approved again (QHD §三(三)3(1) names the grounds; elsewhere the drafter declares), versions kept, an agreement signed
 * only under the plan in force (NS Art 12); exit items with evidence and who confirmed them, filing last (QHD §三(二)3),
 * JL/ZJC's shorter list, none where no text lists one (TZ).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEMO_AGREEMENTS, resourceByKey } from '@pdo/demo';
import { definition } from '../src/index.js';
import { completeCreditCode } from '../src/domain/credit-code.js';
import { agency, at, authority, call, CONTENTS, DOCS, EVIDENCE, expert, ok, operatorOf, refused, seedLicensing, snapshot } from './helpers.js';
import { who } from '@pdo/testing';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedLicensing(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const PLAN_FIELDS = 'id version status majorChange amendsId changeGrounds draftedByRole decidedOn decisionBody decisionRef approvedOn filedOn filedWith';
const DRAFT = `mutation($input: DraftImplementationPlanInput!) { draftImplementationPlan(input: $input) { ${PLAN_FIELDS} } }`;
const APPROVE = `mutation($input: ApproveImplementationPlanInput!) { approveImplementationPlan(input: $input) { ${PLAN_FIELDS} } }`;
const IN_FORCE = `query($j: String!) { implementationPlanInForce(jurisdiction: $j) { ${PLAN_FIELDS} } }`;
const VERSIONS = `query($j: String!) { implementationPlans(jurisdiction: $j, first: 10) { totalCount edges { node { version status } } } }`;
const SIGN = `mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id status implementationPlan { id version } } }`;
const anonymous = who('ANONYMOUS', null, null, 'anon');

let seq = 0;
async function registerCompany(j: string): Promise<string> {
  const div = { QHD: '130300', ZJC: '330624', JL: '220200', TZ: '321200' }[j]!;
  const code = completeCreditCode(`91${div}MB${String(++seq).padStart(7, '0')}`);
  const facts = { creditCode: code, foundedOn: '2015-01-01', taxGrades: [{ year: 2025, grade: 'A' }, { year: 2026, grade: 'A' }], mlps3Experience: true, commercialCryptoExperience: true, securityDepartment: '安全部', securityHead: '李四' };
  const input = { jurisdiction: j, name: `方案测试公司${seq}`, kinds: ['OPERATOR'], evidence: EVIDENCE, facts };
  return ok(await call(stack, `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`, { input }, authority(j), at('2026-01-05'))).registerOrganization.id;
}

/** An application in JL driven from its call to the data authority's 三重一大 approval. */
async function approvedJlApplication(resourceKey: string): Promise<string> {
  const j = 'JL';
  const applicant = await registerCompany(j);
  const input = { jurisdiction: j, title: '吉林市场景授权公告', mode: 'BY_SCENARIO', selectionMethod: 'OPEN_TENDER', resourceIds: [resourceByKey(resourceKey).id], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 3 };
  const c = ok(await call(stack, `mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`, { input }, authority(j), at('2026-03-02'))).publishCall;
  const app = ok(await call(stack, `mutation($c: ID!, $d: [ApplicationDocumentInput!]!) { submitOperatorApplication(callId: $c, documents: $d) { id } }`, { c: c.id, d: DOCS }, operatorOf(applicant, j), at('2026-03-02'))).submitOperatorApplication.id;
  ok(await call(stack, `mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: app }, agency(j), at('2026-03-02')));
  ok(await call(stack, `mutation($id: ID!) { submitExpertReview(applicationId: $id, score: "80", opinion: "可") { status } }`, { id: app }, expert(j), at('2026-03-02')));
  ok(await call(stack, `mutation($id: ID!) { selectOperatorApplication(id: $id) { status } }`, { id: app }, agency(j), at('2026-03-03')));
  ok(await call(stack, `mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`, { id: app }, authority(j), at('2026-03-20')));
  ok(await call(stack, `mutation($id: ID!) { approveApplicationMajorDecision(id: $id, minutesRef: "会议纪要") { status } }`, { id: app }, authority(j), at('2026-03-20')));
  return app;
}

describe('an agreement is signed only under the plan in force (NS Art 12)', () => {
  it('JL without a plan in force: signing is refused and changes nothing; once a plan is approved by collective decision, the agreement keeps it', async () => {
    const app = await approvedJlApplication('jl-marriage');
    // Setup: JL's seeded plan is taken out of force, as when a jurisdiction has not yet approved one.
    await sql(stack.em('licensing'), `update implementation_plan set status = 'SUPERSEDED' where jurisdiction = 'JL'`);
    const sign = { input: { applicationId: app, startDate: '2026-04-01', endDate: '2029-03-31', contents: CONTENTS } };
    const before = await snapshot(stack);
    const r = refused(await call(stack, SIGN, sign, authority('JL'), at('2026-03-25')), 'POLICY_VIOLATION', /Art 12/);
    expect(r.details).toMatchObject({ check: 'PLAN_IN_FORCE' });
    expect(await snapshot(stack)).toEqual(before);

    const draft = ok(await call(stack, DRAFT, { input: { jurisdiction: 'JL', title: '吉林市公共数据授权运营实施方案（2026）', summary: '整体授权与场景授权并行' } }, authority('JL'), at('2026-03-21'))).draftImplementationPlan;
    expect(draft).toMatchObject({ status: 'DRAFTED', majorChange: true, amendsId: null, draftedByRole: 'AUTHORITY' });
    // A second draft while one awaits approval is a conflict.
    refused(await call(stack, DRAFT, { input: { jurisdiction: 'JL', title: 'x', summary: 'y' } }, agency('JL'), at('2026-03-21')), 'CONFLICT');
    // Signing under a draft is still refused.
    refused(await call(stack, SIGN, sign, authority('JL'), at('2026-03-25')), 'POLICY_VIOLATION', /Art 12/);
    const noDecision = refused(await call(stack, APPROVE, { input: { planId: draft.id } }, authority('JL'), at('2026-03-22')), 'POLICY_VIOLATION', /NS Art 8/);
    expect(noDecision.details).toMatchObject({ reason: 'COLLECTIVE_DECISION_REQUIRED', missing: ['decidedOn', 'decisionBody', 'decisionRef'] });
    expect(noDecision.messageZh).toMatch(/三重一大/);
    refused(await call(stack, APPROVE, { input: { planId: draft.id, decidedOn: '2026-03-23', decisionBody: '吉林市人民政府常务会议', decisionRef: '2026-5' } }, authority('JL'), at('2026-03-22')), 'BAD_USER_INPUT');
    refused(await call(stack, APPROVE, { input: { planId: draft.id, decidedOn: '2026-03-22', decisionBody: '市政府', decisionRef: '2026-5' } }, agency('JL'), at('2026-03-22')), 'FORBIDDEN');
    const approved = ok(await call(stack, APPROVE, { input: { planId: draft.id, decidedOn: '2026-03-22', decisionBody: '吉林市人民政府常务会议', decisionRef: '市政府常务会议纪要〔2026〕5号' } }, authority('JL'), at('2026-03-22'))).approveImplementationPlan;
    expect(approved).toMatchObject({ status: 'APPROVED', decidedOn: '2026-03-22', decisionBody: '吉林市人民政府常务会议', approvedOn: '2026-03-22' });
    const signed = ok(await call(stack, SIGN, sign, authority('JL'), at('2026-03-25'))).signAgreement;
    expect(signed).toMatchObject({ status: 'SIGNED', implementationPlan: { id: draft.id, version: approved.version } });
    const filed = ok(await call(stack, `mutation($id: ID!) { fileImplementationPlan(planId: $id) { filedOn filedWith } }`, { id: draft.id }, authority('JL'), at('2026-03-26'))).fileImplementationPlan;
    expect(filed).toEqual({ filedOn: '2026-03-26', filedWith: expect.stringContaining('省级数据管理部门') });
    refused(await call(stack, `mutation($id: ID!) { fileImplementationPlan(planId: $id) { filedOn } }`, { id: draft.id }, authority('JL'), at('2026-03-27')), 'CONFLICT');
  });
});

describe('drafting, changes and versions', () => {
  it('HN Art 11: the implementing agency drafts; a change it does not declare major stays under the decision it amends; versions are kept', async () => {
    const v1 = ok(await call(stack, IN_FORCE, { j: 'HN' }, anonymous, at('2026-04-01'))).implementationPlanInForce;
    expect(v1).toMatchObject({ version: 1, status: 'APPROVED', filedWith: expect.stringContaining('省行政审批政务信息管理局') });
    const byAuthority = refused(await call(stack, DRAFT, { input: { jurisdiction: 'HN', title: 't', summary: 's', changeGrounds: ['OTHER'], changeNote: 'n' } }, authority('HN'), at('2026-04-01')), 'FORBIDDEN');
    expect(byAuthority.messageZh).toMatch(/实施机构/);
    refused(await call(stack, DRAFT, { input: { jurisdiction: 'HN', title: 't', summary: 's' } }, agency('HN'), at('2026-04-01')), 'BAD_USER_INPUT');
    refused(await call(stack, DRAFT, { input: { jurisdiction: 'QHD', title: 't', summary: 's' } }, agency('HN'), at('2026-04-01')), 'FORBIDDEN');
    const minor = ok(await call(stack, DRAFT, { input: { jurisdiction: 'HN', title: '河南省实施方案（修订）', summary: '更新联系人与实施进度', changeGrounds: ['SCENARIOS'], changeNote: '新增一个场景说明' } }, agency('HN'), at('2026-04-01'))).draftImplementationPlan;
    expect(minor).toMatchObject({ version: 2, majorChange: false, amendsId: v1.id, changeGrounds: ['SCENARIOS'] });
    // The public sees approved versions only; the draft is the jurisdiction's officials'.
    expect(ok(await call(stack, VERSIONS, { j: 'HN' }, anonymous, at('2026-04-01'))).implementationPlans).toEqual({ totalCount: 1, edges: [{ node: { version: 1, status: 'APPROVED' } }] });
    expect(ok(await call(stack, `query($id: ID!) { implementationPlan(id: $id) { id } }`, { id: minor.id }, anonymous, at('2026-04-01'))).implementationPlan).toBeNull();
    expect(ok(await call(stack, VERSIONS, { j: 'HN' }, agency('HN'), at('2026-04-01'))).implementationPlans.totalCount).toBe(2);
    const inForce = ok(await call(stack, APPROVE, { input: { planId: minor.id } }, authority('HN'), at('2026-04-02'))).approveImplementationPlan;
    expect(inForce).toMatchObject({ status: 'APPROVED', decidedOn: v1.decidedOn, decisionRef: v1.decisionRef, approvedOn: '2026-04-02' });
    expect(ok(await call(stack, VERSIONS, { j: 'HN' }, anonymous, at('2026-04-02'))).implementationPlans.edges).toEqual([{ node: { version: 2, status: 'APPROVED' } }, { node: { version: 1, status: 'SUPERSEDED' } }]);
    // Declared major: a new collective decision is required.
    const major = ok(await call(stack, DRAFT, { input: { jurisdiction: 'HN', title: '河南省实施方案（第二次修订）', summary: '调整收益分配', changeGrounds: ['REVENUE_DISTRIBUTION'], changeNote: '改按供数城市分配', declaredMajor: true } }, agency('HN'), at('2026-05-06'))).draftImplementationPlan;
    expect(major).toMatchObject({ version: 3, majorChange: true, amendsId: minor.id });
    expect(refused(await call(stack, APPROVE, { input: { planId: major.id } }, authority('HN'), at('2026-05-07')), 'POLICY_VIOLATION').messageEn).toMatch(/major change is approved again/);
    ok(await call(stack, APPROVE, { input: { planId: major.id, decidedOn: '2026-05-07', decisionBody: '河南省人民政府常务会议', decisionRef: '豫政常〔2026〕9号' } }, authority('HN'), at('2026-05-07')));
    const audit = await sql<{ action: string }>(stack.em('licensing'), `select action from audit_log where entity_type = 'ImplementationPlan' and entity_id in ($1, $2, $3) order by seq`, [v1.id, minor.id, major.id]);
    expect(audit.map((a) => a.action)).toEqual(['APPROVED', 'DRAFTED', 'MINOR_CHANGE_IN_FORCE', 'SUPERSEDED', 'DRAFTED', 'APPROVED', 'SUPERSEDED']);
  });

  it('QHD §三(三)3(1): a change of scenarios is major whatever the drafter declares; drafted by the data bureau', async () => {
    refused(await call(stack, DRAFT, { input: { jurisdiction: 'QHD', title: 't', summary: 's', changeGrounds: ['OTHER'], changeNote: 'n' } }, agency('QHD'), at('2026-04-01')), 'FORBIDDEN');
    const d = ok(await call(stack, DRAFT, { input: { jurisdiction: 'QHD', title: '秦皇岛市实施方案（修订）', summary: '新增企信通场景', changeGrounds: ['SCENARIOS'], changeNote: '新增场景', declaredMajor: false } }, authority('QHD'), at('2026-04-01'))).draftImplementationPlan;
    expect(d.majorChange).toBe(true);
    refused(await call(stack, APPROVE, { input: { planId: d.id } }, authority('QHD'), at('2026-04-02')), 'POLICY_VIOLATION', /QHD §三\(三\)3\(1\)/);
    ok(await call(stack, APPROVE, { input: { planId: d.id, decidedOn: '2026-04-02', decisionBody: '秦皇岛市人民政府', decisionRef: '秦政〔2026〕3号' } }, authority('QHD'), at('2026-04-02')));
    const other = ok(await call(stack, DRAFT, { input: { jurisdiction: 'QHD', title: '秦皇岛市实施方案（勘误）', summary: '文字勘误', changeGrounds: ['OTHER'], changeNote: '勘误' } }, authority('QHD'), at('2026-04-03'))).draftImplementationPlan;
    expect(other.majorChange).toBe(false);
  });
});

describe('exit checklist (退出) per jurisdiction', () => {
  const ag = (key: string) => DEMO_AGREEMENTS.find((a) => a.key === key)!;
  const CONFIRM = `mutation($input: ConfirmExitDutyInput!) { confirmExitDuty(input: $input) { status exitChecklist { item source confirmation { item doneOn evidence successorId filedWith confirmedByRole } } } }`;
  const COMPLETE = (id: string) => `mutation { completeAgreementExit(agreementId: "${id}") { status } }`;
  const terminate = async (j: string, id: string, day: string) => ok(await call(stack, `mutation { terminateAgreement(agreementId: "${id}", reason: "协议终止") { status } }`, {}, authority(j), at(day)));
  const confirm = (j: string, agreementId: string, item: string, day: string, extra: Record<string, unknown> = {}, as = authority(j)) =>
    call(stack, CONFIRM, { input: { agreementId, item, doneOn: day, evidence: `${item} 凭证`, ...extra } }, as, at(day));

  it('QHD §三(二)3: permissions taken back, transfer to the successor, destruction, then filing with the province; the exit completes only then', async () => {
    const qhd = ag('qhd');
    refused(await confirm('QHD', qhd.id, 'PERMISSIONS_CLOSED', '2026-06-01'), 'CONFLICT'); // still active
    await terminate('QHD', qhd.id, '2026-06-01');
    const before = await snapshot(stack);
    const outstanding = refused(await call(stack, COMPLETE(qhd.id), {}, authority('QHD'), at('2026-06-02')), 'CONFLICT');
    expect(outstanding.details).toMatchObject({ reason: 'EXIT_DUTIES_OUTSTANDING', missing: ['PERMISSIONS_CLOSED', 'TRANSFERRED_TO_SUCCESSOR', 'UNTRANSFERABLE_DESTROYED', 'EXIT_FILED'] });
    refused(await confirm('QHD', qhd.id, 'PERMISSIONS_CLOSED', '2026-06-02', {}, operatorOf(qhd.operatorId, 'QHD')), 'FORBIDDEN');
    refused(await confirm('QHD', qhd.id, 'PERMISSIONS_CLOSED', '2026-06-02', {}, authority('ZJC')), 'FORBIDDEN');
    expect(refused(await confirm('QHD', qhd.id, 'EXIT_FILED', '2026-06-02'), 'POLICY_VIOLATION', /QHD §三\(二\)3/).details.check).toBe('EXIT_FILING_EARLY');
    expect(refused(await confirm('QHD', qhd.id, 'RETAINED_DATA_DELETED', '2026-06-02'), 'POLICY_VIOLATION').details.check).toBe('EXIT_DUTY_NOT_LISTED');
    refused(await confirm('QHD', qhd.id, 'TRANSFERRED_TO_SUCCESSOR', '2026-06-02'), 'BAD_USER_INPUT');
    refused(await confirm('QHD', qhd.id, 'TRANSFERRED_TO_SUCCESSOR', '2026-06-02', { successorId: qhd.operatorId }), 'BAD_USER_INPUT');
    refused(await confirm('QHD', qhd.id, 'PERMISSIONS_CLOSED', '2026-05-31'), 'BAD_USER_INPUT'); // before the agreement ended
    expect(await snapshot(stack)).toEqual(before);
    ok(await confirm('QHD', qhd.id, 'PERMISSIONS_CLOSED', '2026-06-02'));
    refused(await confirm('QHD', qhd.id, 'PERMISSIONS_CLOSED', '2026-06-02'), 'POLICY_VIOLATION');
    const successor = await registerCompany('QHD');
    ok(await confirm('QHD', qhd.id, 'TRANSFERRED_TO_SUCCESSOR', '2026-06-03', { successorId: successor }));
    ok(await confirm('QHD', qhd.id, 'UNTRANSFERABLE_DESTROYED', '2026-06-04', {}, agency('QHD')));
    const a = ok(await confirm('QHD', qhd.id, 'EXIT_FILED', '2026-06-05')).confirmExitDuty;
    expect(a.exitChecklist).toEqual([
      { item: 'PERMISSIONS_CLOSED', source: expect.stringContaining('QHD §三(二)3'), confirmation: { item: 'PERMISSIONS_CLOSED', doneOn: '2026-06-02', evidence: 'PERMISSIONS_CLOSED 凭证', successorId: null, filedWith: null, confirmedByRole: 'AUTHORITY' } },
      { item: 'TRANSFERRED_TO_SUCCESSOR', source: expect.any(String), confirmation: expect.objectContaining({ successorId: successor }) },
      { item: 'UNTRANSFERABLE_DESTROYED', source: expect.any(String), confirmation: expect.objectContaining({ confirmedByRole: 'AGENCY' }) },
      { item: 'EXIT_FILED', source: expect.any(String), confirmation: expect.objectContaining({ filedWith: expect.stringContaining('省数政局') }) },
    ]);
    expect(ok(await call(stack, COMPLETE(qhd.id), {}, authority('QHD'), at('2026-06-05'))).completeAgreementExit.status).toBe('EXITED');
    refused(await confirm('QHD', qhd.id, 'EXIT_FILED', '2026-06-06'), 'CONFLICT');
  });

  it('ZJC §三(四)3(6): permissions closed and retained data deleted, no transfer item; TZ: no checklist where no text lists one', async () => {
    const zjc = ag('zjc');
    await terminate('ZJC', zjc.id, '2026-06-01');
    expect(refused(await call(stack, COMPLETE(zjc.id), {}, authority('ZJC'), at('2026-06-02')), 'CONFLICT').details.missing).toEqual(['PERMISSIONS_CLOSED', 'RETAINED_DATA_DELETED']);
    refused(await confirm('ZJC', zjc.id, 'TRANSFERRED_TO_SUCCESSOR', '2026-06-02', { successorId: zjc.operatorId }), 'POLICY_VIOLATION', /ZJC/);
    ok(await confirm('ZJC', zjc.id, 'PERMISSIONS_CLOSED', '2026-06-02'));
    ok(await confirm('ZJC', zjc.id, 'RETAINED_DATA_DELETED', '2026-06-03', { documentHash: 'a'.repeat(64) }));
    expect(ok(await call(stack, COMPLETE(zjc.id), {}, authority('ZJC'), at('2026-06-03'))).completeAgreementExit.status).toBe('EXITED');

    const tz = ag('tz');
    await terminate('TZ', tz.id, '2026-06-01');
    expect(ok(await call(stack, `query { agreement(id: "${tz.id}") { exitChecklist { item } } }`, {}, authority('TZ'), at('2026-06-01'))).agreement.exitChecklist).toEqual([]);
    refused(await confirm('TZ', tz.id, 'PERMISSIONS_CLOSED', '2026-06-02'), 'POLICY_VIOLATION', /not regulated/);
    expect(ok(await call(stack, COMPLETE(tz.id), {}, authority('TZ'), at('2026-06-02'))).completeAgreementExit.status).toBe('EXITED');
  });
});
