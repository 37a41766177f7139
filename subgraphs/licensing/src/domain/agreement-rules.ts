import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, policyViolation, sql, type AuditEntry } from '@pdo/platform';
import type { EventName, LicensingEvents } from '@pdo/events';
import { logPurgeEarliestDate, type EffectiveProfile, type LocalDate } from '@pdo/policy';
import { grantsOfAgreement, readinessOf, type AgreementRow, type AgreementStatus, type GrantRow } from '../data/rows.js';

/** Publishes a licensing event in the caller's transaction (a mutation's uow, or the deferred relay in handlers). */
export type Publish = (name: EventName, payload: object, jurisdiction?: string | null) => Promise<unknown>;
export type Audit = (entry: AuditEntry) => void;

/**
 * Agreement lifecycle (NS Art 14; HN Arts 14, 22; TZ Arts 16–17, 28–29): which states each action may start from.
 * SIGNED → ACTIVE (readiness gates) → SUSPENDED (rectification) → ACTIVE | TERMINATED;
 * EXPIRED at the end of the last day; EXITED once exit duties are recorded.
 */
export const AGREEMENT_TRANSITIONS: Record<string, readonly AgreementStatus[]> = {
  FILE: ['SIGNED'],
  RECORD_READINESS: ['SIGNED', 'ACTIVE', 'SUSPENDED'],
  ACTIVATE: ['SIGNED'],
  SUSPEND: ['ACTIVE'],
  ORDER_RECTIFICATION: ['ACTIVE', 'SUSPENDED'],
  REINSTATE: ['SUSPENDED'],
  TERMINATE: ['SIGNED', 'ACTIVE', 'SUSPENDED'],
  REQUEST_EARLY_TERMINATION: ['ACTIVE', 'SUSPENDED'],
  EXPIRE: ['SIGNED', 'ACTIVE', 'SUSPENDED'],
  REQUEST_RENEWAL: ['ACTIVE'],
  APPROVE_RENEWAL: ['ACTIVE', 'SUSPENDED'],
  FILE_SCENARIO: ['ACTIVE'],
  OPEN_ACCESS: ['ACTIVE'],
  RECORD_EXIT_DUTY: ['TERMINATED', 'EXPIRED', 'EXITED'],
  COMPLETE_EXIT: ['TERMINATED', 'EXPIRED'],
};

export const LIVE_AGREEMENT_STATUSES: AgreementStatus[] = ['SIGNED', 'ACTIVE', 'SUSPENDED'];

export function agreementFacts(a: AgreementRow, status: AgreementStatus = a.status): LicensingEvents.AgreementFacts {
  return {
    agreementId: a.id,
    agreementNumber: a.number,
    jurisdiction: a.jurisdiction,
    operatorId: a.operatorId,
    mode: a.mode,
    status: status as LicensingEvents.AgreementStatus,
    startDate: a.startDate,
    endDate: a.endDate,
    trialEndDate: a.trialEndDate,
    resourceIds: a.resourceIds,
    sectors: a.sectors,
    profileVersion: a.profileVersion,
  };
}

export function statusChanged(a: AgreementRow, status: AgreementStatus, reason: string | null, at: Date): LicensingEvents.AgreementStatusChanged {
  return { agreementId: a.id, jurisdiction: a.jurisdiction, operatorId: a.operatorId, status: status as LicensingEvents.AgreementStatus, endDate: a.endDate, reason, effectiveAt: at.toISOString() };
}

export interface GateResult {
  gate: 'TRAINING' | 'TRAINING_FILED' | 'SECURITY_REVIEW' | 'EMERGENCY_PLAN';
  required: boolean;
  satisfied: boolean;
  detail: string;
  source: string;
}

/**
 * Readiness gates before access opens (TZ Art 18; ZJC §三(五)): pre-job training passed (TZ: and
 * filed), a security review still valid on `asOf` (ZJC: 2 years), an emergency plan for this
 * authorization (ZJC 一授权一预案). Only the gates the agreement's profile demands are required.
 */
