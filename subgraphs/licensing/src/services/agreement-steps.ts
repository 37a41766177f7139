import { conflict, newId, notFound, policyViolation, type Em } from '@pdo/platform';
import { logPurgeEarliestDate, type EffectiveProfile, type LocalDate } from '@pdo/policy';
import { agreementsInStates, failOpenRectifications, getAgreement, insertRectification, readinessOf, refusePendingRenewals, setAgreementStatus } from '../data/agreements.js';
import { plansOfAgreements } from '../data/emergency-plans.js';
import type { AgreementRow } from '../data/rows.js';
import { AGREEMENT_TRANSITIONS, LIVE_AGREEMENT_STATUSES, readinessGates, rectificationClosesAccess, statusChanged } from '../domain/agreement-lifecycle.js';
import { assertTransition, type Uow } from './checks.js';
import { pauseGrants, revokeAllGrants } from './grants.js';
import { loadProfile } from './profiles.js';

/**
 * Locks the agreement, authorizes the caller on it, then checks the transition — in that order, so a stranger learns
 * nothing about someone else's agreement (not even its state) from the refusal.
 */
export async function loadAgreement(tx: Em, id: string, action: string, authorize: (a: AgreementRow) => void): Promise<AgreementRow> {
  const a = await getAgreement(tx, id, true);
  if (!a) throw notFound('授权协议', 'Agreement', id);
  authorize(a);
  assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, action, a.status);
  return a;
}

/** The readiness gates of the agreement's profile as of a day. */
export async function gatesOf(em: Em, a: AgreementRow, profile: EffectiveProfile, asOf: LocalDate) {
  const [records, plans] = await Promise.all([readinessOf(em, [a.id]), profile.emergencyPlanPerAuthorization.value ? plansOfAgreements(em, [a.id]) : []]);
  return readinessGates(records, profile, asOf, { operatorId: a.operatorId, plans });
}

export async function assertReady(em: Em, a: AgreementRow, profile: EffectiveProfile, asOf: LocalDate): Promise<void> {
  const missing = (await gatesOf(em, a, profile, asOf)).filter((g) => g.required && !g.satisfied);
  if (missing.length) {
    throw policyViolation(
      missing.map((g) => g.source).join('; '),
      `准入条件未满足：${missing.map((g) => `${g.gate}（${g.detail}）`).join('；')}`,
      `Readiness gates not met: ${missing.map((g) => `${g.gate} (${g.detail})`).join('; ')}`,
      { details: { missing: missing.map((g) => g.gate) } },
    );
  }
}

/** QHD: whole-scope authorization to one legal person — no second live agreement in the jurisdiction. */
export async function assertSingleOperator(em: Em, profile: EffectiveProfile, jurisdiction: string, exceptAgreementId: string | null): Promise<void> {
  if (!profile.singleOperator.value) return;
  const rows = await agreementsInStates(em, jurisdiction, LIVE_AGREEMENT_STATUSES, exceptAgreementId);
  if (rows.length) {
    throw policyViolation(profile.singleOperator.source, `本辖区仅授权一家运营主体，已有有效协议 ${rows[0]!.number}`, `Only one operator may be authorized here; agreement ${rows[0]!.number} is in force`, {
      details: { agreementIds: rows.map((r) => r.id) },
    });
  }
}

/** Suspends an active agreement: every grant paused with `reason`, the event published. */
export async function suspend(uow: Uow, a: AgreementRow, cause: string, reason: string, description: string, at: Date, changes: Record<string, unknown>): Promise<void> {
  await setAgreementStatus(uow.tx, a.id, 'SUSPENDED', cause, at.toISOString());
  uow.audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: 'SUSPENDED', changes: { from: a.status, to: 'SUSPENDED', ...changes }, reason: description });
  await pauseGrants(uow, a.id, reason, at);
  await uow.publish('AgreementSuspended', statusChanged(a, 'SUSPENDED', cause, at), a.jurisdiction);
}

/**
 * Opens a rectification. Whether access closes while it runs is the agreement's profile
 * (domain/agreement-lifecycle.ts `rectificationClosesAccess`) — unless the authority suspends explicitly (`force`).
 */
export async function openRectification(
  uow: Uow,
  a: AgreementRow,
  r: { cause: string; origin: string; description: string; deadline: LocalDate; findingId?: string | null },
  at: Date,
  force = false,
): Promise<string> {
  const { profile } = await loadProfile(uow.tx, a.jurisdiction, a.profileVersion);
  const id = newId();
  await insertRectification(uow.tx, { id, agreementId: a.id, cause: r.cause, origin: r.origin, description: r.description, findingId: r.findingId ?? null, deadline: r.deadline, openedAt: at.toISOString() });
  uow.audit({ entityType: 'Rectification', entityId: id, action: 'ORDERED', changes: { agreementId: a.id, cause: r.cause, origin: r.origin, deadline: r.deadline, rule: profile.rectification.source } });
  if (rectificationClosesAccess(profile.rectification.value, r.cause, force) && a.status === 'ACTIVE') {
    await suspend(uow, a, r.cause, `rectification:${id}`, r.description, at, { rectificationId: id, cause: r.cause, deadline: r.deadline, rule: force ? 'explicit' : profile.rectification.source });
  }
  return id;
}

/**
 * Ends an agreement (termination or expiry): status, end day, the earliest log-purge date of the agreement's profile
 * (ZJC ≥ 6 months), pending renewals refused and open rectifications failed, all grants revoked, the event.
 */
export async function endAgreement(uow: Uow, a: AgreementRow, profile: EffectiveProfile, status: 'TERMINATED' | 'EXPIRED', endedOn: LocalDate, reason: string, at: Date): Promise<void> {
  if (!(AGREEMENT_TRANSITIONS[status === 'TERMINATED' ? 'TERMINATE' : 'EXPIRE'] ?? []).includes(a.status)) {
    throw conflict(`协议状态为 ${a.status}，不能${status === 'TERMINATED' ? '终止' : '到期'}`, `Agreement is ${a.status}`, { details: { reason: 'INVALID_TRANSITION', from: a.status } });
  }
  const purge = logPurgeEarliestDate(profile, endedOn);
  await setAgreementStatus(uow.tx, a.id, status, reason, at.toISOString(), { endedOn, logPurgeEarliest: purge ?? undefined });
  await refusePendingRenewals(uow.tx, a.id, `agreement ${status.toLowerCase()}`);
  await failOpenRectifications(uow.tx, a.id, at.toISOString(), `agreement ${status.toLowerCase()}`);
  uow.audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: status, changes: { from: a.status, to: status, endedOn, logPurgeEarliest: purge }, reason });
  await revokeAllGrants(uow, a.id, reason, at);
  await uow.publish(status === 'TERMINATED' ? 'AgreementTerminated' : 'AgreementExpired', statusChanged(a, status, reason, at), a.jurisdiction);
}
