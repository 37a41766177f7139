import { sql, type Em } from '@pdo/platform';
import type { ProductsEvents } from '@pdo/events';

/*
 * What the operating domain (delivery) decides executions on, read for the events services/delivery-events.ts
 * publishes. Hand-written SQL: one read of every entitlement changed by a set-based update.
 */

/** The delivery method of a product version. */
export async function deliveryMethodOf(em: Em, productId: string, version: number): Promise<ProductsEvents.ProductDeliveryMethod | null> {
  const [v] = await sql<{ delivery_method: ProductsEvents.ProductDeliveryMethod }>(em, `select delivery_method from product_version where product_id = $1 and version = $2`, [productId, version]);
  return v?.delivery_method ?? null;
}

/** Snapshots of the given entitlements, as EntitlementChanged carries them (without its effective time). */
export async function entitlementSnapshots(em: Em, entitlementIds: readonly string[]): Promise<Omit<ProductsEvents.EntitlementChanged, 'effectiveAt'>[]> {
  if (entitlementIds.length === 0) return [];
  return sql<Omit<ProductsEvents.EntitlementChanged, 'effectiveAt'>>(
    em,
    `select id as "entitlementId", usage_agreement_id as "usageAgreementId", product_id as "productId", developer_id as "developerId", operator_id as "operatorId",
            jurisdiction, status, pause_reason as "pauseReason", start_date::text as "startDate", end_date::text as "endDate", quota_units::text as "quotaUnits"
       from entitlement where id = any($1::uuid[]) order by id`,
    [[...new Set(entitlementIds)]],
  );
}
