import { SIGNED_IN_ROLES, SUPERVISOR_ROLES, assertInScope, badInput, forbidden, requireJurisdiction, type AccessRule, type EntityAccessRule, type Identity, type Role, type ScopeOptions } from '@pdo/platform';

/**
 * Who may do what in the evaluation subgraph: the role gate of every root field (enforced by the platform before a
 * resolver runs: an unlisted role gets FORBIDDEN, an anonymous caller UNAUTHENTICATED, whatever the arguments), the
 * entity types others may reference, and the object scope rules the services apply on top
 * (packages/platform/src/access/scope.ts).
 */
const SIGNED_IN = SIGNED_IN_ROLES;
/** Contribution results feed revenue distribution: authority, implementing agency, finance, and the source units themselves. */
const CONTRIBUTION_READERS: Role[] = ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'FINANCE'];
/** An operator's evaluation and reports: the operator itself, its supervisor and the experts who score it. */
const OPERATOR_SUPERVISION: Role[] = ['AUTHORITY', 'EXPERT', 'OPERATOR'];
/** Every kind of dispute has its own complainant roles (domain/disputes.ts KIND_RULES); the union may file. */
const DISPUTE_FILERS: Role[] = ['AGENCY', 'SOURCE_UNIT', 'OPERATOR', 'DEVELOPER', 'EXPERT', 'FINANCE'];
/** Security duties: the supervisors of the jurisdiction, and the operator or service provider whose duties they are. */
const SECURITY_DUTY_READERS: Role[] = ['AUTHORITY', 'AGENCY', 'OPERATOR', 'SERVICE_PROVIDER'];
/** An emergency plan is kept by its holder (JL §八(三); HN Art 8(三)) or by the authority with it (ZJC §五(四)). */
const PLAN_KEEPERS: Role[] = ['AUTHORITY', 'OPERATOR', 'SERVICE_PROVIDER'];

export const EVALUATION_ACCESS = {
  // ── public disclosure (披露): no token needed ──
  disclosure: 'PUBLIC',
  disclosures: 'PUBLIC',
  publicProductUsage: 'PUBLIC',
  // ── contribution assessment (数据贡献评价) ──
  contributionWeights: CONTRIBUTION_READERS,
  contributionAssessments: CONTRIBUTION_READERS,
  contributionAssessment: CONTRIBUTION_READERS,
  setContributionWeights: ['AUTHORITY'],
  assessContribution: ['AUTHORITY'],
  // ── operator annual evaluation ──
  operatorEvaluations: OPERATOR_SUPERVISION,
  operatorEvaluation: OPERATOR_SUPERVISION,
  openOperatorEvaluation: ['AUTHORITY'],
  scoreOperatorEvaluation: ['AUTHORITY', 'EXPERT'],
  addEvaluationFinding: ['AUTHORITY', 'EXPERT'],
  closeEvaluationFinding: ['AUTHORITY'],
  finalizeOperatorEvaluation: ['AUTHORITY'],
  // ── operating reports ──
  operatingReportRules: ['AUTHORITY', 'AGENCY', 'OPERATOR', 'EXPERT', 'FINANCE'],
  operatingReports: OPERATOR_SUPERVISION,
  operatingReport: OPERATOR_SUPERVISION,
  openOperatingReport: ['OPERATOR'],
  generateDueOperatingReports: ['AUTHORITY'],
  submitOperatingReport: ['OPERATOR'],
  reviewOperatingReport: ['AUTHORITY'],
  // ── security incidents ──
  // authority/agency see the jurisdiction, everyone else the incidents they reported or concern them
  securityIncidents: SIGNED_IN,
  securityIncident: SIGNED_IN,
  reportSecurityIncident: SIGNED_IN, // anyone with a role reports (TZ Art 26: report at the first moment)
  addSecurityIncidentAction: ['AUTHORITY', 'OPERATOR'],
  closeSecurityIncident: ['AUTHORITY'],
  // ── disputes and appeals (争议处置) ──
  disputes: SIGNED_IN,
  dispute: SIGNED_IN,
  fileDispute: DISPUTE_FILERS,
  startDisputeHandling: ['AUTHORITY'],
  resolveDispute: ['AUTHORITY'],
  // ── security duties (docs/policy/security-duties.md) ──
  emergencyPlans: SECURITY_DUTY_READERS,
  emergencyPlan: SECURITY_DUTY_READERS,
  recordEmergencyPlan: PLAN_KEEPERS,
  reviseEmergencyPlan: PLAN_KEEPERS,
  recordEmergencyDrill: PLAN_KEEPERS,
  securityAssessments: SECURITY_DUTY_READERS,
  commissionSecurityAssessment: ['AUTHORITY'], // TZ Art 27: the data authority commissions it
  recordSecurityAssessmentReport: ['AUTHORITY'],
  recordSecurityAssessmentFollowUp: ['AUTHORITY'],
  formalTalks: SECURITY_DUTY_READERS,
  recordFormalTalk: ['AUTHORITY'], // HN Art 22; TZ Art 27: a supervisory act of the data authority
  securityDutiesDue: SECURITY_DUTY_READERS,
} satisfies Record<string, AccessRule>;

