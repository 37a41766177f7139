import type { Em, UnitOfWork } from '@pdo/platform';
import { recordStep, type SettlementRow } from '../data/settlements.js';
import { ensurePartyAccounts } from '../data/ledger.js';
import { takeStep } from './settlement-take.js';
import { readSplitTerms, splitStep } from './settlement-split.js';
import { ledgerStep } from './settlement-ledger.js';
import { completeStep } from './settlement-complete.js';
import { noProgress, type Progress, type SettlementRun, type SettleOptions } from './settlement-steps.js';

/** Products split per batch (splitStep): large enough that a statement's overhead is small, small enough to overlap. */
const SPLIT_BATCH = 1000;

/**
 * Progress written on its own connection (autocommit), outside the run's transaction, so it is visible while the run
 * works. The run does not wait for each step's row: the rows are written one after another, in order, while it goes
 * on; `flushed` is when the last has been written (or the first failed).
 */
export function progressOn(em: Em, id: string, attempt: number): Progress & { flushed(): Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  const progress = (step: Parameters<Progress>[0], detail: string) => {
    const at = new Date();
    chain = chain.then(() => recordStep(em, id, attempt, step, detail, at));
    chain.catch(() => {});
    return Promise.resolve();
  };
  return Object.assign(progress, { flushed: () => chain });
}

/**
 * The work of a run, inside the caller's transaction: take → split → ledger → complete (services/settlement-*.ts).
 * Set-based: the charges are aggregated in SQL per product and developer; only the per-product split (a handful of
 * parties each) runs in Node.
 */
export async function settle(uow: UnitOfWork, run: SettlementRun, options: SettleOptions = {}): Promise<SettlementRow> {
  const progress = options.progress ?? noProgress;
  const taken = await takeStep(uow, run);
  const total = taken.totalFen;
  // Plans and weights are read on a connection of their own while this one writes the run's lines: the aggregation
  // before it keeps both cores of PostgreSQL busy on its own, a write does not. Every product of the jurisdiction,
  // named by the jurisdiction rather than by a list of thousands of ids.
  const early = options.reader ? readSplitTerms(options.reader, run, null) : null;
  early?.catch(() => {});
  // The developers' ledger accounts are opened on the other connection while this one writes the run's results. An
  // account is a party's place in the ledger and nothing more (append-only, one per party, migration 0012): one
  // opened by a run that then fails is simply there for the next.
  const developers = taken.debits.map((d) => ({ kind: 'DEVELOPER', id: d.developer_id }));
  const opened = options.reader && total > 0n ? ensurePartyAccounts(options.reader, run.jurisdiction, developers) : null;
  opened?.catch(() => {});
  await progress(
    'CHARGES_TOTALLED',
    `${taken.chargeCount} charges over ${taken.products.length} products, ${total} fen (of which ${taken.carried.n} late charges, ${taken.carried.fen} fen, carried from settled periods)`,
  );

  const split = await splitStep(uow, run, taken.products, early ? await early : null, options.splitBatch ?? SPLIT_BATCH, taken.linesWritten);
  await progress('SPLITS_COMPUTED', `${split.shares.length} shares over ${split.paid.length} products with revenue, written`);
  if (options.stats) options.stats.sharesWritten = split.shares.length;

  const entryId = await ledgerStep(uow, run, total, taken.debits, split.owed, opened);
  await progress('LEDGER_POSTED', entryId ? `ledger entry ${entryId}: debits = credits = ${total} fen` : 'nothing to post (no revenue)');

  return completeStep(uow, run, taken, split, total, entryId);
}
