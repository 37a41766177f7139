/**
 * Which facts become webhooks, and for whom (docs/operating-domain/webhooks.md). Delivery already
 * holds every fact they speak of: entitlements and product versions as projections of products'
 * events, and the metered quota it counts itself. Each fact carries a key that names it once — a
 * redelivered event or a scan that runs twice queues nothing new.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInShanghai } from '@pdo/policy';
import { setting } from '@pdo/platform';
import { daysUntil, quotaThresholdsReached } from '../domain/webhooks.js';
import { developersOfProduct, enqueueFacts, entitlementsEnding, quotaStandings, type WebhookFact } from '../data/webhooks.js';

/** Quota notices: one per agreement, quota and threshold (a raised quota re-arms them). */
export async function noticeQuotaThresholds(em: EntityManager, now: Date, since: Date): Promise<number> {
  const facts: WebhookFact[] = [];
  for (const s of await quotaStandings(em, since)) {
    for (const pct of quotaThresholdsReached(BigInt(s.usedUnits), BigInt(s.quotaUnits))) {
      facts.push({
        developerId: s.developerId, type: 'quota.threshold', key: `quota.threshold:${s.usageAgreementId}:${s.quotaUnits}:${pct}`, occurredAt: now,
        data: { usageAgreementId: s.usageAgreementId, entitlementId: s.entitlementId, productId: s.productId, thresholdPercent: pct, quotaUnits: s.quotaUnits, usedUnits: s.usedUnits },
      });
    }
  }
  return em.transactional((tx) => enqueueFacts(tx, facts, now));
}

/** Expiry notices: one per entitlement and last day, WEBHOOK_EXPIRY_NOTICE_DAYS ahead (a renewal re-arms it). */
export async function noticeExpiringEntitlements(em: EntityManager, now: Date): Promise<number> {
  const today = todayInShanghai(now);
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + setting('WEBHOOK_EXPIRY_NOTICE_DAYS') * 86_400_000).toISOString().slice(0, 10);
  const facts: WebhookFact[] = (await entitlementsEnding(em, today, horizon)).map((e) => ({
    developerId: e.developer_id, type: 'entitlement.expiring', key: `entitlement.expiring:${e.entitlement_id}:${e.end_date}`, occurredAt: now,
    data: { entitlementId: e.entitlement_id, usageAgreementId: e.usage_agreement_id, productId: e.product_id, endDate: e.end_date, daysLeft: daysUntil(today, e.end_date) },
  }));
  return em.transactional((tx) => enqueueFacts(tx, facts, now));
}

/** A product version was listed (published) or its listing ended (withdrawn): every developer entitled to the product hears of it. */
export async function noticeProductVersion(tx: EntityManager, p: { productId: string; productCode?: string | null; version?: number | null; reason?: string | null }, published: boolean, eventId: string, at: Date): Promise<number> {
  const type = published ? 'product.version.published' : 'product.version.withdrawn';
  const developers = await developersOfProduct(tx, p.productId);
  // Keyed by the event that said it: a redelivery is the same fact, a second listing a new one.
  return enqueueFacts(tx, developers.map((developerId) => ({
    developerId, type, key: `${type}:${eventId}`, occurredAt: at,
    data: { productId: p.productId, productCode: p.productCode ?? null, version: p.version ?? null, reason: p.reason ?? null },
  })), at);
}

/** An entitlement paused: the usage agreement behind it is suspended. */
export async function noticeAgreementSuspended(tx: EntityManager, p: { entitlementId: string; usageAgreementId: string; productId: string; developerId: string; pauseReason: string | null; effectiveAt: string }, eventId: string): Promise<number> {
  const at = new Date(p.effectiveAt);
  return enqueueFacts(tx, [{
    developerId: p.developerId, type: 'usage_agreement.suspended', key: `usage_agreement.suspended:${p.usageAgreementId}:${p.effectiveAt}`, occurredAt: at,
    data: { usageAgreementId: p.usageAgreementId, entitlementId: p.entitlementId, productId: p.productId, reason: p.pauseReason, effectiveAt: p.effectiveAt },
  }], at);
}

