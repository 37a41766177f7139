/**
 * Security duties on PostgreSQL (docs/policy/security-duties.md): emergency plans per jurisdiction (ZJC one per
 * authorization, JL service providers), drills and the due list, TZ assessments and formal talks, data destruction —
 * and the scope: a holder sees and keeps only its own, the supervisors the jurisdiction's, nobody another's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { checkEvaluationInvariants } from '../src/data/invariants.js';
import { applyProfileEdit, resolveProfile } from '@pdo/policy';
import { code, count, emit, published } from './helpers.js';

const id = (n: number) => `0190a0c2-0000-7000-8000-0000000e${String(n).padStart(4, '0')}`;
const NOW = '2026-11-25T02:00:00Z';
const ZJC_OP = id(1), ZJC_OTHER = id(2), JL_OP = id(3), JL_SP = id(4), JL_SP2 = id(5), TZ_OP = id(6), TZ_OTHER = id(7);
const ZJC_AG = id(11), ZJC_AG2 = id(12), JL_AG = id(13), HN_AG = id(14);
const HN_OP = id(8);

let stack: TestStack;
const gql = (q: string, as: ReturnType<typeof who>, v: Record<string, unknown> = {}) => stack.subgraph('evaluation', q, v, { as, now: NOW });
/** The data of an answer that must succeed (its errors in the failure message otherwise). */
const ok = async (q: string, as: ReturnType<typeof who>, v: Record<string, unknown> = {}, now = NOW) => {
  const res = await stack.subgraph('evaluation', q, v, { as, now });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
};
const audits = async (entityId: string) => (await sql<{ action: string }>(stack.em('evaluation'), `select action from audit_log where entity_id = $1 order by seq`, [entityId])).map((r) => r.action);

const org = (organizationId: string, jurisdiction: string, nameZh: string, kinds: string[]) => emit(stack, 'licensing', 'OrganizationRegistered', { organizationId, jurisdiction, nameZh, kinds }, jurisdiction);
const agreement = (agreementId: string, jurisdiction: string, operatorId: string, n: string) =>
  emit(stack, 'licensing', 'AgreementSigned', { agreementId, agreementNumber: n, jurisdiction, operatorId, mode: 'BY_SCENARIO', status: 'SIGNED', startDate: '2025-01-01', endDate: '2027-06-30', trialEndDate: null, resourceIds: [], sectors: [], profileVersion: 1 }, jurisdiction);

beforeAll(async () => {
  stack = await startTestStack([definition]);
  await org(ZJC_OP, 'ZJC', '新昌数字经济', ['OPERATOR']);
  await org(ZJC_OTHER, 'ZJC', '新昌另一运营', ['OPERATOR']);
  await org(JL_OP, 'JL', '吉林数据运营', ['OPERATOR']);
  await org(JL_SP, 'JL', '吉林云服务', ['SERVICE_PROVIDER']);
  await org(JL_SP2, 'JL', '吉林算力服务', ['SERVICE_PROVIDER']);
  await org(TZ_OP, 'TZ', '泰州数据集团', ['OPERATOR']);
  await org(TZ_OTHER, 'TZ', '泰州另一运营', ['OPERATOR']);
  await agreement(ZJC_AG, 'ZJC', ZJC_OP, 'ZJC-SQ-2025-101');
  await agreement(ZJC_AG2, 'ZJC', ZJC_OTHER, 'ZJC-SQ-2025-102');
  await agreement(JL_AG, 'JL', JL_OP, 'JL-SQ-2025-101');
  await org(HN_OP, 'HN', '河南数据集团', ['OPERATOR']);
  await agreement(HN_AG, 'HN', HN_OP, 'HN-SQ-2025-101');
  await stack.settle();
}, 120_000);
afterAll(async () => stack?.stop());

const PLAN = `mutation($i: RecordEmergencyPlanInput!) { recordEmergencyPlan(input: $i) { id holderKind agreementId currentVersion nextDrillDueOn drillOverdue holder { id } } }`;
const DRILL = `mutation($p: ID!, $d: LocalDate!) { recordEmergencyDrill(planId: $p, heldOn: $d, scenario: "数据泄露处置", findings: "通报链路延迟") { id nextDrillDueOn drillOverdue drills { heldOn planVersion } } }`;
const DUE = `query($j: String!, $o: ID) { securityDutiesDue(jurisdiction: $j, orgId: $o) { totalCount edges { node { kind subjectId organization { id } dueOn rule } } } }`;

