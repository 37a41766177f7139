/** Payloads of events products publishes (owner: products). Money as integer-fen strings. */
export type ProductForm = 'DATA_PACKAGE' | 'API' | 'MODEL' | 'VERIFICATION' | 'REPORT' | 'SERVICE';
export type ProductCategory = 'FREE' | 'PAID';
export type ChargingUnit = 'PER_CALL' | 'PER_MONTH' | 'PER_MB' | 'PER_ITEM';

export interface ProductFacts {
  productId: string;
  productCode: string;
  version: number;
  jurisdiction: string;
  operatorId: string;
  agreementId: string;
  scenarioId: string;
  nameZh: string;
  form: ProductForm;
  category: ProductCategory;
  /** Each resource with the source agency that owns it: revenue splits and contribution use this. */
  resources: { resourceId: string; sourceAgencyId: string }[];
}
export type ProductApproved = ProductFacts;
export type ProductDeliveryMethod = 'API_CALL' | 'FILE_DELIVERY' | 'SANDBOX' | 'PRIVACY_COMPUTING' | 'ONLINE_SERVICE';
/**
 * A product version entered or left review (SUBMITTED, APPROVED, REFUSED): full snapshot, so the
 * operating domain knows a version (its form, resources, delivery method) before it is approved —
 * the executable recipe is submitted and analysed while the version is under review.
 */
export interface ProductVersionChanged extends ProductFacts {
  status: 'SUBMITTED' | 'APPROVED' | 'REFUSED';
  deliveryMethod: ProductDeliveryMethod;
  effectiveAt: string;
}
export interface ProductListed extends ProductFacts { listedAt: string }
export interface ProductDelisted { productId: string; jurisdiction: string; operatorId: string; reason: string | null; effectiveAt: string }
export type ProductSuspended = ProductDelisted;
export interface UsageAgreementSigned { usageAgreementId: string; productId: string; developerId: string; operatorId: string; jurisdiction: string; startDate: string; endDate: string; category: ProductCategory }
export interface UsageAgreementEnded { usageAgreementId: string; productId: string; developerId: string; jurisdiction: string; reason: string }
export interface UsageRecorded {
  usageId: string;
  entitlementId: string;
  usageAgreementId: string;
  productId: string;
  operatorId: string;
  developerId: string;
  jurisdiction: string;
  category: ProductCategory;
  chargingUnit: ChargingUnit;
  /** Integer units as a string. */
  units: string;
  occurredAt: string;
  /** METERED: executed and metered by the operating domain; DECLARED: reported by the operator (absent in events before the field: DECLARED). */
  source?: 'METERED' | 'DECLARED';
}

/**
 * An entitlement (使用权) opened, paused, resumed or was revoked: full snapshot. Published in the
 * transaction that changed it, so the operating domain refuses the very next call of a paused or
 * revoked entitlement. Consumers keep the latest by `effectiveAt`.
 */
export interface EntitlementChanged {
  entitlementId: string;
  usageAgreementId: string;
  productId: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
  status: 'ACTIVE' | 'PAUSED' | 'REVOKED';
  /** Why it is paused or revoked (a hold kind, AGREEMENT_ENDED …); null when active. */
  pauseReason: string | null;
  startDate: string;
  endDate: string;
  /** Integer units as a string; null = no quota. */
  quotaUnits: string | null;
  effectiveAt: string;
}
