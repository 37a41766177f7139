import type { Selectable } from 'kysely';
import type { DB } from './tables.js';

/*
 * The plain rows products' repositories return: the table's facts in the domain's words (camelCase), dates as
 * 'YYYY-MM-DD' text, instants as the server's text, bigint counters as decimal strings. GraphQL types are built from
 * them in schema/.
 */
type Row<T extends keyof DB> = Selectable<DB[T]>;

/** The columns of a product a page or a page of search results needs (not its search text and grams). */
export const productColumns = [
  'id', 'code', 'jurisdiction', 'name', 'description', 'form', 'category', 'charging_unit', 'listing_status', 'listing_reason', 'listed_at',
  'listed_version', 'latest_version', 'agreement_id', 'scenario_id', 'sectors', 'created_at', 'operator_id', 'resource_ids', 'source_agency_ids',
  'usage_units',
] as const satisfies readonly (keyof DB['data_product'])[];
type ProductColumns = Pick<Row<'data_product'>, (typeof productColumns)[number]>;

export interface ProductRow {
  id: string;
  code: string;
  jurisdiction: string;
  name: string;
  description: string;
  form: string;
  category: string;
  chargingUnit: string;
  listingStatus: string;
  listingReason: string | null;
  listedAt: string | null;
  listedVersion: number | null;
  latestVersion: number;
  agreementId: string;
  scenarioId: string;
  sectors: string[];
  createdAt: string;
  operatorId: string;
  resourceIds: string[];
  sourceUnitIds: string[];
  usageUnits: string;
}
export const toProduct = (r: ProductColumns): ProductRow => ({
  id: r.id, code: r.code, jurisdiction: r.jurisdiction, name: r.name, description: r.description, form: r.form, category: r.category,
  chargingUnit: r.charging_unit, listingStatus: r.listing_status, listingReason: r.listing_reason, listedAt: r.listed_at, listedVersion: r.listed_version,
  latestVersion: r.latest_version, agreementId: r.agreement_id, scenarioId: r.scenario_id, sectors: r.sectors, createdAt: r.created_at,
  operatorId: r.operator_id, resourceIds: r.resource_ids, sourceUnitIds: r.source_agency_ids, usageUnits: String(r.usage_units),
});

export interface OutputFieldRow {
  name: string;
  type: string;
  kind: string;
  descriptionZh: string;
}
export interface VersionRow {
  productId: string;
  version: number;
  status: string;
  resourceIds: string[];
  deliveryMethod: string;
  outputSchema: OutputFieldRow[];
  sampleOutputs: Record<string, unknown>[];
  changeNote: string | null;
  submittedAt: string | null;
  deliveredAt: string | null;
  /** Delivered versions are frozen (NS Art 6; HN Art 7(3)). */
  delivered: boolean;
}
export const toVersion = (r: Row<'product_version'>): VersionRow => ({
  productId: r.product_id, version: r.version, status: r.status, resourceIds: r.resource_ids, deliveryMethod: r.delivery_method,
  outputSchema: r.output_schema as OutputFieldRow[], sampleOutputs: r.sample_outputs as Record<string, unknown>[], changeNote: r.change_note,
  submittedAt: r.submitted_at, deliveredAt: r.delivered_at, delivered: r.delivered_at !== null,
});

export interface ChecklistRow {
  item: string;
  result: string;
  evidence: string;
}
export interface ReviewRow {
  id: string;
  productId: string;
  version: number;
  decision: string;
  checklist: ChecklistRow[];
  reasons: string[];
  legalBasis: string | null;
  reviewedAt: string;
}
export const toReview = (r: Row<'compliance_review'>): ReviewRow => ({
  id: r.id, productId: r.product_id, version: r.version, decision: r.decision, checklist: r.checklist as ChecklistRow[], reasons: r.reasons,
  legalBasis: r.legal_basis, reviewedAt: r.reviewed_at,
});

export interface RegistrationRow {
  id: string;
  productId: string;
  version: number;
  state: string;
  type: string;
  submittedOn: string;
  acceptedOn: string | null;
  noticeStartedOn: string | null;
  codedOn: string | null;
  validUntil: string | null;
  registrationCode: string | null;
  lastReason: string | null;
  jurisdiction: string;
  operatorId: string;
  providedOn: string | null;
  agreementEnd: string | null;
}
export const toRegistration = (r: Row<'product_registration'>): RegistrationRow => ({
  id: r.id, productId: r.product_id, version: r.version, state: r.state, type: r.type, submittedOn: r.submitted_on, acceptedOn: r.accepted_on,
  noticeStartedOn: r.notice_started_on, codedOn: r.coded_on, validUntil: r.valid_until, registrationCode: r.registration_code, lastReason: r.last_reason,
  jurisdiction: r.jurisdiction, operatorId: r.operator_id, providedOn: r.provided_on, agreementEnd: r.agreement_end,
});

