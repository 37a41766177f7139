import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { pageOf, type Em } from '@pdo/platform';
import { db } from './tables.js';
import { toEntitlement, toUsage, type EntitlementRow, type UsageRow } from './rows.js';
import type { UsageListFilter } from './usage-applications.js';
import { anyUuid } from './columns.js';

// ── entitlements (使用权) ──

export async function entitlementById(em: Em, id: string, lock = false): Promise<EntitlementRow | null> {
  let q = db(em).selectFrom('entitlement').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toEntitlement(row) : null;
}

/** The entitlement of each usage agreement (the loader's batch). */
export async function entitlementsOfAgreements(em: Em, usageAgreementIds: readonly string[]): Promise<EntitlementRow[]> {
  const rows = await db(em).selectFrom('entitlement').selectAll().where('usage_agreement_id', '=', anyUuid(usageAgreementIds)).execute();
  return rows.map(toEntitlement);
}

export interface NewEntitlement {
  id: string;
  usageAgreementId: string;
  productId: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
  startDate: string;
  endDate: string;
  quotaUnits: string | null;
  at: string;
}
/** A signed agreement opens the developer's entitlement. */
export async function insertEntitlement(em: Em, e: NewEntitlement): Promise<void> {
  await db(em)
    .insertInto('entitlement')
    .values({
      id: e.id, usage_agreement_id: e.usageAgreementId, product_id: e.productId, developer_id: e.developerId, operator_id: e.operatorId,
      jurisdiction: e.jurisdiction, status: 'ACTIVE', start_date: e.startDate, end_date: e.endDate, quota_units: e.quotaUnits, created_at: e.at,
    })
    .execute();
}

/** An ended agreement revokes its entitlement for good. */
export async function revokeEntitlementOf(em: Em, usageAgreementId: string): Promise<string[]> {
  const rows = await db(em)
    .updateTable('entitlement')
    .set({ status: 'REVOKED', pause_reason: 'AGREEMENT_ENDED' })
    .where('usage_agreement_id', '=', usageAgreementId)
    .where('status', '<>', 'REVOKED')
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function addEntitlementUsage(em: Em, id: string, units: string): Promise<void> {
  await db(em)
    .updateTable('entitlement')
    .set((eb) => ({ used_units: eb('used_units', '+', sql<string>`${units}::bigint`) }))
    .where('id', '=', id)
    .execute();
}

// ── usage records (用量记录) ──

export async function usageById(em: Em, id: string): Promise<UsageRow | null> {
  const row = await db(em).selectFrom('usage_record').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUsage(row) : null;
}

/** The record an operator already made under this idempotency key. */
export async function usageByKey(em: Em, operatorId: string, idempotencyKey: string): Promise<UsageRow | null> {
  const row = await db(em).selectFrom('usage_record').selectAll().where('operator_id', '=', operatorId).where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
  return row ? toUsage(row) : null;
}

export interface NewUsage {
  id: string;
  entitlement: EntitlementRow;
  units: string;
  occurredAt: string;
  idempotencyKey: string;
  contentHash: string;
  recordedAt: string;
}
/** Inserts the record unless the key raced in first (then answers null and inserts nothing). */
export async function insertUsage(em: Em, u: NewUsage): Promise<UsageRow | null> {
  const e = u.entitlement;
  const row = await db(em)
    .insertInto('usage_record')
    .values({
      id: u.id, entitlement_id: e.id, usage_agreement_id: e.usageAgreementId, product_id: e.productId, developer_id: e.developerId, operator_id: e.operatorId,
      jurisdiction: e.jurisdiction, units: u.units, occurred_at: u.occurredAt, idempotency_key: u.idempotencyKey, content_hash: u.contentHash, recorded_at: u.recordedAt,
    })
    .onConflict((oc) => oc.columns(['operator_id', 'idempotency_key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ? toUsage(row) : null;
}

/** A page of usage records within `visible` (access.ts), latest first. */
export async function usagePage(em: Em, visible: RawBuilder<SqlBool>, f: UsageListFilter, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k.selectFrom('usage_record').selectAll().where(visible);
  if (f.productId) q = q.where('product_id', '=', f.productId);
  if (f.developerId) q = q.where('developer_id', '=', f.developerId);
  if (f.entitlementId) q = q.where('entitlement_id', '=', f.entitlementId);
  const page = await pageOf(k, q.orderBy('occurred_at', 'desc').orderBy('id'), window);
  return { rows: page.rows.map(toUsage), totalCount: page.totalCount };
}

export interface UsageMonthRow {
  month: string;
  units: string;
  records: number;
  developers: number;
}
/** Monthly usage of a product (public disclosure, NS Art 19): months counted in Shanghai time. */
export async function usageByMonth(em: Em, productId: string): Promise<UsageMonthRow[]> {
  const month = sql<string>`to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM')`;
  const rows = await db(em)
    .selectFrom('usage_record')
    .select([
      month.as('month'),
      sql<string>`sum(units)::text`.as('units'),
      sql<number>`count(*)::int`.as('records'),
      sql<number>`count(distinct developer_id)::int`.as('developers'),
    ])
    .where('product_id', '=', productId)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return rows;
}

export interface UsageStatsRow {
  productId: string;
  totalUnits: string;
  usageRecords: number;
  activeAgreements: number;
  developers: number;
}
/** Public usage figures of each product (the loader's batch): one statement whatever the number of products. */
export async function usageStatsOf(em: Em, productIds: readonly string[]): Promise<UsageStatsRow[]> {
  const rows = await db(em)
    .selectFrom('data_product as p')
    .select((eb) => [
      'p.id',
      'p.usage_units',
      // kept with usage_units by the writers of usage records (migration 0013), not counted per page
      'p.usage_records',
      eb.selectFrom('usage_agreement as u').select(sql<number>`count(*)::int`.as('n')).whereRef('u.product_id', '=', 'p.id').where('u.status', '=', 'SIGNED').as('active'),
      eb
        .selectFrom('usage_agreement as u')
        .select(sql<number>`count(distinct u.developer_id)::int`.as('n'))
        .whereRef('u.product_id', '=', 'p.id')
        .where('u.status', 'in', ['SIGNED', 'ENDED'])
        .as('developers'),
    ])
    .where('p.id', '=', anyUuid(productIds))
    .execute();
  return rows.map((r) => ({ productId: r.id, totalUnits: String(r.usage_units), usageRecords: r.usage_records, activeAgreements: r.active ?? 0, developers: r.developers ?? 0 }));
}