describe('ZJC: one emergency plan per authorization (一授权一预案), drills and the due list', () => {
  const op = who('OPERATOR', ZJC_OP, 'ZJC');
  const other = who('OPERATOR', ZJC_OTHER, 'ZJC');
  const authority = who('AUTHORITY', id(21), 'ZJC');
  let planId: string;

  it('a plan that names no authorization is refused, and nothing is kept', async () => {
    const res = await gql(PLAN, op, { i: { title: '应急预案', summary: '总则', adoptedOn: '2025-01-10', drillEveryMonths: 6 } });
    expect(code(res)).toBe('POLICY_VIOLATION');
    expect(res.errors![0]!.extensions!.rule).toMatch(/ZJC §五\(四\)/);
    expect(await count(stack, 'emergency_plan')).toBe(0);
  });

  it('before any plan the authority’s due list names both authorizations without one', async () => {
    const due = (await ok(DUE, authority, { j: 'ZJC' })).securityDutiesDue;
    expect(due.edges.map((e: any) => e.node).map((n: any) => [n.kind, n.subjectId])).toEqual([['EMERGENCY_PLAN_MISSING', ZJC_AG], ['EMERGENCY_PLAN_MISSING', ZJC_AG2]].sort((a, b) => a[1]!.localeCompare(b[1]!)));
  });

  it('the operator records its plan for its authorization; the drill schedule is the plan’s own (no seed states one)', async () => {
    const res = await gql(PLAN, op, { i: { agreementId: ZJC_AG, title: '授权运营数据安全应急预案', summary: '组织、响应、处置、报告', adoptedOn: '2025-01-10', drillEveryMonths: 6 } });
    expect(res.errors).toBeUndefined();
    planId = res.data.recordEmergencyPlan.id;
    expect(res.data.recordEmergencyPlan).toMatchObject({ holderKind: 'OPERATOR', agreementId: ZJC_AG, currentVersion: 1, nextDrillDueOn: '2025-07-10', drillOverdue: true, holder: { id: ZJC_OP } });
    expect(await audits(planId)).toEqual(['RECORDED']);
  });

  it('a second active plan for the same authorization is refused; another operator’s authorization is not the operator’s', async () => {
    expect(code(await gql(PLAN, op, { i: { agreementId: ZJC_AG, title: '重复', summary: 'x', adoptedOn: '2025-02-01' } }))).toBe('CONFLICT');
    expect(code(await gql(PLAN, op, { i: { agreementId: ZJC_AG2, title: '他人', summary: 'x', adoptedOn: '2025-02-01' } }))).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'emergency_plan')).toBe(1);
  });

  it('the overdue drill shows in the authority’s due list; the other operator sees only its own missing plan', async () => {
    const due = (await ok(DUE, authority, { j: 'ZJC' })).securityDutiesDue;
    expect(due.edges.map((e: any) => e.node)).toContainEqual({ kind: 'DRILL_OVERDUE', subjectId: planId, organization: { id: ZJC_OP }, dueOn: '2025-07-10', rule: 'the emergency plan’s own drill schedule' });
    expect(due.edges.map((e: any) => e.node).map((n: any) => n.kind).sort()).toEqual(['DRILL_OVERDUE', 'EMERGENCY_PLAN_MISSING']);
    const mine = (await ok(DUE, other, { j: 'ZJC' })).securityDutiesDue;
    expect(mine.edges.map((e: any) => e.node).map((n: any) => [n.kind, n.organization.id])).toEqual([['EMERGENCY_PLAN_MISSING', ZJC_OTHER]]);
    expect(code(await gql(DUE, other, { j: 'ZJC', o: ZJC_OP }))).toBe('FORBIDDEN');
  });

  it('another operator can neither read nor drill the plan', async () => {
    expect((await ok(`{ emergencyPlans(jurisdiction: "ZJC") { totalCount } }`, other)).emergencyPlans.totalCount).toBe(0);
    expect(code(await gql(`query($id: ID!) { emergencyPlan(id: $id) { id } }`, other, { id: planId }))).toBe('FORBIDDEN');
    expect(code(await gql(DRILL, other, { p: planId, d: '2026-11-20' }))).toBe('FORBIDDEN');
    expect(await count(stack, 'emergency_drill')).toBe(0);
  });

  it('a drill moves the next one six months on (Civil Code Art 202) and clears the due list', async () => {
    const res = await gql(DRILL, op, { p: planId, d: '2026-05-31' });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordEmergencyDrill).toMatchObject({ nextDrillDueOn: '2026-11-30', drillOverdue: false, drills: [{ heldOn: '2026-05-31', planVersion: 1 }] });
    const due = (await ok(DUE, authority, { j: 'ZJC' })).securityDutiesDue;
    expect(due.edges.map((e: any) => e.node).map((n: any) => n.kind)).toEqual(['EMERGENCY_PLAN_MISSING']);
  });

  it('a revision is a new version; the schedule runs from the last drill', async () => {
    const res = await gql(`mutation($p: ID!) { reviseEmergencyPlan(planId: $p, summary: "增加毁损处置", adoptedOn: "2026-06-15", drillEveryMonths: 3) { currentVersion nextDrillDueOn versions { version adoptedOn drillEveryMonths } } }`, op, { p: planId });
    expect(res.errors).toBeUndefined();
    expect(res.data.reviseEmergencyPlan).toMatchObject({ currentVersion: 2, nextDrillDueOn: '2026-09-15', versions: [{ version: 1, adoptedOn: '2025-01-10', drillEveryMonths: 6 }, { version: 2, adoptedOn: '2026-06-15', drillEveryMonths: 3 }] });
    expect(await audits(planId)).toEqual(['RECORDED', 'DRILLED', 'REVISED']);
  });

  it('the overdue drill counts in the operator’s evaluation facts', async () => {
    const ev = await ok(`mutation { openOperatorEvaluation(input: { jurisdiction: "ZJC", operatorId: "${ZJC_OP}", year: 2025 }) { id facts { securityDutiesOverdue formalTalks } } }`, authority);
    expect(ev.openOperatorEvaluation.facts).toEqual({ securityDutiesOverdue: 1, formalTalks: 0 });
    const clean = await ok(`query($id: ID!) { operatorEvaluation(id: $id) { facts { securityDutiesOverdue } } }`, authority, { id: ev.openOperatorEvaluation.id }, '2026-09-15T02:00:00Z');
    expect(clean.operatorEvaluation.facts.securityDutiesOverdue).toBe(0);
  });
});

