import { conflict, forbidden, inTransaction, newId, profileFor, badInput, type RequestContext } from '@pdo/platform';
import { calendarOfProfile, todayInShanghai, type EffectiveProfile } from '@pdo/policy';
import {
  firstApplicationDue,
  registrationClock,
  registrationCode,
  registrationTransition,
  renewalCheck,
  validityOnCoding,
  TERMINAL_STATES,
  type RegistrationAction,
  type RegistrationActor,
  type RegistrationState,
} from '@pdo/registration';
import { agreementFacts } from '../data/projections.js';
import { advanceRegistration, codedCount, insertRegistration, openRegistration, registrationById, type RegistrationStep } from '../data/registrations.js';
import { latestApproved } from '../data/versions.js';
import { policyViolation } from '../domain/refusal.js';
import { actingOrg } from '../access.js';
import type { Loaders } from '../loaders/index.js';
import { lockedProduct } from './context.js';
import { check, found } from './refusal.js';

/*
 * Product registration (登记, RG) reuses the shared state machine and working-day timers of @pdo/registration; this
 * file only stores the dates and runs the side effects of each step.
 */

type Ctx = RequestContext<Loaders>;

/** Due date of the first application: 20 working days after delivery (listing), RG Art 9. */
export function firstRegistrationDue(profile: EffectiveProfile, deliveredOn: string): string {
  return firstApplicationDue(profile, calendarOfProfile(profile), deliveredOn);
}

/** A registration's timers (what is awaited, by when, overdue) under the jurisdiction's profile, today. */
export function registrationTimers(profile: EffectiveProfile, r: { state: string; type: string; submittedOn: string } & Record<string, unknown>, now: Date) {
  return registrationClock(profile, calendarOfProfile(profile), r.state as RegistrationState, { ...r }, todayInShanghai(now), r.type as 'FIRST');
}

export async function applyProductRegistration(ctx: Ctx, input: { productId: string }): Promise<string> {
  const today = todayInShanghai(ctx.now);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const p = await lockedProduct(tx, input.productId);
    if (actingOrg(ctx.identity) !== p.operatorId) throw forbidden('只能为本单位的产品申请登记', 'You may only register your own products');
    const approved = await latestApproved(tx, p.id);
    if (!approved) check(policyViolation('NS Art 16; HN Art 15', '只有通过合规审核的产品版本才能登记', 'Only a version that passed compliance review can be registered'));
    const open = await openRegistration(tx, p.id, approved!.version, TERMINAL_STATES);
    if (open) throw conflict('该版本已有进行中的登记', 'This version already has a registration in progress', { details: { registrationId: open.id, state: open.state } });
    const agreement = await agreementFacts(tx, p.agreementId);
    const id = newId();
    await insertRegistration(tx, {
      id, productId: p.id, version: approved!.version, jurisdiction: p.jurisdiction, operatorId: p.operatorId, submittedOn: today,
      providedOn: approved!.deliveredOn, agreementEnd: agreement?.endDate ?? null, history: [{ state: 'APPLIED', on: today, by: ctx.identity.sub }],
    });
    audit({ entityType: 'ProductRegistration', entityId: id, action: 'APPLIED', changes: { productId: p.id, version: approved!.version } });
    return id;
  });
}

export interface AdvanceRegistrationInput {
  registrationId: string;
  action: RegistrationAction;
  reason?: string | null;
}

/** One step of the registration by the registrant (operator), the registrar (AGENCY) or, for an objection, the public (RG Art 12). */
export async function advanceProductRegistration(ctx: Ctx, input: AdvanceRegistrationInput): Promise<void> {
  const { action, reason } = input;
  const today = todayInShanghai(ctx.now);
  await inTransaction(ctx, async ({ tx, audit }) => {
    const r = found(await registrationById(tx, input.registrationId, true), '产品登记', 'Product registration', input.registrationId);
    const actor: RegistrationActor =
      ctx.identity.role === 'OPERATOR' && ctx.identity.org === r.operatorId ? 'REGISTRANT'
      : ctx.identity.role === 'AGENCY' && ctx.identity.jurisdiction === r.jurisdiction ? 'REGISTRAR'
      : 'PUBLIC';
    const t = registrationTransition(r.state as RegistrationState, action, actor, reason);
    if (!t.ok) {
      if (t.reason === 'WRONG_STATE') throw conflict(`登记状态为 ${r.state}，不能执行 ${action}`, `Registration is ${r.state}; ${action} is not allowed`, { details: { allowedFrom: t.allowedFrom }, rule: t.article });
      if (t.reason === 'WRONG_ACTOR') throw forbidden('无权执行此登记操作', `You may not take ${action} on this registration`, { rule: t.article });
      throw badInput('此操作须说明理由', `${action} needs a reason`, { field: 'reason', rule: t.article });
    }
    const profile = await profileFor(tx, r.jurisdiction);
    const calendar = calendarOfProfile(profile);
    const step: RegistrationStep = { state: t.to, lastReason: reason?.trim() || null };
    if (action === 'ACCEPT') step.acceptedOn = today;
    if (action === 'RESUBMIT') step.submittedOn = today; // resubmission restarts the acceptance clock (RG Art 10)
    if (action === 'PASS_FORMAL_REVIEW') step.noticeStartedOn = today;
    if (action === 'CODE') {
      const clock = registrationClock(profile, calendar, 'PUBLIC_NOTICE', { ...r }, today);
      if (clock.dueOn && today <= clock.dueOn) {
        check(policyViolation('RG Art 12', `公示期至 ${clock.dueOn} 结束，期满后方可赋码`, `The public notice runs until ${clock.dueOn}; code after it ends`, { details: { noticeEndsOn: clock.dueOn } }));
      }
      const seq = (await codedCount(tx, r.jurisdiction)) + 1;
      step.codedOn = today;
      step.validUntil = validityOnCoding(profile, calendar, today, r.agreementEnd);
      step.registrationCode = registrationCode(r.jurisdiction, 'P', today, seq);
    }
    if (action === 'RENEW') {
      const renewal = renewalCheck(profile, calendar, r.validUntil!, today);
      if (!renewal.ok) check(policyViolation('RG Art 15', `续期须在 ${renewal.opensOn} 至 ${r.validUntil} 之间申请`, `Renewal is accepted between ${renewal.opensOn} and ${r.validUntil}`, { details: { opensOn: renewal.opensOn } }));
      else step.validUntil = renewal.newValidUntil;
    }
    await advanceRegistration(tx, r.id, step, { action, state: t.to, on: today, by: ctx.identity.sub, reason: reason ?? null });
    audit({ entityType: 'ProductRegistration', entityId: r.id, action, changes: { from: r.state, to: t.to, reason, article: t.article } });
  });
}
