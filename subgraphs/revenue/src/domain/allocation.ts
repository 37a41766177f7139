import { Allocation, Decimal } from '@pdo/policy';

export type PlanPartyKind = 'OPERATOR' | 'SERVICE_PROVIDER' | 'JURISDICTION' | 'SOURCE_AGENCIES' | 'SOURCE_AGENCY';
export type SharePartyKind = 'OPERATOR' | 'SERVICE_PROVIDER' | 'JURISDICTION' | 'SOURCE_AGENCY';

export interface PlanParty {
  ordinal: number;
  kind: PlanPartyKind;
  /** Organization id, or the jurisdiction code for JURISDICTION; null for the source units' pool (SOURCE_AGENCIES). */
  partyId: string | null;
  weight: string;
}

export interface SourceUnitWeight {
  sourceUnitId: string;
  weight: string;
  /** Why this weight: "2 of 3 resources" or "contribution score 87.5". */
  basis: string;
}

export interface Share {
  kind: SharePartyKind;
  partyId: string;
  ordinal: number;
  weight: string;
  amountFen: bigint;
  basis: string;
}

/** Where the revenue right's share goes when it is not the jurisdiction's: the supplying units (HN Art 21). */
export interface RevenueRightToSuppliers {
  /** The product's source units weighted by the resources each supplies. */
  suppliers: SourceUnitWeight[];
  /** The profile setting's source. */
  source: string;
}

/**
 * 收益分配 of one product's revenue for a period, in two largest-remainder stages: first among
 * the plan's parties (the source units taken together as one pool, or each weighted by itself), then the pool among
 * the source units by their weights. Where the revenue right is paid to the supplying units, the JURISDICTION party's
 * amount is split among them by the resources each supplies. Ties go to the party declared first, so the result
 * depends only on the plan and the weights — re-running gives the same fen. A unit owed by more than one stage gets
 * one share with both bases.
 */
export function splitRevenue(revenueFen: bigint, parties: PlanParty[], sourceUnits: SourceUnitWeight[], revenueRight: RevenueRightToSuppliers | null = null): Share[] {
  const splitter = splitterOf(planStageOf(parties), sourceUnits, revenueRight);
  const amounts = splitter.amounts(revenueFen);
  return splitter.slots.map((s, i) => ({ ...s, amountFen: amounts[i]! }));
}

/** A plan's first stage, which depends on the plan alone: its parties in order, their weights parsed, their bases. */
export interface PlanStage {
  ordered: PlanParty[];
  first: Allocation;
  /** Each party's weight over the plan's total, as the bases quote it. */
  pct: string[];
}

export function planStageOf(parties: PlanParty[]): PlanStage {
  const ordered = [...parties].sort((a, b) => a.ordinal - b.ordinal);
  const totalWeight = ordered.reduce((a, p) => a.add(weightOf(p.weight)), Decimal.ZERO).toString();
  return { ordered, first: Allocation.of(ordered.map((p) => weightOf(p.weight))), pct: ordered.map((p) => `${p.weight}/${totalWeight}`) };
}

/** One product's shares without their amounts: who, by what weight, on what basis, in order. */
export type ShareSlot = Omit<Share, 'amountFen'>;

/** splitRevenue with everything but the revenue fixed (splitterOf). */
export interface Splitter {
  slots: ShareSlot[];
  /** Each slot's amount of `revenueFen`. */
  amounts(revenueFen: bigint): bigint[];
}

/**
 * Weights are a handful of strings ("1", "2", "60", a score): parsed once each. A settlement compiles a splitter per
 * product, and it runs once a period, before the JIT has warmed to it.
 */
const parsed = new Map<string, Decimal>();
function weightOf(w: string): Decimal {
  let d = parsed.get(w);
  if (d === undefined) {
    if (parsed.size >= 10_000) parsed.clear();
    parsed.set(w, (d = Decimal.parse(w)));
  }
  return d;
}

/**
 * splitRevenue with everything but the revenue fixed: the shares' parties, weights, bases and order, and each stage's
 * weights, worked out once. A settlement splits thousands of products, most of them under a few plans
 * (services/settlement-split.ts keeps one PlanStage per plan).
 */
export function splitterOf(plan: PlanStage, sourceUnits: SourceUnitWeight[], revenueRight: RevenueRightToSuppliers | null): Splitter {
  const slots: ShareSlot[] = [];
  const slotOf = (kind: SharePartyKind, partyId: string, weight: string, basis: string): number => {
    for (let i = 0; i < slots.length; i++) {
      const same = slots[i]!;
      if (same.kind === kind && same.partyId === partyId) {
        same.basis = `${same.basis}; ${basis}`;
        return i;
      }
    }
    return slots.push({ kind, partyId, weight, basis, ordinal: slots.length }) - 1;
  };
  // Per plan party: the slot its amount goes to (direct), or a second stage and the slots of its parts.
  const n = plan.ordered.length;
  const direct: number[] = new Array(n).fill(-1);
  const stages: (Allocation | null)[] = new Array(n).fill(null);
  const parts: number[][] = new Array(n);
  for (let idx = 0; idx < n; idx++) {
    const p = plan.ordered[idx]!;
    const pct = plan.pct[idx]!;
    const right = p.kind === 'JURISDICTION' && revenueRight !== null;
    if (!right && p.kind !== 'SOURCE_AGENCIES') {
      direct[idx] = slotOf(p.kind as SharePartyKind, p.partyId!, p.weight, `plan weight ${pct}`);
      continue;
    }
    const units = (right ? revenueRight.suppliers : sourceUnits).filter((a) => !weightOf(a.weight).isZero());
    if (units.length === 0) throw new Error(right ? 'revenue right of the supplying units without supplying units' : "source units' pool without source units");
    const weights = units.map((a) => weightOf(a.weight));
    const total = weights.reduce((a, w) => a.add(w), Decimal.ZERO).toString();
    stages[idx] = Allocation.of(weights);
    parts[idx] = units.map((a) =>
      slotOf(
        'SOURCE_AGENCY',
        a.sourceUnitId,
        a.weight,
        right
          ? `revenue right of the supplying unit ${pct} of the product's revenue; this unit ${a.weight}/${total} (${a.basis}) (${revenueRight.source})`
          : // Stored with the share and parsed by the console (packages/console/src/lib/explain.ts): the wording stays.
            `source agencies' pool ${pct} of the product's revenue; this agency ${a.weight}/${total} of the pool (${a.basis})`,
      ),
    );
  }
  return {
    slots,
    amounts(revenueFen) {
      const out: bigint[] = new Array(slots.length).fill(0n);
      const first = plan.first.amounts(revenueFen);
      for (let idx = 0; idx < n; idx++) {
        if (direct[idx]! >= 0) {
          out[direct[idx]!]! += first[idx]!;
          continue;
        }
        const amounts = stages[idx]!.amounts(first[idx]!);
        const to = parts[idx]!;
        for (let j = 0; j < to.length; j++) out[to[j]!]! += amounts[j]!;
      }
      return out;
    },
  };
}
