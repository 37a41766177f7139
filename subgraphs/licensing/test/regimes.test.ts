/**
 * Each regime's distinctive rules through the GraphQL API, on the demo world: QHD (modes, invited
 * tender, one operator, renewal only in the last 3 months, 3 months' notice with month-end
 * clamping, consent), ZJC (trial, gates, 2-year security review, log retention, expiry job),
 * eligibility windows with boundary dates (JL, TZ), the seed itself, and the events consumed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, newId as uuidv7, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { DEMO_AGREEMENTS, DEMO_ORGS, DEMO_SCENARIOS, demoId, resourceByKey, scenarioByKey } from '@pdo/demo';
import type { EventEnvelope, EventName } from '@pdo/events';
import { definition, runAgreementClockJob } from '../src/index.js';
import { handlers } from '../src/handlers/index.js';
import { creditCodeProblem, completeCreditCode } from '../src/domain/credit-code.js';
import { DEMO_JL_APPLICATION_ID, DEMO_TZ_RECTIFICATION_ID } from '../src/seed.js';
import { agency, at, authority, call, CONTENTS, DOCS, EVIDENCE, expert, ok, operatorOf, org, refused, seedLicensing, snapshot, source, AGREEMENT_FIELDS } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedLicensing(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const ag = (key: string) => DEMO_AGREEMENTS.find((a) => a.key === key)!;
const AGREEMENT = `query($id: ID!) { agreement(id: $id) { ${AGREEMENT_FIELDS} } }`;
const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;

async function inbox(consumer: string, name: string): Promise<any[]> {
  const rows = await sql<{ data: any }>(stack.em('licensing'), `select data from pgboss.job where name = $1 and data->>'name' = $2 order by created_on`, [`inbox_${consumer}`, name]);
  return rows.map((r) => r.data.payload);
}

/** Delivers another subgraph's event to licensing's handlers, as the consumer would. */
async function deliver(name: EventName, producer: string, payload: object, id = uuidv7()): Promise<void> {
  const env: EventEnvelope = { id, name, version: 1, producer: producer as never, occurredAt: new Date().toISOString(), jurisdiction: null, payload: payload as never };
  await applyEvent(stack.runtimes.licensing!.orm, 'licensing', handlers, env, undefined, stack.runtimes.licensing!.events);
}

let codeSeq = 0;
async function registerCompany(j: string, facts: Record<string, unknown> = {}): Promise<string> {
  const div = { QHD: '130300', ZJC: '330624', JL: '220200', TZ: '321200' }[j]!;
  const code = completeCreditCode(`91${div}MA${String(++codeSeq).padStart(7, '0')}`);
  const input = { jurisdiction: j, name: `测试公司${codeSeq}`, kinds: ['OPERATOR'], evidence: EVIDENCE, facts: { creditCode: code, foundedOn: '2015-01-01', taxGrades: [{ year: 2025, grade: 'A' }, { year: 2026, grade: 'A' }], mlps3Experience: true, commercialCryptoExperience: true, securityDepartment: '安全部', securityHead: '李四', ...facts } };
  return ok(await call(stack, REGISTER, { input }, authority(j), at('2026-01-05'))).registerOrganization.id;
}

