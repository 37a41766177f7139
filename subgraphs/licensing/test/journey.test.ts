/**
 * End to end in Taizhou (TZ): call → application (window, eligibility, supplement loop, expert
 * review, publicity with objections, filing, 三重一大) → signed agreement (term per profile) →
 * readiness gates (training filed) → active → scenario with per-resource review → access grants →
 * suspension pauses the grants → rectification passed → grants resume → renewal window.
 * Every refusal on the way is asserted to change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEMO_AGREEMENTS, resourceByKey } from '@pdo/demo';
import { definition } from '../src/index.js';
import { completeCreditCode } from '../src/domain/credit-code.js';
import { agency, at, authority, call, CONTENTS, DOCS, EVIDENCE, expert, ok, operatorOf, org, recordLegalRepresentative, refused, seedLicensing, snapshot, source, AGREEMENT_FIELDS } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedLicensing(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const TZ = 'TZ';
const weather = resourceByKey('tz-weather').id;
const institutions = resourceByKey('tz-medical-institutions').id;
const healthRecords = resourceByKey('tz-health-records').id;

const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id creditCode kinds foundedOn securityDepartment } }`;
const PUBLISH = `mutation($input: PublishCallInput!) { publishCall(input: $input) { id mode selectionMethod opensOn closesOn profileVersion } }`;
const APPLY = `mutation($callId: ID!, $docs: [ApplicationDocumentInput!]!) { submitOperatorApplication(callId: $callId, documents: $docs) { id status eligibility { eligible criteria { criterion passed reasonEn source } } } }`;
const APP = `query($id: ID!) { operatorApplication(id: $id) { id status publicityEndsOn supplementRequest objections { index status } expertReviews { score } averageScore agreementId } }`;
const AGREEMENT = `query($id: ID!) { agreement(id: $id) { ${AGREEMENT_FIELDS} } }`;

async function eventsFor(consumer: string, name: string): Promise<any[]> {
  const rows = await sql<{ data: any }>(stack.em('licensing'), `select data from pgboss.job where name = $1 and data->>'name' = $2 order by created_on`, [`inbox_${consumer}`, name]);
  return rows.map((r) => r.data.payload);
}

describe('TZ: from call to access grant, suspension and back', () => {
  let operatorId: string;
  let badOperatorId: string;
  let callId: string;
  let appId: string;
  let agreementId: string;
  let scenarioId: string;
  const op = () => operatorOf(operatorId, TZ);

  it('registers parties; a credit code with a wrong check character is refused and changes nothing', async () => {
    const code = completeCreditCode('91321200MA1XYW12Q');
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const before = await snapshot(stack);
    const facts = { creditCode: wrong, foundedOn: '2018-01-01', taxGrades: [{ year: 2025, grade: 'A' }], mlps3Experience: true, commercialCryptoExperience: true, securityDepartment: '数据安全部', securityHead: '王安全' };
    const bad = await call(stack, REGISTER, { input: { jurisdiction: TZ, name: '泰州新数科技有限公司', kinds: ['OPERATOR'], evidence: EVIDENCE, facts } }, authority(TZ), at('2026-04-20'));
    expect(refused(bad, 'BAD_USER_INPUT', 'GB 32100').details.problem).toBe('CHECK_CHARACTER');
    expect(await snapshot(stack)).toEqual(before);
    // An operator cannot register parties.
    refused(await call(stack, REGISTER, { input: { jurisdiction: TZ, name: 'x', kinds: ['OPERATOR'], evidence: EVIDENCE, facts: { ...facts, creditCode: code } } }, operatorOf(org('tz-operator'), TZ), at('2026-04-20')), 'FORBIDDEN');

    const res = ok(await call(stack, REGISTER, { input: { jurisdiction: TZ, name: '泰州新数科技有限公司', kinds: ['OPERATOR'], evidence: EVIDENCE, facts: { ...facts, creditCode: code } } }, authority(TZ), at('2026-04-20')));
    operatorId = res.registerOrganization.id;
    expect(res.registerOrganization).toMatchObject({ creditCode: code, kinds: ['OPERATOR'], foundedOn: '2018-01-01', securityDepartment: '数据安全部' });
    const bad2 = ok(await call(stack, REGISTER, { input: { jurisdiction: TZ, name: '泰州某失信公司', kinds: ['OPERATOR'], evidence: EVIDENCE, facts: { ...facts, creditCode: completeCreditCode('91321200MA1XYW99Q'), dishonestListEntries: [{ list: '严重失信主体名单', listedOn: '2025-06-01' }] } } }, authority(TZ), at('2026-04-20')));
    badOperatorId = bad2.registerOrganization.id;
    await recordLegalRepresentative(stack, operatorId, TZ, '2026-04-20');
    await recordLegalRepresentative(stack, badOperatorId, TZ, '2026-04-20');
    expect((await eventsFor('products', 'OrganizationRegistered')).some((p) => p.organizationId === operatorId)).toBe(true);
  });

  it('publishes a call only with a mode and selection method the profile allows', async () => {
    const input = { jurisdiction: TZ, title: '泰州市公共数据授权运营（气象医疗场景）公告', mode: 'WHOLE', selectionMethod: 'EXPERT_REVIEW', resourceIds: [weather, institutions], sectors: [], scoringRules: [{ criterion: '方案', weight: 60 }, { criterion: '安全', weight: 40 }], opensOn: '2026-05-01', closesOn: '2026-05-31', publicityWorkingDays: 5 };
    const before = await snapshot(stack);
    refused(await call(stack, PUBLISH, { input }, authority(TZ), at('2026-04-25')), 'POLICY_VIOLATION', /TZ Art 8/);
    refused(await call(stack, PUBLISH, { input: { ...input, mode: 'BY_SCENARIO', selectionMethod: 'INVITED_TENDER' } }, authority(TZ), at('2026-04-25')), 'POLICY_VIOLATION', /TZ Art 14/);
    refused(await call(stack, PUBLISH, { input: { ...input, mode: 'BY_SCENARIO' } }, authority('QHD'), at('2026-04-25')), 'FORBIDDEN');
    expect(await snapshot(stack)).toEqual(before);
    const res = ok(await call(stack, PUBLISH, { input: { ...input, mode: 'BY_SCENARIO' } }, authority(TZ), at('2026-04-25')));
    callId = res.publishCall.id;
    expect(res.publishCall).toMatchObject({ mode: 'BY_SCENARIO', selectionMethod: 'EXPERT_REVIEW', profileVersion: 1 });
  });

  it('lists the calls open today on Shanghai days, both boundaries included (calls(openToday))', async () => {
    const OPEN = `query($at: String!) { calls(jurisdiction: $at, openToday: true, first: 20) { totalCount edges { node { id } } } }`;
    const ids = async (now: string) => ok(await call(stack, OPEN, { at: TZ }, op(), now)).calls.edges.map((e: any) => e.node.id);
    expect(await ids(at('2026-04-30', '23:59'))).not.toContain(callId);
    expect(await ids(at('2026-05-01', '00:00'))).toContain(callId);
    expect(await ids('2026-05-31T15:59:00Z')).toContain(callId);
    // 2026-05-31T16:00Z is 1 June in Shanghai.
    expect(await ids('2026-05-31T16:00:00Z')).not.toContain(callId);
    const all = ok(await call(stack, `query($at: String!) { calls(jurisdiction: $at, first: 20) { edges { node { id } } } }`, { at: TZ }, op(), '2026-06-10T00:00:00Z'));
    expect(all.calls.edges.map((e: any) => e.node.id)).toContain(callId);
  });

  it('accepts applications only inside the window (Shanghai days, both boundaries) and only from eligible applicants', async () => {
    const before = await snapshot(stack);
    refused(await call(stack, APPLY, { callId, docs: DOCS }, op(), at('2026-04-30', '23:59')), 'POLICY_VIOLATION', /window/);
    // 2026-05-31T16:30Z is already 1 June in Shanghai.
    refused(await call(stack, APPLY, { callId, docs: DOCS }, op(), '2026-05-31T16:30:00Z'), 'POLICY_VIOLATION', /window/);
    refused(await call(stack, APPLY, { callId, docs: DOCS.slice(1) }, op(), at('2026-05-10')), 'POLICY_VIOLATION', /TZ Art 12/);
    const inel = refused(await call(stack, APPLY, { callId, docs: DOCS }, operatorOf(badOperatorId, TZ), at('2026-05-10')), 'POLICY_VIOLATION', /TZ Art 12/);
    expect(inel.details.failing.map((c: any) => c.criterion)).toEqual(['DISHONEST_LIST']);
    expect(await snapshot(stack)).toEqual(before);

    const res = ok(await call(stack, APPLY, { callId, docs: DOCS }, op(), '2026-05-31T15:30:00Z'));
    appId = res.submitOperatorApplication.id;
    expect(res.submitOperatorApplication.status).toBe('SUBMITTED');
    const criteria = res.submitOperatorApplication.eligibility.criteria;
    // TZ Art 12 sets no administrative-penalty bar (that is JL §三(二)), so none is checked here.
    expect(criteria.map((c: any) => c.criterion)).toEqual(['DISHONEST_LIST', 'SECURITY_INCIDENT', 'MLPS3_AND_CRYPTO', 'SECURITY_DEPARTMENT', 'INTEGRITY_RECORDS']);
    expect(criteria.every((c: any) => c.passed && c.source.includes('TZ Art 12'))).toBe(true);
    refused(await call(stack, APPLY, { callId, docs: DOCS }, op(), at('2026-05-31', '23:40')), 'CONFLICT');
  });

  it('runs pre-check with a supplement loop, expert review, selection and publicity', async () => {
    ok(await call(stack, `mutation($id: ID!) { requestApplicationSupplement(id: $id, note: "审计报告缺少盖章页") { status } }`, { id: appId }, agency(TZ), at('2026-06-01')));
    // Out of order: precheck cannot pass while a supplement is outstanding.
    const ooo = refused(await call(stack, `mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: appId }, agency(TZ), at('2026-06-01')), 'CONFLICT');
    expect(ooo.details).toMatchObject({ reason: 'INVALID_TRANSITION', from: 'SUPPLEMENT_REQUESTED' });
    ok(await call(stack, `mutation($id: ID!, $d: [ApplicationDocumentInput!]!) { supplementOperatorApplication(id: $id, documents: $d) { status } }`, { id: appId, d: [DOCS[1]] }, operatorOf(operatorId, TZ), at('2026-06-02')));
    ok(await call(stack, `mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: appId }, agency(TZ), at('2026-06-02')));
    // Scored per criterion of the call's rules (方案 60, 安全 40): the same score on both gives that score.
    const REVIEW = `mutation($id: ID!, $s: String!) { submitExpertReview(applicationId: $id, criterionScores: [{ criterion: "方案", score: $s }, { criterion: "安全", score: $s }], opinion: "方案可行") { status } }`;
    refused(await call(stack, `mutation($id: ID!) { submitExpertReview(applicationId: $id, score: "90", opinion: "x") { status } }`, { id: appId }, expert(TZ, 3), at('2026-06-02')), 'BAD_USER_INPUT');
    refused(await call(stack, REVIEW, { id: appId, s: '90' }, operatorOf(operatorId, TZ), at('2026-06-02')), 'FORBIDDEN');
    refused(await call(stack, `mutation($id: ID!) { selectOperatorApplication(id: $id) { status } }`, { id: appId }, agency(TZ), at('2026-06-03')), 'CONFLICT');
    ok(await call(stack, REVIEW, { id: appId, s: '88.5' }, expert(TZ, 1), at('2026-06-02')));
    ok(await call(stack, REVIEW, { id: appId, s: '91' }, expert(TZ, 2), at('2026-06-02')));
    refused(await call(stack, REVIEW, { id: appId, s: '91' }, expert(TZ, 2), at('2026-06-02')), 'CONFLICT');
    ok(await call(stack, `mutation($id: ID!) { selectOperatorApplication(id: $id) { status } }`, { id: appId }, agency(TZ), at('2026-06-03')));
    const app = ok(await call(stack, APP, { id: appId }, agency(TZ), at('2026-06-03'))).operatorApplication;
    // 5 working days from Wed 3 June 2026.
    expect(app).toMatchObject({ status: 'PUBLICITY', publicityEndsOn: '2026-06-10', averageScore: '89.75' });
    // The applicant sees its application but not the experts' scores.
    expect(ok(await call(stack, APP, { id: appId }, op(), at('2026-06-03'))).operatorApplication.expertReviews).toBeNull();
  });

  it('files only after publicity with objections resolved, then approves and signs with the profile\'s term', async () => {
    const FILE = `mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`;
    ok(await call(stack, `mutation($id: ID!) { raiseApplicationObjection(id: $id, text: "资质存疑") { objections { index status } } }`, { id: appId }, source('tz-src-weather', TZ), at('2026-06-05')));
    // A competitor may object (TZ Art 15) but gets back only what publicity made public and its own objection.
    const rival = operatorOf(DEMO_AGREEMENTS.find((a) => a.key === 'tz')!.operatorId, TZ);
    const seen = ok(await call(stack, `mutation($id: ID!) { raiseApplicationObjection(id: $id, text: "评分不公") { status documents { kind } supplementRequest eligibility { criteria { criterion } } objections { index text } expertReviews { score } } }`, { id: appId }, rival, at('2026-06-05'))).raiseApplicationObjection;
    expect(seen).toEqual({ status: 'PUBLICITY', documents: [], supplementRequest: null, eligibility: { criteria: [] }, objections: [{ index: 1, text: '评分不公' }], expertReviews: null });
    expect(ok(await call(stack, APP, { id: appId }, rival, at('2026-06-05'))).operatorApplication).toBeNull();
    refused(await call(stack, FILE, { id: appId }, authority(TZ), at('2026-06-10')), 'POLICY_VIOLATION', /TZ Art 15/);
    refused(await call(stack, FILE, { id: appId }, authority(TZ), at('2026-06-11')), 'CONFLICT');
    ok(await call(stack, `mutation($id: ID!) { resolveApplicationObjection(id: $id, index: 0, upheld: false, resolution: "经核查资质齐全") { status } }`, { id: appId }, authority(TZ), at('2026-06-11')));
    ok(await call(stack, `mutation($id: ID!) { resolveApplicationObjection(id: $id, index: 1, upheld: false, resolution: "评分程序合规") { status } }`, { id: appId }, authority(TZ), at('2026-06-11')));
    const SIGN = `mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id number status profileVersion startDate endDate } }`;
    const input = { applicationId: appId, startDate: '2026-07-01', endDate: '2029-07-31', contents: CONTENTS };
    refused(await call(stack, SIGN, { input }, authority(TZ), at('2026-06-11')), 'CONFLICT'); // not yet filed / approved
    ok(await call(stack, FILE, { id: appId }, authority(TZ), at('2026-06-11')));
    ok(await call(stack, `mutation($id: ID!) { approveApplicationMajorDecision(id: $id, minutesRef: "泰数党组〔2026〕12号") { status } }`, { id: appId }, authority(TZ), at('2026-06-15')));
    const before = await snapshot(stack);
    refused(await call(stack, SIGN, { input }, authority(TZ), at('2026-06-20')), 'POLICY_VIOLATION', /TZ Art 16/);
    refused(await call(stack, SIGN, { input: { ...input, endDate: '2029-06-30', trialEndDate: '2026-09-30' } }, authority(TZ), at('2026-06-20')), 'POLICY_VIOLATION', /TZ Art 16/);
    refused(await call(stack, SIGN, { input: { ...input, endDate: '2029-06-30' } }, agency(TZ), at('2026-06-20')), 'FORBIDDEN');
    refused(await call(stack, SIGN, { input: { ...input, endDate: '2029-06-30', contents: { ...CONTENTS, liability: ' ' } } }, authority(TZ), at('2026-06-20')), 'BAD_USER_INPUT');
    expect(await snapshot(stack)).toEqual(before);
    const signed = ok(await call(stack, SIGN, { input: { ...input, endDate: '2029-06-30' } }, authority(TZ), at('2026-06-20'))).signAgreement;
    agreementId = signed.id;
    expect(signed).toMatchObject({ number: 'TZ-SQ-2026-001', status: 'SIGNED', profileVersion: 1, endDate: '2029-06-30' });
    const ev = (await eventsFor('products', 'AgreementSigned')).find((p) => p.agreementId === agreementId);
    expect(ev).toMatchObject({ operatorId, status: 'SIGNED', mode: 'BY_SCENARIO', resourceIds: [weather, institutions] });
  });

  it('opens only when filed and the training is passed and filed (TZ Art 18)', async () => {
    const ACTIVATE = `mutation($id: ID!) { activateAgreement(id: $id) { status } }`;
    const RECORD = `mutation($input: RecordReadinessInput!) { recordReadiness(input: $input) { id kind filedOn } }`;
    expect(refused(await call(stack, ACTIVATE, { id: agreementId }, authority(TZ), at('2026-07-01')), 'CONFLICT').details.reason).toBe('NOT_FILED');
    ok(await call(stack, `mutation($id: ID!) { fileAgreement(id: $id) { filedOn } }`, { id: agreementId }, authority(TZ), at('2026-06-22')));
    const noTraining = refused(await call(stack, ACTIVATE, { id: agreementId }, authority(TZ), at('2026-07-01')), 'POLICY_VIOLATION', /TZ Art 18/);
    expect(noTraining.details.missing).toEqual(['TRAINING', 'TRAINING_FILED']);
    ok(await call(stack, RECORD, { input: { agreementId, kind: 'TRAINING', subject: '运营团队12人岗前培训', passed: true, doneOn: '2026-06-25' } }, op(), at('2026-06-25')));
    expect(refused(await call(stack, ACTIVATE, { id: agreementId }, authority(TZ), at('2026-07-01')), 'POLICY_VIOLATION').details.missing).toEqual(['TRAINING_FILED']);
    ok(await call(stack, RECORD, { input: { agreementId, kind: 'TRAINING', subject: '运营团队12人岗前培训（备案）', passed: true, doneOn: '2026-06-25', filedOn: '2026-06-28' } }, op(), at('2026-06-28')));
    // Not before the start date.
    expect(refused(await call(stack, ACTIVATE, { id: agreementId }, authority(TZ), at('2026-06-30')), 'CONFLICT').details.reason).toBe('NOT_STARTED');
    expect(ok(await call(stack, ACTIVATE, { id: agreementId }, authority(TZ), at('2026-07-01'))).activateAgreement.status).toBe('ACTIVE');
    refused(await call(stack, ACTIVATE, { id: agreementId }, authority(TZ), at('2026-07-01')), 'CONFLICT');
    expect((await eventsFor('revenue', 'AgreementActivated')).some((p) => p.agreementId === agreementId && p.status === 'ACTIVE')).toBe(true);
  });

  it('files a scenario only for in-scope, authorizable resources with a minimum-necessity justification', async () => {
    const SUBMIT = `mutation($input: SubmitScenarioInput!) { submitDataScenario(input: $input) { id status reviewDueOn resources { resourceId sourceAgencyId decision } } }`;
    const base = { agreementId, nameZh: '气象医疗出行服务', description: '面向就医出行的气象提醒', category: 'INDUSTRY', expectedValue: '服务10万人次', plan: '三期建设' };
    const before = await snapshot(stack);
    refused(await call(stack, SUBMIT, { input: { ...base, resources: [{ resourceId: healthRecords, justification: '核保', fields: [] }] } }, op(), at('2026-07-02')), 'POLICY_VIOLATION', /scope/);
    refused(await call(stack, SUBMIT, { input: { ...base, resources: [{ resourceId: weather, justification: ' ', fields: [] }] } }, op(), at('2026-07-02')), 'POLICY_VIOLATION', /TZ Art 8/);
    refused(await call(stack, SUBMIT, { input: { ...base, resources: [{ resourceId: weather, justification: 'x', fields: [] }] } }, operatorOf(org('tz-operator'), TZ), at('2026-07-02')), 'FORBIDDEN');
    expect(await snapshot(stack)).toEqual(before);
    const s = ok(await call(stack, SUBMIT, { input: { ...base, resources: [{ resourceId: weather, justification: '逐小时降水', fields: ['record_id'] }, { resourceId: institutions, justification: '医院位置', fields: [] }] } }, op(), at('2026-07-02'))).submitDataScenario;
    scenarioId = s.id;
    expect(s.status).toBe('SUBMITTED');
    expect(s.resources.find((r: any) => r.resourceId === weather)).toMatchObject({ sourceAgencyId: org('tz-src-weather'), decision: 'PENDING' });
  });

  it('needs every owning source unit before the implementing agency approves; approval opens grants ending with the agreement', async () => {
    const REVIEW = `mutation($s: ID!, $r: ID!, $a: Boolean!) { reviewScenarioResource(scenarioId: $s, resourceId: $r, approve: $a, reason: "同意") { status } }`;
    const DECIDE = `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: true) { status grants { resourceId status expiresOn } } }`;
    refused(await call(stack, REVIEW, { s: scenarioId, r: weather, a: true }, source('tz-src-health', TZ), at('2026-07-03')), 'FORBIDDEN');
    ok(await call(stack, REVIEW, { s: scenarioId, r: weather, a: true }, source('tz-src-weather', TZ), at('2026-07-03')));
    expect(refused(await call(stack, DECIDE, { s: scenarioId }, agency(TZ), at('2026-07-03')), 'CONFLICT').details.reason).toBe('SOURCE_AGENCY_APPROVAL_MISSING');
    ok(await call(stack, REVIEW, { s: scenarioId, r: institutions, a: true }, source('tz-src-health', TZ), at('2026-07-03')));
    refused(await call(stack, DECIDE, { s: scenarioId }, authority(TZ), at('2026-07-03')), 'FORBIDDEN');
    const d = ok(await call(stack, DECIDE, { s: scenarioId }, agency(TZ), at('2026-07-06'))).decideDataScenario;
    expect(d.status).toBe('APPROVED');
    expect(d.grants).toHaveLength(2);
    expect(d.grants.every((g: any) => g.status === 'ACTIVE' && g.expiresOn === '2029-06-30')).toBe(true);
    expect((await eventsFor('products', 'ScenarioApproved')).find((p) => p.scenarioId === scenarioId)).toMatchObject({ category: 'INDUSTRY', resourceIds: [weather, institutions] });
    expect((await eventsFor('catalog', 'AccessGranted')).filter((p) => p.scenarioId === scenarioId)).toHaveLength(2);
  });

  it('suspension for rectification pauses every grant; a passed rectification reinstates and resumes them', async () => {
    const SUSPEND = `mutation($input: SuspendAgreementInput!) { suspendAgreement(input: $input) { status statusReason rectifications { id status cause } accessGrants { status reason } } }`;
    refused(await call(stack, SUSPEND, { input: { agreementId, cause: 'USE_OUTSIDE_SCOPE', description: '超范围使用', deadline: '2026-09-30' } }, agency(TZ), at('2026-08-03')), 'FORBIDDEN');
    const s = ok(await call(stack, SUSPEND, { input: { agreementId, cause: 'USE_OUTSIDE_SCOPE', description: '超范围使用', deadline: '2026-09-30' } }, authority(TZ), at('2026-08-03'))).suspendAgreement;
    expect(s.status).toBe('SUSPENDED');
    expect(s.accessGrants.every((g: any) => g.status === 'PAUSED')).toBe(true);
    const rectId = s.rectifications[0].id;
    expect((await eventsFor('products', 'AgreementSuspended')).some((p) => p.agreementId === agreementId)).toBe(true);
    expect((await eventsFor('products', 'AccessRevoked')).filter((p) => p.agreementId === agreementId && p.status === 'PAUSED')).toHaveLength(2);
    // While suspended: no new scenario, no second suspension.
    const before = await snapshot(stack);
    refused(await call(stack, `mutation($input: SubmitScenarioInput!) { submitDataScenario(input: $input) { id } }`, { input: { agreementId, nameZh: 'x', description: 'x', category: 'PUBLIC_WELFARE', resources: [{ resourceId: weather, justification: 'x', fields: [] }] } }, op(), at('2026-08-04')), 'CONFLICT');
    refused(await call(stack, SUSPEND, { input: { agreementId, cause: 'MAJOR_RISK', description: 'x', deadline: '2026-09-30' } }, authority(TZ), at('2026-08-04')), 'CONFLICT');
    refused(await call(stack, `mutation($id: ID!) { concludeRectification(rectificationId: $id, passed: true, note: "ok") { status } }`, { id: rectId }, authority(TZ), at('2026-08-05')), 'CONFLICT');
    expect(await snapshot(stack)).toEqual(before);
    ok(await call(stack, `mutation($id: ID!) { submitRectificationPlan(rectificationId: $id, plan: "收紧访问范围并复核") { status } }`, { id: rectId }, op(), at('2026-08-10')));
    const r = ok(await call(stack, `mutation($id: ID!) { concludeRectification(rectificationId: $id, passed: true, note: "整改到位") { status accessGrants { status } rectifications { status } } }`, { id: rectId }, authority(TZ), at('2026-09-01'))).concludeRectification;
    expect(r.status).toBe('ACTIVE');
    expect(r.accessGrants.every((g: any) => g.status === 'ACTIVE')).toBe(true);
    expect(r.rectifications[0].status).toBe('PASSED');
    expect((await eventsFor('products', 'AgreementReinstated')).some((p) => p.agreementId === agreementId && p.status === 'ACTIVE')).toBe(true);
  });

  it('a profile edit applies to later acts only: the agreement keeps version 1, the renewal is checked under version 2', async () => {
    const EDIT = `mutation($input: EditPolicyProfileInput!) { editPolicyProfile(input: $input) { version settings { name value source } } }`;
    const change = { name: 'agreementTerm', value: { maxMonths: 24, fixed: false, trialMaxMonths: null }, source: '泰州市数据局2026年第3号通知' };
    refused(await call(stack, EDIT, { input: { jurisdiction: TZ, changes: [change] } }, authority('HN'), at('2026-09-02')), 'FORBIDDEN');
    refused(await call(stack, EDIT, { input: { jurisdiction: TZ, changes: [{ ...change, source: ' ' }] } }, authority(TZ), at('2026-09-02')), 'BAD_USER_INPUT');
    // A holiday notice naming a weekday as a make-up working day is mistyped: refused, naming the entry, no new version.
    const notice = { year: 2027, holidays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'], makeupWorkdays: ['2027-02-10'], source: '国办发明电〔2026〕X号（示例）' };
    const badNotice = refused(await call(stack, EDIT, { input: { jurisdiction: TZ, changes: [{ name: 'calendarNotices', value: [notice], source: '泰州市数据局转发' }] } }, authority(TZ), at('2026-09-02')), 'BAD_USER_INPUT');
    expect(JSON.stringify(badNotice)).toContain('calendarNotices.0.makeupWorkdays.0');
    const e = ok(await call(stack, EDIT, { input: { jurisdiction: TZ, changes: [change], note: '缩短期限' } }, authority(TZ), at('2026-09-02'))).editPolicyProfile;
    expect(e.version).toBe(2);
    expect(e.settings.find((s: any) => s.name === 'agreementTerm')).toEqual({ name: 'agreementTerm', value: change.value, source: change.source });
    // The event carries the whole resolved profile after the edit, so consumers can keep the edited copy.
    const changed = (await eventsFor('products', 'PolicyProfileChanged')).at(-1);
    expect(changed).toMatchObject({ jurisdiction: TZ, profileVersion: 2, version: 2, changedFields: ['agreementTerm'], profile: { code: TZ } });
    expect(changed.profile.settings.agreementTerm).toEqual({ value: change.value, source: change.source });
    const v2 = ok(await call(stack, `{ policyProfile(jurisdiction: "TZ") { settings { name value source } } }`, {}, op(), at('2026-09-02'))).policyProfile;
    expect(Object.keys(changed.profile.settings).sort()).toEqual(v2.settings.map((x: any) => x.name).sort());
    for (const x of v2.settings) expect(changed.profile.settings[x.name], x.name).toEqual({ value: x.value, source: x.source });
    const a = ok(await call(stack, AGREEMENT, { id: agreementId }, op(), at('2026-09-02'))).agreement;
    expect(a.profileVersion).toBe(1);
    const v1 = ok(await call(stack, `{ policyProfile(jurisdiction: "TZ", version: 1) { version settings { name value } } }`, {}, op(), at('2026-09-02'))).policyProfile;
    expect(v1.settings.find((s: any) => s.name === 'agreementTerm').value.maxMonths).toBe(36);

    // TZ Art 17: renewal is a new application, at least 6 months before the end (2029-06-30 → by 2028-12-31: its 6
    // months, 2029-01-01 … 2029-06-30, end on expiry; Civil Code Arts 201–202). A renewal request is refused.
    const REAPPLY = `mutation($id: ID!, $d: [ApplicationDocumentInput!]!) { reapplyForRenewal(agreementId: $id, documents: $d) { id status callId renewsAgreementId } }`;
    const before = await snapshot(stack);
    const asRequest = refused(await call(stack, `mutation($id: ID!) { requestRenewal(agreementId: $id, proposedEndDate: "2031-06-30") { id } }`, { id: agreementId }, op(), at('2028-12-30')), 'POLICY_VIOLATION', /TZ Art 17/);
    expect(asRequest.details.reason).toBe('REAPPLICATION_REQUIRED');
    const late = refused(await call(stack, REAPPLY, { id: agreementId, d: DOCS }, op(), at('2029-01-01')), 'POLICY_VIOLATION', /TZ Art 17/);
    expect(late.details.closesOn).toBe('2028-12-31');
    expect(await snapshot(stack)).toEqual(before);
    // Working days of 2029 need the year's holiday notice, which the authority loads (version 3).
    const notice2029 = { year: 2029, holidays: ['2029-01-01'], makeupWorkdays: [], source: '国办发明电〔2028〕X号（示例）' };
    ok(await call(stack, EDIT, { input: { jurisdiction: TZ, changes: [{ name: 'calendarNotices', value: [notice2029], source: '泰州市数据局转发（示例）' }] } }, authority(TZ), at('2028-12-01')));
    const re = ok(await call(stack, REAPPLY, { id: agreementId, d: DOCS }, op(), at('2028-12-30'))).reapplyForRenewal;
    expect(re).toMatchObject({ status: 'SUBMITTED', callId: null, renewsAgreementId: agreementId });
    ok(await call(stack, `mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: re.id }, agency(TZ), at('2028-12-31')));
    // Scored on the rules of the call the agreement came from (方案 60, 安全 40).
    ok(await call(stack, `mutation($id: ID!) { submitExpertReview(applicationId: $id, criterionScores: [{ criterion: "方案", score: "85" }, { criterion: "安全", score: "80" }], opinion: "续期可行") { expertReviews { score } } }`, { id: re.id }, expert(TZ, 1), at('2028-12-31')));
    ok(await call(stack, `mutation($id: ID!) { selectOperatorApplication(id: $id) { status publicityEndsOn } }`, { id: re.id }, agency(TZ), at('2029-01-02')));
    ok(await call(stack, `mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`, { id: re.id }, authority(TZ), at('2029-01-10')));
    ok(await call(stack, `mutation($id: ID!) { approveApplicationMajorDecision(id: $id, minutesRef: "续期会议纪要") { status } }`, { id: re.id }, authority(TZ), at('2029-01-10')));
    // The successor starts the day after the old end and is checked under today's profile (≤ 24 months now).
    const SIGN2 = `mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id startDate endDate profileVersion } }`;
    refused(await call(stack, SIGN2, { input: { applicationId: re.id, startDate: '2029-07-01', endDate: '2032-06-30', contents: CONTENTS } }, authority(TZ), at('2029-01-10')), 'POLICY_VIOLATION', /泰州市数据局2026年第3号通知/);
    const gap = refused(await call(stack, SIGN2, { input: { applicationId: re.id, startDate: '2029-08-01', endDate: '2031-06-30', contents: CONTENTS } }, authority(TZ), at('2029-01-10')), 'POLICY_VIOLATION', /TZ Art 17/);
    expect(gap.details.startsOn).toBe('2029-07-01');
    const successor = ok(await call(stack, SIGN2, { input: { applicationId: re.id, startDate: '2029-07-01', endDate: '2031-06-30', contents: CONTENTS } }, authority(TZ), at('2029-01-10'))).signAgreement;
    expect(successor).toMatchObject({ startDate: '2029-07-01', endDate: '2031-06-30', profileVersion: 3 });
    // The old agreement keeps its own term and version.
    expect(ok(await call(stack, AGREEMENT, { id: agreementId }, op(), at('2029-01-10'))).agreement).toMatchObject({ endDate: '2029-06-30', profileVersion: 1 });
  });

  it('lists are scoped and batched: an operator sees only its own agreements, without N+1', async () => {
    const Q = `{ agreements(first: 50) { totalCount edges { node { id operator { name } accessGrants { status } scenarios { nameZh } readiness { kind } } } } }`;
    const mine = ok(await call(stack, Q, {}, op(), at('2029-01-11'))).agreements;
    // The agreement and its successor (re-application for renewal).
    expect(mine.totalCount).toBe(2);
    const officials = await call(stack, Q, {}, authority(TZ), at('2029-01-11'));
    expect(ok(officials).agreements.totalCount).toBe(3);
    const statements = officials.extensions?.sqlStatements?.licensing;
    expect(statements).toBeLessThanOrEqual(8);
    refused(await call(stack, Q, {}, { sub: 'anonymous', role: 'ANONYMOUS', org: null, jurisdiction: null }, at('2029-01-11')), 'UNAUTHENTICATED');
  });
});
