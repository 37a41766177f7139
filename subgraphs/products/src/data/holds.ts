import { sql } from '@pdo/platform';
import type { Em } from '@pdo/platform';
import { db } from './tables.js';
import { toHold, type HoldRow } from './rows.js';
import { anyUuid } from './columns.js';

export type HoldKind = 'AGREEMENT_SUSPENDED' | 'ACCESS_REVOKED' | 'SECURITY_INCIDENT';

/** Places a hold (暂停原因) on each product; placing it again changes nothing. Answers the products newly held. */
export async function addHolds(em: Em, productIds: string[], source: string, kind: HoldKind, reason: string, since: string): Promise<string[]> {
  if (productIds.length === 0) return [];
  const rows = await db(em)
    .insertInto('product_hold')
    .values(productIds.map((id) => ({ product_id: id, source, kind, reason: `${kind}: ${reason}`, since })))
    .onConflict((oc) => oc.columns(['product_id', 'source']).doNothing())
    .returning('product_id')
    .execute();
  return rows.map((r) => r.product_id);
}

/** Lifts the holds of a source; returns the products whose holds changed. */
export async function liftHolds(em: Em, source: string): Promise<string[]> {
  const rows = await db(em).deleteFrom('product_hold').where('source', '=', source).returning('product_id').execute();
  return [...new Set(rows.map((r) => r.product_id))];
}

/** What holds a product, oldest first (listing is refused while anything does). */
export async function holdsOf(em: Em, productId: string): Promise<HoldRow[]> {
  return (await holdsOfProducts(em, [productId])).filter((h) => h.productId === productId);
}

/** The holds of each product (the loader's batch), oldest first. */
export async function holdsOfProducts(em: Em, productIds: readonly string[]): Promise<HoldRow[]> {
  const rows = await db(em).selectFrom('product_hold').selectAll().where('product_id', '=', anyUuid(productIds)).orderBy('since').orderBy('source').execute();
  return rows.map(toHold);
}

/*
 * The four set-based steps that bring listings and entitlements in line with the holds left on some products
 * (services/holds.ts runs them and publishes what changed). Hand-written SQL: each is one update over all the products,
 * its new status and reason computed from the remaining holds by a correlated subquery, so a cascade over many
 * products stays four statements.
 */

/** Listed products with a hold left are hidden, with the oldest hold's reason; answers the listings hidden. */
export async function suspendHeldListings(em: Em, ids: string[]) {
  return sql<{ id: string; jurisdiction: string; operator_id: string; reason: string }>(
    em,
    `update data_product p set listing_status = 'SUSPENDED', updated_at = now(),
            listing_reason = (select h.reason from product_hold h where h.product_id = p.id order by h.since, h.source limit 1)
      where p.id = any($1::uuid[]) and p.listing_status = 'LISTED' and exists (select 1 from product_hold h where h.product_id = p.id)
      returning p.id, p.jurisdiction, p.operator_id, p.listing_reason as reason`,
    [ids],
  );
}

/** Active entitlements of held products pause, with the oldest hold's kind; answers their ids. */
export async function pauseHeldEntitlements(em: Em, ids: string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    em,
    `update entitlement e set status = 'PAUSED',
            pause_reason = (select h.kind from product_hold h where h.product_id = e.product_id order by h.since, h.source limit 1)
      where e.product_id = any($1::uuid[]) and e.status = 'ACTIVE' and exists (select 1 from product_hold h where h.product_id = e.product_id)
      returning e.id`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** Listings suspended by holds come back once none is left; answers the products listed again. */
export async function resumeUnheldListings(em: Em, ids: string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    em,
    `update data_product p set listing_status = 'LISTED', listing_reason = null, updated_at = now()
      where p.id = any($1::uuid[]) and p.listing_status = 'SUSPENDED' and p.listed_version is not null
        and not exists (select 1 from product_hold h where h.product_id = p.id)
      returning p.id`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** Entitlements paused by a hold resume once none is left (never those revoked or paused for another reason); answers their ids. */
export async function resumeUnheldEntitlements(em: Em, ids: string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    em,
    `update entitlement e set status = 'ACTIVE', pause_reason = null
      where e.product_id = any($1::uuid[]) and e.status = 'PAUSED' and e.pause_reason in ('AGREEMENT_SUSPENDED', 'ACCESS_REVOKED', 'SECURITY_INCIDENT')
        and not exists (select 1 from product_hold h where h.product_id = e.product_id)
      returning e.id`,
    [ids],
  );
  return rows.map((r) => r.id);
}
