import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, sqlOne } from '@pdo/platform';
import type { ProductsEvents } from '@pdo/events';
import { uuidv7 } from '../domain/ids.js';

/**
 * One usage record → exactly one charge (unique usage_id: a second delivery, even under another
 * event id, inserts nothing). The price is the one in force on the day of use (Asia/Shanghai);
 * a free product is charged zero whatever its price table says.
 */
export async function recordCharge(em: EntityManager, u: ProductsEvents.UsageRecorded): Promise<boolean> {
  if (!/^\d+$/.test(u.units)) throw new Error(`UsageRecorded ${u.usageId}: units must be an integer string`);
  const units = BigInt(u.units);
  let unitPrice: bigint | null = null;
  let priceId: string | null = null;
  let priced = true;
  if (u.category === 'FREE') {
    unitPrice = 0n;
  } else {
    const p = await sqlOne<{ id: string; price_fen: string }>(
      em,
      `select id, price_fen from price where product_id = $1 and charging_unit = $2
         and effective_from <= ($3::timestamptz at time zone 'Asia/Shanghai')::date
       order by effective_from desc limit 1`,
      [u.productId, u.chargingUnit, u.occurredAt],
    );
    if (p) {
      unitPrice = BigInt(p.price_fen);
      priceId = p.id;
    } else {
      // Usage without a price in force: recorded (so it is never lost) at zero and flagged for finance.
      priced = false;
    }
  }
  const amount = (unitPrice ?? 0n) * units;
  const rows = await sql(
    em,
    `insert into charge (id, usage_id, usage_agreement_id, product_id, operator_id, developer_id, jurisdiction, category, charging_unit, units, unit_price_fen, price_id, amount_fen, priced, occurred_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     on conflict (usage_id) do nothing returning id`,
    [uuidv7(), u.usageId, u.usageAgreementId ?? null, u.productId, u.operatorId, u.developerId, u.jurisdiction, u.category, u.chargingUnit, units.toString(), unitPrice?.toString() ?? null, priceId, amount.toString(), priced, u.occurredAt],
  );
  return rows.length > 0;
}
