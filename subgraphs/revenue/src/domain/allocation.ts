import { allocateLargestRemainder, Decimal } from '@pdo/policy';

export type PlanPartyKind = 'OPERATOR' | 'SERVICE_PROVIDER' | 'JURISDICTION' | 'SOURCE_AGENCIES';
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

/**
 * 收益分配 of one product's revenue for a period, in two largest-remainder stages: first among
 * the plan's parties (the source units taken together as one pool), then the pool among the
 * source units by their weights. Ties go to the party declared first, so the result depends only on
 * the plan and the weights — re-running gives the same fen.
 */
export function splitRevenue(revenueFen: bigint, parties: PlanParty[], sourceUnits: SourceUnitWeight[]): Share[] {
  const ordered = [...parties].sort((a, b) => a.ordinal - b.ordinal);
  const totalWeight = ordered.reduce((a, p) => a.add(Decimal.parse(p.weight)), Decimal.ZERO);
  const first = allocateLargestRemainder(revenueFen, ordered.map((p) => ({ key: String(p.ordinal), weight: p.weight })));
  const out: Share[] = [];
  for (const [idx, p] of ordered.entries()) {
    const amount = first[idx]!.amount;
    const pct = `${p.weight}/${totalWeight.toString()}`;
    if (p.kind !== 'SOURCE_AGENCIES') {
      out.push({ kind: p.kind, partyId: p.partyId!, ordinal: out.length, weight: p.weight, amountFen: amount, basis: `plan weight ${pct}` });
      continue;
    }
    const pool = sourceUnits.filter((a) => !Decimal.parse(a.weight).isZero());
    if (pool.length === 0) throw new Error('source units\' pool without source units');
    const poolWeight = pool.reduce((a, x) => a.add(Decimal.parse(x.weight)), Decimal.ZERO);
    const second = allocateLargestRemainder(amount, pool.map((a) => ({ key: a.sourceUnitId, weight: a.weight })));
    for (const [j, a] of pool.entries()) {
      out.push({
        kind: 'SOURCE_AGENCY',
        partyId: a.sourceUnitId,
        ordinal: out.length,
        weight: a.weight,
        amountFen: second[j]!.amount,
        // Stored with the share and parsed by the console (packages/console/src/lib/explain.ts): the wording stays.
        basis: `source agencies' pool ${pct} of the product's revenue; this agency ${a.weight}/${poolWeight.toString()} of the pool (${a.basis})`,
      });
    }
  }
  return out;
}
