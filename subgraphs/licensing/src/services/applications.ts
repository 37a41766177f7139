import { badInput, conflict, forbidden, inTransaction, newId, notFound, policyViolation, unauthenticated, type Em } from '@pdo/platform';
import { calendarOfProfile } from '@pdo/policy';
import { requireOfficial } from '../access.js';
import { applicationOf, getApplication, getCall, insertApplication, insertReview, moveApplication, reviewCount, type ApplicationChange } from '../data/calls.js';
import { getOrg } from '../data/organizations.js';
import type { ApplicationDocument, AppRow } from '../data/rows.js';
import { requireListedDocuments, validateDocuments } from './application-documents.js';
import { withIntegrity } from './integrity.js';
import { publicizeSelection, rankedFirst, scoreReview } from './selection.js';
import { selectionBasis } from './renewals.js';
import { APPLICATION_TRANSITIONS, eligibilityOf, WINDOW_SOURCE, type ApplicationStatus } from '../domain/applications.js';
import { assertTransition, policyCall, required, today, type Ctx } from './checks.js';
import { loadProfile, requireLifecycleRole } from './profiles.js';

/** An operator applies within the window; eligibility is computed per profile and an ineligible applicant is refused with the failing criteria. */
export async function submitApplication(ctx: Ctx, input: { callId: string; documents: ApplicationDocument[] }): Promise<string> {
  const { callId, documents } = input;
  const applicantId = ctx.identity.org;
  if (!applicantId) throw forbidden('须以单位身份申请', 'You must apply on behalf of an organization');
  validateDocuments(documents);
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const call = await getCall(tx, callId);
    if (!call) throw notFound('公告', 'Call', callId);
    if (day < call.opensOn || day > call.closesOn) {
      throw policyViolation(WINDOW_SOURCE, `不在申请期内（${call.opensOn} 至 ${call.closesOn}）`, `Outside the application window (${call.opensOn} to ${call.closesOn})`, { details: { opensOn: call.opensOn, closesOn: call.closesOn, today: day } });
    }
    const org = await getOrg(tx, applicantId);
    if (!org) throw notFound('主体', 'Organization', applicantId);
    const { profile, version } = await loadProfile(tx, call.jurisdiction);
    if (call.selectionMethod === 'INVITED_TENDER' && !call.invitees.includes(applicantId)) {
      throw policyViolation('NS Art 12; QHD §三(二)2 (邀请招标)', '本公告为邀请招标，贵单位不在受邀名单中', 'This call is an invited tender and your organization is not invited', { details: { reason: 'NOT_INVITED', callId } });
    }
    requireListedDocuments(profile, documents);
    // Eligibility as verified facts and loaded integrity records show it today (JL §三; TZ Art 12; QHD §三(二)1).
    const eligibility = await withIntegrity(tx, profile, org, policyCall(() => eligibilityOf(profile, version, org, day)));
    if (!eligibility.eligible) {
      const failing = eligibility.criteria.filter((c) => !c.passed);
      throw policyViolation(profile.eligibility.source, `不符合申请条件：${failing.map((c) => c.reasonZh).join('；')}`, `Not eligible: ${failing.map((c) => c.reasonEn).join('; ')}`, { details: { failing } });
    }
    const exists = await applicationOf(tx, callId, applicantId);
    if (exists) throw conflict('已就该公告提交过申请', 'You already applied to this call', { details: { applicationId: exists } });
    const id = newId();
    await insertApplication(tx, { id, callId, applicantId, jurisdiction: call.jurisdiction, documents, eligibility, submittedOn: day, at: ctx.now.toISOString() });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SUBMITTED', changes: { callId, documents, eligibility } });
    return id;
  });
}

/** Locks, authorizes (before the state check: a stranger learns nothing of the state), then checks the transition. */
async function loadForTransition(tx: Em, id: string, action: string, authorize: (app: AppRow) => void = () => undefined): Promise<AppRow> {
  const app = await getApplication(tx, id, true);
  if (!app) throw notFound('申请', 'Application', id);
  authorize(app);
  assertTransition('申请', 'Application', APPLICATION_TRANSITIONS, action, app.status as ApplicationStatus);
  return app;
}

const move = (tx: Em, ctx: Ctx, app: AppRow, status: ApplicationStatus, change?: ApplicationChange) => moveApplication(tx, app.id, status, ctx.now.toISOString(), change);

