import { badInput, conflict, inTransaction, newId, notFound, policyViolation, type Em } from '@pdo/platform';
import { addDays, checkAgreementTerm, renewalWindowCheck, successorStartDate, type LocalDate } from '@pdo/policy';
import { isOfficialOf, requireOfficial, requireOwnOperator } from '../access.js';
import { decideRenewal as recordRenewalDecision, getAgreement, getRenewal, insertRenewal, pendingRenewal, updateAgreement } from '../data/agreements.js';
import { getApplication, getCall, insertApplication, reapplicationOf } from '../data/calls.js';
import { getOrg } from '../data/organizations.js';
import { extendLiveGrants } from '../data/scenarios.js';
import type { AgreementRow, AppRow, ApplicationDocument } from '../data/rows.js';
import { AGREEMENT_TRANSITIONS, agreementFacts } from '../domain/agreement-lifecycle.js';
import { eligibilityOf } from '../domain/applications.js';
import { loadAgreement } from './agreement-steps.js';
import { requireListedDocuments, validateDocuments } from './application-documents.js';
import { assertTransition, enforce, policyCall, required, today, type Ctx } from './checks.js';
import { withIntegrity } from './integrity.js';
import { loadProfile } from './profiles.js';

/**
 * Renewal, as the agreement's profile says (`renewalProcedure`): a RENEWAL_REQUEST in the profile's window extends the
 * agreement once approved (QHD §三(二)3; JL §六9); a REAPPLICATION (TZ Arts 17, 28; ZJC §三(四)3(2)) is a new
 * application without a call that goes through pre-check, expert review (the reviewers see the operator's evaluations),
 * publicity and the major decision again, and is signed as a successor agreement from the day after the old end.
 */

/** Where the scoring rules of the original call are unknown (an agreement entered without one), one overall criterion. */
const OVERALL = [{ criterion: '综合评审', weight: 100 }];

async function windowOf(ctx: Ctx, tx: Em, a: AgreementRow) {
  const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
  const w = renewalWindowCheck(profile, a.endDate, today(ctx));
  enforce(w, { opensOn: w.opensOn, closesOn: w.closesOn, endDate: a.endDate });
  return { profile, w };
}

const wrongProcedure = (source: string, reason: 'REAPPLICATION_REQUIRED' | 'RENEWAL_REQUEST_REQUIRED') =>
  reason === 'REAPPLICATION_REQUIRED'
    ? policyViolation(source, '本辖区续期须重新申请授权运营，经评审后签订新协议', 'Renewal here is a new application, reviewed again and signed as a new agreement', { details: { reason } })
    : policyViolation(source, '本辖区续期以续期申请提出，经同意后延长协议', 'Renewal here is a request that extends the agreement once approved', { details: { reason } });

/** Renewal request inside the window of the agreement's own profile (QHD last 3 months; JL before expiry). */
export async function requestRenewal(ctx: Ctx, input: { agreementId: string; proposedEndDate: LocalDate }): Promise<string> {
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'REQUEST_RENEWAL', (a) => requireOwnOperator(ctx.identity, a.operatorId));
    const { profile, w } = await windowOf(ctx, tx, a);
    if (profile.renewalProcedure.value === 'REAPPLICATION') throw wrongProcedure(profile.renewalProcedure.source, 'REAPPLICATION_REQUIRED');
    if (input.proposedEndDate <= a.endDate) throw badInput('续期后的到期日须晚于当前到期日', 'The renewed end must be after the current end', { field: 'input.proposedEndDate' });
    if (await pendingRenewal(tx, a.id)) throw conflict('已有待审核的续期申请', 'A renewal request is already pending');
    const id = newId();
    await insertRenewal(tx, { id, agreementId: a.id, requestedOn: day, proposedEndDate: input.proposedEndDate, at: ctx.now.toISOString() });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWAL_REQUESTED', changes: { renewalId: id, proposedEndDate: input.proposedEndDate, window: { opensOn: w.opensOn, closesOn: w.closesOn } } });
    return id;
  });
}

