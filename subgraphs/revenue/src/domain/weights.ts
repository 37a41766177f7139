import type { SourceUnitWeight } from './allocation.js';

export interface ProductWeights {
  /** By the resources each source unit supplies to the product (the default). */
  byResources: SourceUnitWeight[];
  /** By the period's contribution scores; null when the assessment scores none of the product's source units. */
  byScore: SourceUnitWeight[] | null;
}

/**
 * Source-unit weights of each product: resources supplied, or the period's contribution scores (a unit not assessed
 * weighs 0). `resources` lists each product's source units in the product's order with their resource counts.
 */
export function sourceUnitWeights(resources: { product_id: string; source_unit_id: string; n: number; total: number }[], scores: Map<string, string> | null): Map<string, ProductWeights> {
  const out = new Map<string, ProductWeights>();
  for (const r of resources) {
    const e = out.get(r.product_id) ?? { byResources: [], byScore: null };
    e.byResources.push({ sourceUnitId: r.source_unit_id, weight: String(r.n), basis: `supplies ${r.n} of the product's ${r.total} resources` });
    out.set(r.product_id, e);
  }
  if (scores) {
    for (const e of out.values()) {
      const scored = e.byResources.map((a) => ({ sourceUnitId: a.sourceUnitId, weight: scores.get(a.sourceUnitId) ?? '0', basis: `contribution score ${scores.get(a.sourceUnitId) ?? '0 (not assessed)'}` }));
      // An assessment that scores none of the product's source units leaves the default in place.
      e.byScore = scored.some((a) => a.weight !== '0' && !/^0(\.0+)?$/.test(a.weight)) ? scored : null;
    }
  }
  return out;
}
