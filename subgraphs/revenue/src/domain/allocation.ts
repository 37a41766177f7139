import { allocateLargestRemainder, Decimal } from '@pdo/policy';

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
  const ordered = [...parties].sort((a, b) => a.ordinal - b.ordinal);
  const totalWeight = ordered.reduce((a, p) => a.add(Decimal.parse(p.weight)), Decimal.ZERO);
  const first = allocateLargestRemainder(revenueFen, ordered.map((p) => ({ key: String(p.ordinal), weight: p.weight })));
  const out: Share[] = [];
  const add = (s: Omit<Share, 'ordinal'>) => {
    const same = out.find((x) => x.kind === s.kind && x.partyId === s.partyId);
    if (!same) return void out.push({ ...s, ordinal: out.length });
    same.amountFen += s.amountFen;
    same.basis = `${same.basis}; ${s.basis}`;
  };
  for (const [idx, p] of ordered.entries()) {
    const amount = first[idx]!.amount;
    const pct = `${p.weight}/${totalWeight.toString()}`;
    if (p.kind === 'JURISDICTION' && revenueRight) {
      const suppliers = revenueRight.suppliers.filter((a) => !Decimal.parse(a.weight).isZero());
      if (suppliers.length === 0) throw new Error('revenue right of the supplying units without supplying units');
      const w = suppliers.reduce((a, x) => a.add(Decimal.parse(x.weight)), Decimal.ZERO);
      const parts = allocateLargestRemainder(amount, suppliers.map((a) => ({ key: a.sourceUnitId, weight: a.weight })));
      for (const [j, a] of suppliers.entries()) {
        add({ kind: 'SOURCE_AGENCY', partyId: a.sourceUnitId, weight: a.weight, amountFen: parts[j]!.amount, basis: `revenue right of the supplying unit ${pct} of the product's revenue; this unit ${a.weight}/${w.toString()} (${a.basis}) (${revenueRight.source})` });
      }
      continue;
    }
    if (p.kind !== 'SOURCE_AGENCIES') {
      add({ kind: p.kind, partyId: p.partyId!, weight: p.weight, amountFen: amount, basis: `plan weight ${pct}` });
      continue;
    }
    const pool = sourceUnits.filter((a) => !Decimal.parse(a.weight).isZero());
    if (pool.length === 0) throw new Error('source units\' pool without source units');
    const poolWeight = pool.reduce((a, x) => a.add(Decimal.parse(x.weight)), Decimal.ZERO);
    const second = allocateLargestRemainder(amount, pool.map((a) => ({ key: a.sourceUnitId, weight: a.weight })));
    for (const [j, a] of pool.entries()) {
      add({
        kind: 'SOURCE_AGENCY',
        partyId: a.sourceUnitId,
        weight: a.weight,
        amountFen: second[j]!.amount,
        // Stored with the share and parsed by the console (packages/console/src/lib/explain.ts): the wording stays.
        basis: `source agencies' pool ${pct} of the product's revenue; this agency ${a.weight}/${poolWeight.toString()} of the pool (${a.basis})`,
      });
    }
  }
  return out;
}