export async function readinessGates(em: EntityManager, a: AgreementRow, profile: EffectiveProfile, asOf: LocalDate): Promise<GateResult[]> {
  const records = await readinessOf(em, a.id);
  const training = records.filter((r) => r.kind === 'TRAINING' && r.passed && r.doneOn <= asOf);
  const t = profile.training.value;
  const out: GateResult[] = [];
  out.push({ gate: 'TRAINING', required: t.required, satisfied: training.length > 0, detail: training.length ? `${training.length} passed training record(s)` : 'no passed training record', source: profile.training.source });
  if (t.filingRequired) {
    const filed = training.filter((r) => r.filedOn && r.filedOn <= asOf);
    out.push({ gate: 'TRAINING_FILED', required: true, satisfied: filed.length > 0, detail: filed.length ? 'training filed' : 'training not filed', source: profile.training.source });
  }
  const validity = profile.securityReviewValidityMonths.value;
  if (validity !== null) {
    const valid = records.filter((r) => r.kind === 'SECURITY_REVIEW' && r.passed && r.doneOn <= asOf && (r.validUntil === null || r.validUntil >= asOf));
    const latest = records.filter((r) => r.kind === 'SECURITY_REVIEW' && r.passed).at(-1);
    out.push({
      gate: 'SECURITY_REVIEW',
      required: true,
      satisfied: valid.length > 0,
      detail: valid.length ? `valid until ${valid.at(-1)!.validUntil}` : latest ? `expired on ${latest.validUntil}` : 'no passed security review',
      source: profile.securityReviewValidityMonths.source,
    });
  }
  if (profile.emergencyPlanPerAuthorization.value) {
    const plans = records.filter((r) => r.kind === 'EMERGENCY_PLAN' && r.passed);
    out.push({ gate: 'EMERGENCY_PLAN', required: true, satisfied: plans.length > 0, detail: plans.length ? 'emergency plan on file' : 'no emergency plan for this authorization', source: profile.emergencyPlanPerAuthorization.source });
  }
  return out;
}

