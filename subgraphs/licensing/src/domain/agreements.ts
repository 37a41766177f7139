import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden, inTransaction, notFound, policyViolation, requireJurisdiction, requireRole, sql, sqlOne, type RequestContext } from '@pdo/platform';
import {
  addDays,
  addMonths,
  checkAgreementTerm,
  earliestTerminationDate,
  renewalWindowCheck,
  termMonths,
  toShanghaiDate,
  type LocalDate,
} from '@pdo/policy';
import { getAgreement, getApplication, getCall, getRectification, getRenewal, type AgreementRow } from '../data/rows.js';
import { assertTransition, enforce, newId, policyCall, required, todayOf } from './common.js';
import { loadProfile, requireLifecycleRole } from './profiles.js';
import { APPLICATION_TRANSITIONS, assertAuthorizable, type ApplicationStatus } from './calls.js';
import {
  AGREEMENT_TRANSITIONS,
  agreementFacts,
  assertReady,
  assertSingleOperator,
  endAgreement,
  pauseGrants,
  resumeGrants,
  setAgreementStatus,
  statusChanged,
} from './agreement-rules.js';

/** NS Art 14 / HN Art 14 agreement contents; every item must be filled in. */
export const AGREEMENT_CONTENT_ITEMS = [
  'scopeAndCatalog',
  'productList',
  'technicalPlatform',
  'assetOwnership',
  'disclosureDuties',
  'accountingAndDistribution',
  'securityAndEmergency',
  'evaluation',
  'renewalAndExit',
  'liability',
  'disputes',
  'amendmentAndTermination',
] as const;
export type AgreementContents = Record<(typeof AGREEMENT_CONTENT_ITEMS)[number], string> & { other?: string | null };

/**
 * Locks the agreement, authorizes the caller on it, then checks the transition — in that order, so
 * a stranger learns nothing about someone else's agreement (not even its state) from the refusal.
 */
async function loadAgreement(tx: EntityManager, id: string, action: string, authorize: (a: AgreementRow) => void): Promise<AgreementRow> {
  const a = await getAgreement(tx, id, true);
  if (!a) throw notFound('授权协议', 'Agreement', id);
  authorize(a);
  assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, action, a.status);
  return a;
}

const official = (ctx: RequestContext, a: { jurisdiction: string }, ...roles: ('AUTHORITY' | 'AGENCY')[]) => {
  requireRole(ctx.identity, ...roles);
  requireJurisdiction(ctx.identity, a.jurisdiction);
};
const ownOperator = (ctx: RequestContext, a: AgreementRow) => {
  requireRole(ctx.identity, 'OPERATOR');
  if (ctx.identity.org !== a.operatorId) throw forbidden('只能操作本单位的授权协议', 'You may only act on your own agreement');
};

export interface SignAgreementInput {
  applicationId: string;
  startDate: LocalDate;
  endDate: LocalDate;
  trialEndDate?: LocalDate | null;
  resourceIds?: string[] | null;
  contents: AgreementContents;
}

/**
 * Signing: the application has passed 三重一大; the term is checked against the current profile
 * (which the agreement then keeps), the one-operator rule where the profile demands it.
 */
