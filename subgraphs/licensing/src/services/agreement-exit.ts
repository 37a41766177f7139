import { badInput, conflict, inTransaction, newId, notFound, policyViolation } from '@pdo/platform';
import { addDays, checkAgreementTerm, earliestTerminationDate, renewalWindowCheck, type LocalDate } from '@pdo/policy';
import { requireOfficial, requireOwnOperator } from '../access.js';
import { decideRenewal as recordRenewalDecision, getAgreement, getRenewal, insertRenewal, pendingRenewal, setAgreementStatus, updateAgreement } from '../data/agreements.js';
import { extendLiveGrants, unrevokedGrantCount } from '../data/scenarios.js';
import { AGREEMENT_TRANSITIONS, agreementFacts } from '../domain/agreement-lifecycle.js';
import { loadAgreement } from './agreement-steps.js';
import { assertTransition, enforce, policyCall, required, today, type Ctx } from './checks.js';
import { loadProfile } from './profiles.js';
import { assertExitDutiesDone } from './exit-duties.js';

/** Renewal request inside the window of the agreement's own profile (QHD last 3 months; TZ ≥ 6, ZJC ≥ 3 months before). */
export async function requestRenewal(ctx: Ctx, input: { agreementId: string; proposedEndDate: LocalDate }): Promise<string> {
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'REQUEST_RENEWAL', (a) => requireOwnOperator(ctx.identity, a.operatorId));
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    const w = renewalWindowCheck(profile, a.endDate, day);
    enforce(w, { opensOn: w.opensOn, closesOn: w.closesOn, endDate: a.endDate });
    if (input.proposedEndDate <= a.endDate) throw badInput('续期后的到期日须晚于当前到期日', 'The renewed end must be after the current end', { field: 'input.proposedEndDate' });
    if (await pendingRenewal(tx, a.id)) throw conflict('已有待审核的续期申请', 'A renewal request is already pending');
    const id = newId();
    await insertRenewal(tx, { id, agreementId: a.id, requestedOn: day, proposedEndDate: input.proposedEndDate, at: ctx.now.toISOString() });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWAL_REQUESTED', changes: { renewalId: id, proposedEndDate: input.proposedEndDate, window: { opensOn: w.opensOn, closesOn: w.closesOn } } });
    return id;
  });
}

/**
 * The renewal is reviewed like a new authorization: the new term (day after the current end to the proposed end) is
 * checked against the current profile, which the agreement then keeps.
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
    enforce(checkAgreementTerm(profile, addDays(a.endDate, 1), r.proposedEndDate), { maxMonths: profile.agreementTerm.value.maxMonths });
    await recordRenewalDecision(tx, r.id, 'APPROVED', note);
    await updateAgreement(tx, a.id, { endDate: r.proposedEndDate, profileVersion: version });
    // Grants run no longer than the agreement; a renewal carries them to the new end.
    await extendLiveGrants(tx, a.id, r.proposedEndDate, ctx.now.toISOString());
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'RENEWED', changes: { renewalId: r.id, endDate: { from: a.endDate, to: r.proposedEndDate }, profileVersion: version } });
    await publish('AgreementRenewed', agreementFacts({ ...a, endDate: r.proposedEndDate, profileVersion: version }), a.jurisdiction);
    return a.id;
  });
}

/** Early termination on the operator's application, with the profile's notice (QHD ≥ 3 months, month-end clamped). */
export async function requestEarlyTermination(ctx: Ctx, input: { agreementId: string; effectiveOn: LocalDate; reason: string }): Promise<string> {
  const { effectiveOn } = input;
  const text = required(input.reason, 'input.reason', '理由', 'Reason');
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'REQUEST_EARLY_TERMINATION', (a) => requireOwnOperator(ctx.identity, a.operatorId));
    if (a.terminationNoticeOn) throw conflict('已提交提前终止申请', 'Early termination already requested');
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    const earliest = policyCall(() => earliestTerminationDate(profile, day));
    if (effectiveOn < earliest || effectiveOn <= day) {
      throw policyViolation(profile.earlyTermination.source, `提前终止须提前${profile.earlyTermination.value.noticeMonths}个月书面通知，最早 ${earliest}`, `Early termination needs ${profile.earlyTermination.value.noticeMonths} months' notice: earliest ${earliest}`, {
        field: 'input.effectiveOn',
        details: { earliest, noticeOn: day },
      });
    }
    if (effectiveOn > a.endDate) throw badInput('终止日不能晚于协议到期日', 'The termination date cannot be after the agreement ends', { field: 'input.effectiveOn' });
    const consented = !profile.earlyTermination.value.consentRequired;
    await updateAgreement(tx, a.id, { terminationNoticeOn: day, terminationEffectiveOn: effectiveOn, terminationConsented: consented });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'EARLY_TERMINATION_REQUESTED', changes: { noticeOn: day, effectiveOn, earliest, consentRequired: !consented }, reason: text });
    return a.id;
  });
}