/** Drives an application from call to the 三重一大 approval; returns its id. */
async function approvedApplication(j: string, applicant: string, mode: string, method: string, resourceIds: string[], day = '2026-03-02'): Promise<string> {
  const c = ok(await call(stack, `mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`, { input: { jurisdiction: j, title: `${j} 公告`, mode, selectionMethod: method, resourceIds, scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 3 } }, authority(j), at(day))).publishCall;
  const app = ok(await call(stack, `mutation($c: ID!, $d: [ApplicationDocumentInput!]!) { submitOperatorApplication(callId: $c, documents: $d) { id } }`, { c: c.id, d: DOCS }, operatorOf(applicant, j), at(day))).submitOperatorApplication.id;
  ok(await call(stack, `mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: app }, agency(j), at(day)));
  ok(await call(stack, `mutation($id: ID!) { submitExpertReview(applicationId: $id, score: "80", opinion: "可") { status } }`, { id: app }, expert(j), at(day)));
  ok(await call(stack, `mutation($id: ID!) { selectOperatorApplication(id: $id) { status } }`, { id: app }, agency(j), at('2026-03-03')));
  ok(await call(stack, `mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`, { id: app }, authority(j), at('2026-03-20')));
  // HN and QHD: the implementing agency's own collective decision (lifecycleRoles); elsewhere the data authority.
  const decides = j === 'HN' || j === 'QHD' ? agency(j) : authority(j);
  ok(await call(stack, `mutation($id: ID!) { approveApplicationMajorDecision(id: $id, minutesRef: "会议纪要") { status } }`, { id: app }, decides, at('2026-03-20')));
  return app;
}
const SIGN = `mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id status trialEndDate } }`;

describe('the demo seed', () => {
  it('builds one agreement per jurisdiction under its terms, the named scenarios, TZ in rectification, a JL application in review', async () => {
    const all = ok(await call(stack, `{ agreements(first: 20) { totalCount edges { node { id number status jurisdiction trialEndDate profileVersion accessGrants { status } } } } }`, {}, who('AUTHORITY', org('hn-authority'), 'HN'), at('2026-05-06'))).agreements;
    expect(all.totalCount).toBe(1); // scoped to Henan
    for (const d of DEMO_AGREEMENTS) {
      const a = ok(await call(stack, AGREEMENT, { id: d.id }, authority(d.jurisdiction), at('2026-05-06'))).agreement;
      expect(a).toMatchObject({ number: d.number, status: d.status, startDate: d.startDate, endDate: d.endDate, trialEndDate: d.trialEndDate ?? null, profileVersion: 1 });
      const expectedGrants = DEMO_SCENARIOS.filter((s) => s.agreementId === d.id).reduce((n, s) => n + s.resourceIds.length, 0);
      expect(a.accessGrants).toHaveLength(expectedGrants);
      expect(a.accessGrants.every((g: any) => g.status === (d.status === 'SUSPENDED' ? 'PAUSED' : 'ACTIVE'))).toBe(true);
      expect(a.gates.filter((g: any) => g.required).every((g: any) => g.satisfied)).toBe(true);
    }
    const tz = ok(await call(stack, AGREEMENT, { id: ag('tz').id }, authority('TZ'), at('2026-05-06'))).agreement;
    expect(tz.rectifications).toEqual([{ id: DEMO_TZ_RECTIFICATION_ID, status: 'OPEN', cause: 'SECURITY_DUTIES_NOT_PERFORMED' }]);
    const jl = ok(await call(stack, `query($id: ID!) { dataScenarios(filter: { agreementId: $id }) { totalCount edges { node { nameZh status grants { status } } } } }`, { id: ag('jl').id }, authority('JL'), at('2026-05-06'))).dataScenarios;
    expect(jl.edges.map((e: any) => e.node.nameZh).sort()).toEqual(['乐居服务', '地产金融服务', '婚恋服务', '家政服务'].sort());
    const app = ok(await call(stack, `query($id: ID!) { operatorApplication(id: $id) { status averageScore eligibility { eligible criteria { criterion passed } } applicant { name } } }`, { id: DEMO_JL_APPLICATION_ID }, expert('JL'), at('2026-05-06'))).operatorApplication;
    expect(app).toMatchObject({ status: 'EXPERT_REVIEW', averageScore: '88.25', applicant: { name: '长白山金融科技有限公司' } });
    expect(app.eligibility.eligible).toBe(true);
    // Every party has a valid credit code; the events other subgraphs project were published.
    const codes = await sql<{ credit_code: string }>(stack.em('licensing'), `select credit_code from organization`);
    expect(codes).toHaveLength(DEMO_ORGS.length);
    expect(codes.every((c) => creditCodeProblem(c.credit_code) === null)).toBe(true);
    expect(await inbox('products', 'AgreementSigned')).toHaveLength(DEMO_AGREEMENTS.length);
    expect(await inbox('products', 'ScenarioApproved')).toHaveLength(DEMO_SCENARIOS.length);
    expect((await inbox('products', 'AccessRevoked')).every((p) => p.agreementId === ag('tz').id && p.status === 'PAUSED')).toBe(true);
  });

  it('validates the credit code check character (GB 32100)', () => {
    expect(creditCodeProblem('91350100M000100Y43')).toBeNull();
    expect(creditCodeProblem('91350100M000100Y44')).toBe('CHECK_CHARACTER');
    expect(creditCodeProblem('91350100M000100Y4')).toBe('LENGTH');
    expect(creditCodeProblem('91350100M000100I43')).toBe('CHARACTER');
  });

  it('serves every jurisdiction\'s profile with sources, publicly', async () => {
    const res = ok(await call(stack, `{ jurisdictions { code nameZh } policyProfile(jurisdiction: "ZJC") { version settings { name value source } } }`, {}, who('ANONYMOUS'), at('2026-05-06')));
    expect(res.jurisdictions.map((j: any) => j.code)).toEqual(['NATIONAL', 'HN', 'JL', 'QHD', 'TZ', 'ZJC']);
    const term = res.policyProfile.settings.find((s: any) => s.name === 'agreementTerm');
    expect(term).toEqual({ name: 'agreementTerm', value: { maxMonths: 24, fixed: false, trialMaxMonths: 6 }, source: 'ZJC §三(四): 2 years plus a trial of ≤ 6 months' });
    expect(res.policyProfile.settings.every((s: any) => s.source)).toBe(true);
    refused(await call(stack, `{ policyProfile(jurisdiction: "XX") { version } }`, {}, who('ANONYMOUS'), at('2026-05-06')), 'BAD_USER_INPUT');
  });
});

describe('object-level access (IDOR): another operator gets nothing by id', () => {
  // The TZ demo agreement (suspended, open rectification) belongs to tz-operator; the intruder is a
  // second TZ operator — same role, same jurisdiction, different organization.
  const tz = () => ag('tz');
  const scenarioId = () => scenarioByKey('tz-health-insurance').id;
  let intruder: ReturnType<typeof operatorOf>;
  let owner: ReturnType<typeof operatorOf>;
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Organization { id name creditCode taxGrades { year } penalties { date } dishonestListEntries { listedOn } securityIncidents { date } mlps3Experience commercialCryptoExperience securityDepartment securityHead }
    ... on AuthorizationAgreement { id status contents accessGrants { id } }
    ... on DataScenario { id nameZh }
    ... on AccessGrant { id grantStatus: status }
  } }`;

  beforeAll(async () => {
    intruder = operatorOf(await registerCompany('TZ'), 'TZ');
    owner = operatorOf(tz().operatorId, 'TZ');
  });

  it('reads: by id, in lists, through _entities — null, empty or NOT_FOUND; the owner still sees everything', async () => {
    const now = at('2026-05-06');
    const [grant] = (await sql<{ id: string }>(stack.em('licensing'), `select id from access_grant where agreement_id = $1 order by id limit 1`, [tz().id]));
    expect(ok(await call(stack, `query($id: ID!) { agreement(id: $id) { id } }`, { id: tz().id }, intruder, now)).agreement).toBeNull();
    expect(ok(await call(stack, `query($id: ID!) { dataScenario(id: $id) { id } }`, { id: scenarioId() }, intruder, now)).dataScenario).toBeNull();
    const lists = ok(await call(stack, `query($a: ID!, $o: ID!) {
      agreements(filter: { operatorId: $o }) { totalCount } dataScenarios(filter: { agreementId: $a }) { totalCount }
      accessGrants(filter: { agreementId: $a }) { totalCount } }`, { a: tz().id, o: tz().operatorId }, intruder, now));
    expect(lists).toEqual({ agreements: { totalCount: 0 }, dataScenarios: { totalCount: 0 }, accessGrants: { totalCount: 0 } });
    refused(await call(stack, `query($o: ID!) { eligibilityCheck(organizationId: $o, jurisdiction: "TZ") { eligible } }`, { o: tz().operatorId }, intruder, now), 'NOT_FOUND');
    // Another company's application (JL), by id and in the list.
    const jlOp = operatorOf(org('jl-operator'), 'JL');
    expect(ok(await call(stack, `query($id: ID!) { operatorApplication(id: $id) { id } }`, { id: DEMO_JL_APPLICATION_ID }, jlOp, now)).operatorApplication).toBeNull();
    expect(ok(await call(stack, `{ operatorApplications { totalCount } }`, {}, jlOp, now)).operatorApplications.totalCount).toBe(0);

    // Signed direct subgraph call, as the router would make it for a reference.
    const reps = [
      { __typename: 'Organization', id: tz().operatorId },
      { __typename: 'AuthorizationAgreement', id: tz().id },
      { __typename: 'DataScenario', id: scenarioId() },
      { __typename: 'AccessGrant', id: grant!.id },
    ];
    const [o, a, sc, g] = ok(await call(stack, ENTITIES, { r: reps }, intruder, now))._entities;
    expect(o).toMatchObject({ id: tz().operatorId, taxGrades: null, penalties: null, dishonestListEntries: null, securityIncidents: null, mlps3Experience: null, commercialCryptoExperience: null, securityDepartment: null, securityHead: null });
    expect(o.name).toBeTruthy(); // the directory entry itself is public
    expect([a, sc, g]).toEqual([null, null, null]);
    const mine = ok(await call(stack, ENTITIES, { r: reps }, owner, now))._entities;
    expect(mine[0].securityDepartment).toBeTruthy();
    expect(mine[0].taxGrades).not.toBeNull();
    expect(mine[1]).toMatchObject({ id: tz().id, status: 'SUSPENDED' });
    expect(mine[2]).toMatchObject({ id: scenarioId() });
    expect(mine[3]).toMatchObject({ id: grant!.id, grantStatus: 'PAUSED' });
  });

  it('writes: every act on another operator\'s agreement, rectification, scenario or application is FORBIDDEN — before any state check — and changes nothing', async () => {
    const now = at('2026-05-06');
    const id = tz().id;
    const before = await snapshot(stack);
    const attempts: [string, Record<string, unknown>][] = [
      [`mutation($id: ID!) { submitRectificationPlan(rectificationId: $id, plan: "冒名整改") { id } }`, { id: DEMO_TZ_RECTIFICATION_ID }],
      // Suspended: the owner would get CONFLICT here; a stranger must not learn that.
      [`mutation($id: ID!) { requestRenewal(agreementId: $id, proposedEndDate: "2031-04-30") { id } }`, { id }],
      [`mutation($id: ID!) { requestEarlyTermination(agreementId: $id, effectiveOn: "2027-01-31", reason: "x") { id } }`, { id }],
      [`mutation($input: RecordReadinessInput!) { recordReadiness(input: $input) { id } }`, { input: { agreementId: id, kind: 'TRAINING', subject: '张三', passed: true, doneOn: '2026-05-01' } }],
      [`mutation($id: ID!) { recordDataDeletion(agreementId: $id, deletedOn: "2026-05-06") { id } }`, { id }],
      [`mutation($id: ID!) { purgeAgreementLogs(agreementId: $id) { id } }`, { id }],
      [`mutation($input: SubmitScenarioInput!) { submitDataScenario(input: $input) { id } }`, { input: { agreementId: id, nameZh: '搭便车', description: 'x', category: 'INDUSTRY', resources: [{ resourceId: resourceByKey('tz-weather').id, justification: 'x', fields: [] }] } }],
      [`mutation($id: ID!, $ev: FactEvidenceInput!) { updateOrganization(id: $id, input: { securityHead: "冒名" }, evidence: $ev) { id } }`, { id: tz().operatorId, ev: EVIDENCE }],
    ];
    for (const [q, v] of attempts) {
      const ext = refused(await call(stack, q, v, intruder, now), 'FORBIDDEN');
      expect(ext.details?.from, q).toBeUndefined(); // no state leaked
    }
    refused(await call(stack, `mutation($id: ID!, $d: [ApplicationDocumentInput!]!) { supplementOperatorApplication(id: $id, documents: $d) { id } }`, { id: DEMO_JL_APPLICATION_ID, d: DOCS }, operatorOf(org('jl-operator'), 'JL'), now), 'FORBIDDEN');
    // A company never records its own facts, sanctions least of all: it proposes, an official decides.
    refused(await call(stack, `mutation($id: ID!, $ev: FactEvidenceInput!) { updateOrganization(id: $id, input: { penalties: [] }, evidence: $ev) { id } }`, { id: tz().operatorId, ev: EVIDENCE }, owner, now), 'FORBIDDEN');
    expect(await snapshot(stack)).toEqual(before);
  });
});

