import type { RequestContext } from '@pdo/platform';
import { partyScope } from '../access.js';
import { sharePage, shareTotals, type ShareFilterValues, type SummaryGroup } from '../data/shares.js';

export interface ShareFilterInput {
  jurisdiction?: string | null;
  settlementId?: string | null;
  partyId?: string | null;
  productId?: string | null;
  operatorId?: string | null;
  from?: string | null;
  to?: string | null;
}

export interface SummaryRow {
  key: string;
  partyKind: string | null;
  amount: bigint;
  /** The grouping the key belongs to: tells the name where to look. */
  group: SummaryGroup;
}

/** The filter within the caller's scope: finance sees its jurisdiction, anyone else only its own shares. */
function scoped(ctx: RequestContext<unknown>, f: ShareFilterInput): ShareFilterValues {
  const scope = partyScope(ctx.identity);
  return {
    jurisdiction: scope.jurisdiction ?? f.jurisdiction ?? null,
    partyId: scope.partyId ?? f.partyId ?? null,
    settlementId: f.settlementId ?? null,
    productId: f.productId ?? null,
    operatorId: f.operatorId ?? null,
    from: f.from ?? null,
    to: f.to ?? null,
  };
}

/** A page of the revenue shares in the caller's scope, newest period first. */
export function revenueShares(ctx: RequestContext<unknown>, f: ShareFilterInput, window: { limit: number; offset: number }) {
  return sharePage(ctx.em, scoped(ctx, f), window);
}

/** Revenue shares in the caller's scope totalled by one dimension (at most 1,000 groups), in key order. */
export async function shareSummary(ctx: RequestContext<unknown>, groupBy: SummaryGroup, f: ShareFilterInput | null | undefined): Promise<SummaryRow[]> {
  const rows = await shareTotals(ctx.em, scoped(ctx, f ?? {}), groupBy);
  return rows.map((r) => ({ key: r.key ?? '', partyKind: r.kind, amount: BigInt(r.amount), group: groupBy }));
}