export type EvaluationOperation = keyof typeof EVALUATION_ACCESS;

/** Who may resolve a reference to each entity evaluation owns (`_entities`). */
export const EVALUATION_ENTITY_ACCESS: Record<string, EntityAccessRule> = {
  // Disclosures are public by rule (NS Arts 18–19), as `disclosure(id)`.
  Disclosure: { roles: 'PUBLIC', scope: 'PUBLIC' },
};

// ── object scope ──

/** An operator's evaluations and reports: the operator itself, or the AUTHORITY/EXPERT of its jurisdiction. */
export const OPERATOR_RECORDS_SCOPE: ScopeOptions = { officials: ['AUTHORITY', 'EXPERT'] };
/** Incidents: the supervisors of the jurisdiction see all; anyone else those it reported or that concern it. */
export const INCIDENT_SCOPE: ScopeOptions = { officials: SUPERVISOR_ROLES };
/** Disputes: the authority of the jurisdiction sees all; the parties their own. */
export const DISPUTE_SCOPE: ScopeOptions = { officials: ['AUTHORITY'] };

/** Security duties: the supervisors of the jurisdiction see all; an operator or service provider its own. */
export const SECURITY_DUTY_SCOPE: ScopeOptions = { officials: SUPERVISOR_ROLES };

/**
 * Whose emergency plan is recorded: an operator or service provider records its own (its role is the kind of holder);
 * the authority names the holder.
 */
export function securityDutyHolder(identity: Identity, holderOrgId: string | null, holderKind: 'OPERATOR' | 'SERVICE_PROVIDER' | null): { orgId: string; kind: 'OPERATOR' | 'SERVICE_PROVIDER' } {
  if (identity.role === 'OPERATOR' || identity.role === 'SERVICE_PROVIDER') {
    if (!identity.org || (holderOrgId && holderOrgId !== identity.org)) throw forbidden('只能维护本单位的应急预案', 'You may only keep your own organization’s emergency plan');
    return { orgId: identity.org, kind: identity.role };
  }
  if (!holderOrgId || !holderKind) throw badInput('须指明预案所属单位及其类型', 'Name the plan’s holder and its kind', { field: 'input.holderOrgId' });
  return { orgId: holderOrgId, kind: holderKind };
}

/** The due list: the supervisors see the jurisdiction's, a holder only its own. */
export function dutyOrgFilter(identity: Identity, jurisdiction: string, orgId: string | null): string | null {
  requireJurisdiction(identity, jurisdiction);
  if (SUPERVISOR_ROLES.includes(identity.role)) return orgId;
  if (orgId && orgId !== identity.org) throw forbidden('只能查看本单位的安全义务', 'You may only read your own security duties');
  return identity.org ?? '';
}

/** Reading an operator's own records (an evaluation, a report). */
export function assertOperatorRecord(identity: Identity, jurisdiction: string, operatorId: string): void {
  assertInScope(identity, { jurisdiction, orgIds: [operatorId] }, OPERATOR_RECORDS_SCOPE);
}

/** Lists of an operator's records in a jurisdiction: an operator is narrowed to its own organization (`refusal` names the records). */
export function operatorFilter(identity: Identity, jurisdiction: string, operatorId: string | null, refusal: [zh: string, en: string]): string | null {
  requireJurisdiction(identity, jurisdiction);
  if (identity.role !== 'OPERATOR') return operatorId;
  if (operatorId && operatorId !== identity.org) throw forbidden(...refusal);
  return identity.org;
}

/** Contribution results: the authority, implementing agency and finance see the jurisdiction's, a source unit only its own. */
export function contributionReader(identity: Identity, jurisdiction: string): { ownOnly: string | null } {
  requireJurisdiction(identity, jurisdiction);
  return { ownOnly: identity.role === 'SOURCE_UNIT' ? identity.org ?? '' : null };
}

export const incidentTarget = (r: { jurisdiction: string; operatorId: string | null; reporterOrg: string | null }) => ({ jurisdiction: r.jurisdiction, orgIds: [r.operatorId, r.reporterOrg] });
export const disputeTarget = (r: { jurisdiction: string; complainantOrg: string; respondentOrg: string | null }) => ({ jurisdiction: r.jurisdiction, orgIds: [r.complainantOrg, r.respondentOrg] });