/**
 * The renewal request is decided like a new authorization: the new term (day after the current end to the proposed
 * end) is checked against the current profile, which the agreement then keeps.
 */
export async function decideRenewal(ctx: Ctx, input: { renewalId: string; approve: boolean; note?: string | null }): Promise<string> {
  const note = input.note ?? null;
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const r = await getRenewal(tx, input.renewalId, true);
    if (!r) throw notFound('续期申请', 'Renewal request', input.renewalId);
    const a = (await getAgreement(tx, r.agreementId, true))!;
    requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY');
    assertTransition('续期申请', 'Renewal request', { DECIDE: ['PENDING'] }, 'DECIDE', r.status);
    if (!input.approve) {
      const text = required(note, 'input.note', '不予续期理由', 'Reason');
      await recordRenewalDecision(tx, r.id, 'REFUSED', text);
      audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWAL_REFUSED', changes: { renewalId: r.id }, reason: text });
      return a.id;
    }
    assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, 'APPROVE_RENEWAL', a.status);
    const { profile, version } = await loadProfile(tx, a.jurisdiction);
    if (profile.renewalProcedure.value === 'REAPPLICATION') throw wrongProcedure(profile.renewalProcedure.source, 'REAPPLICATION_REQUIRED');
    enforce(checkAgreementTerm(profile, addDays(a.endDate, 1), r.proposedEndDate), { maxMonths: profile.agreementTerm.value.maxMonths });
    await recordRenewalDecision(tx, r.id, 'APPROVED', note);
    await updateAgreement(tx, a.id, { endDate: r.proposedEndDate, profileVersion: version });
    // Grants run no longer than the agreement; a renewal carries them to the new end.
    await extendLiveGrants(tx, a.id, r.proposedEndDate, ctx.now.toISOString(), a.endDate);
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWED', changes: { renewalId: r.id, endDate: { from: a.endDate, to: r.proposedEndDate }, profileVersion: version } });
    await publish('AgreementRenewed', agreementFacts({ ...a, endDate: r.proposedEndDate, profileVersion: version }), a.jurisdiction);
    return a.id;
  });
}

/**
 * Re-application for renewal (TZ Art 17: at least 6 months before expiry; ZJC: 3 months): eligibility (with the
 * integrity checks) as of today, the documents the profile lists, then the application path from pre-check on.
 */
export async function reapplyForRenewal(ctx: Ctx, input: { agreementId: string; documents: ApplicationDocument[] }): Promise<string> {
  validateDocuments(input.documents);
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'REQUEST_RENEWAL', (a) => requireOwnOperator(ctx.identity, a.operatorId));
    await windowOf(ctx, tx, a);
    const { profile, version } = await loadProfile(tx, a.jurisdiction);
    if (profile.renewalProcedure.value !== 'REAPPLICATION') throw wrongProcedure(profile.renewalProcedure.source, 'RENEWAL_REQUEST_REQUIRED');
    requireListedDocuments(profile, input.documents);
    const exists = await reapplicationOf(tx, a.id);
    if (exists) throw conflict('已就该协议重新申请', 'A re-application for this agreement is already under way', { details: { applicationId: exists } });
    const org = (await getOrg(tx, a.operatorId))!;
    const eligibility = await withIntegrity(tx, profile, org, policyCall(() => eligibilityOf(profile, version, org, day)));
    if (!eligibility.eligible) {
      const failing = eligibility.criteria.filter((c) => !c.passed);
      throw policyViolation(profile.eligibility.source, `不符合申请条件：${failing.map((c) => c.reasonZh).join('；')}`, `Not eligible: ${failing.map((c) => c.reasonEn).join('; ')}`, { details: { failing } });
    }
    const id = newId();
    await insertApplication(tx, { id, callId: null, renewsAgreementId: a.id, applicantId: a.operatorId, jurisdiction: a.jurisdiction, documents: input.documents, eligibility, submittedOn: day, at: ctx.now.toISOString() });
    audit({ entityType: 'OperatorApplication', entityId: id, action: 'SUBMITTED', changes: { renewsAgreementId: a.id, documents: input.documents, eligibility } });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWAL_REAPPLIED', changes: { applicationId: id } });
    return id;
  });
}