describe('eligibility windows, boundary dates on both sides', () => {
  const CHECK = `query($o: ID!, $j: String!) { eligibilityCheck(organizationId: $o, jurisdiction: $j) { eligible criteria { criterion passed reasonEn source } } }`;
  const UPDATE = `mutation($id: ID!, $input: OrganizationFactsInput!, $ev: FactEvidenceInput!) { updateOrganization(id: $id, input: $input, evidence: $ev) { id foundedOn } }`;

  it('JL: more than 2 years in business, prior-year tax grade A or B', async () => {
    const id = await registerCompany('JL', { foundedOn: '2024-05-06' });
    const c1 = ok(await call(stack, CHECK, { o: id, j: 'JL' }, authority('JL'), at('2026-05-06'))).eligibilityCheck;
    expect(c1.criteria.find((c: any) => c.criterion === 'YEARS_IN_BUSINESS')).toMatchObject({ passed: false, source: expect.stringContaining('JL §三') });
    ok(await call(stack, UPDATE, { id, input: { foundedOn: '2024-05-05' }, ev: EVIDENCE }, authority('JL'), at('2026-05-06')));
    const c2 = ok(await call(stack, CHECK, { o: id, j: 'JL' }, authority('JL'), at('2026-05-06'))).eligibilityCheck;
    expect(c2).toMatchObject({ eligible: true });
    ok(await call(stack, UPDATE, { id, input: { taxGrades: [{ year: 2025, grade: 'M' }] }, ev: EVIDENCE }, agency('JL'), at('2026-05-06')));
    const c3 = ok(await call(stack, CHECK, { o: id, j: 'JL' }, authority('JL'), at('2026-05-06'))).eligibilityCheck;
    expect(c3.criteria.filter((c: any) => !c.passed).map((c: any) => c.criterion)).toEqual(['TAX_CREDIT_GRADE']);
    refused(await call(stack, UPDATE, { id, input: { taxGrades: [{ year: 2025, grade: 'Z' }] }, ev: EVIDENCE }, authority('JL'), at('2026-05-06')), 'BAD_USER_INPUT');
    // Neither the company itself nor another company may edit it.
    refused(await call(stack, UPDATE, { id, input: { taxGrades: [{ year: 2025, grade: 'A' }] }, ev: EVIDENCE }, operatorOf(id, 'JL'), at('2026-05-06')), 'FORBIDDEN');
    refused(await call(stack, UPDATE, { id, input: { foundedOn: '2010-01-01' }, ev: EVIDENCE }, operatorOf(org('jl-operator'), 'JL'), at('2026-05-06')), 'FORBIDDEN');
  });

  it('TZ: security incident within 3 years (the first day of the window counts); no penalty bar, which only JL sets', async () => {
    const id = await registerCompany('TZ', { penalties: [{ date: '2023-05-06', severity: 'SERIOUS' }], securityIncidents: [{ date: '2023-05-06', severity: 'MINOR' }] });
    const c = ok(await call(stack, CHECK, { o: id, j: 'TZ' }, authority('TZ'), at('2026-05-06'))).eligibilityCheck;
    expect(c.criteria.find((x: any) => x.criterion === 'SERIOUS_PENALTY')).toBeUndefined();
    expect(c.criteria.find((x: any) => x.criterion === 'SECURITY_INCIDENT').passed).toBe(false);
    const later = ok(await call(stack, CHECK, { o: id, j: 'TZ' }, authority('TZ'), at('2026-05-07'))).eligibilityCheck;
    expect(later.criteria.find((x: any) => x.criterion === 'SECURITY_INCIDENT').passed).toBe(true);
    const jl = ok(await call(stack, CHECK, { o: id, j: 'JL' }, authority('JL'), at('2026-05-06'))).eligibilityCheck;
    expect(jl.criteria.find((x: any) => x.criterion === 'SERIOUS_PENALTY').passed).toBe(false);
    // Facts are not public.
    const pub = ok(await call(stack, `query($id: ID!) { organization(id: $id) { name penalties { date } creditCode } }`, { id }, who('ANONYMOUS'), at('2026-05-06'))).organization;
    expect(pub.penalties).toBeNull();
    expect(pub.creditCode).toBeTruthy();
  });
});

