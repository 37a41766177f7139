/**
 * Writes and reads of delivery's projections (docs/operating-domain/runtime.md, "Projections").
 * Every write is an upsert guarded by `as_of`: an event delivered twice or late never overwrites a
 * newer fact (events are at least once and may arrive out of order).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { db, type DeliveryDB } from './entities.js';


export async function upsertProductVersion(em: EntityManager, row: DeliveryDB['product_version_projection']): Promise<void> {
  await db(em)
    .insertInto('product_version_projection')
    .values(row)
    .onConflict((oc) => oc.columns(['product_id', 'version']).doUpdateSet((eb) => ({
      code: eb.ref('excluded.code'), jurisdiction: eb.ref('excluded.jurisdiction'), operator_id: eb.ref('excluded.operator_id'),
      agreement_id: eb.ref('excluded.agreement_id'), scenario_id: eb.ref('excluded.scenario_id'), name_zh: eb.ref('excluded.name_zh'),
      form: eb.ref('excluded.form'), category: eb.ref('excluded.category'), delivery_method: eb.ref('excluded.delivery_method'),
      resource_ids: eb.ref('excluded.resource_ids'), status: eb.ref('excluded.status'), as_of: eb.ref('excluded.as_of'),
    })).where('product_version_projection.as_of', '<=', row.as_of as Date))
    .execute();
}

export async function upsertProduct(em: EntityManager, row: DeliveryDB['product_projection']): Promise<void> {
  await db(em)
    .insertInto('product_projection')
    .values(row)
    .onConflict((oc) => oc.column('product_id').doUpdateSet((eb) => ({
      code: eb.fn.coalesce(eb.ref('excluded.code'), eb.ref('product_projection.code')),
      jurisdiction: eb.ref('excluded.jurisdiction'), operator_id: eb.ref('excluded.operator_id'),
      listing_status: eb.ref('excluded.listing_status'),
      listed_version: eb.fn.coalesce(eb.ref('excluded.listed_version'), eb.ref('product_projection.listed_version')),
      reason: eb.ref('excluded.reason'), as_of: eb.ref('excluded.as_of'),
    })).where('product_projection.as_of', '<=', row.as_of as Date))
    .execute();
}

export async function upsertAgreement(em: EntityManager, row: DeliveryDB['agreement_projection']): Promise<void> {
  await db(em)
    .insertInto('agreement_projection')
    .values(row)
    .onConflict((oc) => oc.column('agreement_id').doUpdateSet((eb) => ({
      status: eb.ref('excluded.status'), end_date: eb.ref('excluded.end_date'), reason: eb.ref('excluded.reason'), as_of: eb.ref('excluded.as_of'),
    })).where('agreement_projection.as_of', '<=', row.as_of as Date))
    .execute();
}

export async function upsertAccessGrant(em: EntityManager, row: DeliveryDB['access_grant_projection']): Promise<void> {
  await db(em)
    .insertInto('access_grant_projection')
    .values(row)
    .onConflict((oc) => oc.column('grant_id').doUpdateSet((eb) => ({
      status: eb.ref('excluded.status'), expires_on: eb.fn.coalesce(eb.ref('excluded.expires_on'), eb.ref('access_grant_projection.expires_on')), as_of: eb.ref('excluded.as_of'),
    })).where('access_grant_projection.as_of', '<=', row.as_of as Date))
    .execute();
}

export async function upsertEntitlement(em: EntityManager, row: DeliveryDB['entitlement_projection']): Promise<void> {
  await db(em)
    .insertInto('entitlement_projection')
    .values(row)
    .onConflict((oc) => oc.column('entitlement_id').doUpdateSet((eb) => ({
      status: eb.ref('excluded.status'), pause_reason: eb.ref('excluded.pause_reason'), start_date: eb.ref('excluded.start_date'),
      end_date: eb.ref('excluded.end_date'), quota_units: eb.ref('excluded.quota_units'), as_of: eb.ref('excluded.as_of'),
    })).where('entitlement_projection.as_of', '<=', row.as_of as Date))
    .execute();
}

/** A usage agreement ended: its entitlement stops at once, whatever else is still in flight. */
export async function revokeEntitlementOf(em: EntityManager, usageAgreementId: string, reason: string, at: Date): Promise<void> {
  await db(em).updateTable('entitlement_projection').set({ status: 'REVOKED', pause_reason: reason, as_of: at })
    .where('usage_agreement_id', '=', usageAgreementId).where('status', '<>', 'REVOKED').execute();
}

export type ProductVersionFacts = Awaited<ReturnType<typeof productVersion>>;

export async function productVersion(em: EntityManager, productId: string, version: number) {
  return db(em).selectFrom('product_version_projection').selectAll().where('product_id', '=', productId).where('version', '=', version).executeTakeFirst();
}

/** Resources of the operator's active access grants for a scenario on a day (what a recipe may read). */
export async function grantedResources(em: EntityManager, scenarioId: string, operatorId: string, today: string): Promise<string[]> {
  const rows = await db(em).selectFrom('access_grant_projection').select('resource_id')
    .where('scenario_id', '=', scenarioId).where('operator_id', '=', operatorId).where('status', '=', 'ACTIVE')
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
    .execute();
  return [...new Set(rows.map((r) => r.resource_id))];
}
