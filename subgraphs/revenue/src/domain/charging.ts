import { formatYuan, type EffectiveProfile, type UsePurpose } from '@pdo/policy';

/** The facts of one usage a charge depends on. */
export interface UsageFacts {
  category: 'FREE' | 'PAID';
  /** The purpose the usage declares; null when the usage record carries none (taken as not a free use). */
  purpose: UsePurpose | null;
  /** Whether the use is non-profit (非营利性); null when not declared. */
  nonProfit: boolean | null;
  /** Whether the user is a source unit supplying data to the product. */
  userSuppliesProduct: boolean;
  /** Whether the user is a public body (authority, implementing agency, source unit), not a company. */
  userIsPublicBody: boolean;
}

export interface UnitCharge {
  unitPriceFen: bigint;
  /** Why the unit price differs from the price in force (free use, cap); null when it is that price. */
  basis: string | null;
}

/**
 * Whether a usage is free under the profile's free-use rule, and on which basis. A free product is free whatever
 * the use (PN §1); otherwise the use decides: its purpose (and non-profit, where the profile requires it), or a
 * source unit using a product made from its own data.
 */
export function freeUseBasis(profile: Pick<EffectiveProfile, 'freeUse'>, u: UsageFacts): string | null {
  if (u.category === 'FREE') return 'free product (PN §1)';
  const rule = profile.freeUse.value;
  if (rule.sourceUnitOwnProducts && u.userSuppliesProduct) return `free use: a source unit using a product made from its own data (${profile.freeUse.source})`;
  if (u.purpose && rule.purposes.includes(u.purpose) && (!rule.nonProfitRequired || u.nonProfit === true) && (!rule.publicBodyRequired || u.userIsPublicBody)) {
    return `free use: ${u.purpose}${rule.nonProfitRequired ? ', non-profit' : ''}${rule.publicBodyRequired ? ', by a public body' : ''} (${profile.freeUse.source})`;
  }
  return null;
}

/**
 * The unit price a usage is charged at: zero for a free use; else the price in force on the day of use, bounded by
 * the cap in force that day where the profile says caps bound charges — so lowering a cap stops charging above it
 * from the cap's effective date, and charges before it keep their price.
 */
export function unitCharge(profile: Pick<EffectiveProfile, 'freeUse' | 'capBoundsCharges'>, u: UsageFacts, priceFen: bigint | null, cap: { capFen: bigint; effectiveFrom: string } | null): UnitCharge | null {
  const free = freeUseBasis(profile, u);
  if (free) return { unitPriceFen: 0n, basis: free };
  if (priceFen === null) return null;
  if (profile.capBoundsCharges.value && cap && cap.capFen < priceFen) {
    return { unitPriceFen: cap.capFen, basis: `price ${formatYuan(priceFen)} above the cap of ${formatYuan(cap.capFen)} in force from ${cap.effectiveFrom}: charged at the cap (${profile.capBoundsCharges.source})` };
  }
  return { unitPriceFen: priceFen, basis: null };
}
