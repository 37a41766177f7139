import type { UnitOfWork } from '@pdo/platform';
import type { RevenueEvents } from '@pdo/events';
import { completeSettlement, type SettlementRow } from '../data/settlements.js';
import type { Taken } from './settlement-take.js';
import type { Split } from './settlement-split.js';
import type { SettlementRun } from './settlement-steps.js';

/**
 * Step 4, complete: the settlement row gets its totals, watermark and ledger entry and becomes COMPLETED (immutable
 * from then on, migration 0002); the audit record and `SettlementCompleted` go out in the same transaction.
 */
export async function completeStep(uow: UnitOfWork, run: SettlementRun, taken: Taken, split: Split, total: bigint, ledgerEntryId: string | null): Promise<SettlementRow> {
  const count = taken.chargeCount;
  const row = await completeSettlement(uow.tx, run.id, {
    totalFen: total,
    chargeCount: count,
    productCount: taken.products.length,
    ledgerEntryId,
    contributionAssessmentId: split.assessmentId,
    carriedFen: taken.carried.fen,
    carriedCount: taken.carried.n,
    watermark: taken.watermark,
  });
  uow.audit({
    entityType: 'Settlement',
    entityId: run.id,
    action: 'COMPLETED',
    changes: { jurisdiction: run.jurisdiction, periodStart: run.start, periodEnd: run.end, totalFen: total.toString(), chargeCount: count.toString(), plans: [...split.plans.values()].map((p) => `${p.id}@v${p.version}`) },
  });
  await uow.publish(
    'SettlementCompleted',
    { settlementId: run.id, jurisdiction: run.jurisdiction, periodStart: run.start, periodEnd: run.end, totalFen: total.toString(), ...split.published } satisfies RevenueEvents.SettlementCompleted,
    run.jurisdiction,
  );
  return row;
}
