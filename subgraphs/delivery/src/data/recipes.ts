/** Recipes, reader roles and the facts an execution is decided on (typed queries over delivery's tables). */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import { db, type DeliveryDB } from './entities.js';


export type RecipeRow = DeliveryDB['recipe'];

/** The version's current recipe (the latest submission), accepted or refused. */
export async function currentRecipe(em: EntityManager, productId: string, version: number): Promise<RecipeRow | undefined> {
  return db(em).selectFrom('recipe').selectAll().where('product_id', '=', productId).where('version', '=', version).where('status', '<>', 'SUPERSEDED').executeTakeFirst();
}

export async function recipeById(em: EntityManager, id: string): Promise<RecipeRow | undefined> {
  return db(em).selectFrom('recipe').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function supersedeRecipes(em: EntityManager, productId: string, version: number): Promise<string[]> {
  const rows = await db(em).updateTable('recipe').set({ status: 'SUPERSEDED' }).where('product_id', '=', productId).where('version', '=', version).where('status', '<>', 'SUPERSEDED').returning('id').execute();
  return rows.map((r) => r.id);
}

export async function insertRecipe(em: EntityManager, row: RecipeRow): Promise<void> {
  // jsonb columns travel as JSON text.
  await db(em).insertInto('recipe').values({
    ...row,
    parameters: JSON.stringify(row.parameters), outputs: JSON.stringify(row.outputs), subjects: JSON.stringify(row.subjects),
    verification: row.verification === null ? null : JSON.stringify(row.verification), analysis: row.analysis === null ? null : JSON.stringify(row.analysis),
    violations: JSON.stringify(row.violations),
  }).execute();
}

/** Everything that decides whether a version may run, in one statement. */
export async function runFacts(em: EntityManager, productId: string, version: number) {
  return db(em)
    .selectFrom('product_version_projection as v')
    .leftJoin('product_projection as p', 'p.product_id', 'v.product_id')
    .leftJoin('agreement_projection as a', 'a.agreement_id', 'v.agreement_id')
    .leftJoin('recipe as r', (j) => j.onRef('r.product_id', '=', 'v.product_id').onRef('r.version', '=', 'v.version').on('r.status', '=', 'ACCEPTED'))
    .leftJoin('reader_role as rr', (j) => j.onRef('rr.product_id', '=', 'v.product_id').onRef('rr.version', '=', 'v.version'))
    .select([
      'v.product_id', 'v.version', 'v.code', 'v.jurisdiction', 'v.operator_id', 'v.agreement_id', 'v.scenario_id', 'v.form', 'v.category', 'v.delivery_method',
      'v.resource_ids', 'v.status', 'p.listing_status', 'p.listed_version', 'a.status as agreement_status', 'a.end_date as agreement_end_date',
      'r.id as recipe_id', 'rr.role_name',
    ])
    .where('v.product_id', '=', productId).where('v.version', '=', version)
    .executeTakeFirst();
}

/** Versions (with any recipe) of these products, or of one agreement, or using one resource: whose reader grants may change. */
export async function versionsWithRecipes(em: EntityManager, by: { productIds?: string[]; agreementId?: string; resourceId?: string }): Promise<{ product_id: string; version: number }[]> {
  let q = db(em).selectFrom('product_version_projection as v').select(['v.product_id', 'v.version'])
    .where((eb) => eb.exists(eb.selectFrom('recipe as r').select('r.id').whereRef('r.product_id', '=', 'v.product_id').whereRef('r.version', '=', 'v.version')));
  if (by.productIds) q = q.where('v.product_id', 'in', by.productIds.length ? by.productIds : ['00000000-0000-0000-0000-000000000000']);
  if (by.agreementId) q = q.where('v.agreement_id', '=', by.agreementId);
  if (by.resourceId) q = q.where((eb) => eb(eb.val(by.resourceId!), '=', eb.fn.any('v.resource_ids')));
  return q.execute();
}

/** Views of the resources' current batches that exist (a resource not yet loaded has none). */
export async function resourceViews(em: EntityManager, resourceIds: readonly string[]): Promise<{ resource_id: string; jurisdiction: string; code: string }[]> {
  if (resourceIds.length === 0) return [];
  return db(em).selectFrom('resource_projection').select(['resource_id', 'jurisdiction', 'code']).where('resource_id', 'in', [...resourceIds]).where('status', '=', 'ACTIVE').execute();
}

/**
 * Creates or updates the version's reader role with SELECT on exactly these views (none: no
 * grant at all) through the raw owner's function (migration 0003), and records it.
 */
export async function syncReaderRole(em: EntityManager, productId: string, version: number, views: string[], at: Date): Promise<string> {
  const [row] = await sql<{ role: string }>(em, `select raw_sync_reader($1, $2::text[]) as role`, [`${productId}:${version}`, views]);
  const role = row!.role;
  await db(em).insertInto('reader_role').values({ product_id: productId, version, role_name: role, views, synced_at: at })
    .onConflict((oc) => oc.columns(['product_id', 'version']).doUpdateSet({ views, synced_at: at, role_name: role })).execute();
  return role;
}

/** Points the resource's current view at a batch (after a load, in its transaction). */
export async function setCurrentBatch(em: EntityManager, tableName: string, batchNo: number): Promise<string> {
  const [row] = await sql<{ view: string }>(em, `select raw_set_current($1, $2) as view`, [tableName, batchNo]);
  return row!.view;
}