export async function assertReady(em: EntityManager, a: AgreementRow, profile: EffectiveProfile, asOf: LocalDate): Promise<void> {
  const gates = await readinessGates(em, a, profile, asOf);
  const missing = gates.filter((g) => g.required && !g.satisfied);
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
export async function assertSingleOperator(em: EntityManager, profile: EffectiveProfile, jurisdiction: string, exceptAgreementId: string | null): Promise<void> {
  if (!profile.singleOperator.value) return;
  const rows = await sql<{ id: string; number: string }>(
    em,
    `select id, number from agreement where jurisdiction = $1 and status = any($2::text[]) and ($3::uuid is null or id <> $3::uuid)`,
    [jurisdiction, LIVE_AGREEMENT_STATUSES, exceptAgreementId],
  );
  if (rows.length) {
    throw policyViolation(profile.singleOperator.source, `本辖区仅授权一家运营主体，已有有效协议 ${rows[0]!.number}`, `Only one operator may be authorized here; agreement ${rows[0]!.number} is in force`, {
      details: { agreementIds: rows.map((r) => r.id) },
    });
  }
}

export async function setAgreementStatus(em: EntityManager, a: AgreementRow, status: AgreementStatus, reason: string | null, at: Date, extra: { endedOn?: LocalDate; logPurgeEarliest?: LocalDate } = {}): Promise<void> {
  await sql(
    em,
    `update agreement set status = $2, status_reason = $3, status_changed_at = $4,
        ended_on = coalesce($5::date, ended_on), log_purge_earliest = coalesce($6::date, log_purge_earliest),
        activated_at = case when $2 = 'ACTIVE' and activated_at is null then $4 else activated_at end
      where id = $1`,
    [a.id, status, reason, at, extra.endedOn ?? null, extra.logPurgeEarliest ?? null],
  );
}

async function changeGrants(em: EntityManager, grants: GrantRow[], status: GrantRow['status'], reason: string, at: Date, publish: Publish, audit: Audit): Promise<void> {
  if (!grants.length) return;
  await sql(em, `update access_grant set status = $2, reason = $3, updated_at = $4 where id = any($1::uuid[])`, [grants.map((g) => g.id), status, reason, at]);
  for (const g of grants) {
    audit({ entityType: 'AccessGrant', entityId: g.id, action: status === 'ACTIVE' ? 'RESUMED' : status, changes: { from: g.status, to: status }, reason });
    if (status === 'ACTIVE') {
      const p: LicensingEvents.AccessGranted = { grantId: g.id, agreementId: g.agreementId, scenarioId: g.scenarioId, operatorId: g.operatorId, resourceId: g.resourceId, jurisdiction: g.jurisdiction, expiresOn: g.expiresOn, status: 'ACTIVE', effectiveAt: at.toISOString() };
      await publish('AccessGranted', p, g.jurisdiction);
    } else {
      const p: LicensingEvents.AccessRevoked = { grantId: g.id, agreementId: g.agreementId, scenarioId: g.scenarioId, operatorId: g.operatorId, resourceId: g.resourceId, jurisdiction: g.jurisdiction, status, reason, effectiveAt: at.toISOString() };
      await publish('AccessRevoked', p, g.jurisdiction);
    }
  }
}

/** Suspension pauses every active grant of the agreement (products and revenue pause with them). */
export async function pauseGrants(em: EntityManager, agreementId: string, reason: string, at: Date, publish: Publish, audit: Audit, resourceIds?: string[]): Promise<number> {
  let grants = await grantsOfAgreement(em, agreementId, ['ACTIVE']);
  if (resourceIds?.length) grants = grants.filter((g) => resourceIds.includes(g.resourceId));
  await changeGrants(em, grants, 'PAUSED', reason, at, publish, audit);
  return grants.length;
}

/** Resumes paused grants: those paused with exactly `onlyReason`, or whose reason starts with it when it ends with ':'. */
export async function resumeGrants(em: EntityManager, agreementId: string, reason: string, at: Date, publish: Publish, audit: Audit, onlyReason?: string): Promise<number> {
  let grants = await grantsOfAgreement(em, agreementId, ['PAUSED']);
  if (onlyReason) grants = grants.filter((g) => (onlyReason.endsWith(':') ? (g.reason ?? '').startsWith(onlyReason) : g.reason === onlyReason));
  await changeGrants(em, grants, 'ACTIVE', reason, at, publish, audit);
  return grants.length;
}

/** Exit closes every permission at once (QHD: take back all; JL §6.7). */
export async function revokeAllGrants(em: EntityManager, agreementId: string, reason: string, at: Date, publish: Publish, audit: Audit): Promise<number> {
  const grants = await grantsOfAgreement(em, agreementId, ['ACTIVE', 'PAUSED']);
  await changeGrants(em, grants, 'REVOKED', reason, at, publish, audit);
  return grants.length;
}

export async function revokeGrants(em: EntityManager, grants: GrantRow[], reason: string, at: Date, publish: Publish, audit: Audit): Promise<void> {
  await changeGrants(em, grants, 'REVOKED', reason, at, publish, audit);
}

/**
 * Ends an agreement (termination or expiry): status, end day, the earliest log-purge date of the
 * agreement's profile (ZJC ≥ 6 months), all grants revoked, the event.
 */
export async function endAgreement(
  em: EntityManager,
  a: AgreementRow,
  profile: EffectiveProfile,
  status: 'TERMINATED' | 'EXPIRED',
  endedOn: LocalDate,
  reason: string,
  at: Date,
  publish: Publish,
  audit: Audit,
): Promise<void> {
  if (!(AGREEMENT_TRANSITIONS[status === 'TERMINATED' ? 'TERMINATE' : 'EXPIRE'] ?? []).includes(a.status)) {
    throw conflict(`协议状态为 ${a.status}，不能${status === 'TERMINATED' ? '终止' : '到期'}`, `Agreement is ${a.status}`, { details: { reason: 'INVALID_TRANSITION', from: a.status } });
  }
  const purge = logPurgeEarliestDate(profile, endedOn);
  await setAgreementStatus(em, a, status, reason, at, { endedOn, logPurgeEarliest: purge });
  await sql(em, `update renewal_request set status = 'REFUSED', decision_note = $2 where agreement_id = $1 and status = 'PENDING'`, [a.id, `agreement ${status.toLowerCase()}`]);
  await sql(em, `update rectification set status = 'FAILED', closed_at = $2, outcome_note = coalesce(outcome_note, $3) where agreement_id = $1 and status in ('OPEN','PLAN_SUBMITTED')`, [a.id, at, `agreement ${status.toLowerCase()}`]);
  audit({ entityType: 'AuthorizationAgreement', entityId: a.id, action: status, changes: { from: a.status, to: status, endedOn, logPurgeEarliest: purge }, reason });
  await revokeAllGrants(em, a.id, reason, at, publish, audit);
  await publish(status === 'TERMINATED' ? 'AgreementTerminated' : 'AgreementExpired', statusChanged({ ...a, status }, status, reason, at), a.jurisdiction);
}
