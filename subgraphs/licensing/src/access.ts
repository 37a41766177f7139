import { forbidden, inScope, OFFICIAL_ROLES, requireJurisdiction, requireRole, SIGNED_IN_ROLES, type AccessRule, type EntityAccessRule, type Identity, type Role } from '@pdo/platform';

/**
 * Licensing's access rules in one place: the role gate of every root field and entity type (checked by the platform
 * before the resolver), and the object scope rules the services apply (packages/platform/src/access/scope.ts): an
 * official sees its own jurisdiction's objects, a company its own, the public only the public directory and calls.
 */
const SIGNED_IN = SIGNED_IN_ROLES;
/** Agreements, scenarios and grants: the officials who supervise, review or settle them, and the operator itself. */
const AGREEMENT_READERS: Role[] = ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'FINANCE', 'EXPERT', 'OPERATOR'];
const OFFICIALS: Role[] = ['AUTHORITY', 'AGENCY'];
const APPLICANTS: Role[] = ['OPERATOR', 'DEVELOPER'];
/** Parties that propose changes of their own facts (a company, or a source unit for itself). */
const FACT_PROPOSERS: Role[] = ['OPERATOR', 'DEVELOPER', 'SOURCE_UNIT'];

export const LICENSING_ACCESS: Record<string, AccessRule> = {
  // Rules and parties are public (公开): anyone may read the profile that applies and the directory.
  jurisdictions: 'PUBLIC',
  policyProfile: 'PUBLIC',
  policyProfileHistory: 'PUBLIC',
  organization: 'PUBLIC',
  organizations: 'PUBLIC',
  eligibilityCheck: SIGNED_IN,
  // Scoped in the resolver like the facts themselves: officials of the jurisdiction, and the party.
  organizationChangeProposals: SIGNED_IN,
  organizationFactHistory: SIGNED_IN,
  call: 'PUBLIC',
  calls: 'PUBLIC',
  operatorApplication: ['AUTHORITY', 'AGENCY', 'EXPERT', ...APPLICANTS],
  operatorApplications: ['AUTHORITY', 'AGENCY', 'EXPERT', ...APPLICANTS],
  agreement: AGREEMENT_READERS,
  agreements: AGREEMENT_READERS,
  // The industry departments review data requests together with the agency where the profile says so (JL §五5).
  dataScenario: [...AGREEMENT_READERS, 'INDUSTRY_DEPARTMENT'],
  dataScenarios: [...AGREEMENT_READERS, 'INDUSTRY_DEPARTMENT'],
  accessGrants: AGREEMENT_READERS,
  // Approved plans are public; a draft only to the jurisdiction's officials (scoped in the service).
  implementationPlan: 'PUBLIC',
  implementationPlanInForce: 'PUBLIC',
  implementationPlans: 'PUBLIC',

  editPolicyProfile: ['AUTHORITY'],
  registerOrganization: OFFICIALS,
  // Eligibility and identity facts are recorded by officials of the party's jurisdiction, with
  // evidence. A party reaches the resolver only to be told (FORBIDDEN) to propose the change instead.
  updateOrganization: [...OFFICIALS, ...FACT_PROPOSERS],
  proposeOrganizationChange: FACT_PROPOSERS,
  acceptOrganizationChange: OFFICIALS,
  rejectOrganizationChange: OFFICIALS,
  withdrawOrganizationChange: FACT_PROPOSERS,
  publishCall: OFFICIALS,
  submitOperatorApplication: APPLICANTS,
  requestApplicationSupplement: OFFICIALS,
  supplementOperatorApplication: APPLICANTS,
  passApplicationPrecheck: OFFICIALS,
  submitExpertReview: ['EXPERT'],
  selectOperatorApplication: OFFICIALS,
  // TZ Art 15: anyone identified may object during publicity.
  raiseApplicationObjection: SIGNED_IN,
  resolveApplicationObjection: OFFICIALS,
  fileOperatorApplication: ['AUTHORITY'],
  // Which official is the profile's setting `lifecycleRoles` (HN, QHD: the implementing agency); checked in the service.
  approveApplicationMajorDecision: OFFICIALS,
  rejectOperatorApplication: OFFICIALS,
  signAgreement: OFFICIALS,
  fileAgreement: ['AUTHORITY'],
  // Training and the emergency plan by the operator; a security review only by officials (checked per kind).
  recordReadiness: ['OPERATOR', ...OFFICIALS],
  activateAgreement: OFFICIALS,
  suspendAgreement: ['AUTHORITY'],
  orderRectification: ['AUTHORITY'],
  terminateAgreement: ['AUTHORITY'],
  submitRectificationPlan: ['OPERATOR'],
  concludeRectification: ['AUTHORITY'],
  requestRenewal: ['OPERATOR'],
  decideRenewal: ['AUTHORITY'],
  requestEarlyTermination: ['OPERATOR'],
  consentEarlyTermination: ['AUTHORITY'],
  recordDataDeletion: ['OPERATOR'],
  recordAssetDisposition: ['AUTHORITY'],
  purgeAgreementLogs: ['OPERATOR'],
  completeAgreementExit: ['AUTHORITY'],
  // Who drafts is the profile's setting `implementationPlan.drafters`; the authority records the decision and files.
  draftImplementationPlan: OFFICIALS,
  approveImplementationPlan: ['AUTHORITY'],
  fileImplementationPlan: ['AUTHORITY'],
  confirmExitDuty: OFFICIALS,
  submitDataScenario: ['OPERATOR'],
  reviewScenarioResource: ['SOURCE_UNIT'],
  decideDataScenario: ['AGENCY'],
  recordScenarioOpinion: ['INDUSTRY_DEPARTMENT'], // JL §五5: the agency reviews together with the industry departments
  revokeAccessGrant: OFFICIALS,
  // Renewal as a new application (TZ Art 17; ZJC): the operator re-applies; the profile decides which path is open.
  reapplyForRenewal: ['OPERATOR'],
  // Persons behind a company are recorded like its other facts; integrity records are loaded by the authority.
  recordOrganizationPersons: OFFICIALS,
  integrityRecords: OFFICIALS,
  recordIntegrityRecord: ['AUTHORITY'],
  liftIntegrityRecord: ['AUTHORITY'],
  // The city's data authority records (and revokes) the province's consent to grant returned data (ZJC §三(五)2).
  returnedDataConsents: OFFICIALS,
  recordReturnedDataConsent: ['AUTHORITY'],
  revokeReturnedDataConsent: ['AUTHORITY'],
};