export async function signAgreement(ctx: RequestContext, input: SignAgreementInput): Promise<string> {
  for (const k of AGREEMENT_CONTENT_ITEMS) required(input.contents[k], `input.contents.${k}`, `协议内容 ${k}`, `Agreement item ${k}`);
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const app = await getApplication(tx, input.applicationId, true);
    if (!app) throw notFound('申请', 'Application', input.applicationId);
    await requireLifecycleRole(tx, ctx, app.jurisdiction, 'signAgreement');
    assertTransition('申请', 'Application', APPLICATION_TRANSITIONS, 'SIGN', app.status as ApplicationStatus);
    const call = (await getCall(tx, app.callId))!;
    const { profile, version } = await loadProfile(tx, app.jurisdiction);
    let trialMonths = 0;
    if (input.trialEndDate) {
      if (input.trialEndDate < input.startDate || input.trialEndDate >= input.endDate) throw badInput('试运行期须在协议期限内', 'The trial must lie within the term', { field: 'input.trialEndDate' });
      trialMonths = termMonths(input.startDate, input.trialEndDate);
    }
    enforce(checkAgreementTerm(profile, input.startDate, input.endDate, trialMonths), { maxMonths: profile.agreementTerm.value.maxMonths, trialMaxMonths: profile.agreementTerm.value.trialMaxMonths }, 'input.endDate');
    const resourceIds = input.resourceIds?.length ? input.resourceIds : call.resourceIds;
    const outside = resourceIds.filter((r) => !call.resourceIds.includes(r));
    if (call.resourceIds.length && outside.length) throw policyViolation('NS Art 14(1)', '协议资源超出公告范围', 'Resources outside the call\'s scope', { field: 'input.resourceIds', details: { resourceIds: outside } });
    await assertAuthorizable(tx, resourceIds, app.jurisdiction, 'input.resourceIds');
    await assertSingleOperator(tx, profile, app.jurisdiction, null);
    const id = newId(ctx.now.getTime());
    const year = input.startDate.slice(0, 4);
    const seq = await sqlOne<{ n: number }>(tx, `select count(*)::int + 1 as n from agreement where jurisdiction = $1 and number like $2`, [app.jurisdiction, `${app.jurisdiction}-SQ-${year}-%`]);
    const number = `${app.jurisdiction}-SQ-${year}-${String(seq!.n).padStart(3, '0')}`;
    await sql(
      tx,
      `insert into agreement (id, number, jurisdiction, operator_id, application_id, mode, status, start_date, end_date, trial_end_date, resource_ids, sectors,
         contents, profile_version, signed_on, status_changed_at, created_at)
       values ($1,$2,$3,$4,$5,$6,'SIGNED',$7,$8,$9,$10::uuid[],$11,$12,$13,$14,$15,$15)`,
      [id, number, app.jurisdiction, app.applicantId, app.id, call.mode, input.startDate, input.endDate, input.trialEndDate ?? null, resourceIds, call.sectors, JSON.stringify(input.contents), version, today, ctx.now],
    );
    await sql(tx, `update operator_application set status = 'SIGNED', agreement_id = $2, updated_at = $3 where id = $1`, [app.id, id, ctx.now]);
    await sql(tx, `update operation_call set status = 'AWARDED' where id = $1`, [call.id]);
    audit({ entityType: 'AuthorizationAgreement', entityId: id, action: 'SIGNED', changes: { number, applicationId: app.id, startDate: input.startDate, endDate: input.endDate, trialEndDate: input.trialEndDate ?? null, resourceIds, profileVersion: version } });
    audit({ entityType: 'OperatorApplication', entityId: app.id, action: 'SIGNED', changes: { agreementId: id } });
    const a = (await getAgreement(tx, id))!;
    await publish('AgreementSigned', agreementFacts(a), a.jurisdiction);
    return id;
  });
}

/** Filing of the signed agreement (NS Art 13; QHD files with the province). */
export async function fileAgreement(ctx: RequestContext, id: string): Promise<string> {
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, id, 'FILE', (a) => official(ctx, a, 'AUTHORITY'));
    if (a.filedOn) throw conflict('协议已备案', 'The agreement is already filed');
    await sql(tx, `update agreement set filed_on = $2 where id = $1`, [id, today]);
    audit({ entityType: 'AuthorizationAgreement', entityId: id, action: 'FILED', changes: { filedOn: today } });
    return id;
  });
}

export interface ReadinessInput {
  agreementId: string;
  kind: 'TRAINING' | 'SECURITY_REVIEW' | 'EMERGENCY_PLAN';
  subject: string;
  passed: boolean;
  doneOn: LocalDate;
  filedOn?: LocalDate | null;
  documentHash?: string | null;
}

/**
 * Training, security reviews and emergency plans. The operator records training and its plan;
 * the agency records security reviews (their validity comes from the agreement's profile).
 */
