import { projectPolicyProfile, type Em, type EventHandlers } from '@pdo/platform';
import type { EventEnvelope, EvaluationEvents, LicensingEvents, ProductsEvents } from '@pdo/events';
import { insertContributionScores, replaceResources, setProductStatus, upsertAgreement, upsertOrganization, upsertProduct, usageAgreementEnded, usageAgreementSigned } from '../data/projections.js';
import { recordCharge, recordCharges } from '../services/charges.js';

/**
 * Local projections of other subgraphs' facts (data/projections.ts), and the charge of each usage record. Every
 * handler tolerates re-delivery and out-of-order arrival: a fact older than the one held is ignored.
 */
async function productFacts(em: Em, p: ProductsEvents.ProductFacts, status: string, at: string): Promise<void> {
  const written = await upsertProduct(em, { id: p.productId, jurisdiction: p.jurisdiction, operator_id: p.operatorId, agreement_id: p.agreementId, code: p.productCode, name_zh: p.nameZh, category: p.category, status, version: p.version, as_of: at });
  if (written) await replaceResources(em, p.productId, p.resources.map((r) => ({ resourceId: r.resourceId, sourceUnitId: r.sourceAgencyId })));
}

const agreement = (em: Em, a: { agreementId: string; jurisdiction: string; operatorId: string; status: string; endDate: string; startDate?: string; agreementNumber?: string }, at: string) =>
  upsertAgreement(em, { id: a.agreementId, jurisdiction: a.jurisdiction, operator_id: a.operatorId, agreement_number: a.agreementNumber ?? null, status: a.status, start_date: a.startDate ?? null, end_date: a.endDate, as_of: at });
const agreementFacts = async (em: Em, ev: EventEnvelope<LicensingEvents.AgreementFacts>) => agreement(em, ev.payload, ev.occurredAt);
const agreementStatus = async (em: Em, ev: EventEnvelope<LicensingEvents.AgreementStatusChanged>) => agreement(em, ev.payload, ev.payload.effectiveAt);

export const handlers: EventHandlers = {
  /** The authority's profile edits (licensing): MAR markup limits, deviation band, revenue rights. */
  PolicyProfileChanged: (em, ev: EventEnvelope<LicensingEvents.PolicyProfileChanged>) => projectPolicyProfile(em, ev.payload, ev.occurredAt),
  ProductApproved: async (em, ev: EventEnvelope<ProductsEvents.ProductApproved>) => productFacts(em, ev.payload, 'APPROVED', ev.occurredAt),
  ProductListed: async (em, ev: EventEnvelope<ProductsEvents.ProductListed>) => productFacts(em, ev.payload, 'LISTED', ev.payload.listedAt ?? ev.occurredAt),
  ProductDelisted: async (em, ev: EventEnvelope<ProductsEvents.ProductDelisted>) => setProductStatus(em, ev.payload.productId, 'DELISTED', ev.payload.effectiveAt),
  ProductSuspended: async (em, ev: EventEnvelope<ProductsEvents.ProductSuspended>) => setProductStatus(em, ev.payload.productId, 'SUSPENDED', ev.payload.effectiveAt),
  UsageAgreementSigned: async (em, ev: EventEnvelope<ProductsEvents.UsageAgreementSigned>) => {
    const u = ev.payload;
    await usageAgreementSigned(em, { id: u.usageAgreementId, product_id: u.productId, developer_id: u.developerId, operator_id: u.operatorId, jurisdiction: u.jurisdiction, start_date: u.startDate, end_date: u.endDate, category: u.category, as_of: ev.occurredAt });
  },
  UsageAgreementEnded: async (em, ev: EventEnvelope<ProductsEvents.UsageAgreementEnded>) => {
    const u = ev.payload;
    await usageAgreementEnded(em, { id: u.usageAgreementId, product_id: u.productId, developer_id: u.developerId, jurisdiction: u.jurisdiction, as_of: ev.occurredAt });
  },
  UsageRecorded: async (em, ev: EventEnvelope<ProductsEvents.UsageRecorded>) => {
    await recordCharge(em, ev.payload);
  },
  UsagesRecorded: async (em, ev: EventEnvelope<ProductsEvents.UsagesRecorded>) => {
    await recordCharges(em, ev.payload.usages);
  },
  AgreementSigned: agreementFacts,
  AgreementActivated: agreementFacts,
  AgreementRenewed: agreementFacts,
  AgreementSuspended: agreementStatus,
  AgreementReinstated: agreementStatus,
  AgreementTerminated: agreementStatus,
  AgreementExpired: agreementStatus,
  OrganizationRegistered: async (em, ev: EventEnvelope<LicensingEvents.OrganizationRegistered>) => {
    const o = ev.payload;
    await upsertOrganization(em, { id: o.organizationId, jurisdiction: o.jurisdiction, name_zh: o.nameZh, kinds: o.kinds });
  },
  ContributionAssessed: async (em, ev: EventEnvelope<EvaluationEvents.ContributionAssessed>) => {
    const c = ev.payload;
    await insertContributionScores(em, { assessmentId: c.assessmentId, jurisdiction: c.jurisdiction, periodStart: c.periodStart, periodEnd: c.periodEnd, receivedAt: ev.occurredAt, scores: c.scores.map((s) => ({ sourceUnitId: s.agencyId, score: s.score })) });
  },
};
