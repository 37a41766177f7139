import type { UnitOfWork } from '@pdo/platform';
import type { EvaluationEvents, ProductsEvents } from '@pdo/events';
import { endUsageAgreementsOf, productsOfIncident, refuseApplicationsOf, revokeEntitlementsOf, withdrawListingsOf } from '../data/cascade.js';
import { addHolds, liftHolds, pauseHeldEntitlements, resumeUnheldEntitlements, resumeUnheldListings, suspendHeldListings, type HoldKind } from '../data/holds.js';
import { productFacts } from '../data/product-facts.js';
import { productIdsOfAgreement, productIdsOfGrant } from '../data/products.js';
import { publishEntitlements } from './delivery-events.js';

/*
 * Holds (暂停原因) and the chain that follows an authorization (issue #5 §6). A listing can be held for several
 * independent reasons at once — the authorization suspended, an access grant paused, a security incident — and only
 * resumes when the last one is lifted. The steps run in the event handler's transaction and publish their follow-up
 * events there.
 */

/** What a step needs of the unit of work it runs in: its transaction and its publisher (a handler has no audit). */
export type Steps = Pick<UnitOfWork, 'tx' | 'publish'>;

/**
 * Brings listings and entitlements in line with the holds left on these products: any hold → a listed product is
 * suspended (hidden) and active entitlements pause; no hold left → a product suspended by holds is listed again and
 * entitlements paused by holds resume. A delisted or withdrawn product stays as it is, and a revoked entitlement never
 * comes back. Publishes ProductSuspended / ProductListed for each listing that changed.
 */
export async function applyHolds(steps: Steps, productIds: string[], effectiveAt: string): Promise<void> {
  const { tx, publish } = steps;
  if (productIds.length === 0) return;
  const ids = [...new Set(productIds)];
  for (const p of await suspendHeldListings(tx, ids)) {
    await publish('ProductSuspended', { productId: p.id, jurisdiction: p.jurisdiction, operatorId: p.operator_id, reason: p.reason, effectiveAt } satisfies ProductsEvents.ProductSuspended, p.jurisdiction);
  }
  await publishEntitlements(steps, await pauseHeldEntitlements(tx, ids), effectiveAt);
  const facts = await productFacts(tx, await resumeUnheldListings(tx, ids));
  for (const f of facts.values()) await publish('ProductListed', { ...f, listedAt: effectiveAt } satisfies ProductsEvents.ProductListed, f.jurisdiction);
  await publishEntitlements(steps, await resumeUnheldEntitlements(tx, ids), effectiveAt);
}

/** Places a hold of `source` on the products and applies it. */
async function hold(steps: Steps, productIds: string[], source: string, kind: HoldKind, reason: string, since: string): Promise<void> {
  await addHolds(steps.tx, productIds, source, kind, reason, since);
  await applyHolds(steps, productIds, since);
}

/** Lifts the holds of `source` and lets the products resume where nothing else holds them. */
async function lift(steps: Steps, source: string, effectiveAt: string): Promise<void> {
  await applyHolds(steps, await liftHolds(steps.tx, source), effectiveAt);
}

/**
 * The chain that follows an authorization: suspended → an AGREEMENT hold on each of its products; reinstated → that
 * hold is lifted; terminated / expired → listings withdrawn, entitlements revoked, usage agreements ended, open
 * applications refused.
 */
export async function cascadeAgreement(steps: Steps, agreementId: string, change: 'SUSPENDED' | 'REINSTATED' | 'ENDED', reason: string, effectiveAt: string): Promise<void> {
  const { tx, publish } = steps;
  const source = `AGREEMENT:${agreementId}`;
  if (change === 'SUSPENDED') return hold(steps, await productIdsOfAgreement(tx, agreementId), source, 'AGREEMENT_SUSPENDED', reason, effectiveAt);
  if (change === 'REINSTATED') return lift(steps, source, effectiveAt);
  await liftHolds(tx, source);
  const why = `AGREEMENT_ENDED: ${reason}`;
  for (const p of await withdrawListingsOf(tx, agreementId, why)) {
    await publish('ProductSuspended', { productId: p.id, jurisdiction: p.jurisdiction, operatorId: p.operator_id, reason: why, effectiveAt } satisfies ProductsEvents.ProductSuspended, p.jurisdiction);
  }
  await publishEntitlements(steps, await revokeEntitlementsOf(tx, agreementId), effectiveAt);
  for (const u of await endUsageAgreementsOf(tx, agreementId, effectiveAt, why)) {
    await publish('UsageAgreementEnded', { usageAgreementId: u.id, productId: u.product_id, developerId: u.developer_id, jurisdiction: u.jurisdiction, reason: why } satisfies ProductsEvents.UsageAgreementEnded, u.jurisdiction);
  }
  await refuseApplicationsOf(tx, agreementId);
}

/**
 * A paused or revoked access grant takes the products built on that resource under that scenario off the market (and
 * pauses their entitlements): they can no longer be delivered lawfully. Its resumption lifts that hold only.
 */
export async function syncGrantHold(steps: Steps, g: { grantId: string; scenarioId: string; resourceId: string; effectiveAt: string }, active: boolean, reason: string): Promise<void> {
  const source = `GRANT:${g.grantId}`;
  if (active) return lift(steps, source, g.effectiveAt);
  await hold(steps, await productIdsOfGrant(steps.tx, g.scenarioId, g.resourceId), source, 'ACCESS_REVOKED', reason, g.effectiveAt);
}

/**
 * An incident that stops processing holds the products it covers until it is closed. Whether it stops is evaluation's
 * decision from the jurisdiction's profile (`linkageStop`: HN Art 18, ZJC §三(五)6), carried by the event with its rule.
 */
export async function holdForIncident(steps: Steps, p: EvaluationEvents.SecurityIncidentReported): Promise<void> {
  const reason = p.stopRule ? `${p.type} ${p.severity} (${p.stopRule})` : `${p.type} ${p.severity}`;
  await hold(steps, await productsOfIncident(steps.tx, p), `INCIDENT:${p.incidentId}`, 'SECURITY_INCIDENT', reason, p.occurredAt);
}

export async function liftIncident(steps: Steps, p: EvaluationEvents.SecurityIncidentClosed): Promise<void> {
  await lift(steps, `INCIDENT:${p.incidentId}`, p.closedAt);
}
