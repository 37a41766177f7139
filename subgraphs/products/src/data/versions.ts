import { sql } from 'kysely';
import type { Em } from '@pdo/platform';
import { db } from './tables.js';
import { jsonb } from './json.js';
import { toReview, toVersion, type OutputFieldRow, type ReviewRow, type VersionRow } from './rows.js';
import { anyUuid } from './columns.js';

/** One version of a product; `lock` keeps it for the transaction (a draft being edited, a version being decided). */
export async function versionOf(em: Em, productId: string, version: number, lock = false): Promise<VersionRow | null> {
  let q = db(em).selectFrom('product_version').selectAll().where('product_id', '=', productId).where('version', '=', version);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** Every version of each product, in version order (the loader's batch). */
export async function versionsOf(em: Em, productIds: readonly string[]): Promise<VersionRow[]> {
  const rows = await db(em).selectFrom('product_version').selectAll().where('product_id', '=', anyUuid(productIds)).orderBy('version').execute();
  return rows.map(toVersion);
}

export interface VersionContent {
  resourceIds: string[];
  deliveryMethod: string;
  outputSchema: OutputFieldRow[];
  sampleOutputs: Record<string, unknown>[];
}

export async function insertFirstVersion(em: Em, productId: string, c: VersionContent, at: string): Promise<void> {
  await db(em)
    .insertInto('product_version')
    .values({
      product_id: productId, version: 1, status: 'DRAFT', resource_ids: c.resourceIds, delivery_method: c.deliveryMethod,
      output_schema: jsonb(c.outputSchema), sample_outputs: jsonb(c.sampleOutputs), created_at: at,
    })
    .execute();
}

export async function updateDraft(em: Em, productId: string, version: number, c: VersionContent, changeNote: string | null): Promise<void> {
  await db(em)
    .updateTable('product_version')
    .set((eb) => ({
      resource_ids: c.resourceIds, delivery_method: c.deliveryMethod, output_schema: jsonb(c.outputSchema), sample_outputs: jsonb(c.sampleOutputs),
      change_note: eb.fn.coalesce(sql<string | null>`${changeNote}::text`, 'change_note'),
    }))
    .where('product_id', '=', productId)
    .where('version', '=', version)
    .execute();
}

/** The next version opens as a draft copied from `from`. */
export async function copyVersion(em: Em, productId: string, from: number, next: number, changeNote: string, at: string): Promise<void> {
  await db(em)
    .insertInto('product_version')
    .columns(['product_id', 'version', 'status', 'resource_ids', 'delivery_method', 'output_schema', 'sample_outputs', 'change_note', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('product_version')
        .select(['product_id', sql<number>`${next}::int`.as('version'), sql<string>`'DRAFT'`.as('status'), 'resource_ids', 'delivery_method', 'output_schema', 'sample_outputs',
          sql<string>`${changeNote}::text`.as('change_note'), sql<string>`${at}::timestamptz`.as('created_at')])
        .where('product_id', '=', productId)
        .where('version', '=', from),
    )
    .execute();
}

export async function setVersionStatus(em: Em, productId: string, version: number, status: string, submittedAt?: string): Promise<void> {
  await db(em)
    .updateTable('product_version')
    .set({ status, ...(submittedAt ? { submitted_at: submittedAt } : {}) })
    .where('product_id', '=', productId)
    .where('version', '=', version)
    .execute();
}

/** The first listing of a version delivers it; a re-listing keeps the first delivery. */
export async function markDelivered(em: Em, productId: string, version: number, at: string): Promise<void> {
  await db(em)
    .updateTable('product_version')
    .set((eb) => ({ delivered_at: eb.fn.coalesce('delivered_at', sql<string>`${at}::timestamptz`) }))
    .where('product_id', '=', productId)
    .where('version', '=', version)
    .execute();
}

/** The latest version that passed compliance review, with the day it was delivered (in Shanghai), if it was. */
export async function latestApproved(em: Em, productId: string): Promise<{ version: number; deliveredOn: string | null } | null> {
  const r = await db(em)
    .selectFrom('product_version')
    .select(['version', sql<string | null>`(delivered_at at time zone 'Asia/Shanghai')::date::text`.as('delivered_on')])
    .where('product_id', '=', productId)
    .where('status', '=', 'APPROVED')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { version: r.version, deliveredOn: r.delivered_on } : null;
}

// ── compliance reviews ──

export async function reviewExists(em: Em, productId: string, version: number): Promise<boolean> {
  const r = await db(em).selectFrom('compliance_review').select('id').where('product_id', '=', productId).where('version', '=', version).executeTakeFirst();
  return !!r;
}

export interface NewReview {
  id: string;
  productId: string;
  version: number;
  jurisdiction: string;
  decision: string;
  checklist: unknown[];
  reasons: string[];
  legalBasis: string | null;
  reviewerSub: string;
  reviewerOrg: string | null;
  reviewedAt: string;
}
export async function insertReview(em: Em, r: NewReview): Promise<ReviewRow> {
  const row = await db(em)
    .insertInto('compliance_review')
    .values({
      id: r.id, product_id: r.productId, version: r.version, jurisdiction: r.jurisdiction, decision: r.decision, checklist: jsonb(r.checklist),
      reasons: r.reasons, legal_basis: r.legalBasis, reviewer_sub: r.reviewerSub, reviewer_org: r.reviewerOrg, reviewed_at: r.reviewedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReview(row);
}

/** The reviews of each product (the loader picks the version asked for). */
export async function reviewsOf(em: Em, productIds: readonly string[]): Promise<ReviewRow[]> {
  const rows = await db(em).selectFrom('compliance_review').selectAll().where('product_id', '=', anyUuid(productIds)).execute();
  return rows.map(toReview);
}