export async function recordReadiness(ctx: RequestContext, input: ReadinessInput): Promise<string> {
  const subject = required(input.subject, 'input.subject', '对象', 'Subject');
  const today = todayOf(ctx);
  if (input.doneOn > today) throw badInput('日期不能晚于今天', 'The date cannot be in the future', { field: 'input.doneOn' });
  if (input.filedOn && input.filedOn < input.doneOn) throw badInput('备案日期不能早于完成日期', 'filedOn must not precede doneOn', { field: 'input.filedOn' });
  if (input.documentHash && !/^[0-9a-f]{64}$/.test(input.documentHash)) throw badInput('文件哈希须为 64 位十六进制 SHA-256', 'documentHash must be a 64-hex SHA-256', { field: 'input.documentHash' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'RECORD_READINESS', (a) => {
      if (input.kind === 'SECURITY_REVIEW') official(ctx, a, 'AGENCY', 'AUTHORITY');
      else if (ctx.identity.role === 'OPERATOR') ownOperator(ctx, a);
      else official(ctx, a, 'AGENCY', 'AUTHORITY');
    });
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    const months = profile.securityReviewValidityMonths.value;
    const validUntil = input.kind === 'SECURITY_REVIEW' && months !== null ? addDays(addMonths(input.doneOn, months), -1) : null;
    const id = newId(ctx.now.getTime());
    await sql(tx, `insert into readiness_record (id, agreement_id, kind, subject, passed, done_on, filed_on, valid_until, document_hash, created_at) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`, [
      id, a.id, input.kind, subject, input.passed, input.doneOn, input.filedOn ?? null, validUntil, input.documentHash ?? null, ctx.now,
    ]);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: `${input.kind}_RECORDED`, changes: { recordId: id, subject, passed: input.passed, doneOn: input.doneOn, filedOn: input.filedOn ?? null, validUntil } });
    return id;
  });
}

/** Activation: filed, started, and every readiness gate of the agreement's profile met. */
export async function activateAgreement(ctx: RequestContext, id: string): Promise<string> {
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const a = await loadAgreement(tx, id, 'ACTIVATE', (a) => official(ctx, a, 'AUTHORITY', 'AGENCY'));
    if (!a.filedOn) throw conflict('协议尚未备案', 'The agreement has not been filed', { details: { reason: 'NOT_FILED' } });
    if (today < a.startDate) throw conflict(`协议自 ${a.startDate} 起生效`, `The agreement starts on ${a.startDate}`, { details: { reason: 'NOT_STARTED' } });
    if (today > a.endDate) throw conflict('协议已过期', 'The agreement has ended', { details: { reason: 'ENDED' } });
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    await assertReady(tx, a, profile, today);
    await setAgreementStatus(tx, a, 'ACTIVE', null, ctx.now);
    audit({ entityType: 'AuthorizationAgreement', entityId: id, action: 'ACTIVATED', changes: { from: a.status, to: 'ACTIVE' } });
    await publish('AgreementActivated', agreementFacts({ ...a, status: 'ACTIVE' }), a.jurisdiction);
    return id;
  });
}

/** TZ Art 29 causes, plus the findings of evaluation and security assessment (TZ Art 27). */
export const RECTIFICATION_CAUSES = ['SECURITY_DUTIES_NOT_PERFORMED', 'UNLAWFUL_USE_CAUSING_LOSS', 'MAJOR_RISK', 'USE_OUTSIDE_SCOPE', 'OTHER_BREACH', 'EVALUATION_FINDING', 'SECURITY_ASSESSMENT'] as const;

/** Suspends an active agreement: every grant paused with `reason`, the event published. */
async function suspend(tx: EntityManager, a: AgreementRow, cause: string, reason: string, description: string, at: Date, publish: Parameters<typeof pauseGrants>[4], audit: Parameters<typeof pauseGrants>[5], changes: Record<string, unknown>): Promise<void> {
  await setAgreementStatus(tx, a, 'SUSPENDED', cause, at);
  audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'SUSPENDED', changes: { from: a.status, to: 'SUSPENDED', ...changes }, reason: description });
  await pauseGrants(tx, a.id, reason, at, publish, audit);
  await publish('AgreementSuspended', statusChanged(a, 'SUSPENDED', cause, at), a.jurisdiction);
}