export async function requestSupplement(ctx: Ctx, input: { id: string; note: string }): Promise<string> {
  const { id } = input;
  const text = required(input.note, 'input.note', '补正说明', 'Note');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(tx, id, 'REQUEST_SUPPLEMENT', (app) => requireOfficial(ctx.identity, app.jurisdiction, 'AGENCY', 'AUTHORITY'));
    await move(tx, ctx, app, 'SUPPLEMENT_REQUESTED', { supplementRequest: text });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SUPPLEMENT_REQUESTED', changes: { from: app.status }, reason: text });
    return id;
  });
}

export async function supplementApplication(ctx: Ctx, input: { id: string; documents: ApplicationDocument[] }): Promise<string> {
  const { id, documents } = input;
  validateDocuments(documents);
  if (!documents.length) throw badInput('须补充至少一份材料', 'Supply at least one document', { field: 'input.documents' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(tx, id, 'SUPPLEMENT', (app) => {
      if (ctx.identity.org !== app.applicantId) throw forbidden('只能补正本单位的申请', 'You may only supplement your own application');
    });
    const merged = [...app.documents.filter((d) => !documents.some((n) => n.kind === d.kind)), ...documents];
    await move(tx, ctx, app, 'SUBMITTED', { documents: merged, supplementRequest: null });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SUPPLEMENTED', changes: { documents } });
    return id;
  });
}

export async function passPrecheck(ctx: Ctx, input: { id: string }): Promise<string> {
  const { id } = input;
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(tx, id, 'PASS_PRECHECK', (app) => requireOfficial(ctx.identity, app.jurisdiction, 'AGENCY', 'AUTHORITY'));
    await move(tx, ctx, app, 'EXPERT_REVIEW');
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'PRECHECK_PASSED', changes: { from: app.status, to: 'EXPERT_REVIEW' } });
    return id;
  });
}

/**
 * An expert scores each criterion of the call's scoring rules (a single overall score stands for the one criterion of a
 * call that has only one); the weighted total is what ranks (NS Art 12; TZ Art 14).
 */
export async function submitExpertReview(ctx: Ctx, input: { id: string; score?: string | null; criterionScores?: { criterion: string; score: string }[] | null; opinion: string }): Promise<string> {
  const { id } = input;
  const text = required(input.opinion, 'input.opinion', '评审意见', 'Opinion');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(tx, id, 'EXPERT_REVIEW');
    if (await reviewCount(tx, id, ctx.identity.sub)) throw conflict('您已评审过该申请', 'You have already reviewed this application');
    const basis = await selectionBasis(tx, app);
    const scored = scoreReview(basis.scoringRules, input.score ?? null, input.criterionScores ?? null);
    const reviewId = newId();
    await insertReview(tx, { id: reviewId, applicationId: id, expertSub: ctx.identity.sub, expertOrg: ctx.identity.org, ...scored, opinion: text, at: ctx.now.toISOString() });
    audit({ entityType: 'OperatorApplication', entityId: app.id, action: 'EXPERT_REVIEWED', changes: { reviewId, score: scored.score, criterionScores: scored.criterionScores } });
    return id;
  });
}

/**
 * Selection follows the ranking (no hand-picked winner): the application must rank first, alone, among its call's
 * applications still in expert review, every one of them reviewed. Publicity starts; where a text requires it, the
 * result goes to the public disclosure feed with its period and the objection channel (SelectionPublicized).
 */
export async function selectApplication(ctx: Ctx, input: { id: string }): Promise<string> {
  const { id } = input;
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const app = await loadForTransition(tx, id, 'SELECT', (app) => requireOfficial(ctx.identity, app.jurisdiction, 'AGENCY', 'AUTHORITY'));
    if (!(await reviewCount(tx, id))) throw conflict('尚无专家评审意见，不能遴选', 'No expert review yet: cannot select', { details: { reason: 'NO_EXPERT_REVIEW' } });
    const basis = await selectionBasis(tx, app);
    const { profile } = await loadProfile(tx, app.jurisdiction);
    const ranking = await rankedFirst(tx, app, basis);
    const p = profile.selectionPublicity.value;
    const days = basis.publicityWorkingDays ?? Math.max(p.required ? 1 : 0, p.minWorkingDays ?? 0);
    const ends = policyCall(() => calendarOfProfile(profile).addWorkingDays(day, days));
    await move(tx, ctx, app, 'PUBLICITY', { publicityEndsOn: ends });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SELECTED', changes: { publicityEndsOn: ends, ranking, renewsAgreementId: app.renewsAgreementId } });
    if (p.required || days > 0) await publicizeSelection(publish, { app, basis, profile, ranking, startsOn: day, endsOn: ends, workingDays: days });
    return id;
  });
}

