import type { Selectable } from 'kysely';
import type { DB } from './tables.js';

/*
 * The plain rows products' repositories return: the table's facts in the domain's words (camelCase), dates as
 * 'YYYY-MM-DD' text, instants as the server's text, bigint counters as decimal strings. Each type is inferred from its
 * mapper, so the table's declaration (data/tables.ts) is the one place the shape is written. GraphQL types are built
 * from them in schema/.
 */
type Row<T extends keyof DB> = Selectable<DB[T]>;
const text = (n: string | number | bigint) => String(n);
const textOrNull = (n: string | number | bigint | null) => (n === null ? null : String(n));

/** The columns of a product a page or a page of search results needs (not its search text and grams). */
export const productColumns = [
  'id', 'code', 'jurisdiction', 'name', 'description', 'form', 'category', 'charging_unit', 'listing_status', 'listing_reason', 'listed_at',
  'listed_version', 'latest_version', 'agreement_id', 'scenario_id', 'sectors', 'created_at', 'operator_id', 'resource_ids', 'source_agency_ids',
  'usage_units', 'exchange_venue', 'exchange_listing_ref',
] as const satisfies readonly (keyof DB['data_product'])[];

export const toProduct = (r: Pick<Row<'data_product'>, (typeof productColumns)[number]>) => ({
  id: r.id, code: r.code, jurisdiction: r.jurisdiction, name: r.name, description: r.description, form: r.form, category: r.category,
  chargingUnit: r.charging_unit, listingStatus: r.listing_status, listingReason: r.listing_reason, listedAt: r.listed_at, listedVersion: r.listed_version,
  latestVersion: r.latest_version, agreementId: r.agreement_id, scenarioId: r.scenario_id, sectors: r.sectors, createdAt: r.created_at,
  operatorId: r.operator_id, resourceIds: r.resource_ids, sourceUnitIds: r.source_agency_ids, usageUnits: text(r.usage_units),
  exchangeVenue: r.exchange_venue, exchangeListingRef: r.exchange_listing_ref,
});
export type ProductRow = ReturnType<typeof toProduct> & {
  /**
   * The operator's name from organization_projection, where the statement read it with the product (a page of the
   * marketplace, a product by id): the shared `Organization.name` then needs no statement of its own. '' while no
   * event has named the operator, as the name loader answers.
   */
  operatorName?: string;
};
/** A product row read with its operator's name (the column `operator_name`: SQL OPERATOR_NAME, or Kysely's subquery). */
export const toProductNamed = (r: Parameters<typeof toProduct>[0] & { operator_name: string | null }): ProductRow => ({ ...toProduct(r), operatorName: r.operator_name ?? '' });
/** The operator's name of product `d`, for hand-written statements. */
export const OPERATOR_NAME = `(select o.name_zh from organization_projection o where o.id = d.operator_id) as operator_name`;

export interface OutputFieldRow {
  name: string;
  type: string;
  kind: string;
  descriptionZh: string;
}
export const toVersion = (r: Row<'product_version'>) => ({
  productId: r.product_id, version: r.version, status: r.status, resourceIds: r.resource_ids, deliveryMethod: r.delivery_method,
  outputSchema: r.output_schema as OutputFieldRow[], sampleOutputs: r.sample_outputs as Record<string, unknown>[], changeNote: r.change_note,
  submittedAt: r.submitted_at, deliveredAt: r.delivered_at,
  /** Delivered versions are frozen (NS Art 6; HN Art 7(3)). */
  delivered: r.delivered_at !== null,
});
export type VersionRow = ReturnType<typeof toVersion>;

export const toReview = (r: Row<'compliance_review'>) => ({
  id: r.id, productId: r.product_id, version: r.version, decision: r.decision, checklist: r.checklist as { item: string; result: string; evidence: string }[],
  reasons: r.reasons, legalBasis: r.legal_basis, reviewedAt: r.reviewed_at,
});
export type ReviewRow = ReturnType<typeof toReview>;

export const toRegistration = (r: Row<'product_registration'>) => ({
  id: r.id, productId: r.product_id, version: r.version, state: r.state, type: r.type, submittedOn: r.submitted_on, acceptedOn: r.accepted_on,
  noticeStartedOn: r.notice_started_on, codedOn: r.coded_on, validUntil: r.valid_until, registrationCode: r.registration_code, lastReason: r.last_reason,
  jurisdiction: r.jurisdiction, operatorId: r.operator_id, providedOn: r.provided_on, agreementEnd: r.agreement_end,
});
export type RegistrationRow = ReturnType<typeof toRegistration>;