describe('ZJC: trial period, readiness gates, 2-year security review, log retention, expiry', () => {
  const zjc = ag('zjc');
  const op = operatorOf(zjc.operatorId, 'ZJC');
  const traffic = resourceByKey('zjc-traffic-flow').id;

  it('signs 2 years plus a trial of at most 6 months; opening needs training, a valid review and an emergency plan', async () => {
    const applicant = await registerCompany('ZJC');
    const app = await approvedApplication('ZJC', applicant, 'BY_SCENARIO', 'OPEN_TENDER', [traffic]);
    const base = { applicationId: app, startDate: '2026-04-01', contents: CONTENTS };
    refused(await call(stack, SIGN, { input: { ...base, endDate: '2028-10-31', trialEndDate: '2026-10-31' } }, authority('ZJC'), at('2026-03-25')), 'POLICY_VIOLATION', /trial of ≤ 6 months/);
    refused(await call(stack, SIGN, { input: { ...base, endDate: '2028-04-30' } }, authority('ZJC'), at('2026-03-25')), 'POLICY_VIOLATION', /ZJC/);
    const s = ok(await call(stack, SIGN, { input: { ...base, endDate: '2028-09-30', trialEndDate: '2026-09-30' } }, authority('ZJC'), at('2026-03-25'))).signAgreement;
    expect(s).toMatchObject({ status: 'SIGNED', trialEndDate: '2026-09-30' });
    ok(await call(stack, `mutation($id: ID!) { fileAgreement(id: $id) { id } }`, { id: s.id }, authority('ZJC'), at('2026-03-26')));
    const gates = refused(await call(stack, `mutation($id: ID!) { activateAgreement(id: $id) { status } }`, { id: s.id }, authority('ZJC'), at('2026-04-01')), 'POLICY_VIOLATION');
    expect(gates.details.missing).toEqual(['TRAINING', 'SECURITY_REVIEW', 'EMERGENCY_PLAN']);
    // The operator may not certify its own security review.
    refused(await call(stack, `mutation($input: RecordReadinessInput!) { recordReadiness(input: $input) { id } }`, { input: { agreementId: s.id, kind: 'SECURITY_REVIEW', subject: 'x', passed: true, doneOn: '2026-03-30' } }, operatorOf(applicant, 'ZJC'), at('2026-03-30')), 'FORBIDDEN');
  });

  it('refuses to open access once the security review is past its 2 years, until a new one is recorded', async () => {
    const SUBMIT = `mutation($input: SubmitScenarioInput!) { submitDataScenario(input: $input) { id } }`;
    const sid = ok(await call(stack, SUBMIT, { input: { agreementId: zjc.id, nameZh: '物流路径优化', description: '道路流量支撑物流调度', category: 'INDUSTRY', resources: [{ resourceId: traffic, justification: '仅需卡口小时流量', fields: ['record_id'] }] } }, op, at('2026-12-17'))).submitDataScenario.id;
    ok(await call(stack, `mutation($s: ID!, $r: ID!) { reviewScenarioResource(scenarioId: $s, resourceId: $r, approve: true) { id } }`, { s: sid, r: traffic }, source('zjc-src-transport', 'ZJC'), at('2026-12-17')));
    const agreement = ok(await call(stack, AGREEMENT, { id: zjc.id }, authority('ZJC'), at('2026-12-18'))).agreement;
    expect(agreement.gates.find((g: any) => g.gate === 'SECURITY_REVIEW')).toMatchObject({ satisfied: false, detail: 'expired on 2026-12-17', source: expect.stringContaining('ZJC §三(五)') });
    const before = await snapshot(stack);
    const r = refused(await call(stack, `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: true) { status } }`, { s: sid }, agency('ZJC'), at('2026-12-18')), 'POLICY_VIOLATION', /valid 2 years/);
    expect(r.details.missing).toEqual(['SECURITY_REVIEW']);
    expect(await snapshot(stack)).toEqual(before);
    const rec = ok(await call(stack, `mutation($input: RecordReadinessInput!) { recordReadiness(input: $input) { validUntil } }`, { input: { agreementId: zjc.id, kind: 'SECURITY_REVIEW', subject: '2026年度安全审查', passed: true, doneOn: '2026-12-18' } }, agency('ZJC'), at('2026-12-18'))).recordReadiness;
    expect(rec.validUntil).toBe('2028-12-17');
    const d = ok(await call(stack, `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: true) { status grants { status expiresOn } } }`, { s: sid }, agency('ZJC'), at('2026-12-18'))).decideDataScenario;
    expect(d).toMatchObject({ status: 'APPROVED', grants: [{ status: 'ACTIVE', expiresOn: '2027-06-30' }] });
  });

  it('expires at the end of the last day, revokes every grant, and keeps logs 6 months after exit', async () => {
    const rt = stack.runtimes.licensing!;
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2027-06-30', '23:59')))).expired).toEqual([]);
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2027-07-01', '00:00')))).expired).toEqual([zjc.id]);
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2027-07-02')))).expired).toEqual([]);
    const a = ok(await call(stack, AGREEMENT, { id: zjc.id }, op, at('2027-07-01'))).agreement;
    expect(a).toMatchObject({ status: 'EXPIRED', endedOn: '2027-06-30', logPurgeEarliest: '2027-12-31' }); // kept 2027-07-01 … 2027-12-30
    expect(a.accessGrants.every((g: any) => g.status === 'REVOKED')).toBe(true);
    expect((await inbox('revenue', 'AgreementExpired')).find((p) => p.agreementId === zjc.id)).toMatchObject({ status: 'EXPIRED' });
    const PURGE = `mutation { purgeAgreementLogs(agreementId: "${zjc.id}") { logsPurgedOn } }`;
    const before = await snapshot(stack);
    expect(refused(await call(stack, PURGE, {}, op, at('2027-12-30')), 'POLICY_VIOLATION', /ZJC §三\(四\)3\(6\)/).details.earliest).toBe('2027-12-31');
    expect(await snapshot(stack)).toEqual(before);
    expect(ok(await call(stack, PURGE, {}, op, at('2027-12-31'))).purgeAgreementLogs.logsPurgedOn).toBe('2027-12-31');
    // Expired: no renewal, no new scenario.
    refused(await call(stack, `mutation { requestRenewal(agreementId: "${zjc.id}", proposedEndDate: "2029-06-30") { id } }`, {}, op, at('2027-07-02')), 'CONFLICT');
  });
});

