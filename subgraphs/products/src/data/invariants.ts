import { sql, type Em } from '@pdo/platform';
import { RANKED_DEPTH, type MarketFilter } from './marketplace.js';
import { marketListingDrift, recountMarketplace } from './marketplace-recount.js';

/**
 * Products-owned invariants, checked over the stored state after every test suite (SubgraphDefinition.invariants).
 * Hand-written: one grouped anti-join over the whole table, as the rule reads.
 *
 * The public usage figures of a product (usage_units, usage_records) are counters kept by the writers of usage
 * records (migration 0013) so a listing page reads them from the product's row: they must equal a recount.
 * The marketplace's projection of listed products and its searches kept at the current listing version (migration
 * 0014) must equal the same answers recounted from data_product.
 */
export async function checkProductsInvariants(em: Em): Promise<string[]> {
  return [...(await usageCounterDrift(em)), ...(await marketListingDrift(em)), ...(await marketSearchDrift(em))];
}

async function usageCounterDrift(em: Em): Promise<string[]> {
  const rows = await sql<{ id: string; units: string; records: number; counted_units: string; counted_records: number }>(
    em,
    `select p.id, p.usage_units::text as units, p.usage_records as records, coalesce(r.units, 0)::text as counted_units, coalesce(r.n, 0) as counted_records
       from data_product p left join (select product_id, sum(units) as units, count(*)::int as n from usage_record group by product_id) r on r.product_id = p.id
      where p.usage_units <> coalesce(r.units, 0) or p.usage_records <> coalesce(r.n, 0)`,
  );
  return rows.map((r) => `product ${r.id}: usage counters ${r.units} units / ${r.records} records, recount ${r.counted_units} / ${r.counted_records}`);
}

/** Each search kept at the current listing version against its recount: total, facets and the kept relevance order. */
async function marketSearchDrift(em: Em): Promise<string[]> {
  const kept = await sql<{ key: string; total: number; facets: [string, string, number][]; ranked: string[] | null }>(
    em,
    `select s.key, s.total, s.facets, s.ranked from market_search s join market_listing_version v on v.version = s.listing_version`,
  );
  const out: string[] = [];
  for (const s of kept) {
    const [q, jurisdictions, sectors, forms, categories, operatorIds, sourceUnitIds, ranked] = JSON.parse(s.key) as [string, ...(string[] | null)[], boolean];
    const filter: MarketFilter = { jurisdictions, sectors, forms, categories, operatorIds, sourceUnitIds } as MarketFilter;
    // No price bound in a kept search: the date is never read.
    const r = await recountMarketplace(em, '2000-01-01', filter, q || null, ranked ? 'RELEVANCE' : 'NEWEST', RANKED_DEPTH, 0);
    const facets = r.facets.map((f) => [f.facet, f.value, f.count]);
    const order = ranked ? r.rows.map((p) => p.id) : null;
    if (s.total !== r.total || JSON.stringify(s.facets) !== JSON.stringify(facets) || JSON.stringify(s.ranked) !== JSON.stringify(order)) {
      out.push(`market search ${s.key}: kept total ${s.total} / ${s.facets.length} facet values / ${s.ranked?.length ?? '-'} ranked differ from the recount ${r.total} / ${facets.length} / ${order?.length ?? '-'}`);
    }
  }
  return out;
}
