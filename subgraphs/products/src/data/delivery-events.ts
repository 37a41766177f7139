import { sql } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventName, ProductsEvents } from '@pdo/events';
import { productFacts } from './product-facts.js';

/** Same shape as holds.ts's Publish (declared here too: holds.ts imports this file). */
type Publish = (name: EventName, payload: object, jurisdiction: string | null) => Promise<unknown>;

/**
 * The facts the operating domain (delivery) decides executions on, published in the transaction
 * that changes them (docs/operating-domain/runtime.md): a version entering or leaving review, and
 * every change of an entitlement (opened, paused by a hold, resumed, revoked), so the very next
 * call after a pause is refused.
 */
export async function publishVersionChanged(tx: EntityManager, productId: string, version: number, status: ProductsEvents.ProductVersionChanged['status'], effectiveAt: string, publish: Publish): Promise<void> {
  const facts = (await productFacts(tx, [productId], version)).get(productId);
  if (!facts) return;
  const [v] = await sql<{ delivery_method: ProductsEvents.ProductDeliveryMethod }>(tx, `select delivery_method from product_version where product_id = $1 and version = $2`, [productId, version]);
  await publish('ProductVersionChanged', { ...facts, status, deliveryMethod: v!.delivery_method, effectiveAt } satisfies ProductsEvents.ProductVersionChanged, facts.jurisdiction);
}

export async function publishEntitlements(tx: EntityManager, entitlementIds: readonly string[], effectiveAt: string, publish: Publish): Promise<void> {
  if (entitlementIds.length === 0) return;
  const rows = await sql<ProductsEvents.EntitlementChanged>(
    tx,
    `select id as "entitlementId", usage_agreement_id as "usageAgreementId", product_id as "productId", developer_id as "developerId", operator_id as "operatorId",
            jurisdiction, status, pause_reason as "pauseReason", start_date::text as "startDate", end_date::text as "endDate", quota_units::text as "quotaUnits"
       from entitlement where id = any($1::uuid[]) order by id`,
    [[...new Set(entitlementIds)]],
  );
  for (const e of rows) await publish('EntitlementChanged', { ...e, effectiveAt } satisfies ProductsEvents.EntitlementChanged, e.jurisdiction);
}
