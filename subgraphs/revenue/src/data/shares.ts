import { pageOf, type Em } from '@pdo/platform';
import { db } from './tables.js';

export interface ShareFilterValues {
  jurisdiction: string | null;
  partyId: string | null;
  settlementId: string | null;
  productId: string | null;
  operatorId: string | null;
  from: string | null;
  to: string | null;
}
export type SummaryGroup = 'PARTY' | 'PRODUCT' | 'OPERATOR' | 'JURISDICTION' | 'PERIOD';
export type ShareRow = Awaited<ReturnType<typeof sharePage>>['rows'][number];

/** Shares joined to their settlement, filtered (the caller's scope is already in the filter). */
function shares(em: Em, f: ShareFilterValues) {
  const k = db(em);
  let q = k.selectFrom('revenue_share as s').innerJoin('settlement as st', 'st.id', 's.settlement_id');
  if (f.jurisdiction !== null) q = q.where('st.jurisdiction', '=', f.jurisdiction);
  if (f.partyId !== null) q = q.where('s.party_id', '=', f.partyId);
  if (f.settlementId !== null) q = q.where('s.settlement_id', '=', f.settlementId);
  if (f.productId !== null) q = q.where('s.product_id', '=', f.productId);
  if (f.operatorId !== null) q = q.where('s.product_id', 'in', k.selectFrom('product_projection').select('id').where('operator_id', '=', f.operatorId));
  if (f.from !== null) q = q.where('st.period_start', '>=', f.from);
  if (f.to !== null) q = q.where('st.period_end', '<=', f.to);
  return { k, q };
}

/** A page of shares, newest period first. */
export function sharePage(em: Em, f: ShareFilterValues, window: { limit: number; offset: number }) {
  const { k, q } = shares(em, f);
  const page = q
    .select(['s.id', 's.settlement_id', 'st.jurisdiction', 'st.period_start', 'st.period_end', 's.product_id', 's.party_kind', 's.party_id', 's.weight', 's.amount_fen', 's.basis'])
    .orderBy('st.period_start', 'desc')
    .orderBy('s.product_id')
    .orderBy('s.ordinal');
  // pageOf is typed for one table; the join's row type is the query's own.
  return pageOf(k, page as never, window) as Promise<{ rows: Awaited<ReturnType<typeof page.execute>>; totalCount: number }>;
}

/** Shares totalled by one dimension (at most 1,000 groups), in key order. */
export async function shareTotals(em: Em, f: ShareFilterValues, groupBy: SummaryGroup): Promise<{ key: string | null; kind: string | null; amount: string }[]> {
  const { q } = shares(em, f);
  return q
    .select((eb) => [
      (groupBy === 'PARTY'
        ? eb.ref('s.party_id')
        : groupBy === 'PRODUCT'
          ? eb.cast<string>('s.product_id', 'text')
          : groupBy === 'OPERATOR'
            ? eb.selectFrom('product_projection as pv').select((e) => e.cast<string>('pv.operator_id', 'text').as('o')).whereRef('pv.id', '=', 's.product_id')
            : groupBy === 'JURISDICTION'
              ? eb.ref('st.jurisdiction')
              : eb.fn<string>('concat', [eb.cast('st.period_start', 'text'), eb.cast(eb.val('/'), 'text'), eb.cast('st.period_end', 'text')])
      ).as('key'),
      (groupBy === 'PARTY' ? eb.ref('s.party_kind') : eb.cast<string | null>(eb.val(null), 'text')).as('kind'),
      eb.cast<string>(eb.fn.sum('s.amount_fen'), 'text').as('amount'),
    ])
    .groupBy(['key', 'kind'] as never)
    .orderBy('key' as never)
    .orderBy('kind' as never)
    .limit(1000)
    .execute() as Promise<{ key: string | null; kind: string | null; amount: string }[]>;
}
