/**
 * Per-product-version reader roles of the raw store (docs/operating-domain/runtime.md): a version
 * that may run holds SELECT on exactly the current-batch views of its resources; one that may not
 * (not approved, not listed, authorization stopped, recipe refused) holds nothing. Re-synced in
 * the transaction of every fact that changes it — a projection event, a recipe, a load — so the
 * database itself refuses what the projections say must stop.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { toShanghaiDate } from '@pdo/policy';
import { versionStop } from '../domain/call-rules.js';
import { currentViewName } from '../domain/load-rules.js';
import { resourceViews, runFacts, syncReaderRole, versionsWithRecipes } from '../data/recipes.js';

/** Syncs one version's role; returns its name, or null when the version has no recipe yet. */
export async function syncReader(em: EntityManager, productId: string, version: number, at: Date): Promise<string | null> {
  const f = await runFacts(em, productId, version);
  if (!f) return null;
  const stop = versionStop(
    { status: f.status, version: f.version },
    f.recipe_id !== null,
    f.listing_status === null ? undefined : { listingStatus: f.listing_status, listedVersion: f.listed_version },
    f.agreement_status === null ? undefined : { status: f.agreement_status, endDate: f.agreement_end_date! },
    toShanghaiDate(at),
  );
  if (stop && !f.role_name && f.recipe_id === null) return null;
  const views = stop ? [] : (await resourceViews(em, f.resource_ids)).map((r) => currentViewName(r.jurisdiction, r.code));
  return syncReaderRole(em, productId, version, views, at);
}

async function syncAll(em: EntityManager, versions: { product_id: string; version: number }[], at: Date): Promise<void> {
  for (const v of versions) await syncReader(em, v.product_id, v.version, at);
}

export const syncReadersOfProducts = async (em: EntityManager, productIds: string[], at: Date) => syncAll(em, await versionsWithRecipes(em, { productIds }), at);
export const syncReadersOfAgreement = async (em: EntityManager, agreementId: string, at: Date) => syncAll(em, await versionsWithRecipes(em, { agreementId }), at);
/** After a load: a resource loaded for the first time gets its view, and the readers of its products their grant. */
export const syncReadersOfResource = async (em: EntityManager, resourceId: string, at: Date) => syncAll(em, await versionsWithRecipes(em, { resourceId }), at);