export interface AssessmentRow {
  capabilityAdequate: boolean;
  needReasonable: boolean;
  scenarioCompliant: boolean;
  securityRisk: string;
  recommend: boolean;
  opinion: string;
  assessedAt: string;
}
export interface TermsRow {
  revenueDistribution: string;
  securityTerms: string;
  confidentialityTerms: string;
  quotaUnits: string | null;
}
export interface ApplicationRow {
  id: string;
  productId: string;
  status: string;
  purpose: string;
  scenario: string;
  scope: string;
  method: string;
  startDate: string;
  endDate: string;
  requestedQuota: string | null;
  assessment: AssessmentRow | null;
  proposedTerms: TermsRow | null;
  decisionReasons: string[];
  usageAgreementId: string | null;
  createdAt: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
}
export const toApplication = (r: Row<'usage_application'>): ApplicationRow => ({
  id: r.id, productId: r.product_id, status: r.status, purpose: r.purpose, scenario: r.scenario, scope: r.scope, method: r.method,
  startDate: r.start_date, endDate: r.end_date, requestedQuota: r.requested_quota === null ? null : String(r.requested_quota),
  assessment: r.assessment as AssessmentRow | null, proposedTerms: r.proposed_terms as TermsRow | null, decisionReasons: r.decision_reasons,
  usageAgreementId: r.usage_agreement_id, createdAt: r.created_at, developerId: r.developer_id, operatorId: r.operator_id, jurisdiction: r.jurisdiction,
});

export interface UsageAgreementRow {
  id: string;
  productId: string;
  status: string;
  category: string;
  purpose: string;
  scope: string;
  method: string;
  startDate: string;
  endDate: string;
  revenueDistribution: string;
  securityTerms: string;
  confidentialityTerms: string;
  quotaUnits: string | null;
  operatorAcceptedAt: string | null;
  developerAcceptedAt: string | null;
  signedAt: string | null;
  endedAt: string | null;
  endReason: string | null;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
}
export const toUsageAgreement = (r: Row<'usage_agreement'>): UsageAgreementRow => ({
  id: r.id, productId: r.product_id, status: r.status, category: r.category, purpose: r.purpose, scope: r.scope, method: r.method,
  startDate: r.start_date, endDate: r.end_date, revenueDistribution: r.revenue_distribution, securityTerms: r.security_terms,
  confidentialityTerms: r.confidentiality_terms, quotaUnits: r.quota_units === null ? null : String(r.quota_units),
  operatorAcceptedAt: r.operator_accepted_at, developerAcceptedAt: r.developer_accepted_at, signedAt: r.signed_at, endedAt: r.ended_at,
  endReason: r.end_reason, developerId: r.developer_id, operatorId: r.operator_id, jurisdiction: r.jurisdiction,
});

export interface EntitlementRow {
  id: string;
  status: string;
  pauseReason: string | null;
  startDate: string;
  endDate: string;
  quotaUnits: string | null;
  usedUnits: string;
  productId: string;
  developerId: string;
  operatorId: string;
  usageAgreementId: string;
  jurisdiction: string;
}
export const toEntitlement = (r: Row<'entitlement'>): EntitlementRow => ({
  id: r.id, status: r.status, pauseReason: r.pause_reason, startDate: r.start_date, endDate: r.end_date,
  quotaUnits: r.quota_units === null ? null : String(r.quota_units), usedUnits: String(r.used_units), productId: r.product_id,
  developerId: r.developer_id, operatorId: r.operator_id, usageAgreementId: r.usage_agreement_id, jurisdiction: r.jurisdiction,
});

export interface UsageRow {
  id: string;
  entitlementId: string;
  usageAgreementId: string;
  productId: string;
  units: string;
  occurredAt: string;
  idempotencyKey: string;
  recordedAt: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
  contentHash: string;
}
export const toUsage = (r: Row<'usage_record'>): UsageRow => ({
  id: r.id, entitlementId: r.entitlement_id, usageAgreementId: r.usage_agreement_id, productId: r.product_id, units: String(r.units),
  occurredAt: r.occurred_at, idempotencyKey: r.idempotency_key, recordedAt: r.recorded_at, developerId: r.developer_id, operatorId: r.operator_id,
  jurisdiction: r.jurisdiction, contentHash: r.content_hash,
});

export interface HoldRow {
  productId: string;
  kind: string;
  source: string;
  reason: string;
  since: string;
}

/** Licensing's agreement as products holds it (agreement_projection). */
export interface AgreementFacts {
  id: string;
  status: string;
  operatorId: string;
  jurisdiction: string;
  startDate: string | null;
  endDate: string;
}
