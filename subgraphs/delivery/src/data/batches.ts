/**
 * The raw store's catalogue — raw tables, load batches and lookup keys — as typed queries over
 * delivery's entities (entities.ts). The rows themselves live in `raw.*`, which no query here reads.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Insertable } from 'kysely';
import { sql } from '@pdo/platform';
import type { RawColumn } from '../domain/load-rules.js';
import { db, type DeliveryDB } from './entities.js';
import type { LoadBatchRow } from './rows.js';

export interface RawTableRow {
  id: string;
  resourceId: string;
  schemaRev: number;
  tableName: string;
  columns: RawColumn[];
}

const rawTableRow = (r: { id: string; resource_id: string; schema_rev: number; table_name: string; columns: unknown }): RawTableRow => ({
  id: r.id, resourceId: r.resource_id, schemaRev: r.schema_rev, tableName: r.table_name, columns: r.columns as RawColumn[],
});

export async function rawTableBySignature(em: EntityManager, resourceId: string, signature: string): Promise<RawTableRow | undefined> {
  const r = await db(em).selectFrom('raw_table').selectAll().where('resource_id', '=', resourceId).where('signature', '=', signature).executeTakeFirst();
  return r && rawTableRow(r);
}

/** Every data shape a resource has had, oldest first (each is one raw table). */
export async function rawTablesOf(em: EntityManager, resourceId: string): Promise<RawTableRow[]> {
  return (await db(em).selectFrom('raw_table').selectAll().where('resource_id', '=', resourceId).orderBy('schema_rev').execute()).map(rawTableRow);
}

export async function nextSchemaRev(em: EntityManager, resourceId: string): Promise<number> {
  const r = await db(em).selectFrom('raw_table').select((eb) => eb.fn.max('schema_rev').as('rev')).where('resource_id', '=', resourceId).executeTakeFirst();
  return Number(r?.rev ?? 0) + 1;
}

export async function insertRawTable(em: EntityManager, row: Omit<DeliveryDB['raw_table'], 'columns'> & { columns: RawColumn[] }): Promise<RawTableRow> {
  const r = await db(em).insertInto('raw_table').values({ ...row, columns: JSON.stringify(row.columns) }).returningAll().executeTakeFirstOrThrow();
  return rawTableRow(r);
}

export async function nextBatchNo(em: EntityManager, resourceId: string): Promise<number> {
  const r = await db(em).selectFrom('load_batch').select((eb) => eb.fn.max('batch_no').as('n')).where('resource_id', '=', resourceId).executeTakeFirst();
  return Number(r?.n ?? 0) + 1;
}

/** The resource's CURRENT batch becomes SUPERSEDED by `batchNo`; returns the batches it touched. */
export async function supersedeCurrent(em: EntityManager, resourceId: string, batchNo: number, at: Date): Promise<{ id: string; batchNo: number }[]> {
  const rows = await db(em).updateTable('load_batch').set({ status: 'SUPERSEDED', superseded_at: at, superseded_by_batch_no: batchNo })
    .where('resource_id', '=', resourceId).where('status', '=', 'CURRENT').returning(['id', 'batch_no']).execute();
  return rows.map((r) => ({ id: r.id, batchNo: r.batch_no }));
}

export async function insertLoadBatch(em: EntityManager, row: Insertable<DeliveryDB['load_batch']>): Promise<void> {
  await db(em).insertInto('load_batch').values({ ...row, null_ratios: JSON.stringify(row.null_ratios) }).execute();
}

export async function loadBatches(em: EntityManager, ids: readonly string[]): Promise<LoadBatchRow[]> {
  if (ids.length === 0) return [];
  const rows = await db(em).selectFrom('load_batch as b').innerJoin('raw_table as t', 't.id', 'b.raw_table_id').selectAll('b').select(['t.schema_rev', 't.table_name', 't.columns'])
    .where('b.id', 'in', [...ids]).execute();
  return rows.map((r) => ({
    id: r.id, resourceId: r.resource_id, jurisdiction: r.jurisdiction, sourceAgencyId: r.source_agency_id, resourceVersion: r.resource_version, schemaRev: r.schema_rev,
    tableName: r.table_name, batchNo: r.batch_no, format: r.format as LoadBatchRow['format'], sha256: r.sha256, byteSize: Number(r.byte_size), rowCount: Number(r.row_count),
    nullRatios: r.null_ratios as Record<string, string>, columns: r.columns as { name: string }[], status: r.status as LoadBatchRow['status'], loadedBy: r.loaded_by,
    loadedByOrg: r.loaded_by_org, loadedAt: new Date(r.loaded_at), supersededAt: r.superseded_at ? new Date(r.superseded_at) : null, supersededByBatchNo: r.superseded_by_batch_no,
  }));
}

/** Records the fields an accepted recipe finds rows by (the first recipe to declare a field keeps it). */
export async function declareLookupKeys(em: EntityManager, keys: readonly { resourceId: string; field: string }[], recipeId: string, at: Date): Promise<void> {
  if (keys.length === 0) return;
  await db(em).insertInto('raw_lookup_key').values(keys.map((k) => ({ resource_id: k.resourceId, field: k.field, recipe_id: recipeId, declared_at: at })))
    .onConflict((oc) => oc.columns(['resource_id', 'field']).doNothing()).execute();
}

export async function lookupFieldsOf(em: EntityManager, resourceId: string): Promise<string[]> {
  return (await db(em).selectFrom('raw_lookup_key').select('field').where('resource_id', '=', resourceId).orderBy('field').execute()).map((r) => r.field);
}

/** Creates the (batch_no, field) index of a raw table through the raw owner's function (migration 0007); idempotent. */
export async function ensureLookupIndex(em: EntityManager, tableName: string, field: string): Promise<string> {
  const [row] = await sql<{ index: string }>(em, `select raw_ensure_lookup_index($1, $2) as index`, [tableName, field]);
  return row!.index;
}
