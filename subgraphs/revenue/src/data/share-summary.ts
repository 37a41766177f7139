import { sql, type RequestContext } from '@pdo/platform';
import { partyScope } from '../domain/access.js';
import { jurisdictionName } from '../domain/rules.js';
import type { Loaders } from '../loaders/index.js';
import { RevenuePartyKind, RevenueSummaryGroup, type RevenueShareFilter, type RevenueSummaryRow } from '../schema/types.js';

type Ctx = RequestContext<Loaders>;

/** Shares in the caller's scope, as a WHERE over revenue_share s join settlement st. */
export function shareWhere(ctx: Ctx, f: RevenueShareFilter): { where: string; params: unknown[] } {
  const scope = partyScope(ctx.identity);
  const params = [scope.jurisdiction ?? f.jurisdiction ?? null, scope.partyId ?? f.partyId ?? null, f.settlementId ?? null, f.productId ?? null, f.operatorId ?? null, f.from ?? null, f.to ?? null];
  const where = `($1::text is null or st.jurisdiction = $1) and ($2::text is null or s.party_id = $2) and ($3::uuid is null or s.settlement_id = $3)
    and ($4::uuid is null or s.product_id = $4) and ($5::uuid is null or s.product_id in (select id from product_view where operator_id = $5))
    and ($6::date is null or st.period_start >= $6) and ($7::date is null or st.period_end <= $7)`;
  return { where, params };
}

/** Revenue shares in the caller's scope totalled by one dimension (at most 1,000 groups), in key order. */
export async function shareSummary(ctx: Ctx, groupBy: RevenueSummaryGroup, filter: RevenueShareFilter | null | undefined): Promise<RevenueSummaryRow[]> {
  const { where, params } = shareWhere(ctx, filter ?? {});
  const key = {
    PARTY: `s.party_id`,
    PRODUCT: `s.product_id::text`,
    OPERATOR: `(select operator_id::text from product_view where id = s.product_id)`,
    JURISDICTION: `st.jurisdiction`,
    PERIOD: `st.period_start::text || '/' || st.period_end::text`,
  }[groupBy];
  const kind = groupBy === 'PARTY' ? 's.party_kind' : 'null::text';
  const rows = await sql<{ key: string; kind: string | null; amount: string }>(
    ctx.em,
    `select ${key} as key, ${kind} as kind, sum(s.amount_fen)::text as amount from revenue_share s join settlement st on st.id = s.settlement_id where ${where} group by 1, 2 order by 1, 2 limit 1000`,
    params,
  );
  return rows.map((r) => ({ key: r.key ?? '', partyKind: r.kind as RevenuePartyKind | null, amount: BigInt(r.amount), group: groupBy }));
}


/**
 * The name of what a summary row's key identifies, through the request's loaders: every row of a
 * page is answered by one `org_view` (or `product_view`) statement, however many rows there are.
 */
export async function summaryRowName(ctx: Ctx, r: RevenueSummaryRow): Promise<string | null> {
  switch (r.group) {
    case RevenueSummaryGroup.PARTY:
      return r.partyKind === RevenuePartyKind.JURISDICTION ? jurisdictionName(r.key) : ctx.loaders.orgNameById.load(r.key);
    case RevenueSummaryGroup.OPERATOR:
      return ctx.loaders.orgNameById.load(r.key);
    case RevenueSummaryGroup.PRODUCT:
      return (await ctx.loaders.productById.load(r.key))?.nameZh ?? null;
    case RevenueSummaryGroup.JURISDICTION:
      return jurisdictionName(r.key);
    default:
      return null;
  }
}
