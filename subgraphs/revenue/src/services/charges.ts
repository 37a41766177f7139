import { newId, type Em, type RequestContext } from '@pdo/platform';
import type { ProductsEvents } from '@pdo/events';
import { toShanghaiDate } from '@pdo/policy';
import { chargeScope } from '../access.js';
import { chargePage, insertCharge } from '../data/charges.js';
import { priceInForce } from '../data/pricing.js';

/**
 * One usage record → exactly one charge (unique usage_id). The price is the one in force on the day of use
 * (Asia/Shanghai); a free product is charged zero whatever its price table says. Usage without a price in force is
 * recorded (so it is never lost) at zero and flagged for finance. Answers whether a charge was written.
 */
export async function recordCharge(em: Em, u: ProductsEvents.UsageRecorded): Promise<boolean> {
  if (!/^\d+$/.test(u.units)) throw new Error(`UsageRecorded ${u.usageId}: units must be an integer string`);
  const units = BigInt(u.units);
  let unitPrice: bigint | null = null;
  let priceId: string | null = null;
  let priced = true;
  if (u.category === 'FREE') {
    unitPrice = 0n;
  } else {
    const p = await priceInForce(em, u.productId, u.chargingUnit, toShanghaiDate(new Date(u.occurredAt)));
    if (p) {
      unitPrice = BigInt(p.price_fen);
      priceId = p.id;
    } else {
      priced = false;
    }
  }
  const amount = (unitPrice ?? 0n) * units;
  return insertCharge(em, {
    id: newId(),
    usageId: u.usageId,
    usageAgreementId: u.usageAgreementId ?? null,
    productId: u.productId,
    operatorId: u.operatorId,
    developerId: u.developerId,
    jurisdiction: u.jurisdiction,
    category: u.category,
    chargingUnit: u.chargingUnit,
    units: units.toString(),
    unitPriceFen: unitPrice?.toString() ?? null,
    priceId,
    amountFen: amount.toString(),
    priced,
    occurredAt: u.occurredAt,
  });
}

export interface ChargeFilterInput {
  jurisdiction?: string | null;
  productId?: string | null;
  developerId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** Charges in scope: a developer its own, an operator its products', finance its jurisdiction's; the filter narrows. */
export function charges(ctx: RequestContext<unknown>, f: ChargeFilterInput, window: { limit: number; offset: number }) {
  const scope = chargeScope(ctx.identity);
  return chargePage(
    ctx.em,
    {
      jurisdiction: scope.jurisdiction ?? f.jurisdiction ?? null,
      developerId: scope.developerId ?? f.developerId ?? null,
      operatorId: scope.operatorId,
      productId: f.productId ?? null,
      from: f.from?.toISOString() ?? null,
      to: f.to?.toISOString() ?? null,
    },
    window,
  );
}