export async function consentEarlyTermination(ctx: Ctx, input: { agreementId: string }): Promise<string> {
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'REQUEST_EARLY_TERMINATION', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY'));
    if (!a.terminationNoticeOn) throw conflict('没有提前终止申请', 'No early termination was requested');
    if (a.terminationConsented) throw conflict('已同意提前终止', 'Already consented');
    await updateAgreement(tx, a.id, { terminationConsented: true });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'EARLY_TERMINATION_CONSENTED', changes: { effectiveOn: a.terminationEffectiveOn } });
    return a.id;
  });
}

/** Exit duties: retained data deleted (operator), assets transferred or destroyed (authority, QHD). */
export async function recordDataDeletion(ctx: Ctx, input: { agreementId: string; deletedOn: LocalDate }): Promise<string> {
  const { deletedOn } = input;
  if (deletedOn > today(ctx)) throw badInput('日期不能晚于今天', 'The date cannot be in the future', { field: 'input.deletedOn' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'RECORD_EXIT_DUTY', (a) => requireOwnOperator(ctx.identity, a.operatorId));
    if (a.endedOn && deletedOn < a.endedOn) throw badInput('删除日期不能早于协议终止日', 'Deletion cannot precede the end of the agreement', { field: 'input.deletedOn' });
    await updateAgreement(tx, a.id, { dataDeletedOn: deletedOn });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'DATA_DELETED', changes: { deletedOn } });
    return a.id;
  });
}

export async function recordAssetDisposition(ctx: Ctx, input: { agreementId: string; kind: 'TRANSFER' | 'DESTROY'; successorId: string | null; note: string }): Promise<string> {
  const { kind, successorId } = input;
  const text = required(input.note, 'input.note', '说明', 'Note');
  if (kind === 'TRANSFER' && !successorId) throw badInput('移交须指明承接单位', 'A transfer names the successor', { field: 'input.successorId' });
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'RECORD_EXIT_DUTY', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY'));
    const disposition = { kind, successorId, note: text, recordedOn: day };
    await updateAgreement(tx, a.id, { assetDisposition: disposition });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'ASSETS_DISPOSED', changes: disposition });
    return a.id;
  });
}

/** Network logs are kept until the profile's retention date (ZJC ≥ 6 months after exit); purging earlier is refused. */
export async function purgeLogs(ctx: Ctx, input: { agreementId: string }): Promise<string> {
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'RECORD_EXIT_DUTY', (a) => requireOwnOperator(ctx.identity, a.operatorId));
    if (a.logsPurgedOn) throw conflict('日志已清除', 'Logs already purged');
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    if (a.logPurgeEarliest && day < a.logPurgeEarliest) {
      throw policyViolation(profile.logRetentionMonthsAfterExit.source, `网络日志须保存至 ${a.logPurgeEarliest} 后方可清除`, `Logs must be kept; purging is allowed from ${a.logPurgeEarliest}`, { details: { earliest: a.logPurgeEarliest } });
    }
    await updateAgreement(tx, a.id, { logsPurgedOn: day });
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'LOGS_PURGED', changes: { purgedOn: day, earliest: a.logPurgeEarliest } });
    return a.id;
  });
}

export async function completeExit(ctx: Ctx, input: { agreementId: string }): Promise<string> {
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await loadAgreement(tx, input.agreementId, 'COMPLETE_EXIT', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY'));
    // The checklist of the agreement's own profile (services/exit-duties.ts), not one jurisdiction's list everywhere.
    await assertExitDutiesDone(tx, a, (await loadProfile(tx, a.jurisdiction, a.profileVersion)).profile);
    if (await unrevokedGrantCount(tx, a.id)) throw conflict('仍有未撤销的访问授权', 'Some access grants are not revoked');
    await setAgreementStatus(tx, a.id, 'EXITED', 'exit completed', ctx.now.toISOString());
    audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'EXITED', changes: { from: a.status, to: 'EXITED' } });
    return a.id;
  });
}

export const renewal = (ctx: Ctx, id: string) => getRenewal(ctx.em, id);
