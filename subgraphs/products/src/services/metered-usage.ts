import type { DeliveryEvents, ProductsEvents } from '@pdo/events';
import { insertMeteredUsage } from '../data/metered-usage.js';
import type { Steps } from './holds.js';

/**
 * Platform-metered executions (ExecutionMetered, from the operating domain) become METERED usage records and are
 * charged like any usage (UsageRecorded), in the handler's transaction. A redelivered event records and publishes
 * nothing (data/metered-usage.ts keys each record on its execution). A batch of data-plane calls (ExecutionsMetered)
 * is recorded set-based and announced as UsagesRecorded batches, so revenue charges it set-based too.
 */
const USAGES_PER_EVENT = 1000;

export async function recordMeteredUsage({ tx, publish }: Steps, calls: readonly DeliveryEvents.ExecutionMetered[], recordedAt: Date, as: 'ONE_BY_ONE' | 'BATCH' = 'ONE_BY_ONE'): Promise<void> {
  const usages = (await insertMeteredUsage(tx, calls, recordedAt)).map((u): ProductsEvents.UsageRecorded => {
    const { usageId, entitlementId, usageAgreementId, productId, operatorId, developerId, jurisdiction, category, chargingUnit, units, occurredAt, purpose, nonProfit } = u;
    return { usageId, entitlementId, usageAgreementId, productId, operatorId, developerId, jurisdiction, category, chargingUnit, units, occurredAt, source: 'METERED', purpose, nonProfit };
  });
  if (as === 'ONE_BY_ONE') {
    for (const u of usages) await publish('UsageRecorded', u, u.jurisdiction);
    return;
  }
  // A batch of data-plane calls: one UsagesRecorded per jurisdiction (and per 1,000), not one event per call.
  const byJurisdiction = new Map<string, ProductsEvents.UsageRecorded[]>();
  for (const u of usages) byJurisdiction.get(u.jurisdiction)?.push(u) ?? byJurisdiction.set(u.jurisdiction, [u]);
  for (const [jurisdiction, list] of byJurisdiction) {
    for (let i = 0; i < list.length; i += USAGES_PER_EVENT) {
      await publish('UsagesRecorded', { usages: list.slice(i, i + USAGES_PER_EVENT) } satisfies ProductsEvents.UsagesRecorded, jurisdiction);
    }
  }
}

