import { sql, type Em } from '@pdo/platform';
import type { ProductsEvents } from '@pdo/events';

/**
 * ProductFacts of products (resources with their source units from the catalog projection), as the product events
 * carry them. `version` pins the version (a single product's review); otherwise the listed (or latest) version.
 * Hand-written SQL: the resources of each version are unnested in order and joined to the projection in one statement.
 */
export async function productFacts(em: Em, productIds: string[], version: number | null = null): Promise<Map<string, ProductsEvents.ProductFacts>> {
  if (productIds.length === 0) return new Map();
  const rows = await sql<{
    id: string; code: string; version: number; jurisdiction: string; operator_id: string; agreement_id: string; scenario_id: string;
    name: string; form: ProductsEvents.ProductForm; category: ProductsEvents.ProductCategory; resources: { resourceId: string; sourceAgencyId: string }[];
  }>(
    em,
    `select p.id, p.code, v.version, p.jurisdiction, p.operator_id, p.agreement_id, p.scenario_id,
            p.name, p.form, p.category,
            coalesce((select json_agg(json_build_object('resourceId', rid, 'sourceAgencyId', r.source_agency_id) order by ord)
                        from unnest(v.resource_ids) with ordinality as u(rid, ord) left join resource_projection r on r.id = rid), '[]'::json) as resources
       from data_product p
       join product_version v on v.product_id = p.id and v.version = coalesce($2::int, p.listed_version, p.latest_version)
      where p.id = any($1::uuid[])`,
    [productIds, version],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        productId: r.id, productCode: r.code, version: Number(r.version), jurisdiction: r.jurisdiction, operatorId: r.operator_id,
        agreementId: r.agreement_id, scenarioId: r.scenario_id, nameZh: r.name, form: r.form, category: r.category, resources: r.resources,
      },
    ]),
  );
}
