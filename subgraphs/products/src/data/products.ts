import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { pageOf, type Em } from '@pdo/platform';
import { db } from './tables.js';
import { productColumns, toProduct, toProductNamed, type ProductRow } from './rows.js';
import { anyUuid } from './columns.js';

/** Products by id (the loader's batch). */
export async function productsById(em: Em, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  const rows = await db(em)
    .selectFrom('data_product')
    .select(productColumns)
    .select((eb) => eb.selectFrom('organization_projection as o').select('o.name_zh').whereRef('o.id', '=', 'data_product.operator_id').as('operator_name'))
    .where('id', '=', anyUuid(ids))
    .execute();
  return rows.map(toProductNamed);
}

/** The product, locked for the rest of the transaction (every change of a product goes through here first). */
export async function lockProduct(em: Em, id: string): Promise<ProductRow | null> {
  const row = await db(em).selectFrom('data_product').select(productColumns).where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? toProduct(row) : null;
}

/** How many products the jurisdiction has, for the next product code. */
export async function productCount(em: Em, jurisdiction: string): Promise<number> {
  const r = await db(em).selectFrom('data_product').select((eb) => eb.fn.countAll<string>().as('n')).where('jurisdiction', '=', jurisdiction).executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface NewProduct {
  id: string;
  code: string;
  jurisdiction: string;
  operatorId: string;
  agreementId: string;
  scenarioId: string;
  name: string;
  description: string;
  form: string;
  category: string;
  chargingUnit: string;
  at: string;
}
export async function insertProduct(em: Em, p: NewProduct): Promise<void> {
  await db(em)
    .insertInto('data_product')
    .values({
      id: p.id, code: p.code, jurisdiction: p.jurisdiction, operator_id: p.operatorId, agreement_id: p.agreementId, scenario_id: p.scenarioId,
      name: p.name, description: p.description, form: p.form, category: p.category, charging_unit: p.chargingUnit, created_at: p.at, updated_at: p.at,
    })
    .execute();
}

export async function renameProduct(em: Em, id: string, name: string, description: string): Promise<void> {
  await db(em).updateTable('data_product').set({ name, description, updated_at: sql<string>`now()` }).where('id', '=', id).execute();
}

export async function setLatestVersion(em: Em, id: string, version: number): Promise<void> {
  await db(em).updateTable('data_product').set({ latest_version: version, updated_at: sql<string>`now()` }).where('id', '=', id).execute();
}

export async function markListed(em: Em, id: string, version: number, at: string, exchange: { venue: string | null; ref: string | null } = { venue: null, ref: null }): Promise<void> {
  await db(em)
    .updateTable('data_product')
    .set({ listing_status: 'LISTED', listing_reason: null, listed_version: version, listed_at: at, exchange_venue: exchange.venue, exchange_listing_ref: exchange.ref, updated_at: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function markDelisted(em: Em, id: string, reason: string): Promise<void> {
  await db(em).updateTable('data_product').set({ listing_status: 'DELISTED', listing_reason: reason, updated_at: sql<string>`now()` }).where('id', '=', id).execute();
}

/** Adds recorded usage — `records` usage records of `units` in all — to the product's counters (the MOST_USED order and the public usage figures). */
export async function addProductUsage(em: Em, id: string, units: string, records: number): Promise<void> {
  await db(em)
    .updateTable('data_product')
    .set((eb) => ({ usage_units: eb('usage_units', '+', sql<string>`${units}::bigint`), usage_records: eb('usage_records', '+', records) }))
    .where('id', '=', id)
    .execute();
}

export interface ProductListFilter {
  operatorId?: string | null;
  jurisdiction?: string | null;
  listingStatus?: string | null;
  /** Status of the latest version, e.g. SUBMITTED (waiting for review). */
  versionStatus?: string | null;
}

/** A page of the back-office product list: what `visible` (over data_product) lets the caller see (access.ts), newest first. */
export async function productPage(em: Em, visible: RawBuilder<SqlBool>, f: ProductListFilter, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k.selectFrom('data_product').select(productColumns).where(visible);
  if (f.operatorId) q = q.where('operator_id', '=', f.operatorId);
  if (f.jurisdiction) q = q.where('jurisdiction', '=', f.jurisdiction);
  if (f.listingStatus) q = q.where('listing_status', '=', f.listingStatus);
  if (f.versionStatus) {
    const status = f.versionStatus;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('product_version')
          .select('product_version.version')
          .whereRef('product_version.product_id', '=', 'data_product.id')
          .whereRef('product_version.version', '=', 'data_product.latest_version')
          .where('product_version.status', '=', status),
      ),
    );
  }
  const page = await pageOf(k, q.orderBy('created_at', 'desc').orderBy('id'), window);
  return { rows: page.rows.map(toProduct), totalCount: page.totalCount };
}

/** Products of an authorization agreement (a suspension holds them all). */
export async function productIdsOfAgreement(em: Em, agreementId: string): Promise<string[]> {
  const rows = await db(em).selectFrom('data_product').select('id').where('agreement_id', '=', agreementId).execute();
  return rows.map((r) => r.id);
}

/** Products built on a resource under a scenario (what an access grant covers). */
export async function productIdsOfGrant(em: Em, scenarioId: string, resourceId: string): Promise<string[]> {
  const rows = await db(em)
    .selectFrom('data_product')
    .select('id')
    .where('scenario_id', '=', scenarioId)
    .where(sql<SqlBool>`${resourceId}::uuid = any(resource_ids)`)
    .execute();
  return rows.map((r) => r.id);
}

/** The price-relevant facts of a product a usage record carries. */
export async function pricingOf(em: Em, id: string): Promise<{ category: string; chargingUnit: string } | null> {
  const r = await db(em).selectFrom('data_product').select(['category', 'charging_unit']).where('id', '=', id).executeTakeFirst();
  return r ? { category: r.category, chargingUnit: r.charging_unit } : null;
}