/**
 * Opens a rectification. Whether access closes while it runs is the agreement's profile
 * (`rectification.accessWhileRectifying`: TZ Art 29 and ZJC close it; HN Art 22 only on a major
 * risk; where no text says, it stays open) — unless the authority suspends explicitly (`force`).
 */
export async function openRectification(
  tx: EntityManager,
  a: AgreementRow,
  r: { cause: string; origin: string; description: string; deadline: LocalDate; findingId?: string | null },
  at: Date,
  publish: Parameters<typeof pauseGrants>[4],
  audit: Parameters<typeof pauseGrants>[5],
  force = false,
): Promise<string> {
  const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
  const rule = profile.rectification.value;
  const id = newId(at.getTime());
  await sql(tx, `insert into rectification (id, agreement_id, cause, origin, description, finding_id, deadline, status, opened_at) values ($1,$2,$3,$4,$5,$6,$7,'OPEN',$8)`, [
    id, a.id, r.cause, r.origin, r.description, r.findingId ?? null, r.deadline, at,
  ]);
  audit({ entityType: 'Rectification', entityId: id, action: 'ORDERED', changes: { agreementId: a.id, cause: r.cause, origin: r.origin, deadline: r.deadline, rule: profile.rectification.source } });
  const closes = force || rule.accessWhileRectifying === 'CLOSED' || (rule.accessWhileRectifying === 'OPEN_UNLESS_MAJOR_RISK' && r.cause === 'MAJOR_RISK');
  if (closes && a.status === 'ACTIVE') {
    await suspend(tx, a, r.cause, `rectification:${id}`, r.description, at, publish, audit, { rectificationId: id, cause: r.cause, deadline: r.deadline, rule: force ? 'explicit' : profile.rectification.source });
  }
  return id;
}

function rectificationInput(input: { cause: string; description: string; deadline: LocalDate }, today: LocalDate): string {
  const description = required(input.description, 'input.description', '整改事由', 'Description');
  if (!RECTIFICATION_CAUSES.includes(input.cause as never)) throw badInput('未知整改事由', 'Unknown rectification cause', { field: 'input.cause' });
  if (input.deadline <= today) throw badInput('整改期限须晚于今天', 'The deadline must be after today', { field: 'input.deadline' });
  return description;
}

/** The authority suspends explicitly and orders rectification (every grant paused until the outcome). */
export async function suspendAgreement(ctx: RequestContext, input: { agreementId: string; cause: string; description: string; deadline: LocalDate }): Promise<string> {
  const description = rectificationInput(input, todayOf(ctx));
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const a = await loadAgreement(tx, input.agreementId, 'SUSPEND', (a) => official(ctx, a, 'AUTHORITY'));
    await openRectification(tx, a, { cause: input.cause, origin: 'AUTHORITY', description, deadline: input.deadline }, ctx.now, publish, audit, true);
    return a.id;
  });
}

/** The authority orders rectification; access follows the jurisdiction's rule (`rectification`). */
export async function orderRectification(ctx: RequestContext, input: { agreementId: string; cause: string; description: string; deadline: LocalDate }): Promise<string> {
  const description = rectificationInput(input, todayOf(ctx));
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const a = await loadAgreement(tx, input.agreementId, 'ORDER_RECTIFICATION', (a) => official(ctx, a, 'AUTHORITY'));
    await openRectification(tx, a, { cause: input.cause, origin: 'AUTHORITY', description, deadline: input.deadline }, ctx.now, publish, audit);
    return a.id;
  });
}

/** The authority ends an authorization for cause (NS Art 14: amendment and termination), every grant revoked. */
export async function terminateAgreement(ctx: RequestContext, agreementId: string, reason: string): Promise<string> {
  const text = required(reason, 'input.reason', '终止理由', 'Reason');
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const a = await loadAgreement(tx, agreementId, 'TERMINATE', (a) => official(ctx, a, 'AUTHORITY'));
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    await endAgreement(tx, a, profile, 'TERMINATED', today, text, ctx.now, publish, audit);
    return a.id;
  });
}