/** The operator's assessment of a usage application (HN Art 17). */
export interface AssessmentRow {
  capabilityAdequate: boolean;
  needReasonable: boolean;
  scenarioCompliant: boolean;
  securityRisk: string;
  recommend: boolean;
  opinion: string;
  assessedAt: string;
}
/** The terms the operator proposes and the usage agreement carries. */
export interface TermsRow {
  revenueDistribution: string;
  securityTerms: string;
  confidentialityTerms: string;
  quotaUnits: string | null;
}
export const toApplication = (r: Row<'usage_application'>) => ({
  id: r.id, productId: r.product_id, status: r.status, purpose: r.purpose, usePurpose: r.use_purpose, nonProfit: r.non_profit, scenario: r.scenario, scope: r.scope, method: r.method,
  startDate: r.start_date, endDate: r.end_date, requestedQuota: textOrNull(r.requested_quota), assessment: r.assessment as AssessmentRow | null,
  proposedTerms: r.proposed_terms as TermsRow | null, decisionReasons: r.decision_reasons, usageAgreementId: r.usage_agreement_id, createdAt: r.created_at,
  developerId: r.developer_id, operatorId: r.operator_id, jurisdiction: r.jurisdiction,
});
export type ApplicationRow = ReturnType<typeof toApplication>;

export const toUsageAgreement = (r: Row<'usage_agreement'>) => ({
  id: r.id, productId: r.product_id, status: r.status, category: r.category, purpose: r.purpose, usePurpose: r.use_purpose, nonProfit: r.non_profit, scope: r.scope, method: r.method,
  startDate: r.start_date, endDate: r.end_date, revenueDistribution: r.revenue_distribution, securityTerms: r.security_terms,
  confidentialityTerms: r.confidentiality_terms, quotaUnits: textOrNull(r.quota_units), operatorAcceptedAt: r.operator_accepted_at,
  developerAcceptedAt: r.developer_accepted_at, signedAt: r.signed_at, endedAt: r.ended_at, endReason: r.end_reason, developerId: r.developer_id,
  operatorId: r.operator_id, jurisdiction: r.jurisdiction,
});
export type UsageAgreementRow = ReturnType<typeof toUsageAgreement>;

export const toEntitlement = (r: Row<'entitlement'>) => ({
  id: r.id, status: r.status, pauseReason: r.pause_reason, startDate: r.start_date, endDate: r.end_date, quotaUnits: textOrNull(r.quota_units),
  usedUnits: text(r.used_units), productId: r.product_id, developerId: r.developer_id, operatorId: r.operator_id, usageAgreementId: r.usage_agreement_id,
  jurisdiction: r.jurisdiction,
});
export type EntitlementRow = ReturnType<typeof toEntitlement>;

export const toUsage = (r: Row<'usage_record'>) => ({
  id: r.id, entitlementId: r.entitlement_id, usageAgreementId: r.usage_agreement_id, productId: r.product_id, units: text(r.units),
  occurredAt: r.occurred_at, idempotencyKey: r.idempotency_key, recordedAt: r.recorded_at, developerId: r.developer_id, operatorId: r.operator_id,
  jurisdiction: r.jurisdiction, contentHash: r.content_hash, source: r.source,
});
export type UsageRow = ReturnType<typeof toUsage>;

export const toHold = (r: Row<'product_hold'>) => ({ productId: r.product_id, kind: r.kind, source: r.source, reason: r.reason, since: r.since });
export type HoldRow = ReturnType<typeof toHold>;

export const toAgreementFacts = (r: Pick<Row<'agreement_projection'>, 'id' | 'status' | 'operator_id' | 'jurisdiction' | 'start_date' | 'end_date'>) => ({
  id: r.id, status: r.status, operatorId: r.operator_id, jurisdiction: r.jurisdiction, startDate: r.start_date, endDate: r.end_date,
});
/** Licensing's agreement as products holds it (agreement_projection). */
export type AgreementFacts = ReturnType<typeof toAgreementFacts>;