describe('QHD: whole scope to one operator, invited tender, renewal only in the last 3 months, 3 months\' notice', () => {
  const qhd = ag('qhd');
  const op = operatorOf(qhd.operatorId, 'QHD');

  it('allows only whole-scope calls by invited tender over authorizable resources, and never a second operator', async () => {
    const input = { jurisdiction: 'QHD', title: 'x', mode: 'BY_SCENARIO', selectionMethod: 'INVITED_TENDER', resourceIds: [resourceByKey('qhd-water-quality').id], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 3 };
    const P = `mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`;
    refused(await call(stack, P, { input }, authority('QHD'), at('2026-03-02')), 'POLICY_VIOLATION', /QHD §三\(二\)/);
    refused(await call(stack, P, { input: { ...input, mode: 'WHOLE', selectionMethod: 'OPEN_TENDER' } }, authority('QHD'), at('2026-03-02')), 'POLICY_VIOLATION', /invited tender/);
    const prohibited = refused(await call(stack, P, { input: { ...input, mode: 'WHOLE', resourceIds: [resourceByKey('qhd-classified').id] } }, authority('QHD'), at('2026-03-02')), 'POLICY_VIOLATION', /NS Art 5/);
    expect(prohibited.details.resources[0].reason).toBe('PROHIBITED');
    const applicant = await registerCompany('QHD');
    const app = await approvedApplication('QHD', applicant, 'WHOLE', 'INVITED_TENDER', [resourceByKey('qhd-water-quality').id]);
    const before = await snapshot(stack);
    // QHD: the implementing agency signs; the data authority is refused with the rule.
    const byAuthority = refused(await call(stack, SIGN, { input: { applicationId: app, startDate: '2026-04-01', endDate: '2029-03-31', contents: CONTENTS } }, authority('QHD'), at('2026-03-25')), 'FORBIDDEN');
    expect(byAuthority.messageZh).toMatch(/签署授权协议由实施机构办理/);
    expect(byAuthority.details).toMatchObject({ step: 'signAgreement', by: 'AGENCY', rule: expect.stringMatching(/QHD/) });
    refused(await call(stack, SIGN, { input: { applicationId: app, startDate: '2026-04-01', endDate: '2028-03-31', contents: CONTENTS } }, agency('QHD'), at('2026-03-25')), 'POLICY_VIOLATION', /QHD §三\(二\): 3 years/);
    const one = refused(await call(stack, SIGN, { input: { applicationId: app, startDate: '2026-04-01', endDate: '2029-03-31', contents: CONTENTS } }, agency('QHD'), at('2026-03-25')), 'POLICY_VIOLATION', /QHD §三\(二\)/);
    expect(one.details.agreementIds).toEqual([qhd.id]);
    expect(await snapshot(stack)).toEqual(before);
  });

  it('accepts renewal only in the last 3 months (2028-02-29 → from 2027-11-30) and renews for a fixed 3 years', async () => {
    const RENEW = `mutation($end: LocalDate!) { requestRenewal(agreementId: "${qhd.id}", proposedEndDate: $end) { id } }`;
    const before = await snapshot(stack);
    const early = refused(await call(stack, RENEW, { end: '2031-02-28' }, op, at('2027-11-29')), 'POLICY_VIOLATION', /届满前3个月内/);
    expect(early.details).toMatchObject({ opensOn: '2027-11-30', closesOn: '2028-02-29' });
    refused(await call(stack, RENEW, { end: '2031-02-28' }, operatorOf(org('jl-operator'), 'QHD'), at('2027-11-30')), 'FORBIDDEN');
    expect(await snapshot(stack)).toEqual(before);
    const r = ok(await call(stack, RENEW, { end: '2031-02-28' }, op, at('2027-11-30'))).requestRenewal;
    refused(await call(stack, RENEW, { end: '2031-02-28' }, op, at('2027-11-30')), 'CONFLICT');
    const a = ok(await call(stack, `mutation { decideRenewal(renewalId: "${r.id}", approve: true) { endDate renewals { status } } }`, {}, authority('QHD'), at('2027-11-30'))).decideRenewal;
    expect(a).toMatchObject({ endDate: '2031-02-28', renewals: [{ status: 'APPROVED' }] });
  });

  it('early termination needs 3 months\' notice, month-end clamped (notice 2027-11-30 → earliest 2028-02-29), and consent; then the clock ends it and exit follows', async () => {
    const TERM = `mutation($on: LocalDate!) { requestEarlyTermination(agreementId: "${qhd.id}", effectiveOn: $on, reason: "业务调整") { terminationEffectiveOn terminationConsented } }`;
    const before = await snapshot(stack);
    const short = refused(await call(stack, TERM, { on: '2028-02-28' }, op, at('2027-11-30')), 'POLICY_VIOLATION', /≥ 3 months/);
    expect(short.details.earliest).toBe('2028-02-29');
    expect(await snapshot(stack)).toEqual(before);
    expect(ok(await call(stack, TERM, { on: '2028-02-29' }, op, at('2027-11-30'))).requestEarlyTermination).toEqual({ terminationEffectiveOn: '2028-02-29', terminationConsented: false });
    const rt = stack.runtimes.licensing!;
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2028-02-29')))).terminated).toEqual([]); // no consent yet
    ok(await call(stack, `mutation { consentEarlyTermination(agreementId: "${qhd.id}") { terminationConsented } }`, {}, authority('QHD'), at('2027-12-05')));
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2028-02-28', '23:59')))).terminated).toEqual([]);
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2028-02-29', '00:01')))).terminated).toEqual([qhd.id]);
    const a = ok(await call(stack, AGREEMENT, { id: qhd.id }, authority('QHD'), at('2028-03-01'))).agreement;
    expect(a).toMatchObject({ status: 'TERMINATED', endedOn: '2028-02-29', logPurgeEarliest: '2028-02-29' });
    expect(a.accessGrants.every((g: any) => g.status === 'REVOKED')).toBe(true);
    expect((await inbox('products', 'AgreementTerminated')).some((p) => p.agreementId === qhd.id)).toBe(true);
    // Exit: transfer needs a successor; exit needs QHD's checklist (test/plans-exit.test.ts has the item-by-item case).
    refused(await call(stack, `mutation { recordAssetDisposition(agreementId: "${qhd.id}", kind: TRANSFER, note: "移交") { id } }`, {}, authority('QHD'), at('2028-03-01')), 'BAD_USER_INPUT');
    ok(await call(stack, `mutation { recordAssetDisposition(agreementId: "${qhd.id}", kind: TRANSFER, successorId: "${org('dev-credit')}", note: "数据与模型移交承接单位") { id } }`, {}, authority('QHD'), at('2028-03-01')));
    ok(await call(stack, `mutation { recordDataDeletion(agreementId: "${qhd.id}", deletedOn: "2028-03-01") { dataDeletedOn } }`, {}, op, at('2028-03-01')));
    expect(refused(await call(stack, `mutation { completeAgreementExit(agreementId: "${qhd.id}") { status } }`, {}, authority('QHD'), at('2028-03-01')), 'CONFLICT').details.reason).toBe('EXIT_DUTIES_OUTSTANDING');
    const CONFIRM = `mutation($input: ConfirmExitDutyInput!) { confirmExitDuty(input: $input) { status } }`;
    for (const [item, extra] of [['PERMISSIONS_CLOSED', {}], ['TRANSFERRED_TO_SUCCESSOR', { successorId: org('dev-credit') }], ['UNTRANSFERABLE_DESTROYED', {}], ['EXIT_FILED', {}]] as const) {
      ok(await call(stack, CONFIRM, { input: { agreementId: qhd.id, item, doneOn: '2028-03-01', evidence: `${item} 记录`, ...extra } }, authority('QHD'), at('2028-03-01')));
    }
    expect(ok(await call(stack, `mutation { completeAgreementExit(agreementId: "${qhd.id}") { status } }`, {}, authority('QHD'), at('2028-03-02'))).completeAgreementExit.status).toBe('EXITED');
  });
});

