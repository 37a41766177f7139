/**
 * Delivery's projections of the facts that decide whether something may run in the operating
 * domain (docs/operating-domain/runtime.md): product versions and listings (products), the
 * operator's authorization and access grants (licensing), entitlements (products), the policy
 * profile (licensing). Each handler is idempotent (the platform dedupes by event id, the upserts
 * keep the newest `as_of`) and, where grants on the raw store depend on the fact, re-syncs the
 * reader roles in the same transaction.
 */
import { projectPolicyProfile, type EventHandlers } from '@pdo/platform';
import type { LicensingEvents, ProductsEvents } from '@pdo/events';
import { revokeEntitlementOf, upsertAccessGrant, upsertAgreement, upsertEntitlement, upsertProduct, upsertProductVersion } from '../data/projections.js';
import { syncReadersOfProducts, syncReadersOfAgreement } from '../services/reader-roles.js';

const agreementStatus = async (em: Parameters<NonNullable<EventHandlers['AgreementSuspended']>>[0], p: LicensingEvents.AgreementStatusChanged) => {
  await upsertAgreement(em, { agreement_id: p.agreementId, jurisdiction: p.jurisdiction, operator_id: p.operatorId, status: p.status, end_date: p.endDate, reason: p.reason, as_of: new Date(p.effectiveAt) });
  await syncReadersOfAgreement(em, p.agreementId, new Date(p.effectiveAt));
};

const listing = (status: 'LISTED' | 'SUSPENDED' | 'DELISTED') => async (em: Parameters<NonNullable<EventHandlers['ProductListed']>>[0], p: ProductsEvents.ProductDelisted | ProductsEvents.ProductListed, at: string) => {
  const listed = 'productCode' in p ? p : null;
  await upsertProduct(em, {
    product_id: p.productId, code: listed?.productCode ?? null, jurisdiction: p.jurisdiction, operator_id: p.operatorId, listing_status: status,
    listed_version: listed?.version ?? null, reason: 'reason' in p ? p.reason : null, as_of: new Date(at),
  });
  await syncReadersOfProducts(em, [p.productId], new Date(at));
};

export const projectionHandlers: EventHandlers = {
  PolicyProfileChanged: (em, e) => projectPolicyProfile(em, e.payload as LicensingEvents.PolicyProfileChanged, e.occurredAt),
  AgreementSuspended: (em, e) => agreementStatus(em, e.payload),
  AgreementReinstated: (em, e) => agreementStatus(em, e.payload),
  AgreementTerminated: (em, e) => agreementStatus(em, e.payload),
  AgreementExpired: (em, e) => agreementStatus(em, e.payload),
  AccessGranted: async (em, e) => {
    const p = e.payload as LicensingEvents.AccessGranted;
    await upsertAccessGrant(em, { grant_id: p.grantId, agreement_id: p.agreementId, scenario_id: p.scenarioId, operator_id: p.operatorId, resource_id: p.resourceId, jurisdiction: p.jurisdiction, status: p.status, expires_on: p.expiresOn, as_of: new Date(p.effectiveAt) });
  },
  AccessRevoked: async (em, e) => {
    const p = e.payload as LicensingEvents.AccessRevoked;
    await upsertAccessGrant(em, { grant_id: p.grantId, agreement_id: p.agreementId, scenario_id: p.scenarioId, operator_id: p.operatorId, resource_id: p.resourceId, jurisdiction: p.jurisdiction, status: p.status, expires_on: null, as_of: new Date(p.effectiveAt) });
  },
  ProductVersionChanged: async (em, e) => {
    const p = e.payload as ProductsEvents.ProductVersionChanged;
    await upsertProductVersion(em, {
      product_id: p.productId, version: p.version, code: p.productCode, jurisdiction: p.jurisdiction, operator_id: p.operatorId, agreement_id: p.agreementId,
      scenario_id: p.scenarioId, name_zh: p.nameZh, form: p.form, category: p.category, delivery_method: p.deliveryMethod,
      resource_ids: p.resources.map((r) => r.resourceId), status: p.status, as_of: new Date(p.effectiveAt),
    });
    await syncReadersOfProducts(em, [p.productId], new Date(p.effectiveAt));
  },
  ProductListed: (em, e) => listing('LISTED')(em, e.payload as ProductsEvents.ProductListed, (e.payload as ProductsEvents.ProductListed).listedAt),
  ProductSuspended: (em, e) => listing('SUSPENDED')(em, e.payload as ProductsEvents.ProductSuspended, (e.payload as ProductsEvents.ProductSuspended).effectiveAt),
  ProductDelisted: (em, e) => listing('DELISTED')(em, e.payload as ProductsEvents.ProductDelisted, (e.payload as ProductsEvents.ProductDelisted).effectiveAt),
  EntitlementChanged: async (em, e) => {
    const p = e.payload as ProductsEvents.EntitlementChanged;
    await upsertEntitlement(em, {
      entitlement_id: p.entitlementId, usage_agreement_id: p.usageAgreementId, product_id: p.productId, developer_id: p.developerId, operator_id: p.operatorId,
      jurisdiction: p.jurisdiction, status: p.status, pause_reason: p.pauseReason, start_date: p.startDate, end_date: p.endDate, quota_units: p.quotaUnits, as_of: new Date(p.effectiveAt),
    });
  },
  UsageAgreementEnded: async (em, e) => {
    const p = e.payload as ProductsEvents.UsageAgreementEnded;
    await revokeEntitlementOf(em, p.usageAgreementId, p.reason, new Date(e.occurredAt));
  },
};
