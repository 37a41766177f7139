/** Payloads of events products publishes (owner: products). Money as integer-fen strings. */
import { z } from 'zod';
import { count, id, instant, jurisdiction, localDate } from './common.js';

export const ProductFormSchema = z.enum(['DATA_PACKAGE', 'API', 'MODEL', 'VERIFICATION', 'REPORT', 'SERVICE']);
export type ProductForm = z.infer<typeof ProductFormSchema>;
export const ProductCategorySchema = z.enum(['FREE', 'PAID']);
export type ProductCategory = z.infer<typeof ProductCategorySchema>;
export const ChargingUnitSchema = z.enum(['PER_CALL', 'PER_MONTH', 'PER_MB', 'PER_ITEM']);
export type ChargingUnit = z.infer<typeof ChargingUnitSchema>;

export const ProductFactsSchema = z.object({
  productId: id,
  productCode: z.string().min(1),
  version: count,
  jurisdiction,
  operatorId: id,
  agreementId: id,
  scenarioId: id,
  nameZh: z.string(),
  form: ProductFormSchema,
  category: ProductCategorySchema,
  /** Each resource with the source agency that owns it: revenue splits and contribution use this. */
  resources: z.array(z.object({ resourceId: id, sourceAgencyId: id })),
});
export type ProductFacts = z.infer<typeof ProductFactsSchema>;
export const ProductApprovedSchema = ProductFactsSchema;
export type ProductApproved = ProductFacts;
export const ProductDeliveryMethodSchema = z.enum(['API_CALL', 'FILE_DELIVERY', 'SANDBOX', 'PRIVACY_COMPUTING', 'ONLINE_SERVICE']);
export type ProductDeliveryMethod = z.infer<typeof ProductDeliveryMethodSchema>;
/**
 * A product version entered or left review (SUBMITTED, APPROVED, REFUSED): full snapshot, so the
 * operating domain knows a version (its form, resources, delivery method) before it is approved —
 * the executable recipe is submitted and analysed while the version is under review.
 */
export const ProductVersionChangedSchema = ProductFactsSchema.extend({
  status: z.enum(['SUBMITTED', 'APPROVED', 'REFUSED']),
  deliveryMethod: ProductDeliveryMethodSchema,
  effectiveAt: instant,
});
export type ProductVersionChanged = z.infer<typeof ProductVersionChangedSchema>;
export const ProductListedSchema = ProductFactsSchema.extend({ listedAt: instant });
export type ProductListed = z.infer<typeof ProductListedSchema>;
export const ProductDelistedSchema = z.object({ productId: id, jurisdiction, operatorId: id, reason: z.string().nullable(), effectiveAt: instant });
export type ProductDelisted = z.infer<typeof ProductDelistedSchema>;
export const ProductSuspendedSchema = ProductDelistedSchema;
export type ProductSuspended = ProductDelisted;
export const UsageAgreementSignedSchema = z.object({ usageAgreementId: id, productId: id, developerId: id, operatorId: id, jurisdiction, startDate: localDate, endDate: localDate, category: ProductCategorySchema });
export type UsageAgreementSigned = z.infer<typeof UsageAgreementSignedSchema>;
export const UsageAgreementEndedSchema = z.object({ usageAgreementId: id, productId: id, developerId: id, jurisdiction, reason: z.string() });
export type UsageAgreementEnded = z.infer<typeof UsageAgreementEndedSchema>;
export const UsageRecordedSchema = z.object({
  usageId: id,
  entitlementId: id,
  usageAgreementId: id,
  productId: id,
  operatorId: id,
  developerId: id,
  jurisdiction,
  category: ProductCategorySchema,
  chargingUnit: ChargingUnitSchema,
  /** Integer units as a string. */
  units: z.string().regex(/^\d+$/, 'must be whole units as a string'),
  occurredAt: instant,
  /** The use's declared purpose and whether it is non-profit: the facts a free-use rule decides by (PN §1; HN Art 21). Absent = not declared. */
  purpose: z.enum(['PUBLIC_GOVERNANCE', 'PUBLIC_WELFARE', 'INDUSTRY']).nullable().optional(),
  nonProfit: z.boolean().nullable().optional(),
  /** METERED: executed and metered by the operating domain; DECLARED: reported by the operator (absent in events before the field: DECLARED). */
  source: z.enum(['METERED', 'DECLARED']).optional(),
});
export type UsageRecorded = z.infer<typeof UsageRecordedSchema>;

/**
 * Usage records written together from one batch of metered executions (ExecutionsMetered): one
 * event for the batch, each record as UsageRecorded describes it; consumers key on `usageId`.
 */
export const UsagesRecordedSchema = z.object({ usages: z.array(UsageRecordedSchema).min(1).max(1000) });
export type UsagesRecorded = z.infer<typeof UsagesRecordedSchema>;

/**
 * An entitlement (使用权) opened, paused, resumed or was revoked: full snapshot. Published in the
 * transaction that changed it, so the operating domain refuses the very next call of a paused or
 * revoked entitlement. Consumers keep the latest by `effectiveAt`.
 */
export const EntitlementChangedSchema = z.object({
  entitlementId: id,
  usageAgreementId: id,
  productId: id,
  developerId: id,
  operatorId: id,
  jurisdiction,
  status: z.enum(['ACTIVE', 'PAUSED', 'REVOKED']),
  /** Why it is paused or revoked (a hold kind, AGREEMENT_ENDED …); null when active. */
  pauseReason: z.string().nullable(),
  startDate: localDate,
  endDate: localDate,
  /** Integer units as a string; null = no quota. */
  quotaUnits: z.string().regex(/^\d+$/).nullable(),
  effectiveAt: instant,
});
export type EntitlementChanged = z.infer<typeof EntitlementChangedSchema>;
