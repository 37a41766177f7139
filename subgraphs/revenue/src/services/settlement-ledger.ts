import { newId, type UnitOfWork } from '@pdo/platform';
import { ensurePartyAccounts, insertEntry, insertPartyLines } from '../data/ledger.js';
import type { RunTotals } from '../domain/run-totals.js';
import type { SettlementRun } from './settlement-steps.js';

/**
 * Step 3, ledger: one balanced entry for the run — developers owe the period's charges (debit), each party is owed
 * its shares (credit); Σ = total on both sides (the database checks it at commit). Debits per developer are the run's
 * lines summed (step 1), credits per party the shares in hand (step 2); the lines find their accounts in the same
 * statement that writes them. Nothing is posted without revenue.
 */
export async function ledgerStep(
  uow: UnitOfWork,
  run: SettlementRun,
  total: bigint,
  debits: RunTotals['debits'],
  owed: Map<string, { kind: string; id: string; fen: bigint }>,
  /** The developers' accounts, being opened on another connection (services/settlement.ts); null: open them here. */
  developersOpened: Promise<void> | null = null,
): Promise<string | null> {
  if (total <= 0n) return null;
  const { tx } = uow;
  const credits = [...owed.values()].filter((p) => p.fen > 0n);
  const lines = [
    ...debits.map((d) => ({ kind: 'DEVELOPER', id: d.developer_id, debitFen: d.fen, creditFen: '0' })),
    ...credits.map((p) => ({ kind: p.kind, id: p.id, debitFen: '0', creditFen: p.fen.toString() })),
  ];
  // Accounts also for parties owed nothing this run, as before: every party of the run has one.
  const parties = [...owed.values()].map((p) => ({ kind: p.kind, id: p.id }));
  if (developersOpened) await developersOpened;
  else parties.push(...debits.map((d) => ({ kind: 'DEVELOPER', id: d.developer_id })));
  await ensurePartyAccounts(tx, run.jurisdiction, parties);
  const entryId = newId();
  await insertEntry(tx, { id: entryId, jurisdiction: run.jurisdiction, entryDate: run.end, memo: `结算 Settlement ${run.jurisdiction} ${run.start}–${run.end}`, settlementId: run.id, createdBy: run.identity.sub });
  const written = await insertPartyLines(tx, entryId, run.jurisdiction, lines);
  if (written !== lines.length) throw new Error(`settlement ${run.id}: ${lines.length - written} ledger lines found no account`);
  return entryId;
}
