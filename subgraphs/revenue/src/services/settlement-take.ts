import type { UnitOfWork } from '@pdo/platform';
import { takesOf } from '../domain/takes.js';
import { runTotalsOf, type ProductTotal, type RunTotals } from '../domain/run-totals.js';
import { chargeWatermark, serialiseRuns, takeCharges, writeSettlementLines } from '../data/settlement-work.js';
import { completedSettlements } from '../data/settlements.js';
import type { SettlementRun } from './settlement-steps.js';

export interface Taken {
  watermark: bigint;
  products: ProductTotal[];
  carried: RunTotals['carried'];
  debits: RunTotals['debits'];
  totalFen: bigint;
  chargeCount: bigint;
  /** The lines' insert, on its way: awaited before anything that depends on it having succeeded. */
  linesWritten: { done: Promise<unknown> };
}

/**
 * Step 1, take: fixes what the run takes — a watermark and a few boxes of (days, seq range) recorded in
 * `settlement_take` (domain/takes.ts): the period's own charges, plus late charges whose usage fell in an earlier,
 * already-settled period of the jurisdiction, carried here and marked with the settlement of their own period. Boxes
 * of different settlements never overlap, so a charge is taken once only; the charges are aggregated per product
 * and developer straight from `charge`, with no row written per charge. The lines are written to `settlement_line`
 * while the next step splits.
 */
export async function takeStep(uow: UnitOfWork, run: SettlementRun): Promise<Taken> {
  const { tx } = uow;
  await serialiseRuns(tx, run.jurisdiction);
  const watermark = await chargeWatermark(tx, run.jurisdiction);
  const completed = await completedSettlements(tx, run.jurisdiction, run.id);
  const takes = takesOf(
    { id: run.id, start: run.start, end: run.end, watermark },
    completed.map((c) => ({ id: c.id, start: c.period_start, end: c.period_end, watermark: BigInt(c.watermark ?? 0) })),
  );
  const lines = await takeCharges(tx, run.id, run.jurisdiction, takes);
  // Sent even without lines: the run's first write, which takes the table's lock at the same point as ever.
  const linesWritten = await writeSettlementLines(tx, run.id, lines);
  return { watermark, linesWritten, ...runTotalsOf(lines) };
}
