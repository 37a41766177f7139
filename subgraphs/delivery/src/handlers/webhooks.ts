/**
 * Events that become webhooks (docs/operating-domain/webhooks.md), run in the same transaction as
 * delivery's projection of the same event: the notice is queued if and only if the fact is
 * recorded, and a redelivered event (deduped by the platform, and by each delivery's key) queues
 * nothing twice.
 */
import type { EventHandler, EventHandlers } from '@pdo/platform';
import type { ProductsEvents } from '@pdo/events';
import { entitlementById } from '../data/webhooks.js';
import { noticeAgreementSuspended, noticeProductVersion } from '../services/webhook-facts.js';

type Name = keyof EventHandlers;

const webhookHandlers: EventHandlers = {
  ProductListed: async (em, e) => {
    const p = e.payload as ProductsEvents.ProductListed;
    await noticeProductVersion(em, { productId: p.productId, productCode: p.productCode, version: p.version }, true, e.id, new Date(p.listedAt));
  },
  ProductDelisted: async (em, e) => {
    const p = e.payload as ProductsEvents.ProductDelisted;
    await noticeProductVersion(em, { productId: p.productId, reason: p.reason }, false, e.id, new Date(p.effectiveAt));
  },
  ProductSuspended: async (em, e) => {
    const p = e.payload as ProductsEvents.ProductSuspended;
    await noticeProductVersion(em, { productId: p.productId, reason: p.reason }, false, e.id, new Date(p.effectiveAt));
  },
};

/**
 * Adds the webhook notices to delivery's handlers. An entitlement's pause is told once: the state
 * before the projection's upsert decides whether this event paused it (a later snapshot of a
 * still-paused entitlement, or an older event arriving late, says nothing new).
 */
export function withWebhooks(base: EventHandlers): EventHandlers {
  const out: EventHandlers = { ...base };
  for (const [name, notice] of Object.entries(webhookHandlers) as [Name, EventHandler][]) {
    const first = base[name];
    out[name] = async (em, e, ctx) => {
      if (first) await first(em, e, ctx);
      await notice(em, e, ctx);
    };
  }
  const projectEntitlement = base.EntitlementChanged;
  out.EntitlementChanged = async (em, e, ctx) => {
    const p = e.payload as ProductsEvents.EntitlementChanged;
    const before = await entitlementById(em, p.entitlementId);
    if (projectEntitlement) await projectEntitlement(em, e, ctx);
    const after = await entitlementById(em, p.entitlementId);
    const pausedNow = after?.status === 'PAUSED' && p.status === 'PAUSED' && before?.status !== 'PAUSED';
    if (pausedNow) await noticeAgreementSuspended(em, p, e.id);
  };
  return out;
}
