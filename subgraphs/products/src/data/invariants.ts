import { sql, type Em } from '@pdo/platform';

/**
 * Products-owned invariants, checked over the stored state after every test suite (SubgraphDefinition.invariants).
 * Hand-written: one grouped anti-join over the whole table, as the rule reads.
 *
 * The public usage figures of a product (usage_units, usage_records) are counters kept by the writers of usage
 * records (migration 0013) so a listing page reads them from the product's row: they must equal a recount.
 */
export async function checkProductsInvariants(em: Em): Promise<string[]> {
  const rows = await sql<{ id: string; units: string; records: number; counted_units: string; counted_records: number }>(
    em,
    `select p.id, p.usage_units::text as units, p.usage_records as records, coalesce(r.units, 0)::text as counted_units, coalesce(r.n, 0) as counted_records
       from data_product p left join (select product_id, sum(units) as units, count(*)::int as n from usage_record group by product_id) r on r.product_id = p.id
      where p.usage_units <> coalesce(r.units, 0) or p.usage_records <> coalesce(r.n, 0)`,
  );
  return rows.map((r) => `product ${r.id}: usage counters ${r.units} units / ${r.records} records, recount ${r.counted_units} / ${r.counted_records}`);
}