describe('scenario refusal', () => {
  it('a source unit refusal leads to ScenarioRefused with the reasons and no grant', async () => {
    const hn = ag('hn');
    const social = resourceByKey('hn-social-insurance').id;
    const sid = ok(await call(stack, `mutation($input: SubmitScenarioInput!) { submitDataScenario(input: $input) { id } }`, { input: { agreementId: hn.id, nameZh: '灵活就业保险', description: '社保缴费核验', category: 'PUBLIC_WELFARE', resources: [{ resourceId: social, justification: '缴费月数', fields: ['pay_months'] }] } }, operatorOf(hn.operatorId, 'HN'), at('2026-05-06'))).submitDataScenario.id;
    refused(await call(stack, `mutation($s: ID!, $r: ID!) { reviewScenarioResource(scenarioId: $s, resourceId: $r, approve: false) { id } }`, { s: sid, r: social }, source('hn-src-hrss', 'HN'), at('2026-05-07')), 'BAD_USER_INPUT');
    ok(await call(stack, `mutation($s: ID!, $r: ID!) { reviewScenarioResource(scenarioId: $s, resourceId: $r, approve: false, reason: "含敏感个人信息，不符合最小必要") { id } }`, { s: sid, r: social }, source('hn-src-hrss', 'HN'), at('2026-05-07')));
    refused(await call(stack, `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: true) { status } }`, { s: sid }, agency('HN'), at('2026-05-08')), 'CONFLICT');
    const d = ok(await call(stack, `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: false) { status refusalReasons grants { id } } }`, { s: sid }, agency('HN'), at('2026-05-08'))).decideDataScenario;
    expect(d).toMatchObject({ status: 'REFUSED', grants: [] });
    expect(d.refusalReasons[0]).toContain('不符合最小必要');
    expect((await inbox('evaluation', 'ScenarioRefused')).find((p) => p.scenarioId === sid)).toMatchObject({ agreementId: hn.id });
    refused(await call(stack, `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: false, reasons: ["x"]) { status } }`, { s: sid }, agency('HN'), at('2026-05-08')), 'CONFLICT');
  });
});