/** An agreement, scenario or grant: the officials of its jurisdiction and its operator, as the root queries. */
const operatorOwned: EntityAccessRule<{ jurisdiction: string; operatorId: string }> = {
  roles: AGREEMENT_READERS,
  scope: (row) => ({ jurisdiction: row.jurisdiction, orgIds: [row.operatorId] }),
};

/** Who may resolve a reference to each entity licensing owns (`_entities`). */
export const LICENSING_ENTITY_ACCESS: Record<string, EntityAccessRule> = {
  // The directory is public; an organization's credit and security facts are scoped per field.
  Organization: { roles: 'PUBLIC', scope: 'PUBLIC' },
  AuthorizationAgreement: operatorOwned,
  // As `dataScenario(id)`: the industry departments of its jurisdiction too (JL §五5).
  DataScenario: { ...operatorOwned, roles: [...AGREEMENT_READERS, 'INDUSTRY_DEPARTMENT'], officials: [...OFFICIAL_ROLES, 'INDUSTRY_DEPARTMENT'] } as EntityAccessRule,
  AccessGrant: operatorOwned,
};

// ── object scope ───────────────────────────────────────────────────────────

/** Officials (authority, implementing agency, source unit, finance, expert) of the object's jurisdiction. */
export const isOfficialOf = (id: Identity, jurisdiction: string) => OFFICIAL_ROLES.includes(id.role) && id.jurisdiction === jurisdiction;

/** An operator-owned object (application, agreement, scenario, grant): officials of its jurisdiction and the owner. */
export const canSee = (id: Identity, row: { jurisdiction: string }, ownerOrg: string) => inScope(id, { jurisdiction: row.jurisdiction, orgIds: [ownerOrg] });

/** Scenarios: the officials of their jurisdiction, its industry departments (JL §五5: they review the data requests), and the operator. */
export const SCENARIO_SCOPE = { officials: [...OFFICIAL_ROLES, 'INDUSTRY_DEPARTMENT'] as Role[] };
export const canSeeScenario = (id: Identity, row: { jurisdiction: string; operatorId: string }) => inScope(id, { jurisdiction: row.jurisdiction, orgIds: [row.operatorId] }, SCENARIO_SCOPE);

/** A party's facts are recorded only by the implementing agency or the data authority of its jurisdiction. */
export const isRecorderOf = (id: Identity, jurisdiction: string) => (id.role === 'AUTHORITY' || id.role === 'AGENCY') && id.jurisdiction === jurisdiction;

/** The companies and source units that may propose changes of their own record. */
export const PROPOSER_ROLES = FACT_PROPOSERS;

/**
 * An act reserved to some officials of the object's jurisdiction (stricter than the role gate, which admits both
 * officials for operations either may do on some objects).
 */
export function requireOfficial(id: Identity, jurisdiction: string, ...roles: ('AUTHORITY' | 'AGENCY')[]): void {
  requireRole(id, ...roles);
  requireJurisdiction(id, jurisdiction);
}

/** An act of the operator on its own agreement. */
export function requireOwnOperator(id: Identity, operatorId: string): void {
  requireRole(id, 'OPERATOR');
  if (id.org !== operatorId) throw forbidden('只能操作本单位的授权协议', 'You may only act on your own agreement');
}