export async function submitRectificationPlan(ctx: RequestContext, rectificationId: string, plan: string): Promise<string> {
  const text = required(plan, 'input.plan', '整改方案', 'Plan');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const r = await getRectification(tx, rectificationId, true);
    if (!r) throw notFound('整改', 'Rectification', rectificationId);
    const a = (await getAgreement(tx, r.agreementId))!;
    ownOperator(ctx, a);
    assertTransition('整改', 'Rectification', { SUBMIT_PLAN: ['OPEN', 'PLAN_SUBMITTED'] }, 'SUBMIT_PLAN', r.status);
    await sql(tx, `update rectification set plan = $2, status = 'PLAN_SUBMITTED' where id = $1`, [r.id, text]);
    audit({ entityType: 'Rectification', entityId: r.id, action: 'PLAN_SUBMITTED', changes: { plan: text } });
    return r.id;
  });
}

/**
 * The outcome. Passed: a suspended agreement is reinstated once no other rectification is open
 * (gates re-checked) and its grants resume. Failed: the agreement's rule (`rectification.onFailure`):
 * ZJC terminates, TZ Art 29 and HN Art 22 suspend access, elsewhere the authority decides explicitly.
 */
export async function concludeRectification(ctx: RequestContext, rectificationId: string, passed: boolean, note: string): Promise<string> {
  const text = required(note, 'input.note', '结论说明', 'Note');
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const r = await getRectification(tx, rectificationId, true);
    if (!r) throw notFound('整改', 'Rectification', rectificationId);
    const a = (await getAgreement(tx, r.agreementId, true))!;
    official(ctx, a, 'AUTHORITY');
    if (passed) assertTransition('整改', 'Rectification', { PASS: ['PLAN_SUBMITTED'] }, 'PASS', r.status);
    else assertTransition('整改', 'Rectification', { FAIL: ['OPEN', 'PLAN_SUBMITTED'] }, 'FAIL', r.status);
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    if (passed) {
      await sql(tx, `update rectification set status = 'PASSED', outcome_note = $2, closed_at = $3 where id = $1`, [r.id, text, ctx.now]);
      audit({ entityType: 'Rectification', entityId: r.id, action: 'PASSED', reason: text });
      const others = await sql(tx, `select id from rectification where agreement_id = $1 and id <> $2 and status in ('OPEN','PLAN_SUBMITTED')`, [a.id, r.id]);
      if (a.status === 'SUSPENDED' && others.length === 0) {
        assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, 'REINSTATE', a.status);
        await assertReady(tx, a, profile, today);
        await setAgreementStatus(tx, a, 'ACTIVE', null, ctx.now);
        audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'REINSTATED', changes: { from: a.status, to: 'ACTIVE', rectificationId: r.id } });
        // Grants an incident paused stay paused until that incident closes.
        await resumeGrants(tx, a.id, 'reinstated', ctx.now, publish, audit, 'rectification:');
        await publish('AgreementReinstated', statusChanged(a, 'ACTIVE', text, ctx.now), a.jurisdiction);
      }
      return a.id;
    }
    await sql(tx, `update rectification set status = 'FAILED', outcome_note = $2, closed_at = $3 where id = $1`, [r.id, text, ctx.now]);
    audit({ entityType: 'Rectification', entityId: r.id, action: 'FAILED', changes: { consequence: profile.rectification.value.onFailure, rule: profile.rectification.source }, reason: text });
    const onFailure = profile.rectification.value.onFailure;
    if (onFailure === 'TERMINATE') await endAgreement(tx, a, profile, 'TERMINATED', today, `rectification failed (${r.cause}): ${text}`, ctx.now, publish, audit);
    else if (onFailure === 'SUSPEND' && a.status === 'ACTIVE') {
      await suspend(tx, a, r.cause, `rectification:${r.id}`, text, ctx.now, publish, audit, { rectificationId: r.id, outcome: 'FAILED', rule: profile.rectification.source });
    }
    return a.id;
  });
}

/**
 * Overdue rectifications (scheduled): where the agreement's rule suspends on an overdue
 * rectification (HN Art 22), an active agreement whose rectification passed its deadline unconcluded
 * is suspended. Idempotent: a suspended agreement is not touched again.
 */
