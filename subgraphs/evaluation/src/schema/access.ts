import { SIGNED_IN_ROLES, type AccessRule, type EntityAccessRule, type Role } from '@pdo/platform';

/**
 * The role gate of every root field of the evaluation subgraph (authorization matrix), enforced
 * by the platform before a resolver runs: an unlisted role gets FORBIDDEN, an anonymous caller
 * UNAUTHENTICATED, whatever the arguments. Object-level scoping stays in the resolvers: the own
 * jurisdiction (requireJurisdiction), an operator's own reports and evaluations, a source unit's
 * own contribution score, a party's own disputes and incidents.
 */
const SIGNED_IN = SIGNED_IN_ROLES;
/** Contribution results feed revenue distribution: authority, implementing agency, finance, and the source units themselves. */
const CONTRIBUTION_READERS: Role[] = ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'FINANCE'];
/** An operator's evaluation and reports: the operator itself, its supervisor and the experts who score it. */
const OPERATOR_SUPERVISION: Role[] = ['AUTHORITY', 'EXPERT', 'OPERATOR'];
/** Every kind of dispute has its own complainant roles (dispute-resolver KIND_RULES); the union may file. */
const DISPUTE_FILERS: Role[] = ['AGENCY', 'SOURCE_UNIT', 'OPERATOR', 'DEVELOPER', 'EXPERT', 'FINANCE'];

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
} satisfies Record<string, AccessRule>;

export type EvaluationOperation = keyof typeof EVALUATION_ACCESS;

/** Who may resolve a reference to each entity evaluation owns (`_entities`). */
export const EVALUATION_ENTITY_ACCESS: Record<string, EntityAccessRule> = {
  // Disclosures are public by rule (NS Arts 18–19), as `disclosure(id)`.
  Disclosure: { roles: 'PUBLIC', scope: 'PUBLIC' },
};