/** Anyone signed in may object during publicity (TZ Art 15). */
export async function raiseObjection(ctx: Ctx, input: { id: string; text: string }): Promise<string> {
  const { id } = input;
  if (ctx.identity.role === 'ANONYMOUS') throw unauthenticated();
  const body = required(input.text, 'input.text', '异议内容', 'Objection');
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(tx, id, 'OBJECT');
    if (app.publicityEndsOn && day > app.publicityEndsOn) throw policyViolation('TZ Art 15; QHD §三(二)2', `公示期已于 ${app.publicityEndsOn} 结束`, `The publicity period ended on ${app.publicityEndsOn}`);
    const objections = [...app.objections, { index: app.objections.length, raisedBy: ctx.identity.sub, text: body, raisedOn: day, status: 'PENDING' as const, resolution: null }];
    await move(tx, ctx, app, 'PUBLICITY', { objections });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'OBJECTION_RAISED', changes: { index: objections.length - 1, text: body } });
    return id;
  });
}

export async function resolveObjection(ctx: Ctx, input: { id: string; index: number; upheld: boolean; resolution: string }): Promise<string> {
  const { id, index, upheld } = input;
  const text = required(input.resolution, 'input.resolution', '处理意见', 'Resolution');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(tx, id, 'RESOLVE_OBJECTION', (app) => requireOfficial(ctx.identity, app.jurisdiction, 'AUTHORITY', 'AGENCY'));
    const o = app.objections[index];
    if (!o) throw notFound('异议', 'Objection', String(index));
    if (o.status !== 'PENDING') throw conflict('该异议已处理', 'This objection was already resolved');
    const objections = app.objections.map((x) => (x.index === index ? { ...x, status: upheld ? ('UPHELD' as const) : ('DISMISSED' as const), resolution: text } : x));
    await move(tx, ctx, app, upheld ? 'REJECTED' : 'PUBLICITY', { objections, ...(upheld ? { decisionNote: text } : {}) });
    audit({ entityType: 'OperatorApplication', entityId: id, action: upheld ? 'OBJECTION_UPHELD' : 'OBJECTION_DISMISSED', changes: { index }, reason: text });
    return id;
  });
}

/** Filing with the government once publicity is over and no objection is pending. */
export async function fileApplication(ctx: Ctx, input: { id: string }): Promise<string> {
  const { id } = input;
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(tx, id, 'FILE', (app) => requireOfficial(ctx.identity, app.jurisdiction, 'AUTHORITY'));
    if (app.publicityEndsOn && day <= app.publicityEndsOn) throw policyViolation('TZ Art 15', `公示期至 ${app.publicityEndsOn}，期满后方可报备`, `Publicity runs until ${app.publicityEndsOn}; file after it`, { details: { publicityEndsOn: app.publicityEndsOn } });
    const pending = app.objections.filter((o) => o.status === 'PENDING');
    if (pending.length) throw conflict('仍有未处理的异议', 'Objections are still pending', { details: { pending: pending.map((o) => o.index) } });
    await move(tx, ctx, app, 'FILED');
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'FILED', changes: { from: app.status } });
    return id;
  });
}

/** 三重一大: the major-decision approval of the agreement (NS Art 13; HN Art 13), by the official the profile names. */
export async function approveMajorDecision(ctx: Ctx, input: { id: string; minutesRef: string }): Promise<string> {
  const { id } = input;
  const ref = required(input.minutesRef, 'input.minutesRef', '决策记录编号', 'Minutes reference');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const found = await getApplication(tx, id, true);
    if (!found) throw notFound('申请', 'Application', id);
    await requireLifecycleRole(tx, ctx.identity, found.jurisdiction, 'majorDecision');
    const app = await loadForTransition(tx, id, 'APPROVE_MAJOR_DECISION');
    await move(tx, ctx, app, 'APPROVED', { decisionNote: ref });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'MAJOR_DECISION_APPROVED', changes: { minutesRef: ref } });
    return id;
  });
}

export async function rejectApplication(ctx: Ctx, input: { id: string; reason: string }): Promise<string> {
  const { id } = input;
  const text = required(input.reason, 'input.reason', '理由', 'Reason');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const app = await loadForTransition(tx, id, 'REJECT', (app) => requireOfficial(ctx.identity, app.jurisdiction, 'AUTHORITY', 'AGENCY'));
    await move(tx, ctx, app, 'REJECTED', { decisionNote: text });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'REJECTED', changes: { from: app.status }, reason: text });
    return id;
  });
}