export async function suspendOverdueRectifications(tx: EntityManager, now: Date, publish: Parameters<typeof pauseGrants>[4], audit: Parameters<typeof pauseGrants>[5]): Promise<string[]> {
  const today = toShanghaiDate(now);
  const due = await sql<{ id: string; agreement_id: string; cause: string; deadline: string }>(
    tx,
    `select r.id, r.agreement_id, r.cause, r.deadline::text as deadline from rectification r join agreement a on a.id = r.agreement_id
      where r.status in ('OPEN','PLAN_SUBMITTED') and r.deadline < $1::date and a.status = 'ACTIVE'
      order by r.agreement_id, r.id for update of a skip locked`,
    [today],
  );
  const out: string[] = [];
  for (const r of due) {
    if (out.includes(r.agreement_id)) continue;
    const a = (await getAgreement(tx, r.agreement_id))!;
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    if (profile.rectification.value.onOverdue !== 'SUSPEND') continue;
    await suspend(tx, a, r.cause, `rectification:${r.id}`, `rectification overdue since ${r.deadline}`, now, publish, audit, { rectificationId: r.id, overdueSince: r.deadline, rule: profile.rectification.source });
    out.push(a.id);
  }
  return out;
}

/** Renewal request inside the window of the agreement's own profile (QHD last 3 months; TZ ≥ 6, ZJC ≥ 3 months before). */
export async function requestRenewal(ctx: RequestContext, agreementId: string, proposedEndDate: LocalDate): Promise<string> {
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, agreementId, 'REQUEST_RENEWAL', (a) => ownOperator(ctx, a));
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    const w = renewalWindowCheck(profile, a.endDate, today);
    enforce(w, { opensOn: w.opensOn, closesOn: w.closesOn, endDate: a.endDate });
    if (proposedEndDate <= a.endDate) throw badInput('续期后的到期日须晚于当前到期日', 'The renewed end must be after the current end', { field: 'input.proposedEndDate' });
    const pending = await sqlOne(tx, `select id from renewal_request where agreement_id = $1 and status = 'PENDING'`, [a.id]);
    if (pending) throw conflict('已有待审核的续期申请', 'A renewal request is already pending');
    const id = newId(ctx.now.getTime());
    await sql(tx, `insert into renewal_request (id, agreement_id, requested_on, proposed_end_date, status, created_at) values ($1,$2,$3,$4,'PENDING',$5)`, [id, a.id, today, proposedEndDate, ctx.now]);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWAL_REQUESTED', changes: { renewalId: id, proposedEndDate, window: { opensOn: w.opensOn, closesOn: w.closesOn } } });
    return id;
  });
}

/**
 * The renewal is reviewed like a new authorization: the new term (day after the current end to
 * the proposed end) is checked against the current profile, which the agreement then keeps.
 */
export async function decideRenewal(ctx: RequestContext, renewalId: string, approve: boolean, note: string | null): Promise<string> {
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const r = await getRenewal(tx, renewalId, true);
    if (!r) throw notFound('续期申请', 'Renewal request', renewalId);
    const a = (await getAgreement(tx, r.agreementId, true))!;
    official(ctx, a, 'AUTHORITY');
    assertTransition('续期申请', 'Renewal request', { DECIDE: ['PENDING'] }, 'DECIDE', r.status);
    if (!approve) {
      const text = required(note, 'input.note', '不予续期理由', 'Reason');
      await sql(tx, `update renewal_request set status = 'REFUSED', decision_note = $2 where id = $1`, [r.id, text]);
      audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWAL_REFUSED', changes: { renewalId: r.id }, reason: text });
      return a.id;
    }
    assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, 'APPROVE_RENEWAL', a.status);
    const { profile, version } = await loadProfile(tx, a.jurisdiction);
    enforce(checkAgreementTerm(profile, addDays(a.endDate, 1), r.proposedEndDate), { maxMonths: profile.agreementTerm.value.maxMonths });
    await sql(tx, `update renewal_request set status = 'APPROVED', decision_note = $2 where id = $1`, [r.id, note]);
    await sql(tx, `update agreement set end_date = $2, profile_version = $3 where id = $1`, [a.id, r.proposedEndDate, version]);
    // Grants run no longer than the agreement; a renewal carries them to the new end.
    await sql(tx, `update access_grant set expires_on = $2, updated_at = $3 where agreement_id = $1 and status in ('ACTIVE','PAUSED')`, [a.id, r.proposedEndDate, ctx.now]);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWED', changes: { renewalId: r.id, endDate: { from: a.endDate, to: r.proposedEndDate }, profileVersion: version } });
    const renewed = (await getAgreement(tx, a.id))!;
    await publish('AgreementRenewed', agreementFacts(renewed), a.jurisdiction);
    return a.id;
  });
}

