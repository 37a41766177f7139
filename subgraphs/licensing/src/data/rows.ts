import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, sqlOne } from '@pdo/platform';

/**
 * Hand-written reads: dates come back as 'YYYY-MM-DD' text (never a JS Date shifted by a zone),
 * arrays as text[], names camel-cased, so rows can be handed to the GraphQL types as they are.
 */
export const ORG_COLS = `id, jurisdiction, name, name_en as "nameEn", kinds, credit_code as "creditCode", founded_on::text as "foundedOn",
  tax_grades as "taxGrades", penalties, dishonest_list_entries as "dishonestListEntries", security_incidents as "securityIncidents",
  mlps3_experience as "mlps3Experience", commercial_crypto_experience as "commercialCryptoExperience",
  security_department as "securityDepartment", security_head as "securityHead", created_at as "createdAt", updated_at as "updatedAt"`;

export interface OrgRow {
  id: string;
  jurisdiction: string;
  name: string;
  nameEn: string | null;
  kinds: string[];
  creditCode: string | null;
  foundedOn: string | null;
  taxGrades: { year: number; grade: string }[];
  penalties: { date: string; severity: 'MINOR' | 'SERIOUS'; description?: string | null }[];
  dishonestListEntries: { list: string; listedOn: string; removedOn?: string | null }[];
  securityIncidents: { date: string; severity: 'MINOR' | 'MAJOR'; description?: string | null; incidentId?: string | null }[];
  mlps3Experience: boolean;
  commercialCryptoExperience: boolean;
  securityDepartment: string | null;
  securityHead: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CALL_COLS = `id, jurisdiction, title, mode, selection_method as "selectionMethod", resource_ids::text[] as "resourceIds", sectors,
  eligibility_notes as "eligibilityNotes", scoring_rules as "scoringRules", opens_on::text as "opensOn", closes_on::text as "closesOn",
  publicity_working_days as "publicityWorkingDays", status, profile_version as "profileVersion", published_by as "publishedBy", created_at as "createdAt"`;

export interface CallRow {
  id: string;
  jurisdiction: string;
  title: string;
  mode: string;
  selectionMethod: string;
  resourceIds: string[];
  sectors: string[];
  eligibilityNotes: string | null;
  scoringRules: { criterion: string; weight: number }[];
  opensOn: string;
  closesOn: string;
  publicityWorkingDays: number;
  status: string;
  profileVersion: number;
  publishedBy: string;
  createdAt: Date;
}

export const APP_COLS = `id, call_id as "callId", applicant_id as "applicantId", jurisdiction, status, documents, eligibility,
  submitted_on::text as "submittedOn", supplement_request as "supplementRequest", publicity_ends_on::text as "publicityEndsOn",
  objections, decision_note as "decisionNote", agreement_id as "agreementId", created_at as "createdAt", updated_at as "updatedAt"`;

export interface Objection {
  index: number;
  raisedBy: string;
  text: string;
  raisedOn: string;
  status: 'PENDING' | 'UPHELD' | 'DISMISSED';
  resolution: string | null;
}
export interface AppRow {
  id: string;
  callId: string;
  applicantId: string;
  jurisdiction: string;
  status: string;
  documents: { kind: string; name: string; sha256: string }[];
  eligibility: { eligible: boolean; asOf: string; profileVersion: number; criteria: { criterion: string; passed: boolean; reasonZh: string; reasonEn: string; source: string }[] };
  submittedOn: string;
  supplementRequest: string | null;
  publicityEndsOn: string | null;
  objections: Objection[];
  decisionNote: string | null;
  agreementId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const AGREEMENT_COLS = `id, number, jurisdiction, operator_id as "operatorId", application_id as "applicationId", mode, status,
  start_date::text as "startDate", end_date::text as "endDate", trial_end_date::text as "trialEndDate", resource_ids::text[] as "resourceIds",
  sectors, contents, profile_version as "profileVersion", signed_on::text as "signedOn", filed_on::text as "filedOn", activated_at as "activatedAt",
  status_reason as "statusReason", status_changed_at as "statusChangedAt", termination_notice_on::text as "terminationNoticeOn",
  termination_effective_on::text as "terminationEffectiveOn", termination_consented as "terminationConsented", ended_on::text as "endedOn",
  data_deleted_on::text as "dataDeletedOn", log_purge_earliest::text as "logPurgeEarliest", logs_purged_on::text as "logsPurgedOn",
  asset_disposition as "assetDisposition", created_at as "createdAt"`;

export type AgreementStatus = 'SIGNED' | 'ACTIVE' | 'SUSPENDED' | 'TERMINATED' | 'EXPIRED' | 'EXITED';
export interface AgreementRow {
  id: string;
  number: string;
  jurisdiction: string;
  operatorId: string;
  applicationId: string | null;
  mode: 'WHOLE' | 'BY_DOMAIN' | 'BY_SCENARIO';
  status: AgreementStatus;
  startDate: string;
  endDate: string;
  trialEndDate: string | null;
  resourceIds: string[];
  sectors: string[];
  contents: Record<string, string>;
  profileVersion: number;
  signedOn: string;
  filedOn: string | null;
  activatedAt: Date | null;
  statusReason: string | null;
  statusChangedAt: Date;
  terminationNoticeOn: string | null;
  terminationEffectiveOn: string | null;
  terminationConsented: boolean;
  endedOn: string | null;
  dataDeletedOn: string | null;
  logPurgeEarliest: string | null;
  logsPurgedOn: string | null;
  assetDisposition: { kind: string; successorId: string | null; note: string; recordedOn: string } | null;
  createdAt: Date;
}

export const READINESS_COLS = `id, agreement_id as "agreementId", kind, subject, passed, done_on::text as "doneOn", filed_on::text as "filedOn",
  valid_until::text as "validUntil", document_hash as "documentHash", created_at as "createdAt"`;
export interface ReadinessRow {
  id: string;
  agreementId: string;
  kind: 'TRAINING' | 'SECURITY_REVIEW' | 'EMERGENCY_PLAN';
  subject: string;
  passed: boolean;
  doneOn: string;
  filedOn: string | null;
  validUntil: string | null;
  documentHash: string | null;
  createdAt: Date;
}

export const RECT_COLS = `id, agreement_id as "agreementId", cause, origin, description, finding_id as "findingId", plan, deadline::text as deadline,
  status, outcome_note as "outcomeNote", opened_at as "openedAt", closed_at as "closedAt"`;
export interface RectificationRow {
  id: string;
  agreementId: string;
  cause: string;
  origin: string;
  description: string;
  findingId: string | null;
  plan: string | null;
  deadline: string;
  status: 'OPEN' | 'PLAN_SUBMITTED' | 'PASSED' | 'FAILED';
  outcomeNote: string | null;
  openedAt: Date;
  closedAt: Date | null;
}

export const RENEWAL_COLS = `id, agreement_id as "agreementId", requested_on::text as "requestedOn", proposed_end_date::text as "proposedEndDate",
  status, decision_note as "decisionNote", created_at as "createdAt"`;
export interface RenewalRow {
  id: string;
  agreementId: string;
  requestedOn: string;
  proposedEndDate: string;
  status: 'PENDING' | 'APPROVED' | 'REFUSED';
  decisionNote: string | null;
  createdAt: Date;
}

export const SCENARIO_COLS = `id, agreement_id as "agreementId", operator_id as "operatorId", jurisdiction, name_zh as "nameZh", description, category,
  expected_value as "expectedValue", plan, status, submitted_on::text as "submittedOn", review_due_on::text as "reviewDueOn",
  agency_decision as "agencyDecision", refusal_reasons as "refusalReasons", decided_at as "decidedAt", created_at as "createdAt"`;
export interface ScenarioRow {
  id: string;
  agreementId: string;
  operatorId: string;
  jurisdiction: string;
  nameZh: string;
  description: string;
  category: 'PUBLIC_WELFARE' | 'INDUSTRY';
  expectedValue: string | null;
  plan: string | null;
  status: 'SUBMITTED' | 'APPROVED' | 'REFUSED';
  submittedOn: string;
  reviewDueOn: string | null;
  agencyDecision: string | null;
  refusalReasons: string[];
  decidedAt: Date | null;
  createdAt: Date;
}

export const SCENARIO_RES_COLS = `scenario_id as "scenarioId", resource_id as "resourceId", source_agency_id as "sourceAgencyId", justification, fields,
  decision, reason, decided_by as "decidedBy"`;
export interface ScenarioResourceRow {
  scenarioId: string;
  resourceId: string;
  sourceAgencyId: string;
  justification: string;
  fields: string[];
  decision: 'PENDING' | 'APPROVED' | 'REFUSED';
  reason: string | null;
  decidedBy: string | null;
}

export const GRANT_COLS = `id, agreement_id as "agreementId", scenario_id as "scenarioId", operator_id as "operatorId", resource_id as "resourceId",
  jurisdiction, expires_on::text as "expiresOn", status, reason, updated_at as "updatedAt"`;
export interface GrantRow {
  id: string;
  agreementId: string;
  scenarioId: string;
  operatorId: string;
  resourceId: string;
  jurisdiction: string;
  expiresOn: string;
  status: 'ACTIVE' | 'PAUSED' | 'REVOKED';
  reason: string | null;
  updatedAt: Date;
}

export const RESOURCE_COLS = `resource_id as "resourceId", jurisdiction, code, name_zh as "nameZh", sector, source_agency_id as "sourceAgencyId",
  openness, authorizable, authorizable_reasons as "authorizableReasons", status, version`;
export interface ResourceRow {
  resourceId: string;
  jurisdiction: string;
  code: string;
  nameZh: string;
  sector: string;
  sourceAgencyId: string;
  openness: string;
  authorizable: boolean;
  authorizableReasons: string[];
  status: string;
  version: number;
}

const one = async <T>(em: EntityManager, cols: string, table: string, id: string, lock: boolean): Promise<T | null> =>
  sqlOne<T>(em, `select ${cols} from ${table} where id = $1${lock ? ' for update' : ''}`, [id]);

export const getOrg = (em: EntityManager, id: string, lock = false) => one<OrgRow>(em, ORG_COLS, 'organization', id, lock);
export const getCall = (em: EntityManager, id: string, lock = false) => one<CallRow>(em, CALL_COLS, 'operation_call', id, lock);
export const getApplication = (em: EntityManager, id: string, lock = false) => one<AppRow>(em, APP_COLS, 'operator_application', id, lock);
export const getAgreement = (em: EntityManager, id: string, lock = false) => one<AgreementRow>(em, AGREEMENT_COLS, 'agreement', id, lock);
export const getScenario = (em: EntityManager, id: string, lock = false) => one<ScenarioRow>(em, SCENARIO_COLS, 'scenario', id, lock);
export const getRectification = (em: EntityManager, id: string, lock = false) => one<RectificationRow>(em, RECT_COLS, 'rectification', id, lock);
export const getRenewal = (em: EntityManager, id: string, lock = false) => one<RenewalRow>(em, RENEWAL_COLS, 'renewal_request', id, lock);
export const getGrant = (em: EntityManager, id: string, lock = false) => one<GrantRow>(em, GRANT_COLS, 'access_grant', id, lock);

export const grantsOfAgreement = (em: EntityManager, agreementId: string, statuses: string[]) =>
  sql<GrantRow>(em, `select ${GRANT_COLS} from access_grant where agreement_id = $1 and status = any($2::text[]) order by id`, [agreementId, statuses]);

export const readinessOf = (em: EntityManager, agreementId: string) =>
  sql<ReadinessRow>(em, `select ${READINESS_COLS} from readiness_record where agreement_id = $1 order by done_on, id`, [agreementId]);

export const resourcesByIds = (em: EntityManager, ids: string[]) =>
  sql<ResourceRow>(em, `select ${RESOURCE_COLS} from resource_projection where resource_id = any($1::uuid[])`, [ids]);

/** Evidence of a recorded or proposed fact change: the document, its date, and an optional note. */
export interface FactEvidence {
  documentRef: string;
  documentDate: string;
  note: string | null;
}

export const PROPOSAL_COLS = `id, organization_id as "organizationId", jurisdiction, changes, document_ref as "documentRef", document_date::text as "documentDate",
  evidence_note as "evidenceNote", status, proposed_by as "proposedBy", proposed_by_role as "proposedByRole", proposed_by_org as "proposedByOrg",
  proposed_at as "proposedAt", decided_by as "decidedBy", decided_by_role as "decidedByRole", decided_by_org as "decidedByOrg", decided_at as "decidedAt",
  decision_reason as "decisionReason"`;

export type ProposalStatus = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
export interface ProposalRow {
  id: string;
  organizationId: string;
  jurisdiction: string;
  changes: Record<string, unknown>;
  documentRef: string;
  documentDate: string;
  evidenceNote: string | null;
  status: ProposalStatus;
  proposedBy: string;
  proposedByRole: string;
  proposedByOrg: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedByRole: string | null;
  decidedByOrg: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
}

export const FACT_CHANGE_COLS = `id, organization_id as "organizationId", jurisdiction, kind, fields, old_values as "oldValues", new_values as "newValues",
  document_ref as "documentRef", document_date::text as "documentDate", evidence_note as "evidenceNote", recorded_by as "recordedBy",
  recorded_by_role as "recordedByRole", recorded_by_org as "recordedByOrg", recorded_at as "recordedAt", proposal_id as "proposalId"`;

export interface FactChangeRow {
  id: string;
  organizationId: string;
  jurisdiction: string;
  kind: 'REGISTERED' | 'RECORDED' | 'PROPOSAL_ACCEPTED' | 'INCIDENT_REPORTED';
  fields: string[];
  oldValues: Record<string, unknown>;
  newValues: Record<string, unknown>;
  documentRef: string;
  documentDate: string;
  evidenceNote: string | null;
  recordedBy: string;
  recordedByRole: string;
  recordedByOrg: string | null;
  recordedAt: Date;
  proposalId: string | null;
}

export const getProposal = (em: EntityManager, id: string, lock = false) => one<ProposalRow>(em, PROPOSAL_COLS, 'organization_fact_proposal', id, lock);
