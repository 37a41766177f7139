import { badInput, inTransaction, notFound, type Em } from '@pdo/platform';
import { todayInShanghai, type LocalDate } from '@pdo/policy';
import { requireOfficial, requireOwnOperator } from '../access.js';
import { getAgreement, getRectification, otherOpenRectifications, overdueRectifications, setAgreementStatus, updateRectification } from '../data/agreements.js';
import { AGREEMENT_TRANSITIONS, RECTIFICATION_CAUSES, statusChanged } from '../domain/agreement-lifecycle.js';
import { assertReady, endAgreement, loadAgreement, openRectification, suspend } from './agreement-steps.js';
import { assertTransition, required, today, type Ctx, type Uow } from './checks.js';
import { resumeGrants } from './returned-data.js';
import { loadProfile } from './profiles.js';

export interface RectificationInput {
  agreementId: string;
  cause: string;
  description: string;
  deadline: LocalDate;
}

function rectificationInput(input: RectificationInput, day: LocalDate): string {
  const description = required(input.description, 'input.description', '整改事由', 'Description');
  if (!RECTIFICATION_CAUSES.includes(input.cause as never)) throw badInput('未知整改事由', 'Unknown rectification cause', { field: 'input.cause' });
  if (input.deadline <= day) throw badInput('整改期限须晚于今天', 'The deadline must be after today', { field: 'input.deadline' });
  return description;
}