/** Early termination on the operator's application, with the profile's notice (QHD ≥ 3 months, month-end clamped). */
export async function requestEarlyTermination(ctx: RequestContext, agreementId: string, effectiveOn: LocalDate, reason: string): Promise<string> {
  const text = required(reason, 'input.reason', '理由', 'Reason');
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, agreementId, 'REQUEST_EARLY_TERMINATION', (a) => ownOperator(ctx, a));
    if (a.terminationNoticeOn) throw conflict('已提交提前终止申请', 'Early termination already requested');
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    const earliest = policyCall(() => earliestTerminationDate(profile, today));
    if (effectiveOn < earliest || effectiveOn <= today) {
      throw policyViolation(profile.earlyTermination.source, `提前终止须提前${profile.earlyTermination.value.noticeMonths}个月书面通知，最早 ${earliest}`, `Early termination needs ${profile.earlyTermination.value.noticeMonths} months' notice: earliest ${earliest}`, {
        field: 'input.effectiveOn',
        details: { earliest, noticeOn: today },
      });
    }
    if (effectiveOn > a.endDate) throw badInput('终止日不能晚于协议到期日', 'The termination date cannot be after the agreement ends', { field: 'input.effectiveOn' });
    const consented = !profile.earlyTermination.value.consentRequired;
    await sql(tx, `update agreement set termination_notice_on = $2, termination_effective_on = $3, termination_consented = $4 where id = $1`, [a.id, today, effectiveOn, consented]);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'EARLY_TERMINATION_REQUESTED', changes: { noticeOn: today, effectiveOn, earliest, consentRequired: !consented }, reason: text });
    return a.id;
  });
}

export async function consentEarlyTermination(ctx: RequestContext, agreementId: string): Promise<string> {
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, agreementId, 'REQUEST_EARLY_TERMINATION', (a) => official(ctx, a, 'AUTHORITY'));
    if (!a.terminationNoticeOn) throw conflict('没有提前终止申请', 'No early termination was requested');
    if (a.terminationConsented) throw conflict('已同意提前终止', 'Already consented');
    await sql(tx, `update agreement set termination_consented = true where id = $1`, [a.id]);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'EARLY_TERMINATION_CONSENTED', changes: { effectiveOn: a.terminationEffectiveOn } });
    return a.id;
  });
}

/** Exit duties: retained data deleted (operator), assets transferred or destroyed (authority, QHD). */
export async function recordDataDeletion(ctx: RequestContext, agreementId: string, deletedOn: LocalDate): Promise<string> {
  const today = todayOf(ctx);
  if (deletedOn > today) throw badInput('日期不能晚于今天', 'The date cannot be in the future', { field: 'input.deletedOn' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, agreementId, 'RECORD_EXIT_DUTY', (a) => ownOperator(ctx, a));
    if (a.endedOn && deletedOn < a.endedOn) throw badInput('删除日期不能早于协议终止日', 'Deletion cannot precede the end of the agreement', { field: 'input.deletedOn' });
    await sql(tx, `update agreement set data_deleted_on = $2 where id = $1`, [a.id, deletedOn]);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'DATA_DELETED', changes: { deletedOn } });
    return a.id;
  });
}

