import { newId, type UnitOfWork } from '@pdo/platform';
import { developerDebits } from '../data/settlement-work.js';
import { ensureAccounts, insertEntry, insertLines } from '../data/ledger.js';
import type { SettlementRun } from './settlement-steps.js';

/**
 * Step 3, ledger: one balanced entry for the run — developers owe the period's charges (debit), each party is owed
 * its shares (credit); Σ = total on both sides (the database checks it at commit). Debits per developer come from one
 * small query, credits per party from the shares in hand; both are joined to their accounts on Node's side, since
 * the planner has no statistics yet for the rows this transaction just wrote. Nothing is posted without revenue.
 */
export async function ledgerStep(uow: UnitOfWork, run: SettlementRun, total: bigint, owed: Map<string, { kind: string; id: string; fen: bigint }>): Promise<string | null> {
  if (total <= 0n) return null;
  const { tx } = uow;
  const devs = await developerDebits(tx, run.id);
  const parties = new Map<string, { kind: string; id: string }>(devs.map((d) => [`DEVELOPER:${d.developer_id}`, { kind: 'DEVELOPER', id: d.developer_id }]));
  for (const [k, p] of owed) parties.set(k, p);
  const accounts = await ensureAccounts(tx, run.jurisdiction, [...parties.values()]);
  const entryId = newId();
  await insertEntry(tx, { id: entryId, jurisdiction: run.jurisdiction, entryDate: run.end, memo: `结算 Settlement ${run.jurisdiction} ${run.start}–${run.end}`, settlementId: run.id, createdBy: run.identity.sub });
  const credits = [...owed.entries()].filter(([, p]) => p.fen > 0n);
  await insertLines(tx, entryId, [
    ...devs.map((d) => ({ accountId: accounts.get(`DEVELOPER:${d.developer_id}`)!, debitFen: d.fen, creditFen: '0' })),
    ...credits.map(([k, p]) => ({ accountId: accounts.get(k)!, debitFen: '0', creditFen: p.fen.toString() })),
  ]);
  return entryId;
}
