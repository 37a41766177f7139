import type { DataProduct, Entitlement, ProductComplianceReview, ProductRegistration, ProductVersion, UsageAgreement, UsageApplication, UsageRecord } from '../schema/types.js';

/*
 * Column lists aliased to the GraphQL shapes, so a row is the object the schema returns.
 * Dates are cast to text ('YYYY-MM-DD'): the driver would turn them into local-time Dates.
 * bigint counters are cast to text: they stay exact.
 */
export const PRODUCT_COLS = `p.id, p.code, p.jurisdiction, p.name, p.description, p.form, p.category, p.charging_unit as "chargingUnit",
  p.listing_status as "listingStatus", p.listing_reason as "listingReason", p.listed_at as "listedAt", p.listed_version as "listedVersion",
  p.latest_version as "latestVersion", p.agreement_id as "agreementId", p.scenario_id as "scenarioId", p.sectors, p.created_at as "createdAt",
  p.operator_id as "operatorId", p.resource_ids as "resourceIds", p.source_agency_ids as "sourceAgencyIds", p.usage_units::text as "usageUnits"`;
export type ProductRow = DataProduct;

export const VERSION_COLS = `v.product_id as "productId", v.version, v.status, v.resource_ids as "resourceIds", v.delivery_method as "deliveryMethod",
  v.output_schema as "outputSchema", v.sample_outputs as "sampleOutputs", v.change_note as "changeNote", v.submitted_at as "submittedAt",
  v.delivered_at as "deliveredAt", (v.delivered_at is not null) as delivered`;
export type VersionRow = ProductVersion;

export const REVIEW_COLS = `r.id, r.product_id as "productId", r.version, r.decision, r.checklist, r.reasons, r.legal_basis as "legalBasis", r.reviewed_at as "reviewedAt"`;
export type ReviewRow = ProductComplianceReview & { productId: string };

export const REGISTRATION_COLS = `g.id, g.product_id as "productId", g.version, g.state, g.type, g.submitted_on::text as "submittedOn", g.accepted_on::text as "acceptedOn",
  g.notice_started_on::text as "noticeStartedOn", g.coded_on::text as "codedOn", g.valid_until::text as "validUntil", g.registration_code as "registrationCode",
  g.last_reason as "lastReason", g.jurisdiction, g.operator_id as "operatorId", g.provided_on::text as "providedOn", g.agreement_end::text as "agreementEnd"`;
export type RegistrationRow = Omit<ProductRegistration, 'awaiting' | 'dueOn' | 'overdue'>;

export const APPLICATION_COLS = `a.id, a.product_id as "productId", a.status, a.purpose, a.scenario, a.scope, a.method, a.start_date::text as "startDate",
  a.end_date::text as "endDate", a.requested_quota::text as "requestedQuota", a.assessment, a.proposed_terms as "proposedTerms",
  a.decision_reasons as "decisionReasons", a.usage_agreement_id as "usageAgreementId", a.created_at as "createdAt",
  a.developer_id as "developerId", a.operator_id as "operatorId", a.jurisdiction`;
export type ApplicationRow = UsageApplication;

export const AGREEMENT_COLS = `u.id, u.product_id as "productId", u.status, u.category, u.purpose, u.scope, u.method, u.start_date::text as "startDate",
  u.end_date::text as "endDate", u.revenue_distribution as "revenueDistribution", u.security_terms as "securityTerms",
  u.confidentiality_terms as "confidentialityTerms", u.quota_units::text as "quotaUnits", u.operator_accepted_at as "operatorAcceptedAt",
  u.developer_accepted_at as "developerAcceptedAt", u.signed_at as "signedAt", u.ended_at as "endedAt", u.end_reason as "endReason",
  u.developer_id as "developerId", u.operator_id as "operatorId", u.jurisdiction`;
export type AgreementRow = UsageAgreement;

export const ENTITLEMENT_COLS = `e.id, e.status, e.pause_reason as "pauseReason", e.start_date::text as "startDate", e.end_date::text as "endDate",
  e.quota_units::text as "quotaUnits", e.used_units::text as "usedUnits", e.product_id as "productId", e.developer_id as "developerId",
  e.operator_id as "operatorId", e.usage_agreement_id as "usageAgreementId", e.jurisdiction`;
export type EntitlementRow = Entitlement;

export const USAGE_COLS = `r.id, r.entitlement_id as "entitlementId", r.usage_agreement_id as "usageAgreementId", r.product_id as "productId",
  r.units::text as units, r.occurred_at as "occurredAt", r.idempotency_key as "idempotencyKey", r.recorded_at as "recordedAt", false as replayed,
  r.developer_id as "developerId", r.operator_id as "operatorId", r.jurisdiction, r.content_hash as "contentHash", r.source`;
export type UsageRow = UsageRecord & { contentHash: string };
