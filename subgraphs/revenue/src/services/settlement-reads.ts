import type { RequestContext } from '@pdo/platform';
import { isFinance, requireFinance, requireSettlementReader } from '../access.js';
import { reconciliationSums, settlementById, settlementPage, takesPart, type SettlementRow } from '../data/settlements.js';

type Ctx = RequestContext<unknown>;

/** A settlement: finance of its jurisdiction, or — its header only — a party that takes part in it; null when there is none. */
export async function readSettlement(ctx: Ctx, id: string): Promise<SettlementRow | null> {
  const s = await settlementById(ctx.em, id);
  if (!s) return null;
  requireSettlementReader(ctx.identity, s, isFinance(ctx.identity) || (await takesPart(ctx.em, id, ctx.identity.org ?? '')));
  return s;
}

/** Settlements of the caller's jurisdiction, newest period first. */
export function settlements(ctx: Ctx, window: { limit: number; offset: number }) {
  return settlementPage(ctx.em, ctx.identity.jurisdiction, window);
}

/** A settlement's details (products, lines, progress, ledger entry) are finance's of its jurisdiction. */
export function requireSettlementDetails(ctx: Ctx, s: { jurisdiction: string }): void {
  requireFinance(ctx.identity, s.jurisdiction);
}

/** charges (recomputed) = settled = shares = ledger debits = ledger credits. */
export async function reconciliation(ctx: Ctx, s: { id: string; jurisdiction: string; total: bigint }) {
  requireFinance(ctx.identity, s.jurisdiction);
  const r = await reconciliationSums(ctx.em, s.id);
  const v = { charges: BigInt(r.charges), settled: s.total, shares: BigInt(r.shares), ledgerDebits: BigInt(r.debits), ledgerCredits: BigInt(r.credits) };
  return { ...v, reconciled: v.charges === v.settled && v.settled === v.shares && v.shares === v.ledgerDebits && v.ledgerDebits === v.ledgerCredits };
}