describe('JL: service providers keep their own plans; data destruction activates the plan (JL §八(三))', () => {
  const sp = who('SERVICE_PROVIDER', JL_SP, 'JL');
  const sp2 = who('SERVICE_PROVIDER', JL_SP2, 'JL');
  const op = who('OPERATOR', JL_OP, 'JL');
  const authority = who('AUTHORITY', id(22), 'JL');

  it('a service provider records its plan without naming an authorization; another provider cannot see or revise it', async () => {
    const res = await gql(PLAN, sp, { i: { title: '服务商应急预案', summary: '云平台处置', adoptedOn: '2026-01-05' } });
    expect(res.errors).toBeUndefined();
    const plan = res.data.recordEmergencyPlan;
    expect(plan).toMatchObject({ holderKind: 'SERVICE_PROVIDER', holder: { id: JL_SP }, agreementId: null, nextDrillDueOn: null, drillOverdue: false });
    expect(code(await gql(PLAN, sp2, { i: { holderOrgId: JL_SP, holderKind: 'SERVICE_PROVIDER', title: '冒名', summary: 'x', adoptedOn: '2026-01-05' } }))).toBe('FORBIDDEN');
    expect(code(await gql(`mutation($p: ID!) { reviseEmergencyPlan(planId: $p, summary: "x", adoptedOn: "2026-02-01") { id } }`, sp2, { p: plan.id }))).toBe('FORBIDDEN');
    expect((await ok(`{ emergencyPlans(jurisdiction: "JL") { totalCount } }`, sp2)).emergencyPlans.totalCount).toBe(0);
    expect((await ok(`{ emergencyPlans(jurisdiction: "JL") { edges { node { holder { id } } } } }`, authority)).emergencyPlans.edges.map((e: any) => e.node)).toEqual([{ holder: { id: JL_SP } }]);
    expect(code(await gql(`{ emergencyPlans(jurisdiction: "JL") { totalCount } }`, who('AUTHORITY', id(21), 'ZJC')))).toBe('FORBIDDEN');
  });

  it('the authority records a plan only for a holder registered in its jurisdiction', async () => {
    const plans = await count(stack, 'emergency_plan');
    expect(code(await gql(PLAN, authority, { i: { holderOrgId: ZJC_OP, holderKind: 'OPERATOR', title: '越界', summary: 'x', adoptedOn: '2026-01-05' } }))).toBe('NOT_FOUND');
    expect(code(await gql(PLAN, authority, { i: { title: '缺主体', summary: 'x', adoptedOn: '2026-01-05' } }))).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'emergency_plan')).toBe(plans);
  });

  it('JL data destruction: activate the plan (JL §八(三)), no cyberspace notice (HN Art 18 is Henan\'s); the incident cannot close before the activation', async () => {
    const rep = await gql(`mutation($i: ReportSecurityIncidentInput!) { reportSecurityIncident(input: $i) { id type notifyCyberspaceAuthority stopProcessing timeline { kind note } } }`, op, {
      i: { type: 'DATA_DESTRUCTION', severity: 'HIGH', description: '存储阵列故障致部分数据毁损', occurredAt: '2026-11-25T01:00:00Z', agreementId: JL_AG },
    });
    expect(rep.errors).toBeUndefined();
    const inc = rep.data.reportSecurityIncident;
    expect(inc).toMatchObject({ type: 'DATA_DESTRUCTION', notifyCyberspaceAuthority: false, stopProcessing: false });
    expect(inc.timeline.map((t: any) => t.kind)).toEqual(['REPORTED', 'PLAN_ACTIVATION_REQUIRED']);
    expect(inc.timeline[1].note).toMatch(/JL §八\(三\)/);
    const CLOSE = `mutation($id: ID!) { closeSecurityIncident(incidentId: $id, summary: "已恢复") { status } }`;
    const ACT = `mutation($id: ID!, $k: SecurityIncidentActionKind!) { addSecurityIncidentAction(incidentId: $id, kind: $k, note: "已处置") { id } }`;
    const refused = await gql(CLOSE, authority, { id: inc.id });
    expect(code(refused)).toBe('POLICY_VIOLATION');
    expect(refused.errors![0]!.extensions!.rule).toMatch(/^JL §八\(三\)/);
    await gql(ACT, op, { id: inc.id, k: 'EMERGENCY_PLAN_ACTIVATED' });
    expect((await gql(CLOSE, authority, { id: inc.id })).data.closeSecurityIncident.status).toBe('CLOSED');
  });
});