export async function recordAssetDisposition(ctx: RequestContext, agreementId: string, kind: 'TRANSFER' | 'DESTROY', successorId: string | null, note: string): Promise<string> {
  const text = required(note, 'input.note', '说明', 'Note');
  if (kind === 'TRANSFER' && !successorId) throw badInput('移交须指明承接单位', 'A transfer names the successor', { field: 'input.successorId' });
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, agreementId, 'RECORD_EXIT_DUTY', (a) => official(ctx, a, 'AUTHORITY'));
    const disposition = { kind, successorId, note: text, recordedOn: today };
    await sql(tx, `update agreement set asset_disposition = $2 where id = $1`, [a.id, JSON.stringify(disposition)]);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'ASSETS_DISPOSED', changes: disposition });
    return a.id;
  });
}

/** Network logs are kept until the profile's retention date (ZJC ≥ 6 months after exit); purging earlier is refused. */
export async function purgeLogs(ctx: RequestContext, agreementId: string): Promise<string> {
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, agreementId, 'RECORD_EXIT_DUTY', (a) => ownOperator(ctx, a));
    if (a.logsPurgedOn) throw conflict('日志已清除', 'Logs already purged');
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    if (a.logPurgeEarliest && today < a.logPurgeEarliest) {
      throw policyViolation(profile.logRetentionMonthsAfterExit.source, `网络日志须保存至 ${a.logPurgeEarliest} 后方可清除`, `Logs must be kept; purging is allowed from ${a.logPurgeEarliest}`, { details: { earliest: a.logPurgeEarliest } });
    }
    await sql(tx, `update agreement set logs_purged_on = $2 where id = $1`, [a.id, today]);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'LOGS_PURGED', changes: { purgedOn: today, earliest: a.logPurgeEarliest } });
    return a.id;
  });
}

export async function completeExit(ctx: RequestContext, agreementId: string): Promise<string> {
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, agreementId, 'COMPLETE_EXIT', (a) => official(ctx, a, 'AUTHORITY'));
    if (!a.dataDeletedOn) throw conflict('尚未记录留存数据删除', 'Deletion of retained data has not been recorded', { details: { reason: 'DATA_NOT_DELETED' } });
    const live = await sqlOne<{ n: number }>(tx, `select count(*)::int as n from access_grant where agreement_id = $1 and status <> 'REVOKED'`, [a.id]);
    if (live?.n) throw conflict('仍有未撤销的访问授权', 'Some access grants are not revoked');
    await setAgreementStatus(tx, a, 'EXITED', 'exit completed', ctx.now);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'EXITED', changes: { from: a.status, to: 'EXITED' } });
    return a.id;
  });
}

/**
 * The agreement clock (scheduled): consented early terminations take effect on their day,
 * agreements expire at the end of their last day, and overdue rectifications suspend where the
 * rule says so. Idempotent: a second run finds nothing to do.
 */
export async function runAgreementClock(tx: EntityManager, now: Date, publish: Parameters<typeof endAgreement>[7], audit: Parameters<typeof endAgreement>[8]): Promise<{ expired: string[]; terminated: string[]; suspended: string[] }> {
  const today = toShanghaiDate(now);
  const due = await sql<{ id: string; kind: 'EXPIRED' | 'TERMINATED' }>(
    tx,
    `select id, case when termination_consented and termination_effective_on <= $1::date then 'TERMINATED' else 'EXPIRED' end as kind
       from agreement
      where status in ('SIGNED','ACTIVE','SUSPENDED')
        and (end_date < $1::date or (termination_consented and termination_effective_on <= $1::date))
      order by id for update skip locked`,
    [today],
  );
  const out = { expired: [] as string[], terminated: [] as string[], suspended: [] as string[] };
  for (const d of due) {
    const a = (await getAgreement(tx, d.id))!;
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    if (d.kind === 'TERMINATED') {
      await endAgreement(tx, a, profile, 'TERMINATED', a.terminationEffectiveOn!, 'early termination on application', now, publish, audit);
      out.terminated.push(a.id);
    } else {
      await endAgreement(tx, a, profile, 'EXPIRED', a.endDate, 'term ended', now, publish, audit);
      out.expired.push(a.id);
    }
  }
  out.suspended = await suspendOverdueRectifications(tx, now, publish, audit);
  return out;
}
