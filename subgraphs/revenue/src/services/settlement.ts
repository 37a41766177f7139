import type { Em, UnitOfWork } from '@pdo/platform';
import { recordStep, type SettlementRow } from '../data/settlements.js';
import { takeStep } from './settlement-take.js';
import { readSplitTerms, splitStep } from './settlement-split.js';
import { ledgerStep } from './settlement-ledger.js';
import { completeStep } from './settlement-complete.js';
import { noProgress, type Progress, type SettlementRun, type SettleOptions } from './settlement-steps.js';

/** Products split per batch (splitStep): large enough that a statement's overhead is small, small enough to overlap. */
const SPLIT_BATCH = 1000;

/** Progress written on its own connection (autocommit), outside the run's transaction, so it is visible while the run works. */
export const progressOn = (em: Em, id: string, attempt: number): Progress => (step, detail) => recordStep(em, id, attempt, step, detail);

/**
 * The work of a run, inside the caller's transaction: take → split → ledger → complete (services/settlement-*.ts).
 * Set-based: the charges are aggregated in SQL per product and developer; only the per-product split (a handful of
 * parties each) runs in Node.
 */
export async function settle(uow: UnitOfWork, run: SettlementRun, options: SettleOptions = {}): Promise<SettlementRow> {
  const progress = options.progress ?? noProgress;
  // Plans and weights are read on a connection of their own while this one aggregates the charges, so that
  // PostgreSQL works on both at once. Which products have revenue is not known yet, so every product of the
  // jurisdiction. Under read committed, reading them here after the aggregation would be no more consistent.
  const early = options.reader ? readSplitTerms(options.reader, run, null) : null;
  early?.catch(() => {});

  const taken = await takeStep(uow, run);
  const total = taken.totalFen;
  await progress(
    'CHARGES_TOTALLED',
    `${taken.chargeCount} charges over ${taken.products.length} products, ${total} fen (of which ${taken.carried.n} late charges, ${taken.carried.fen} fen, carried from settled periods)`,
  );

  const split = await splitStep(uow, run, taken.products, early ? await early : null, options.splitBatch ?? SPLIT_BATCH, taken.linesWritten);
  await progress('SPLITS_COMPUTED', `${split.shares.length} shares over ${split.paid.length} products with revenue, written`);
  if (options.stats) options.stats.sharesWritten = split.shares.length;

  const entryId = await ledgerStep(uow, run, total, taken.debits, split.owed);
  await progress('LEDGER_POSTED', entryId ? `ledger entry ${entryId}: debits = credits = ${total} fen` : 'nothing to post (no revenue)');

  return completeStep(uow, run, taken, split, total, entryId);
}
