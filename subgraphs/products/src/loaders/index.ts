import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ANONYMOUS, profileLoader, scopeSql, sql, SUPERVISOR_ROLES, type Identity } from '@pdo/platform';
import { PRODUCT_SCOPE_COLUMNS } from '../domain/scope.js';
import { ENTITLEMENT_COLS, PRODUCT_COLS, REGISTRATION_COLS, REVIEW_COLS, VERSION_COLS, type EntitlementRow, type ProductRow, type RegistrationRow, type ReviewRow, type VersionRow } from '../data/rows.js';
import type { ProductHold, ProductListingPrice, ProductUsageStats } from '../schema/types.js';

const group = <K, V>(keys: readonly K[], rows: V[], keyOf: (v: V) => K): V[][] => {
  const m = new Map<K, V[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const g = m.get(k);
    if (g) g.push(r);
    else m.set(k, [r]);
  }
  return keys.map((k) => m.get(k) ?? []);
};

/**
 * Fresh per request: every field that loads rows goes through one of these, so a page of N
 * products costs the same number of statements as a page of one.
 */
export function createLoaders(em: EntityManager, identity?: Identity) {
  const byResource = new Map<string, DataLoader<string, { rows: ProductRow[]; total: number }>>();
  return {
    /**
     * One page of the products built on each resource (DataResource.products), for one window:
     * N resources in a page cost one statement. The public sees listed products; the operator its
     * own, the agency and the authority their jurisdiction's.
     */
    productsOfResource(limit: number, offset: number): DataLoader<string, { rows: ProductRow[]; total: number }> {
      const key = `${limit}:${offset}`;
      let loader = byResource.get(key);
      if (!loader) {
        loader = new DataLoader(async (resourceIds) => {
          // Listed products for everyone; unlisted ones within the caller's scope (packages/platform/src/access/scope.ts).
          const params: unknown[] = [resourceIds, offset, limit];
          const visible = scopeSql(identity ?? ANONYMOUS, PRODUCT_SCOPE_COLUMNS, params, { officials: SUPERVISOR_ROLES });
          const rows = await sql<ProductRow & { rid: string; total: number; rn: string }>(
            em,
            `select * from (
               select rid::text as rid, ${PRODUCT_COLS},
                      count(*) over (partition by rid)::int as total,
                      row_number() over (partition by rid order by p.listed_at desc nulls last, p.created_at desc, p.id) as rn
                 from unnest($1::uuid[]) as rid join data_product p on p.resource_ids @> array[rid]
                where p.listing_status = 'LISTED' or ${visible}
             ) x where (rn > $2 and rn <= $2 + $3) or rn = 1 order by rn`, // row 1 always comes back: it carries the total
            params,
          );
          const byRid = new Map<string, { rows: ProductRow[]; total: number }>();
          for (const { rid, total, rn, ...p } of rows) {
            const e = byRid.get(rid) ?? { rows: [], total };
            if (Number(rn) > offset && Number(rn) <= offset + limit) e.rows.push(p as ProductRow);
            byRid.set(rid, e);
          }
          return resourceIds.map((id) => byRid.get(id) ?? { rows: [], total: 0 });
        });
        byResource.set(key, loader);
      }
      return loader;
    },
    /** Effective policy profile per jurisdiction (edits projected from licensing), one query per batch. */
    profile: profileLoader(em),
    byId: new DataLoader<string, ProductRow | null>(async (ids) => {
      const rows = await sql<ProductRow>(em, `select ${PRODUCT_COLS} from data_product p where p.id = any($1::uuid[])`, [ids]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    versions: new DataLoader<string, VersionRow[]>(async (ids) => {
      const rows = await sql<VersionRow>(em, `select ${VERSION_COLS} from product_version v where v.product_id = any($1::uuid[]) order by v.version`, [ids]);
      return group(ids, rows, (r) => r.productId);
    }),
    /** Key: `${productId}:${version}`. */
    review: new DataLoader<string, ReviewRow | null>(async (keys) => {
      const ids = [...new Set(keys.map((k) => k.split(':')[0]!))];
      const rows = await sql<ReviewRow>(em, `select ${REVIEW_COLS} from compliance_review r where r.product_id = any($1::uuid[])`, [ids]);
      const m = new Map(rows.map((r) => [`${r.productId}:${r.version}`, r]));
      return keys.map((k) => m.get(k) ?? null);
    }),
    latestRegistration: new DataLoader<string, RegistrationRow | null>(async (ids) => {
      const rows = await sql<RegistrationRow>(
        em,
        `select distinct on (g.product_id) ${REGISTRATION_COLS} from product_registration g where g.product_id = any($1::uuid[]) order by g.product_id, g.created_at desc`,
        [ids],
      );
      const m = new Map(rows.map((r) => [r.productId, r]));
      return ids.map((id) => m.get(id) ?? null);
    }),
    /** The price and cap in force today (or the next one announced), from revenue's events. */
    price: new DataLoader<string, Omit<ProductListingPrice, 'free'> | null>(async (ids) => {
      const rows = await sql<{ product_id: string; kind: string; charging_unit: string; amount_fen: string; effective_from: string }>(
        em,
        `select distinct on (product_id, kind) product_id, kind, charging_unit, amount_fen::text, effective_from::text
           from price_view where product_id = any($1::uuid[])
          order by product_id, kind, (effective_from <= current_date) desc,
                   case when effective_from <= current_date then effective_from end desc, effective_from asc`,
        [ids],
      );
      return ids.map((id) => {
        const price = rows.find((r) => r.product_id === id && r.kind === 'PRICE');
        const cap = rows.find((r) => r.product_id === id && r.kind === 'CAP');
        if (!price && !cap) return null;
        return { chargingUnit: (price ?? cap)!.charging_unit, price: price ? BigInt(price.amount_fen) : null, cap: cap ? BigInt(cap.amount_fen) : null, effectiveFrom: price?.effective_from ?? null };
      });
    }),
    usageStats: new DataLoader<string, ProductUsageStats>(async (ids) => {
      const rows = await sql<{ product_id: string; total: string; records: number; active: number; developers: number }>(
        em,
        `select p.id as product_id, p.usage_units::text as total,
                (select count(*)::int from usage_record r where r.product_id = p.id) as records,
                (select count(*)::int from usage_agreement u where u.product_id = p.id and u.status = 'SIGNED') as active,
                (select count(distinct u.developer_id)::int from usage_agreement u where u.product_id = p.id and u.status in ('SIGNED','ENDED')) as developers
           from data_product p where p.id = any($1::uuid[])`,
        [ids],
      );
      const m = new Map(rows.map((r) => [r.product_id, r]));
      return ids.map((id) => {
        const r = m.get(id);
        return { totalUnits: r?.total ?? '0', usageRecords: r?.records ?? 0, activeAgreements: r?.active ?? 0, developers: r?.developers ?? 0 };
      });
    }),
    holds: new DataLoader<string, ProductHold[]>(async (ids) => {
      const rows = await sql<ProductHold & { productId: string }>(
        em,
        `select product_id as "productId", kind, source, reason, since from product_hold where product_id = any($1::uuid[]) order by since, source`,
        [ids],
      );
      return group(ids, rows, (r) => r.productId);
    }),
    entitlementByAgreement: new DataLoader<string, EntitlementRow | null>(async (ids) => {
      const rows = await sql<EntitlementRow>(em, `select ${ENTITLEMENT_COLS} from entitlement e where e.usage_agreement_id = any($1::uuid[])`, [ids]);
      const m = new Map(rows.map((r) => [r.usageAgreementId, r]));
      return ids.map((id) => m.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
