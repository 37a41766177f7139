import { pageOf, type Em } from '@pdo/platform';
import { db } from './tables.js';

export type ChargeRow = Awaited<ReturnType<typeof chargePage>>['rows'][number];

export interface NewCharge {
  id: string; usageId: string; usageAgreementId: string | null; productId: string; operatorId: string; developerId: string; jurisdiction: string; category: string;
  chargingUnit: string; units: string; unitPriceFen: string | null; priceId: string | null; amountFen: string; priced: boolean; occurredAt: string; basis: string | null;
}

const chargeValues = (c: NewCharge) => ({
  id: c.id,
  usage_id: c.usageId,
  usage_agreement_id: c.usageAgreementId,
  product_id: c.productId,
  operator_id: c.operatorId,
  developer_id: c.developerId,
  jurisdiction: c.jurisdiction,
  category: c.category,
  charging_unit: c.chargingUnit,
  units: c.units,
  unit_price_fen: c.unitPriceFen,
  price_id: c.priceId,
  amount_fen: c.amountFen,
  priced: c.priced,
  occurred_at: c.occurredAt,
  basis: c.basis,
});

/** One charge per usage record: a second insert for the same usage (another delivery, even under another event id) inserts nothing. */
export async function insertCharge(em: Em, c: NewCharge): Promise<boolean> {
  return (await insertCharges(em, [c])) > 0;
}

/** Many charges in one statement per thousand, each skipped when its usage is already charged; answers how many were written. */
export async function insertCharges(em: Em, charges: readonly NewCharge[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < charges.length; i += 1000) {
    const rows = await db(em).insertInto('charge').values(charges.slice(i, i + 1000).map(chargeValues)).onConflict((oc) => oc.column('usage_id').doNothing()).returning('id').execute();
    written += rows.length;
  }
  return written;
}

export interface ChargeFilterValues {
  jurisdiction: string | null;
  developerId: string | null;
  operatorId: string | null;
  productId: string | null;
  from: string | null;
  to: string | null;
}

/** Charges matching the filter, newest first. */
export function chargePage(em: Em, f: ChargeFilterValues, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k
    .selectFrom('charge')
    .select(['id', 'usage_id', 'usage_agreement_id', 'product_id', 'operator_id', 'developer_id', 'jurisdiction', 'category', 'charging_unit', 'units', 'unit_price_fen', 'price_id', 'amount_fen', 'priced', 'occurred_at', 'basis'])
    .orderBy('occurred_at', 'desc')
    .orderBy('id');
  if (f.jurisdiction !== null) q = q.where('jurisdiction', '=', f.jurisdiction);
  if (f.developerId !== null) q = q.where('developer_id', '=', f.developerId);
  if (f.operatorId !== null) q = q.where('operator_id', '=', f.operatorId);
  if (f.productId !== null) q = q.where('product_id', '=', f.productId);
  if (f.from !== null) q = q.where('occurred_at', '>=', f.from);
  if (f.to !== null) q = q.where('occurred_at', '<', f.to);
  return pageOf(k, q, window);
}