describe('events consumed', () => {
  it('keeps a version-guarded projection of catalog resources; a withdrawn resource takes its grants with it', async () => {
    const id = demoId('resource:test-new');
    const snap = { resourceId: id, jurisdiction: 'HN', code: 'HN-T-1', nameZh: '测试资源', sector: 'credit', sourceAgencyId: org('hn-src-market'), openness: 'CONDITIONAL', grade: 'L2', recordCount: 1, quality: { completeness: '1', consistency: '1', accuracy: '1', timeliness: '1' }, authorizable: true, authorizableReasons: [], status: 'ACTIVE', version: 1, updatedAt: new Date().toISOString() };
    await deliver('ResourcePublished', 'catalog', snap);
    await deliver('ResourceAuthorizabilityChanged', 'catalog', { resourceId: id, jurisdiction: 'HN', authorizable: false, reasons: ['REGISTRATION_CANCELLED'], version: 3 });
    await deliver('ResourceChanged', 'catalog', { ...snap, nameZh: '旧版本', version: 2 }); // late and stale
    const [row] = await sql<any>(stack.em('licensing'), `select name_zh, authorizable, version from resource_projection where resource_id = $1`, [id]);
    expect(row).toEqual({ name_zh: '测试资源', authorizable: false, version: 3 });

    const employment = resourceByKey('hn-employment').id;
    await deliver('ResourceWithdrawn', 'catalog', { resourceId: employment, jurisdiction: 'HN', sourceAgencyId: org('hn-src-hrss'), version: 5, withdrawnAt: new Date().toISOString() });
    const grants = await sql<any>(stack.em('licensing'), `select status from access_grant where resource_id = $1`, [employment]);
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.every((g: any) => g.status === 'REVOKED')).toBe(true);
    // Published in the handler's own transaction: one AccessRevoked per grant, no relay needed.
    const revoked = (await inbox('products', 'AccessRevoked')).filter((p) => p.resourceId === employment);
    expect(revoked.length).toBe(grants.length);
  });

  it('an evaluation finding opens one rectification (redelivery-safe) and, where no text closes access (JL), leaves access open; an incident pauses the affected grants until closed', async () => {
    const jl = ag('jl');
    const finding = { findingId: 'F-2026-001', evaluationId: 'E-1', agreementId: jl.id, operatorId: jl.operatorId, jurisdiction: 'JL', cause: '年度评估发现重大风险', deadline: '2026-09-30' };
    await deliver('RectificationRequested', 'evaluation', finding);
    await deliver('RectificationRequested', 'evaluation', finding); // same finding, new envelope
    const a = ok(await call(stack, AGREEMENT, { id: jl.id }, authority('JL'), at('2026-06-01'))).agreement;
    expect(a.status).toBe('ACTIVE');
    expect(a.rectifications).toHaveLength(1);
    expect(a.accessGrants.some((g: any) => g.status === 'ACTIVE')).toBe(true);

    const hn = ag('hn');
    const vehicles = resourceByKey('hn-freight-vehicles').id;
    const incident = { incidentId: 'I-1', jurisdiction: 'HN', operatorId: hn.operatorId, agreementId: hn.id, type: 'DATA_LEAK', severity: 'HIGH', stopProcessing: true, resourceIds: [vehicles], productIds: [], occurredAt: '2026-05-20T02:00:00Z' };
    const envId = uuidv7();
    await deliver('SecurityIncidentReported', 'evaluation', incident, envId);
    await deliver('SecurityIncidentReported', 'evaluation', incident, envId); // exact redelivery: skipped
    const h = ok(await call(stack, AGREEMENT, { id: hn.id }, authority('HN'), at('2026-05-21'))).agreement;
    expect(h.status).toBe('ACTIVE');
    expect(h.accessGrants.filter((g: any) => g.status === 'PAUSED').map((g: any) => g.resourceId)).toEqual([vehicles]);
    const facts = ok(await call(stack, `query($id: ID!) { organization(id: $id) { securityIncidents { date severity } } }`, { id: hn.operatorId }, authority('HN'), at('2026-05-21'))).organization;
    expect(facts.securityIncidents).toEqual([{ date: '2026-05-20', severity: 'MAJOR' }]);
    await deliver('SecurityIncidentClosed', 'evaluation', { incidentId: 'I-1', jurisdiction: 'HN', agreementId: hn.id, resourceIds: [vehicles], productIds: [], closedAt: '2026-05-25T02:00:00Z' });
    const h2 = ok(await call(stack, AGREEMENT, { id: hn.id }, authority('HN'), at('2026-05-26'))).agreement;
    expect(h2.accessGrants.filter((g: any) => g.status === 'PAUSED')).toEqual([]);
    expect(h2.accessGrants.find((g: any) => g.resourceId === vehicles).status).toBe('ACTIVE');
    expect((await inbox('products', 'AgreementSuspended')).some((p) => p.agreementId === jl.id)).toBe(false);
    expect(scenarioByKey('jl-housing').agreementId).toBe(jl.id);
  });
});

