import type { LicensingEvents } from '@pdo/events';
import type { EffectiveProfile, LocalDate, ProfileSettings } from '@pdo/policy';

export type AgreementStatus = 'SIGNED' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'EXPIRED' | 'EXITED';

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

/** TZ Art 29 causes, plus the findings of evaluation and security assessment (TZ Art 27). */
export const RECTIFICATION_CAUSES = ['SECURITY_DUTIES_NOT_PERFORMED', 'UNLAWFUL_USE_CAUSING_LOSS', 'MAJOR_RISK', 'USE_OUTSIDE_SCOPE', 'OTHER_BREACH', 'EVALUATION_FINDING', 'SECURITY_ASSESSMENT'] as const;

/** The facts of an agreement that other subgraphs keep. */
export interface AgreementFactsSource {
  id: string;
  number: string;
  jurisdiction: string;
  operatorId: string;
  mode: 'WHOLE' | 'BY_DOMAIN' | 'BY_SCENARIO';
  status: AgreementStatus;
  startDate: string;
  endDate: string;
  trialEndDate: string | null;
  resourceIds: string[];
  sectors: string[];
  profileVersion: number;
}

export function agreementFacts(a: AgreementFactsSource, status: AgreementStatus = a.status): LicensingEvents.AgreementFacts {
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

export function statusChanged(a: Pick<AgreementFactsSource, 'id' | 'jurisdiction' | 'operatorId' | 'endDate'>, status: AgreementStatus, reason: string | null, at: Date): LicensingEvents.AgreementStatusChanged {
  return { agreementId: a.id, jurisdiction: a.jurisdiction, operatorId: a.operatorId, status: status as LicensingEvents.AgreementStatus, endDate: a.endDate, reason, effectiveAt: at.toISOString() };
}

/** The agreement number: jurisdiction, 授权 (SQ), the start year, a sequence of that year. */
export const agreementNumber = (jurisdiction: string, year: string, seq: number) => `${jurisdiction}-SQ-${year}-${String(seq).padStart(3, '0')}`;
export const agreementNumberPrefix = (jurisdiction: string, year: string) => `${jurisdiction}-SQ-${year}-`;

export interface ReadinessFact {
  kind: string;
  passed: boolean;
  doneOn: string;
  filedOn: string | null;
  validUntil: string | null;
}

export interface GateResult {
  gate: 'TRAINING' | 'TRAINING_FILED' | 'SECURITY_REVIEW' | 'EMERGENCY_PLAN';
  required: boolean;
  satisfied: boolean;
  detail: string;
  source: string;
}

/** An emergency plan as evaluation keeps it (projected from EmergencyPlanChanged). */
export interface EmergencyPlanFact {
  holderOrgId: string;
  status: string;
  version: number;
  adoptedOn: string;
}

/**
 * Readiness gates before access opens (TZ Art 18; ZJC §三(五)): pre-job training passed (TZ: and filed), a security
 * review still valid on `asOf` (ZJC: 2 years), and — where the profile requires one plan per authorization (ZJC §五(四)
 * 一授权一预案; §三(四)3(3): 未制定相关应急预案的，不得开展公共数据授权运营工作) — an active emergency plan of the
 * operator for this authorization, adopted by `asOf`, as filed in evaluation (`plans`, the plans naming the agreement).
 * Only the gates the agreement's profile demands are required. `records` in the order they were done.
 */
export function readinessGates(records: ReadinessFact[], profile: EffectiveProfile, asOf: LocalDate, operation: { operatorId: string; plans: EmergencyPlanFact[] }): GateResult[] {
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
    const plan = operation.plans.filter((p) => p.status === 'ACTIVE' && p.holderOrgId === operation.operatorId && p.adoptedOn <= asOf).at(-1);
    out.push({
      gate: 'EMERGENCY_PLAN',
      required: true,
      satisfied: !!plan,
      detail: plan ? `emergency plan version ${plan.version} adopted on ${plan.adoptedOn}` : 'no emergency plan of the operator filed for this authorization',
      source: profile.emergencyPlanPerAuthorization.source,
    });
  }
  return out;
}

/**
 * Whether access closes while a rectification runs: the agreement's profile (`rectification.accessWhileRectifying`:
 * TZ Art 29 and ZJC close it; HN Art 22 only on a major risk; where no text says, it stays open), unless the authority
 * suspends explicitly (`force`).
 */
export function rectificationClosesAccess(rule: ProfileSettings['rectification'], cause: string, force: boolean): boolean {
  return force || rule.accessWhileRectifying === 'CLOSED' || (rule.accessWhileRectifying === 'OPEN_UNLESS_MAJOR_RISK' && cause === 'MAJOR_RISK');
}

/** Paused grants a resumption reopens: those paused with exactly `onlyReason`, or whose reason starts with it when it ends with ':'. */
export function resumable<G extends { reason: string | null }>(grants: G[], onlyReason?: string): G[] {
  if (!onlyReason) return grants;
  return grants.filter((g) => (onlyReason.endsWith(':') ? (g.reason ?? '').startsWith(onlyReason) : g.reason === onlyReason));
}
