import { describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { who } from '@pdo/testing';
import { stack } from './stack.js';
import { orgByKey } from '@pdo/demo';
import { CREATE, published } from './helpers.js';
import { expireRegistrations } from '../src/services/registrations.js';

const market = orgByKey('hn-src-market').id;
const hnUnit = who('SOURCE_UNIT', market, 'HN', 'u-market');
const hnOtherUnit = who('SOURCE_UNIT', orgByKey('hn-src-transport').id, 'HN', 'u-transport');
const hnAgency = who('AGENCY', orgByKey('hn-agency').id, 'HN', 'u-hn-agency');
const hnAuthority = who('AUTHORITY', orgByKey('hn-authority').id, 'HN', 'u-hn-auth');
const hnOperator = who('OPERATOR', orgByKey('hn-operator').id, 'HN', 'u-hn-op');
const jlOperator = who('OPERATOR', orgByKey('jl-operator').id, 'JL', 'u-jl-op');
const qhdAgency = who('AGENCY', orgByKey('qhd-agency').id, 'QHD', 'u-qhd-agency');

/** 10:00 Beijing time on a calendar day. */
const bj = (d: string) => `${d}T02:00:00Z`;

const call = (q: string, v: Record<string, unknown>, as: ReturnType<typeof who> | undefined, day: string) => stack.subgraph('catalog', q, v, { as, now: bj(day) });

const resourceInput = (code: string, over: Record<string, unknown> = {}) => ({
  jurisdiction: 'HN',
  sourceAgencyId: market,
  code,
  nameZh: `测试资源${code}`,
  descriptionZh: '测试',
  sector: 'CREDIT',
  fields: [{ name: 'uscc', type: 'string', descriptionZh: '统一社会信用代码' }, { name: 'penalty_amount', type: 'decimal', descriptionZh: '罚没金额' }],
  classification: 'GENERAL',
  grade: 'L2',
  openness: 'CONDITIONAL',
  updateFrequency: 'DAILY',
  recordCount: 1000,
  ...over,
});

const REG = `id state type awaiting dueOn overdue submittedOn acceptedOn noticeStartedOn codedOn validUntil registrationCode
  providedOn applicationDueOn appliedLate renewalOpensOn lastReason resource { id registered authorizability { authorizable reasons { code } } }
  steps { action fromState toState reason actorRole onDate }`;
const APPLY = `mutation($input: ApplyResourceRegistrationInput!) { applyResourceRegistration(input: $input) { ${REG} } }`;
const STEP = `mutation($id: ID!, $action: ResourceRegistrationAction!, $reason: String) { transitionResourceRegistration(id: $id, action: $action, reason: $reason) { ${REG} } }`;

async function newResource(code: string, over: Record<string, unknown> = {}, day = '2026-09-29'): Promise<string> {
  const res = await call(CREATE, { input: resourceInput(code, over) }, hnUnit, day);
  expect(res.errors).toBeUndefined();
  return res.data.createDataResource.id;
}


describe('registration (登记) with working-day timers', () => {
  let resourceId: string;
  let regId: string;

  it('applies; the acceptance deadline skips National Day 2026 and lands on the make-up Saturday', async () => {
    resourceId = await newResource('HN-R-0001');
    const res = await call(APPLY, { input: { resourceId, type: 'FIRST', providedOn: '2026-09-01' } }, hnUnit, '2026-09-30');
    expect(res.errors).toBeUndefined();
    const g = res.data.applyResourceRegistration;
    regId = g.id;
    // 3 wd after Wed 30 Sep (not counted): 1–7 Oct off → Thu 8, Fri 9, Sat 10 (调休上班)
    expect(g).toMatchObject({ state: 'APPLIED', submittedOn: '2026-09-30', awaiting: 'ACCEPTANCE', dueOn: '2026-10-10', overdue: false });
    // first application: 20 wd after the data was provided (Sun 20 Sep is a make-up day, 25–27 Sep off)
    expect(g).toMatchObject({ providedOn: '2026-09-01', applicationDueOn: '2026-09-29', appliedLate: true });
    expect(g.steps).toEqual([{ action: 'APPLY', fromState: null, toState: 'APPLIED', reason: null, actorRole: 'SOURCE_UNIT', onDate: '2026-09-30' }]);
  });

  it('refuses a second application, a change before the first is coded, and steps out of order or by the wrong party', async () => {
    const again = await call(APPLY, { input: { resourceId, type: 'FIRST' } }, hnUnit, '2026-09-30');
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const outOfOrder = await call(STEP, { id: regId, action: 'CODE' }, hnAuthority, '2026-10-08');
    expect(outOfOrder.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'RG Art 13', details: { state: 'APPLIED', allowedFrom: ['PUBLIC_NOTICE'] } });
    const byRegistrant = await call(STEP, { id: regId, action: 'ACCEPT' }, hnUnit, '2026-10-08');
    expect(byRegistrant.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherJurisdiction = await call(STEP, { id: regId, action: 'ACCEPT' }, who('AUTHORITY', null, 'JL'), '2026-10-08');
    expect(otherJurisdiction.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // an action outside the enum never reaches the resolver: GraphQL's own input error, coded BAD_USER_INPUT
    const badAction = await call(STEP, { id: regId, action: 'FAST_TRACK' }, hnAuthority, '2026-10-08');
    expect(badAction.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(badAction.errors?.[0]?.message).toContain('FAST_TRACK');
    const noReason = await call(STEP, { id: regId, action: 'RETURN' }, hnAuthority, '2026-10-08');
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const steps = await sql(stack.em('catalog'), `select * from resource_registration_step where registration_id = $1`, [regId]);
    expect(steps).toHaveLength(1);
  });

  it('lists overdue registrations once the due date has passed', async () => {
    const Q = `query($j: String) { overdueResourceRegistrations(jurisdiction: $j) { totalCount edges { node { id dueOn overdue awaiting } } } }`;
    const before = await call(Q, { j: 'HN' }, hnAuthority, '2026-10-10');
    expect(before.data.overdueResourceRegistrations.totalCount).toBe(0);
    const after = await call(Q, { j: 'HN' }, hnAgency, '2026-10-12');
    expect(after.data.overdueResourceRegistrations.edges.map((e: any) => e.node)).toEqual([{ id: regId, dueOn: '2026-10-10', overdue: true, awaiting: 'ACCEPTANCE' }]);
    const anon = await stack.subgraph('catalog', Q, { j: 'HN' }, { now: bj('2026-10-12') });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accept → formal review → public notice → coded; coding waits for the notice to end; the resource becomes authorizable', async () => {
    const accepted = (await call(STEP, { id: regId, action: 'ACCEPT' }, hnAuthority, '2026-10-12')).data.transitionResourceRegistration;
    expect(accepted).toMatchObject({ state: 'ACCEPTED', acceptedOn: '2026-10-12', awaiting: 'FORMAL_REVIEW', dueOn: '2026-11-09' });
    await call(STEP, { id: regId, action: 'START_FORMAL_REVIEW' }, hnAuthority, '2026-10-13');
    const notice = (await call(STEP, { id: regId, action: 'PASS_FORMAL_REVIEW' }, hnAuthority, '2026-10-20')).data.transitionResourceRegistration;
    expect(notice).toMatchObject({ state: 'PUBLIC_NOTICE', noticeStartedOn: '2026-10-20', awaiting: 'PUBLIC_NOTICE_ENDS', dueOn: '2026-11-03' });
    const early = await call(STEP, { id: regId, action: 'CODE' }, hnAuthority, '2026-11-03');
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'RG Art 12', details: { noticeEndsOn: '2026-11-03' } });
    const coded = await call(STEP, { id: regId, action: 'CODE' }, hnAuthority, '2026-11-04');
    expect(coded.errors).toBeUndefined();
    expect(coded.data.transitionResourceRegistration).toMatchObject({
      state: 'CODED',
      codedOn: '2026-11-04',
      validUntil: '2029-11-03',
      registrationCode: 'HN-DJR-20261104-00001',
      awaiting: 'EXPIRY',
      renewalOpensOn: '2029-09-05',
      resource: { id: resourceId, registered: true, authorizability: { authorizable: true, reasons: [] } },
    });
    expect((await published(stack, 'ResourceRegistrationCoded')).map((e) => e.payload)).toEqual([
      { registrationId: regId, resourceId, jurisdiction: 'HN', registrationCode: 'HN-DJR-20261104-00001', codedOn: '2026-11-04', validUntil: '2029-11-03' },
    ]);
    const auth = (await published(stack, 'ResourceAuthorizabilityChanged')).filter((e) => e.payload.resourceId === resourceId).map((e) => e.payload.authorizable);
    expect(auth).toEqual([false, true]);
    const hist = await call(`query($id: ID!) { dataResourceVersions(resourceId: $id) { edges { node { version action } } } }`, { id: resourceId }, hnUnit, '2026-11-04');
    expect(hist.data.dataResourceVersions.edges[0].node).toEqual({ version: 2, action: 'REGISTRATION_CODED' });
  });

  it('renews only within the last 60 days; cancellation makes the resource unauthorizable again', async () => {
    const tooEarly = await call(STEP, { id: regId, action: 'RENEW' }, hnUnit, '2026-12-01');
    expect(tooEarly.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'RG Art 15', details: { opensOn: '2029-09-05' } });
    const renewed = await call(STEP, { id: regId, action: 'RENEW' }, hnUnit, '2029-10-01');
    expect(renewed.data.transitionResourceRegistration).toMatchObject({ state: 'RENEWED', validUntil: '2032-11-03' });
    const cancelled = await call(STEP, { id: regId, action: 'CANCEL' }, hnAuthority, '2029-10-02');
    expect(cancelled.data.transitionResourceRegistration).toMatchObject({ state: 'CANCELLED', resource: { registered: false, authorizability: { authorizable: false, reasons: [{ code: 'NOT_REGISTERED' }] } } });
    expect((await published(stack, 'ResourceRegistrationCancelled')).map((e) => e.payload)).toContainEqual({ registrationId: regId, resourceId, jurisdiction: 'HN', state: 'CANCELLED', reason: null });
    const steps = cancelled.data.transitionResourceRegistration.steps.map((s: any) => s.action);
    expect(steps).toEqual(['APPLY', 'ACCEPT', 'START_FORMAL_REVIEW', 'PASS_FORMAL_REVIEW', 'CODE', 'RENEW', 'CANCEL']);
    await expect(sql(stack.em('catalog'), `delete from resource_registration_step`)).rejects.toThrow(/append-only/);
  });

  it('an upheld objection during public notice terminates the registration; returned files restart the acceptance clock', async () => {
    const rid = await newResource('HN-R-0002');
    const g = (await call(APPLY, { input: { resourceId: rid, type: 'FIRST' } }, hnAgency, '2026-10-12')).data.applyResourceRegistration;
    const returned = (await call(STEP, { id: g.id, action: 'RETURN', reason: '缺少存证记录' }, hnAuthority, '2026-10-13')).data.transitionResourceRegistration;
    expect(returned).toMatchObject({ state: 'RETURNED', lastReason: '缺少存证记录', dueOn: null });
    const resubmitted = (await call(STEP, { id: g.id, action: 'RESUBMIT' }, hnUnit, '2026-10-16')).data.transitionResourceRegistration;
    expect(resubmitted).toMatchObject({ state: 'APPLIED', submittedOn: '2026-10-16', dueOn: '2026-10-21' });
    for (const [action, day] of [['ACCEPT', '2026-10-19'], ['START_FORMAL_REVIEW', '2026-10-19'], ['PASS_FORMAL_REVIEW', '2026-10-20']] as const) {
      expect((await call(STEP, { id: g.id, action }, hnAuthority, day)).errors).toBeUndefined();
    }
    const objected = await call(STEP, { id: g.id, action: 'RAISE_OBJECTION', reason: '数据来源存在权属争议（实名异议）' }, jlOperator, '2026-10-22');
    expect(objected.data.transitionResourceRegistration.state).toBe('OBJECTED');
    const upheld = await call(STEP, { id: g.id, action: 'UPHOLD_OBJECTION', reason: '异议成立' }, hnAuthority, '2026-10-28');
    expect(upheld.data.transitionResourceRegistration.state).toBe('TERMINATED');
    expect((await published(stack, 'ResourceRegistrationCancelled')).map((e) => e.payload)).toContainEqual({ registrationId: g.id, resourceId: rid, jurisdiction: 'HN', state: 'TERMINATED', reason: '异议成立' });
    // a new first registration is possible after termination; a change registration is not (nothing is coded)
    const change = await call(APPLY, { input: { resourceId: rid, type: 'CHANGE' } }, hnUnit, '2026-10-29');
    expect(change.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const list = await call(`query($r: ID) { resourceRegistrations(filter: { resourceId: $r }) { totalCount edges { node { state } } } }`, { r: rid }, undefined, '2026-10-29');
    expect(list.data.resourceRegistrations).toMatchObject({ totalCount: 1, edges: [{ node: { state: 'TERMINATED' } }] });
  });
  it('a registration not renewed by the end of its validity is cancelled by the expiry job', async () => {
    const rid = await newResource('HN-R-0003', {}, '2026-11-02');
    const g = (await call(APPLY, { input: { resourceId: rid, type: 'FIRST' } }, hnUnit, '2026-11-02')).data.applyResourceRegistration;
    for (const [action, day] of [['ACCEPT', '2026-11-03'], ['START_FORMAL_REVIEW', '2026-11-03'], ['PASS_FORMAL_REVIEW', '2026-11-04'], ['CODE', '2026-11-19']] as const) {
      const r = await call(STEP, { id: g.id, action }, hnAuthority, day);
      expect(r.errors).toBeUndefined();
    }
    const L = `query($id: ID!) { dataResource(id: $id) { registered latestRegistration { id state validUntil registrationCode } } }`;
    expect((await call(L, { id: rid }, hnUnit, '2026-11-19')).data.dataResource).toEqual({ registered: true, latestRegistration: { id: g.id, state: 'CODED', validUntil: '2029-11-18', registrationCode: 'HN-DJR-20261119-00002' } });
    const rt = stack.runtimes.catalog!;
    expect(await expireRegistrations(rt.orm.em.fork(), rt.events, new Date(bj('2029-11-18')))).toEqual([]);
    expect(await expireRegistrations(rt.orm.em.fork(), rt.events, new Date(bj('2029-11-19')))).toEqual([g.id]);
    expect((await call(L, { id: rid }, hnUnit, '2029-11-19')).data.dataResource).toMatchObject({ registered: false, latestRegistration: { state: 'CANCELLED' } });
    const audit = await sql(stack.em('catalog'), `select action from audit_log where entity_id = $1 order by seq`, [g.id]);
    expect(audit.map((a: any) => a.action)).toContain('CANCEL');
  });
});

describe('correction requests (校核)', () => {
  const RAISE = `mutation($input: RaiseCorrectionRequestInput!) { raiseCorrectionRequest(input: $input) { id state raisedOn dueOn dueRule overdue fieldNames sourceAgency { id } } }`;
  const ANSWER = `mutation($input: AnswerCorrectionRequestInput!) { answerCorrectionRequest(input: $input) { id state answeredOn onTime correctedVersion answerReason resource { version recordCount openCorrectionsCount } } }`;
  let rid: string;
  let late: string;
  let onTime: string;

  it('an operator raises a request; HN answers are due 7 working days later, the day of the request not counted', async () => {
    rid = await newResource('HN-C-0001');
    const res = await call(RAISE, { input: { resourceId: rid, fieldNames: ['uscc'], problem: '部分统一社会信用代码校验位错误', evidence: '比对清单.xlsx' } }, hnOperator, '2026-09-30');
    expect(res.errors).toBeUndefined();
    const c = res.data.raiseCorrectionRequest;
    late = c.id;
    // Thu 1 – Wed 7 Oct off; 8, 9, Sat 10 (make-up), 12, 13, 14, 15
    expect(c).toMatchObject({ state: 'OPEN', raisedOn: '2026-09-30', dueOn: '2026-10-15', overdue: false, sourceAgency: { id: market } });
    expect(c.dueRule).toContain('HN Art 16');
    onTime = (await call(RAISE, { input: { resourceId: rid, fieldNames: ['penalty_amount'], problem: '罚没金额单位错误' } }, hnAgency, '2026-10-12')).data.raiseCorrectionRequest.id;
  });

  it('refuses unknown fields, callers who may not raise, and anonymous callers', async () => {
    const unknown = await call(RAISE, { input: { resourceId: rid, fieldNames: ['nope'], problem: 'x' } }, hnOperator, '2026-09-30');
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { unknown: ['nope'] } });
    const unit = await call(RAISE, { input: { resourceId: rid, fieldNames: [], problem: 'x' } }, hnUnit, '2026-09-30');
    expect(unit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anon = await call(RAISE, { input: { resourceId: rid, fieldNames: [], problem: 'x' } }, undefined, '2026-09-30');
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists overdue requests per agency once the due date has passed', async () => {
    const Q = `query($a: ID) { overdueCorrectionRequests(sourceAgencyId: $a) { totalCount edges { node { id dueOn overdue } } } }`;
    expect((await call(Q, { a: market }, hnUnit, '2026-10-15')).data.overdueCorrectionRequests.totalCount).toBe(0);
    const after = await call(Q, { a: market }, hnUnit, '2026-10-16');
    expect(after.data.overdueCorrectionRequests.edges.map((e: any) => e.node)).toEqual([{ id: late, dueOn: '2026-10-15', overdue: true }]);
    expect((await call(Q, {}, hnAgency, '2026-10-16')).data.overdueCorrectionRequests.totalCount).toBe(1);
    // another agency sees none of them
    expect((await call(Q, {}, hnOtherUnit, '2026-10-16')).data.overdueCorrectionRequests.totalCount).toBe(0);
    expect((await call(Q, {}, jlOperator, '2026-10-16')).data.overdueCorrectionRequests.totalCount).toBe(0);
  });

  it('the owning agency answers once: corrected with a new version (late), or rejected with a reason (on time)', async () => {
    const other = await call(ANSWER, { input: { id: late, outcome: 'REJECTED', reason: 'x' } }, hnOtherUnit, '2026-10-16');
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const noPatch = await call(ANSWER, { input: { id: late, outcome: 'CORRECTED' } }, hnUnit, '2026-10-16');
    expect(noPatch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const corrected = await call(ANSWER, { input: { id: late, outcome: 'CORRECTED', reason: '已修正校验位', correction: { recordCount: 998 } } }, hnUnit, '2026-10-16');
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.answerCorrectionRequest).toMatchObject({ state: 'CORRECTED', answeredOn: '2026-10-16', onTime: false, correctedVersion: 2, resource: { version: 2, recordCount: 998, openCorrectionsCount: 1 } });
    const twice = await call(ANSWER, { input: { id: late, outcome: 'REJECTED', reason: '再次答复' } }, hnUnit, '2026-10-17');
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', details: { state: 'CORRECTED' } });
    const still = await call(`query($id: ID!) { correctionRequest(id: $id) { state answerReason } dataResource(id: "${rid}") { version } }`, { id: late }, hnUnit, '2026-10-17');
    expect(still.data).toEqual({ correctionRequest: { state: 'CORRECTED', answerReason: '已修正校验位' }, dataResource: { version: 2 } });

    const noReason = await call(ANSWER, { input: { id: onTime, outcome: 'REJECTED' } }, hnAgency, '2026-10-16');
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const rejected = await call(ANSWER, { input: { id: onTime, outcome: 'REJECTED', reason: '金额单位为元，无误' } }, hnAgency, '2026-10-16');
    expect(rejected.data.answerCorrectionRequest).toMatchObject({ state: 'REJECTED', onTime: true, correctedVersion: null, resource: { version: 2, openCorrectionsCount: 0 } });

    const events = (await published(stack, 'CorrectionAnswered')).map((e) => e.payload);
    expect(events).toContainEqual({ correctionId: late, resourceId: rid, sourceAgencyId: market, jurisdiction: 'HN', raisedOn: '2026-09-30', dueOn: '2026-10-15', answeredOn: '2026-10-16', onTime: false, outcome: 'CORRECTED' });
    expect(events.find((e) => e.correctionId === onTime)).toMatchObject({ onTime: true, outcome: 'REJECTED', dueOn: '2026-10-21' });
    const v = await call(`query { dataResourceVersion(resourceId: "${rid}", version: 2) { action note changes } }`, {}, hnUnit, '2026-10-17');
    expect(v.data.dataResourceVersion).toMatchObject({ action: 'CORRECTED', note: '已修正校验位', changes: { recordCount: { from: 1000, to: 998 } } });
  });

  it('keeps answer timeliness for the contribution evaluation; a jurisdiction whose texts set no deadline gets none (none is invented)', async () => {
    const t = await call(`query($a: ID!) { correctionTimeliness(sourceAgencyId: $a, from: "2026-01-01", to: "2026-12-31") { raised answered answeredOnTime answeredLate openOverdue } }`, { a: market }, hnAuthority, '2026-10-20');
    expect(t.data.correctionTimeliness).toEqual({ raised: 2, answered: 2, answeredOnTime: 1, answeredLate: 1, openOverdue: 0 });
    const qhdRes = await call(CREATE, { input: resourceInput('QHD-C-0001', { jurisdiction: 'QHD', sourceAgencyId: orgByKey('qhd-src-water').id }) }, qhdAgency, '2026-09-29');
    const c = await call(RAISE, { input: { resourceId: qhdRes.data.createDataResource.id, fieldNames: ['uscc'], problem: '重复记录' } }, qhdAgency, '2026-09-30');
    // Only HN Art 16 sets a deadline; QHD's texts and the national ones are silent.
    expect(c.data.raiseCorrectionRequest).toMatchObject({ dueOn: null });
    const mine = await call(`{ correctionRequests { totalCount } }`, {}, hnOperator, '2026-10-20');
    expect(mine.data.correctionRequests.totalCount).toBe(1);
  });
});