describe('rectification consequences follow each jurisdiction (profile setting `rectification`)', () => {
  const C = `mutation($id: ID!, $p: Boolean!) { concludeRectification(rectificationId: $id, passed: $p, note: "逾期未完成整改") { status endedOn logPurgeEarliest accessGrants { status reason } rectifications { id status } } }`;
  const ORDER = `mutation($input: SuspendAgreementInput!) { orderRectification(input: $input) { status accessGrants { status } rectifications { id status cause } } }`;

  it('TZ Art 29: a failed rectification stops access (suspended, grants paused), it does not end the authorization; the authority may then end it', async () => {
    const tz = ag('tz');
    refused(await call(stack, C, { id: DEMO_TZ_RECTIFICATION_ID, p: false }, operatorOf(tz.operatorId, 'TZ'), at('2026-09-01')), 'FORBIDDEN');
    const a = ok(await call(stack, C, { id: DEMO_TZ_RECTIFICATION_ID, p: false }, authority('TZ'), at('2026-09-01'))).concludeRectification;
    expect(a).toMatchObject({ status: 'SUSPENDED', endedOn: null, rectifications: [{ status: 'FAILED' }] });
    expect(a.accessGrants.every((g: any) => g.status === 'PAUSED')).toBe(true);
    expect((await inbox('products', 'AgreementTerminated')).find((p) => p.agreementId === tz.id)).toBeUndefined();
    refused(await call(stack, C, { id: DEMO_TZ_RECTIFICATION_ID, p: true }, authority('TZ'), at('2026-09-02')), 'CONFLICT');
    const T = `mutation($id: ID!) { terminateAgreement(agreementId: $id, reason: "整改不通过，终止授权") { status endedOn logPurgeEarliest accessGrants { status } } }`;
    refused(await call(stack, T, { id: tz.id }, agency('TZ'), at('2026-09-02')), 'FORBIDDEN');
    const t = ok(await call(stack, T, { id: tz.id }, authority('TZ'), at('2026-09-02'))).terminateAgreement;
    expect(t).toMatchObject({ status: 'TERMINATED', endedOn: '2026-09-02', logPurgeEarliest: '2026-09-02' });
    expect(t.accessGrants.every((g: any) => g.status === 'REVOKED')).toBe(true);
    expect((await inbox('products', 'AgreementTerminated')).find((p) => p.agreementId === tz.id)).toMatchObject({ status: 'TERMINATED' });
    const trail = ok(await call(stack, `query($id: String!) { licensingAuditTrail(entityType: "AuthorizationAgreement", entityId: $id) { edges { node { action actorSub } } } }`, { id: tz.id }, authority('TZ'), at('2026-09-02')));
    expect(JSON.stringify(trail)).toContain('TERMINATED');
    expect(ok(await call(stack, `{ licensingAuditVerification { valid } }`, {}, authority('TZ'), at('2026-09-02'))).licensingAuditVerification.valid).toBe(true);
  });

  it('HN Art 22: rectification first — access stays open; a major risk closes it at once; an overdue rectification suspends on the clock', async () => {
    const hn = ag('hn');
    const ordered = ok(await call(stack, ORDER, { input: { agreementId: hn.id, cause: 'OTHER_BREACH', description: '年度评估发现问题', deadline: '2026-06-30' } }, authority('HN'), at('2026-06-01'))).orderRectification;
    expect(ordered.status).toBe('ACTIVE');
    expect(ordered.accessGrants.some((g: any) => g.status === 'ACTIVE')).toBe(true);
    const rect = ordered.rectifications.find((r: any) => r.cause === 'OTHER_BREACH');
    expect(rect.status).toBe('OPEN');
    const rt = stack.runtimes.licensing!;
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2026-06-30', '23:59')))).suspended).toEqual([]);
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2026-07-01', '00:01')))).suspended).toEqual([hn.id]);
    expect((await runAgreementClockJob(stack.em('licensing'), rt, new Date(at('2026-07-02')))).suspended).toEqual([]);
    const after = ok(await call(stack, AGREEMENT, { id: hn.id }, authority('HN'), at('2026-07-02'))).agreement;
    expect(after.status).toBe('SUSPENDED');
    expect(after.accessGrants.every((g: any) => g.status !== 'ACTIVE')).toBe(true);
    // Passing it (plan first) reinstates and resumes only what the rectification paused.
    ok(await call(stack, `mutation($id: ID!) { submitRectificationPlan(rectificationId: $id, plan: "补齐安全措施") { status } }`, { id: rect.id }, operatorOf(hn.operatorId, 'HN'), at('2026-07-03')));
    const back = ok(await call(stack, C.replace('passed: $p, note: "逾期未完成整改"', 'passed: $p, note: "整改到位"'), { id: rect.id, p: true }, authority('HN'), at('2026-07-10'))).concludeRectification;
    expect(back.status).toBe('ACTIVE');
    const major = ok(await call(stack, ORDER, { input: { agreementId: hn.id, cause: 'MAJOR_RISK', description: '重大风险', deadline: '2026-08-31' } }, authority('HN'), at('2026-07-11'))).orderRectification;
    expect(major.status).toBe('SUSPENDED');
  });
});

describe('audit trail scope', () => {
  it("an official reads their own jurisdiction's audit records, not another's", async () => {
    const id = await registerCompany('JL');
    const TRAIL = `query($id: String!) { licensingAuditTrail(entityType: "Organization", entityId: $id) { totalCount edges { node { action } } } }`;
    expect(ok(await call(stack, TRAIL, { id }, authority('JL'), at('2026-05-06'))).licensingAuditTrail.totalCount).toBeGreaterThan(0);
    expect(ok(await call(stack, TRAIL, { id }, authority('HN'), at('2026-05-06'))).licensingAuditTrail.totalCount).toBe(0);
    expect(ok(await call(stack, TRAIL, { id }, agency('HN'), at('2026-05-06'))).licensingAuditTrail.totalCount).toBe(0);
  });

  it('is browsable by object type, action, actor and day (Asia/Shanghai)', async () => {
    const BROWSE = `query($t: String, $a: String, $s: String, $f: LocalDate, $to: LocalDate) { licensingAuditTrail(entityType: $t, action: $a, actorSub: $s, from: $f, to: $to, first: 200) { totalCount edges { node { entityType action actorSub occurredAt } } } }`;
    const jl = authority('JL');
    const all = ok(await call(stack, BROWSE, { t: 'Organization' }, jl, at('2026-05-06'))).licensingAuditTrail;
    expect(all.totalCount).toBeGreaterThan(0);
    expect(all.edges.every((e: any) => e.node.entityType === 'Organization')).toBe(true);
    const first = all.edges[0].node;
    const byActor = ok(await call(stack, BROWSE, { t: 'Organization', a: first.action, s: first.actorSub }, jl, at('2026-05-06'))).licensingAuditTrail;
    expect(byActor.totalCount).toBeGreaterThan(0);
    expect(byActor.edges.every((e: any) => e.node.action === first.action && e.node.actorSub === first.actorSub)).toBe(true);
    const day = new Date(new Date(first.occurredAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(ok(await call(stack, BROWSE, { t: 'Organization', f: day, to: day }, jl, at('2026-05-06'))).licensingAuditTrail.totalCount).toBeGreaterThan(0);
    expect(ok(await call(stack, BROWSE, { t: 'Organization', f: '2001-01-01', to: '2001-01-31' }, jl, at('2026-05-06'))).licensingAuditTrail.totalCount).toBe(0);
    refused(await call(stack, BROWSE, { f: '2026-05-02', to: '2026-05-01' }, jl, at('2026-05-06')), 'BAD_USER_INPUT');
  });
});
