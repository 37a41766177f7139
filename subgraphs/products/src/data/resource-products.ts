import { sql as kysql, type RawBuilder, type SqlBool } from 'kysely';
import type { Em } from '@pdo/platform';
import { db } from './tables.js';
import { productColumns, toProduct, type ProductRow } from './rows.js';

/**
 * One page of the products built on each resource (DataResource.products), for one window: N resources cost one
 * statement. Listed products for everyone, others where `visible` (access.ts) allows. Hand-written SQL: a window
 * function pages every resource's products at once; row 1 always comes back, as it carries the total.
 */
export async function productsOfResources(em: Em, resourceIds: readonly string[], visible: RawBuilder<SqlBool>, limit: number, offset: number) {
  const columns = kysql.join(productColumns.map((c) => kysql.ref(`p.${c}`)));
  const { rows } = await kysql<Parameters<typeof toProduct>[0] & { rid: string; total: number; rn: string }>`
    select * from (
      select rid::text as rid, ${columns},
             count(*) over (partition by rid)::int as total,
             row_number() over (partition by rid order by p.listed_at desc nulls last, p.created_at desc, p.id) as rn
        from unnest(${[...resourceIds]}::uuid[]) as rid join data_product p on p.resource_ids @> array[rid]
       where p.listing_status = 'LISTED' or ${visible}
    ) x where (rn > ${offset} and rn <= ${offset + limit}) or rn = 1 order by rn`.execute(db(em));
  const byResource = new Map<string, { rows: ProductRow[]; total: number }>();
  for (const { rid, total, rn, ...p } of rows) {
    const e = byResource.get(rid) ?? { rows: [], total };
    if (Number(rn) > offset && Number(rn) <= offset + limit) e.rows.push(toProduct(p));
    byResource.set(rid, e);
  }
  return resourceIds.map((id) => byResource.get(id) ?? { rows: [], total: 0 });
}
