import { newId, type Em, type RequestContext } from '@pdo/platform';
import type { ProductsEvents } from '@pdo/events';
import { toShanghaiDate } from '@pdo/policy';
import { chargeScope } from '../access.js';
import { chargePage, insertCharge, insertCharges } from '../data/charges.js';
import { capInForce, priceInForce } from '../data/pricing.js';
import { profileOf } from '../data/profile.js';
import { isPublicBody, suppliesProduct } from '../data/split-terms.js';
import { freeUseBasis, unitCharge } from '../domain/charging.js';

/**
 * One usage record → exactly one charge (unique usage_id). A free use (the profile's free-use rule: the purpose and
 * user of the usage, not only the product's category — PN §1; HN Art 21; ZJC §三(五)5) is charged 0 fen with its
 * basis, so the usage still counts. Otherwise the price in force on the day of use (Asia/Shanghai), bounded by the cap
 * in force that day (PN §2(3)). Usage without a price in force is recorded (so it is never lost) at zero and flagged
 * for finance. Answers whether a charge was written.
 */
export async function recordCharge(em: Em, u: ProductsEvents.UsageRecorded): Promise<boolean> {
  return insertCharge(em, await chargeOf(em, u, new LookupMemo()));
}

/**
 * A batch of usage records (UsagesRecorded, from metered data-plane calls) → their charges, each as `recordCharge`
 * would price it, with the lookups a batch shares (profile, price and cap of a product on a day, the user's facts)
 * read once, and the charges written in one statement per thousand; a usage already charged is skipped. Answers how
 * many charges were written.
 */
export async function recordCharges(em: Em, usages: readonly ProductsEvents.UsageRecorded[]): Promise<number> {
  const memo = new LookupMemo();
  const rows = [];
  for (const u of usages) rows.push(await chargeOf(em, u, memo));
  return insertCharges(em, rows);
}

/** Per-batch cache of the facts a charge reads: the same product, day and user recur across a batch's records. */
class LookupMemo {
  private readonly m = new Map<string, Promise<unknown>>();
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.m.get(key) as Promise<T> | undefined;
    if (!p) this.m.set(key, (p = load()));
    return p;
  }
}

async function chargeOf(em: Em, u: ProductsEvents.UsageRecorded, memo: LookupMemo): Promise<Parameters<typeof insertCharge>[1]> {
  if (!/^\d+$/.test(u.units)) throw new Error(`UsageRecorded ${u.usageId}: units must be an integer string`);
  const units = BigInt(u.units);
  const day = toShanghaiDate(new Date(u.occurredAt));
  const profile = await memo.get(`profile:${u.jurisdiction}`, () => profileOf(em, u.jurisdiction));
  const facts = {
    category: u.category, purpose: u.purpose ?? null, nonProfit: u.nonProfit ?? null,
    userSuppliesProduct: await memo.get(`supplies:${u.productId}:${u.developerId}`, () => suppliesProduct(em, u.productId, u.developerId)),
    userIsPublicBody: await memo.get(`public:${u.developerId}`, () => isPublicBody(em, u.developerId)),
  };
  const free = freeUseBasis(profile, facts) !== null;
  const p = free ? undefined : await memo.get(`price:${u.productId}:${u.chargingUnit}:${day}`, () => priceInForce(em, u.productId, u.chargingUnit, day));
  const cap = p ? await memo.get(`cap:${u.productId}:${u.chargingUnit}:${day}`, () => capInForce(em, u.productId, u.chargingUnit, day)) : undefined;
  const charged = unitCharge(profile, facts, p ? BigInt(p.price_fen) : null, cap ? { capFen: BigInt(cap.cap_fen), effectiveFrom: cap.effective_from } : null);
  const amount = (charged?.unitPriceFen ?? 0n) * units;
  return {
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
    unitPriceFen: charged?.unitPriceFen.toString() ?? null,
    priceId: p?.id ?? null,
    amountFen: amount.toString(),
    priced: charged !== null,
    occurredAt: u.occurredAt,
    basis: charged?.basis ?? null,
  };
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
