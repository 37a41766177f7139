import type { DeliveryEvents, ProductsEvents } from '@pdo/events';
import { insertMeteredUsage } from '../data/metered-usage.js';
import type { Steps } from './holds.js';

/**
 * Platform-metered executions (ExecutionMetered, from the operating domain) become METERED usage records and are
 * charged like any usage (UsageRecorded), in the handler's transaction. A redelivered event records and publishes
 * nothing (data/metered-usage.ts keys each record on its execution).
 */
export async function recordMeteredUsage({ tx, publish }: Steps, calls: readonly DeliveryEvents.ExecutionMetered[], recordedAt: Date): Promise<void> {
  for (const u of await insertMeteredUsage(tx, calls, recordedAt)) {
    const { usageId, entitlementId, usageAgreementId, productId, operatorId, developerId, jurisdiction, category, chargingUnit, units, occurredAt, purpose, nonProfit } = u;
    await publish(
      'UsageRecorded',
      { usageId, entitlementId, usageAgreementId, productId, operatorId, developerId, jurisdiction, category, chargingUnit, units, occurredAt, source: 'METERED', purpose, nonProfit } satisfies ProductsEvents.UsageRecorded,
      jurisdiction,
    );
  }
}
