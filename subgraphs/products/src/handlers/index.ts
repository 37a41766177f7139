import { projectPolicyProfile, type Em, type EventHandlerContext, type EventHandlers } from '@pdo/platform';
import type { CatalogEvents, DeliveryEvents, EvaluationEvents, EventEnvelope, LicensingEvents, RevenueEvents } from '@pdo/events';
import { refreshResourceFacts } from '../data/cascade.js';
import {
  applyAgreementStatus,
  closeIncident,
  heldAgreementStatus,
  setResourceAuthorizable,
  upsertAgreementFacts,
  upsertApprovedScenario,
  upsertGrant,
  upsertIncidentReport,
  upsertPrice,
  upsertRefusedScenario,
  upsertResource,
  withdrawResource,
} from '../data/projection-writes.js';
import { cascadeAgreement, holdForIncident, liftIncident, syncGrantHold, type Steps } from '../services/holds.js';
import { recordMeteredUsage } from '../services/metered-usage.js';
import { upsertRecipeEvidence } from '../data/recipe-evidence.js';
import { upsertOrganization } from '../data/organizations.js';

/*
 * Local projections of licensing, catalog, evaluation and revenue facts, and what follows from them for products
 * (holds, cascades). Every handler tolerates re-delivery and out-of-order arrival (data/projection-writes.ts).
 */

/** The handler's transaction and publisher, for the hold steps (services/holds.ts). */
const steps = (tx: Em, ctx: EventHandlerContext): Steps => ({ tx, publish: (name, payload, jurisdiction) => ctx.publish(name, payload, jurisdiction) });

/** Applies a status change if it is newer than the last status change held (by effectiveAt), then its cascade. */
const statusHandler = (change: 'SUSPENDED' | 'REINSTATED' | 'ENDED') => async (em: Em, e: EventEnvelope<LicensingEvents.AgreementStatusChanged>, ctx: EventHandlerContext) => {
  const p = e.payload;
  const held = await heldAgreementStatus(em, p.agreementId, p.effectiveAt);
  if (held?.newer) return;
  await applyAgreementStatus(em, p);
  await cascadeAgreement(steps(em, ctx), p.agreementId, change, p.reason ?? e.name, p.effectiveAt);
};

const agreementFacts = (em: Em, e: EventEnvelope<LicensingEvents.AgreementFacts>) => upsertAgreementFacts(em, e.payload);

async function resourceSnapshot(em: Em, p: CatalogEvents.ResourceSnapshot): Promise<void> {
  if (await upsertResource(em, p)) await refreshResourceFacts(em, p.resourceId);
}

export const handlers: EventHandlers = {
  // The operating domain's recipe analysis: evidence of RAW_DATA_STAYS_IN_DOMAIN (HN Art 15).
  RecipeAnalysed: (em, e: EventEnvelope<DeliveryEvents.RecipeAnalysed>) => upsertRecipeEvidence(em, e.payload),
  /** A platform-metered execution becomes a METERED usage record, charged like any usage (UsageRecorded). */
  ExecutionMetered: (em, e: EventEnvelope<DeliveryEvents.ExecutionMetered>, ctx) => recordMeteredUsage(steps(em, ctx), [e.payload], new Date(e.occurredAt)),
  ExecutionsMetered: (em, e: EventEnvelope<DeliveryEvents.ExecutionsMetered>, ctx) => recordMeteredUsage(steps(em, ctx), e.payload.executions, new Date(e.occurredAt), 'BATCH'),
  PolicyProfileChanged: (em, e: EventEnvelope<LicensingEvents.PolicyProfileChanged>) => projectPolicyProfile(em, e.payload, e.occurredAt),
  // The operator's name on the listing and the product page (DataProduct.operator @provides).
  OrganizationRegistered: (em, e: EventEnvelope<LicensingEvents.OrganizationRegistered>) => upsertOrganization(em, e.payload, e.occurredAt),
  AgreementSigned: agreementFacts,
  AgreementActivated: agreementFacts,
  AgreementRenewed: agreementFacts,
  AgreementSuspended: statusHandler('SUSPENDED'),
  AgreementReinstated: statusHandler('REINSTATED'),
  AgreementTerminated: statusHandler('ENDED'),
  AgreementExpired: statusHandler('ENDED'),

  ScenarioApproved: (em, e: EventEnvelope<LicensingEvents.ScenarioApproved>) => upsertApprovedScenario(em, e.payload, e.payload.approvedAt ?? e.occurredAt),
  ScenarioRefused: (em, e: EventEnvelope<LicensingEvents.ScenarioRefused>) => upsertRefusedScenario(em, e.payload, e.occurredAt),
  async AccessGranted(em, e: EventEnvelope<LicensingEvents.AccessGranted>, ctx) {
    const p = e.payload;
    if (await upsertGrant(em, p, 'ACTIVE', { expiresOn: p.expiresOn ?? null })) await syncGrantHold(steps(em, ctx), p, true, '');
  },
  async AccessRevoked(em, e: EventEnvelope<LicensingEvents.AccessRevoked>, ctx) {
    const p = e.payload;
    if (await upsertGrant(em, p, p.status, null)) await syncGrantHold(steps(em, ctx), p, false, `${p.status} ${p.reason ?? ''}`.trim());
  },

  /**
   * An incident that stops processing (risky data linkage where the profile's `linkageStop` says so — HN Art 18, ZJC
   * §三(五)6 — as evaluation decided and the event's `stopProcessing` carries) stops it in the affected scope at once: its
   * products leave the market and their entitlements pause until it is closed. Other incidents are only recorded. A
   * report arriving after its closure changes nothing.
   */
  async SecurityIncidentReported(em, e: EventEnvelope<EvaluationEvents.SecurityIncidentReported>, ctx) {
    const p = e.payload;
    if (!(await upsertIncidentReport(em, p)) || !p.stopProcessing) return;
    await holdForIncident(steps(em, ctx), p);
  },
  async SecurityIncidentClosed(em, e: EventEnvelope<EvaluationEvents.SecurityIncidentClosed>, ctx) {
    const p = e.payload;
    await closeIncident(em, p);
    await liftIncident(steps(em, ctx), p);
  },

  ResourcePublished: (em, e: EventEnvelope<CatalogEvents.ResourcePublished>) => resourceSnapshot(em, e.payload),
  ResourceChanged: (em, e: EventEnvelope<CatalogEvents.ResourceChanged>) => resourceSnapshot(em, e.payload),
  ResourceWithdrawn: (em, e: EventEnvelope<CatalogEvents.ResourceWithdrawn>) => withdrawResource(em, e.payload),
  ResourceAuthorizabilityChanged: (em, e: EventEnvelope<CatalogEvents.ResourceAuthorizabilityChanged>) => setResourceAuthorizable(em, e.payload),

  PriceSet: (em, e: EventEnvelope<RevenueEvents.PriceSet>) => upsertPrice(em, 'PRICE', e.payload.priceId, e.payload, e.payload.priceFen),
  PriceCapSet: (em, e: EventEnvelope<RevenueEvents.PriceCapSet>) => upsertPrice(em, 'CAP', e.payload.capId, e.payload, e.payload.capFen),
};