/** What an application is judged and signed on: its call's, or — for a re-application — the renewed agreement's. */
export interface SelectionBasis {
  jurisdiction: string;
  mode: string;
  resourceIds: string[];
  sectors: string[];
  scoringRules: { criterion: string; weight: number }[];
  publicityWorkingDays: number | null;
  /** A re-application: the agreement it succeeds and the day the successor must start. */
  predecessor: { id: string; number: string; startsOn: LocalDate } | null;
  callId: string | null;
}

export async function selectionBasis(em: Em, app: AppRow): Promise<SelectionBasis> {
  if (app.callId) {
    const call = (await getCall(em, app.callId))!;
    return { jurisdiction: call.jurisdiction, mode: call.mode, resourceIds: call.resourceIds, sectors: call.sectors, scoringRules: call.scoringRules, publicityWorkingDays: call.publicityWorkingDays, predecessor: null, callId: call.id };
  }
  const old = await getAgreement(em, app.renewsAgreementId!);
  if (!old) throw notFound('原授权协议', 'Renewed agreement', app.renewsAgreementId!);
  const origin = old.applicationId ? await getApplication(em, old.applicationId) : null;
  const call = origin?.callId ? await getCall(em, origin.callId) : null;
  return {
    jurisdiction: old.jurisdiction,
    mode: old.mode,
    resourceIds: old.resourceIds,
    sectors: old.sectors,
    scoringRules: call?.scoringRules.length ? call.scoringRules : OVERALL,
    publicityWorkingDays: call?.publicityWorkingDays ?? null,
    predecessor: { id: old.id, number: old.number, startsOn: successorStartDate(old.endDate) },
    callId: null,
  };
}

/** A successor starts the day after the old end (Civil Code Art 201 read with the old term's last day), from a live agreement. */
export async function assertSuccessorStart(em: Em, basis: SelectionBasis, startDate: LocalDate, source: string): Promise<void> {
  if (!basis.predecessor) return;
  const old = (await getAgreement(em, basis.predecessor.id))!;
  if (!['SIGNED', 'ACTIVE', 'SUSPENDED'].includes(old.status)) throw conflict(`原协议 ${old.number} 已${old.status}，不能续签`, `Agreement ${old.number} is ${old.status}: nothing to succeed`, { details: { reason: 'PREDECESSOR_ENDED', status: old.status } });
  if (startDate !== basis.predecessor.startsOn) {
    throw policyViolation(source, `续签协议须自原协议到期次日 ${basis.predecessor.startsOn} 起算`, `The successor agreement starts the day after the old one ends: ${basis.predecessor.startsOn}`, { field: 'input.startDate', details: { startsOn: basis.predecessor.startsOn } });
  }
}

/** The applicant itself and the officials and experts of the application's jurisdiction, who review it (TZ Art 28). */
export function canReadEvaluations(ctx: Ctx, app: AppRow): boolean {
  const id = ctx.identity;
  if (id.org === app.applicantId) return true;
  return ['AUTHORITY', 'AGENCY', 'EXPERT'].includes(id.role) && isOfficialOf(id, app.jurisdiction);
}

export const renewal = (ctx: Ctx, id: string) => getRenewal(ctx.em, id);

/** The applicant's finalized evaluations, newest year first, for the reviewers of its application (TZ Art 28). */
export function evaluationsOf(ctx: Ctx, app: AppRow) {
  return canReadEvaluations(ctx, app) ? ctx.loaders.evaluationsByOperator.load(app.applicantId) : null;
}