/** The authority suspends explicitly and orders rectification (every grant paused until the outcome). */
export async function suspendAgreement(ctx: Ctx, input: RectificationInput): Promise<string> {
  const description = rectificationInput(input, today(ctx));
  return inTransaction(ctx, async (uow) => {
    const a = await loadAgreement(uow.tx, input.agreementId, 'SUSPEND', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY'));
    await openRectification(uow, a, { cause: input.cause, origin: 'AUTHORITY', description, deadline: input.deadline }, ctx.now, true);
    return a.id;
  });
}

/** The authority orders rectification; access follows the jurisdiction's rule (`rectification`). */
export async function orderRectification(ctx: Ctx, input: RectificationInput): Promise<string> {
  const description = rectificationInput(input, today(ctx));
  return inTransaction(ctx, async (uow) => {
    const a = await loadAgreement(uow.tx, input.agreementId, 'ORDER_RECTIFICATION', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY'));
    await openRectification(uow, a, { cause: input.cause, origin: 'AUTHORITY', description, deadline: input.deadline }, ctx.now);
    return a.id;
  });
}

/** The authority ends an authorization for cause (NS Art 14: amendment and termination), every grant revoked. */
export async function terminateAgreement(ctx: Ctx, input: { agreementId: string; reason: string }): Promise<string> {
  const text = required(input.reason, 'input.reason', '终止理由', 'Reason');
  const day = today(ctx);
  return inTransaction(ctx, async (uow) => {
    const a = await loadAgreement(uow.tx, input.agreementId, 'TERMINATE', (a) => requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY'));
    const { profile } = await loadProfile(uow.tx, a.jurisdiction, a.profileVersion);
    await endAgreement(uow, a, profile, 'TERMINATED', day, text, ctx.now);
    return a.id;
  });
}

export async function submitRectificationPlan(ctx: Ctx, input: { rectificationId: string; plan: string }): Promise<string> {
  const text = required(input.plan, 'input.plan', '整改方案', 'Plan');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const r = await getRectification(tx, input.rectificationId, true);
    if (!r) throw notFound('整改', 'Rectification', input.rectificationId);
    const a = (await getAgreement(tx, r.agreementId))!;
    requireOwnOperator(ctx.identity, a.operatorId);
    assertTransition('整改', 'Rectification', { SUBMIT_PLAN: ['OPEN', 'PLAN_SUBMITTED'] }, 'SUBMIT_PLAN', r.status);
    await updateRectification(tx, r.id, { status: 'PLAN_SUBMITTED', plan: text });
    audit({ entityType: 'Rectification', entityId: r.id, action: 'PLAN_SUBMITTED', changes: { plan: text } });
    return r.id;
  });
}

/**
 * The outcome. Passed: a suspended agreement is reinstated once no other rectification is open (gates re-checked) and
 * its grants resume. Failed: the agreement's rule (`rectification.onFailure`): ZJC terminates, TZ Art 29 and HN Art 22
 * suspend access, elsewhere the authority decides explicitly.
 */
export async function concludeRectification(ctx: Ctx, input: { rectificationId: string; passed: boolean; note: string }): Promise<string> {
  const { passed } = input;
  const text = required(input.note, 'input.note', '结论说明', 'Note');
  const day = today(ctx);
  const at = ctx.now.toISOString();
  return inTransaction(ctx, async (uow) => {
    const { tx, audit } = uow;
    const r = await getRectification(tx, input.rectificationId, true);
    if (!r) throw notFound('整改', 'Rectification', input.rectificationId);
    const a = (await getAgreement(tx, r.agreementId, true))!;
    requireOfficial(ctx.identity, a.jurisdiction, 'AUTHORITY');
    if (passed) assertTransition('整改', 'Rectification', { PASS: ['PLAN_SUBMITTED'] }, 'PASS', r.status);
    else assertTransition('整改', 'Rectification', { FAIL: ['OPEN', 'PLAN_SUBMITTED'] }, 'FAIL', r.status);
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    if (passed) {
      await updateRectification(tx, r.id, { status: 'PASSED', outcomeNote: text, closedAt: at });
      audit({ entityType: 'Rectification', entityId: r.id, action: 'PASSED', reason: text });
      if (a.status === 'SUSPENDED' && (await otherOpenRectifications(tx, a.id, r.id)) === 0) {
        assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, 'REINSTATE', a.status);
        await assertReady(tx, a, profile, day);
        await setAgreementStatus(tx, a.id, 'ACTIVE', null, at);
        audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'REINSTATED', changes: { from: a.status, to: 'ACTIVE', rectificationId: r.id } });
        // Grants an incident paused stay paused until that incident closes; a grant of returned data resumes only
        // under a consent in force (ZJC §三(五)2), otherwise the reinstatement is refused.
        await resumeGrants(uow, a.id, 'reinstated', ctx.now, day, 'rectification:', 'REFUSE');
        await uow.publish('AgreementReinstated', statusChanged(a, 'ACTIVE', text, ctx.now), a.jurisdiction);
      }
      return a.id;
    }
    await updateRectification(tx, r.id, { status: 'FAILED', outcomeNote: text, closedAt: at });
    audit({ entityType: 'Rectification', entityId: r.id, action: 'FAILED', changes: { consequence: profile.rectification.value.onFailure, rule: profile.rectification.source }, reason: text });
    const onFailure = profile.rectification.value.onFailure;
    if (onFailure === 'TERMINATE') await endAgreement(uow, a, profile, 'TERMINATED', day, `rectification failed (${r.cause}): ${text}`, ctx.now);
    else if (onFailure === 'SUSPEND' && a.status === 'ACTIVE') {
      await suspend(uow, a, r.cause, `rectification:${r.id}`, text, ctx.now, { rectificationId: r.id, outcome: 'FAILED', rule: profile.rectification.source });
    }
    return a.id;
  });
}

/**
 * Overdue rectifications (a step of the agreement clock): where the agreement's rule suspends on an overdue
 * rectification (HN Art 22), an active agreement whose rectification passed its deadline unconcluded is suspended.
 * Idempotent: a suspended agreement is not touched again.
 */
export async function suspendOverdueRectifications(uow: Uow, now: Date): Promise<string[]> {
  const tx: Em = uow.tx;
  const out: string[] = [];
  for (const r of await overdueRectifications(tx, todayInShanghai(now))) {
    if (out.includes(r.agreementId)) continue;
    const a = (await getAgreement(tx, r.agreementId))!;
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    if (profile.rectification.value.onOverdue !== 'SUSPEND') continue;
    await suspend(uow, a, r.cause, `rectification:${r.id}`, `rectification overdue since ${r.deadline}`, now, { rectificationId: r.id, overdueSince: r.deadline, rule: profile.rectification.source });
    out.push(a.id);
  }
  return out;
}

export const rectification = (ctx: Ctx, id: string) => getRectification(ctx.em, id);