describe('TZ: third-party assessments (Art 27) and the formal talk (约谈)', () => {
  const authority = who('AUTHORITY', id(23), 'TZ');
  const agency = who('AGENCY', id(24), 'TZ');
  const op = who('OPERATOR', TZ_OP, 'TZ');
  const other = who('OPERATOR', TZ_OTHER, 'TZ');
  let assessmentId: string;
  const TALK = `mutation($i: RecordFormalTalkInput!) { recordFormalTalk(input: $i) { id ground basis talkedWith outcome operator { id } } }`;

  it('TZ states no interval: a commission without a report date is refused; with one it is due then', async () => {
    const C = `mutation($d: LocalDate) { commissionSecurityAssessment(jurisdiction: "TZ", operatorId: "${TZ_OP}", assessor: "江苏某检测评估中心", commissionedOn: "2026-06-01", reportDueOn: $d) { id status reportDueOn } }`;
    expect(code(await gql(C, authority, { d: null }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(C, op, { d: '2026-08-31' }))).toBe('FORBIDDEN');
    expect(code(await gql(C.replace(TZ_OP, ZJC_OP), authority, { d: '2026-08-31' }))).toBe('NOT_FOUND');
    const res = await gql(C, authority, { d: '2026-08-31' });
    expect(res.errors).toBeUndefined();
    assessmentId = res.data.commissionSecurityAssessment.id;
    expect(res.data.commissionSecurityAssessment).toMatchObject({ status: 'COMMISSIONED', reportDueOn: '2026-08-31' });
    const due = (await ok(DUE, authority, { j: 'TZ' })).securityDutiesDue.edges.map((e: any) => e.node);
    expect(due).toEqual([{ kind: 'ASSESSMENT_REPORT_OVERDUE', subjectId: assessmentId, organization: { id: TZ_OP }, dueOn: '2026-08-31', rule: expect.stringMatching(/^TZ Art 27/) }]);
  });

  it('the report finds a significant risk with a follow-up; a talk on a low risk or without a ground of the text is refused', async () => {
    const R = `mutation($id: ID!) { recordSecurityAssessmentReport(assessmentId: $id, assessedOn: "2026-09-10", riskLevel: SIGNIFICANT, findings: "接口未限流，日志留存不足", followUp: "限流并补足日志", followUpDueOn: "2026-10-31") { status riskLevel } }`;
    expect((await ok(R, authority, { id: assessmentId })).recordSecurityAssessmentReport).toEqual({ status: 'REPORTED', riskLevel: 'SIGNIFICANT' });
    const base = { jurisdiction: 'TZ', operatorId: TZ_OP, heldOn: '2026-09-15', talkedWith: '授权运营单位主要负责人', reason: '安全评估发现较大安全风险', outcome: '限期整改' };
    expect(code(await gql(TALK, authority, { i: { ...base, ground: 'MAJOR_RISK' } }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(TALK, authority, { i: { ...base, ground: 'ASSESSMENT_RISK' } }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(TALK, op, { i: { ...base, ground: 'ASSESSMENT_RISK', assessmentId } }))).toBe('FORBIDDEN');
    expect(await count(stack, 'formal_talk')).toBe(0);
  });

  it('the talk on the assessment’s risk is recorded with TZ Art 27 as its basis', async () => {
    const res = await gql(TALK, authority, { i: { jurisdiction: 'TZ', operatorId: TZ_OP, heldOn: '2026-09-15', talkedWith: '授权运营单位主要负责人', ground: 'ASSESSMENT_RISK', assessmentId, reason: '安全评估发现较大安全风险', outcome: '限期整改，逾期关闭运营域权限', rectificationDueOn: '2026-10-31' } });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordFormalTalk).toMatchObject({ ground: 'ASSESSMENT_RISK', basis: expect.stringMatching(/^TZ Art 27/), operator: { id: TZ_OP } });
    expect(await audits(res.data.recordFormalTalk.id)).toEqual(['RECORDED']);
  });

  it('the talk is visible to the authority, the agency and the operator concerned — not to another operator, nor to the public feed', async () => {
    const Q = `{ formalTalks(jurisdiction: "TZ") { totalCount edges { node { operator { id } } } } }`;
    for (const as of [authority, agency, op]) expect((await ok(Q, as)).formalTalks.totalCount).toBe(1);
    expect(code(await gql(Q, other))).toBeUndefined();
    expect((await ok(Q, other)).formalTalks.totalCount).toBe(0);
    expect(code(await gql(`{ formalTalks(jurisdiction: "TZ", operatorId: "${TZ_OP}") { totalCount } }`, other))).toBe('FORBIDDEN');
    expect(await count(stack, 'disclosure', `subject_id in (select id from formal_talk)`)).toBe(0);
  });

  it('the follow-up, once overdue, is on the due list until the authority assesses it', async () => {
    const late = await ok(DUE, authority, { j: 'TZ' }, '2026-11-02T02:00:00Z');
    expect(late.securityDutiesDue.edges.map((e: any) => e.node)).toEqual([{ kind: 'ASSESSMENT_FOLLOW_UP_OVERDUE', subjectId: assessmentId, organization: { id: TZ_OP }, dueOn: '2026-10-31', rule: expect.stringMatching(/^TZ Art 27/) }]);
    const F = `mutation($id: ID!) { recordSecurityAssessmentFollowUp(assessmentId: $id, followedUpOn: "2026-11-20", result: "整改到位") { status } }`;
    expect((await ok(F, authority, { id: assessmentId })).recordSecurityAssessmentFollowUp.status).toBe('FOLLOWED_UP');
    expect((await ok(DUE, authority, { j: 'TZ' })).securityDutiesDue.totalCount).toBe(0);
    expect(await audits(assessmentId)).toEqual(['COMMISSIONED', 'REPORTED', 'FOLLOWED_UP']);
  });
});

describe('risky linkage stops processing only where a text says so (linkageStop: HN Art 18, ZJC §三(五)6)', () => {
  const REPORT = `mutation($i: ReportSecurityIncidentInput!) { reportSecurityIncident(input: $i) { id stopProcessing stopRule timeline { kind note } } }`;
  const linkage = (agreementId: string) => ({ i: { type: 'RISKY_LINKAGE', severity: 'HIGH', description: '跨库关联可识别个人', occurredAt: '2026-11-25T01:00:00Z', agreementId } });
  const eventOf = async (incidentId: string) => (await published(stack, 'SecurityIncidentReported', 'licensing')).find((e) => e.incidentId === incidentId);

  it('JL says nothing: the linkage is recorded and reported on the platform, and nothing stops', async () => {
    const inc = (await ok(REPORT, who('OPERATOR', JL_OP, 'JL'), linkage(JL_AG))).reportSecurityIncident;
    expect(inc).toMatchObject({ stopProcessing: false, stopRule: null });
    expect(inc.timeline.map((t: any) => t.kind)).toEqual(['REPORTED']);
    expect(await eventOf(inc.id)).toMatchObject({ type: 'RISKY_LINKAGE', agreementId: JL_AG, stopProcessing: false, stopRule: null });
  });

  it('HN Art 18: the operator report stops processing at once, reported to the implementing agency and the data authority', async () => {
    const inc = (await ok(REPORT, who('OPERATOR', HN_OP, 'HN'), linkage(HN_AG))).reportSecurityIncident;
    const rule = resolveProfile('HN').linkageStop.source;
    expect(rule).toMatch(/^HN Art 18/);
    expect(inc).toMatchObject({ stopProcessing: true, stopRule: rule });
    expect(inc.timeline.map((t: any) => t.kind)).toEqual(['REPORTED', 'PROCESSING_STOPPED']);
    expect(inc.timeline[1].note).toContain('实施机构、本级公共数据主管部门');
    expect(await eventOf(inc.id)).toMatchObject({ type: 'RISKY_LINKAGE', agreementId: HN_AG, stopProcessing: true, stopRule: rule });
    expect(await audits(inc.id)).toEqual(['REPORTED']);
  });

  it('a JL authority that edits linkageStop in (PolicyProfileChanged) makes the next linkage stop, citing its edit', async () => {
    const source = '吉林市数据局通知〔2026〕3号';
    const edited = resolveProfile('JL', applyProfileEdit({}, { linkageStop: { value: { stopsProcessing: true, reportTo: ['市政务服务和数字化建设管理局 | the city data bureau'] }, source } }));
    await emit(stack, 'licensing', 'PolicyProfileChanged', { jurisdiction: 'JL', profileVersion: 2, changedFields: ['linkageStop'], version: 2, profile: { code: edited.code, nameZh: edited.nameZh, nameEn: edited.nameEn, settings: edited.settings } }, 'JL');
    await stack.settle();
    const inc = (await ok(REPORT, who('OPERATOR', JL_OP, 'JL'), linkage(JL_AG))).reportSecurityIncident;
    expect(inc).toMatchObject({ stopProcessing: true, stopRule: source });
    expect(await eventOf(inc.id)).toMatchObject({ stopProcessing: true, stopRule: source });
  });
});

describe('after the journeys', () => {
  it('holds every evaluation invariant', async () => {
    expect(await checkEvaluationInvariants(stack.em('evaluation'))).toEqual([]);
  });
});
