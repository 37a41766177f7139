import { sql } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventName, ProductsEvents } from '@pdo/events';
import { productFacts } from './product-facts.js';
import { publishEntitlements } from './delivery-events.js';

/** Publishes a follow-up event in the caller's transaction (a handler's ctx.publish or inTransaction's publish). */
export type Publish = (name: EventName, payload: object, jurisdiction: string | null) => Promise<unknown>;

export type HoldKind = 'AGREEMENT_SUSPENDED' | 'ACCESS_REVOKED' | 'SECURITY_INCIDENT';

/** Places a hold (暂停原因) on each product; placing it again changes nothing. */
export async function addHolds(tx: EntityManager, productIds: string[], source: string, kind: HoldKind, reason: string, since: string): Promise<string[]> {
  if (productIds.length === 0) return [];
  const rows = await sql<{ product_id: string }>(
    tx,
    `insert into product_hold (product_id, source, kind, reason, since)
       select unnest($1::uuid[]), $2, $3, $4, $5::timestamptz
     on conflict (product_id, source) do nothing returning product_id`,
    [productIds, source, kind, `${kind}: ${reason}`, since],
  );
  return rows.map((r) => r.product_id);
}

/** Lifts the holds of a source; returns the products whose holds changed. */
export async function liftHolds(tx: EntityManager, source: string): Promise<string[]> {
  const rows = await sql<{ product_id: string }>(tx, `delete from product_hold where source = $1 returning product_id`, [source]);
  return [...new Set(rows.map((r) => r.product_id))];
}

/**
 * Brings listings and entitlements in line with the holds left on these products:
 * any hold → a listed product is suspended (hidden) and active entitlements pause;
 * no hold left → a product suspended by holds is listed again and entitlements paused by holds resume.
 * A delisted or withdrawn product stays as it is, and a revoked entitlement never comes back.
 * Publishes ProductSuspended / ProductListed for each listing that changed.
 */
export async function applyHolds(tx: EntityManager, productIds: string[], effectiveAt: string, publish: Publish): Promise<void> {
  if (productIds.length === 0) return;
  const ids = [...new Set(productIds)];
  const suspended = await sql<{ id: string; jurisdiction: string; operator_id: string; reason: string }>(
    tx,
    `update data_product p set listing_status = 'SUSPENDED', updated_at = now(),
            listing_reason = (select h.reason from product_hold h where h.product_id = p.id order by h.since, h.source limit 1)
      where p.id = any($1::uuid[]) and p.listing_status = 'LISTED' and exists (select 1 from product_hold h where h.product_id = p.id)
      returning p.id, p.jurisdiction, p.operator_id, p.listing_reason as reason`,
    [ids],
  );
  for (const p of suspended) {
    await publish('ProductSuspended', { productId: p.id, jurisdiction: p.jurisdiction, operatorId: p.operator_id, reason: p.reason, effectiveAt } satisfies ProductsEvents.ProductSuspended, p.jurisdiction);
  }
  const paused = await sql<{ id: string }>(
    tx,
    `update entitlement e set status = 'PAUSED',
            pause_reason = (select h.kind from product_hold h where h.product_id = e.product_id order by h.since, h.source limit 1)
      where e.product_id = any($1::uuid[]) and e.status = 'ACTIVE' and exists (select 1 from product_hold h where h.product_id = e.product_id) returning e.id`,
    [ids],
  );
  await publishEntitlements(tx, paused.map((r) => r.id), effectiveAt, publish);
  const resumed = await sql<{ id: string }>(
    tx,
    `update data_product p set listing_status = 'LISTED', listing_reason = null, updated_at = now()
      where p.id = any($1::uuid[]) and p.listing_status = 'SUSPENDED' and p.listed_version is not null
        and not exists (select 1 from product_hold h where h.product_id = p.id)
      returning p.id`,
    [ids],
  );
  const facts = await productFacts(tx, resumed.map((r) => r.id));
  for (const f of facts.values()) await publish('ProductListed', { ...f, listedAt: effectiveAt } satisfies ProductsEvents.ProductListed, f.jurisdiction);
  const resumedEntitlements = await sql<{ id: string }>(
    tx,
    `update entitlement e set status = 'ACTIVE', pause_reason = null
      where e.product_id = any($1::uuid[]) and e.status = 'PAUSED' and e.pause_reason in ('AGREEMENT_SUSPENDED', 'ACCESS_REVOKED', 'SECURITY_INCIDENT')
        and not exists (select 1 from product_hold h where h.product_id = e.product_id) returning e.id`,
    [ids],
  );
  await publishEntitlements(tx, resumedEntitlements.map((r) => r.id), effectiveAt, publish);
}

/** Whether anything holds the product (listing is refused while it does). */
export async function holdsOf(tx: EntityManager, productId: string): Promise<{ kind: string; reason: string }[]> {
  return sql<{ kind: string; reason: string }>(tx, `select kind, reason from product_hold where product_id = $1 order by since, source`, [productId]);
}
