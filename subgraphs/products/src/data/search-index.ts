import { sql, type Em } from '@pdo/platform';

/*
 * The denormalised search text, grams and facets of a product (data_product.search_text, search_grams, sectors,
 * source_agency_ids), kept from its listed (or latest) version. Hand-written SQL: both statements aggregate the
 * resource projection over the version's resource array in the database (array_agg over `= any(...)`).
 */

export interface SearchSource {
  name: string;
  description: string;
  scenario: string | null;
  resourceIds: string[];
  /** Chinese names of the resources the catalog has told us about. */
  resourceNames: string[];
}

/** What the search text of a product is made of. */
export async function searchSourceOf(em: Em, productId: string): Promise<SearchSource | null> {
  const [row] = await sql<{ name: string; description: string; scenario: string | null; resource_ids: string[]; names: string[] }>(
    em,
    `select p.name, p.description, s.name_zh as scenario, v.resource_ids,
            coalesce((select array_agg(r.name_zh) from resource_projection r where r.id = any(v.resource_ids) and r.name_zh is not null), '{}') as names
       from data_product p
       join product_version v on v.product_id = p.id and v.version = coalesce(p.listed_version, p.latest_version)
       left join scenario_projection s on s.id = p.scenario_id
      where p.id = $1`,
    [productId],
  );
  return row ? { name: row.name, description: row.description, scenario: row.scenario, resourceIds: row.resource_ids, resourceNames: row.names } : null;
}

/** Writes the search text and grams, and the sectors and source units of the resources, onto the product. */
export async function writeSearchIndex(em: Em, productId: string, resourceIds: string[], text: string, grams: string[]): Promise<void> {
  await sql(
    em,
    `update data_product p set resource_ids = $2::uuid[], search_text = $3, search_grams = $4::text[],
        sectors = coalesce((select array_agg(distinct r.sector order by r.sector) from resource_projection r where r.id = any($2::uuid[]) and r.sector is not null), '{}'),
        source_agency_ids = coalesce((select array_agg(distinct r.source_agency_id) from resource_projection r where r.id = any($2::uuid[]) and r.source_agency_id is not null), '{}'),
        updated_at = now()
      where p.id = $1`,
    [productId, resourceIds, text, grams],
  );
}
