import { createHash } from 'node:crypto';
import { assertInScope, conflict, notFound, setting, sql, type Identity, type UnitOfWork } from '@pdo/platform';
import type { DeliveryEvents } from '@pdo/events';
import { v7 as uuidv7 } from 'uuid';
import { rawColumnsOf, ratio } from '../domain/load-rules.js';
import { copyIntoRawTable, ensureRawTable } from '../data/raw-store.js';
import { setCurrentBatch } from '../data/recipes.js';
import { syncReadersOfResource } from './reader-roles.js';
import { loadProjections, type LoadBatchRow, type ResourceProjectionRow } from '../data/rows.js';
import { insertLoadBatch, loadBatches, nextBatchNo, supersedeCurrent } from '../data/batches.js';
import { indexLookupKeys } from './lookup-indexes.js';
import { assertUtf8, loadError, parseRows, type LoadFormat, type LoadStats } from './parse.js';

export interface Actor {
  identity: Identity;
  now: Date;
}

export type ContentEncoding = 'TEXT' | 'BASE64';

/** Rows one load may hold (a guard on top of the byte limit). */
export const MAX_ROWS_PER_LOAD = 5_000_000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of a load as sent: text (a GraphQL string is already Unicode; a lone surrogate is
 * not UTF-8 and is refused) or base64 (strict alphabet; the bytes are then checked as UTF-8).
 */
export function contentBytes(content: string, encoding: ContentEncoding, maxBytes = setting('RAW_LOAD_MAX_BYTES')): Buffer {
  if (encoding === 'BASE64') {
    const b64 = content.replace(/\s+/g, '');
    if (b64.length % 4 !== 0 || !BASE64_RE.test(b64)) throw loadError('INVALID_BASE64', '内容不是有效的 base64', 'The content is not valid base64');
    if ((b64.length / 4) * 3 > maxBytes + 2) throw tooLarge(maxBytes);
    const bytes = Buffer.from(b64, 'base64');
    if (bytes.length > maxBytes) throw tooLarge(maxBytes);
    return bytes;
  }
  if (content.length > maxBytes) throw tooLarge(maxBytes);
  const bad = content.search(LONE_SURROGATE);
  if (bad >= 0) {
    const line = content.slice(0, bad).split('\n').length;
    throw loadError('INVALID_UTF8', `第 ${line} 行不是有效的 UTF-8 编码`, `Line ${line} is not valid UTF-8`, { line });
  }
  const bytes = Buffer.from(content, 'utf8');
  if (bytes.length > maxBytes) throw tooLarge(maxBytes);
  return bytes;
}

const tooLarge = (maxBytes: number) => loadError('TOO_LARGE', `文件超过 ${maxBytes} 字节上限（RAW_LOAD_MAX_BYTES）`, `The file exceeds ${maxBytes} bytes (RAW_LOAD_MAX_BYTES)`, { maxBytes });

/** The resource, if the caller is its source agency (数源单位); NOT_FOUND / FORBIDDEN otherwise. */
export async function resourceForLoad(uow: UnitOfWork, identity: Identity, resourceId: string): Promise<ResourceProjectionRow> {
  const r = UUID_RE.test(resourceId) ? (await loadProjections(uow.tx, [resourceId], true))[0] : undefined;
  if (!r) throw notFound('数据资源', 'Resource', resourceId);
  // Only the resource's own source agency loads its data (not the agency, not the operator).
  assertInScope(identity, { jurisdiction: r.jurisdiction, orgIds: [r.sourceAgencyId] }, { officials: [], entity: ['数据资源', 'Resource'], id: resourceId });
  return r;
}

/**
 * One load (数据归集): the bytes are checked as UTF-8, parsed as a stream and every row validated
 * against the resource's declared fields while it is copied into the batch, in the mutation's
 * transaction. The first bad row refuses the load with its line and field and the COPY is
 * cancelled: nothing of the load is kept. On success the batch becomes CURRENT, the previous one
 * SUPERSEDED (kept, queryable), and RawDataLoaded tells the catalog the new counts.
 */
export async function loadRawData(uow: UnitOfWork, actor: Actor, r: ResourceProjectionRow, bytes: Buffer, format: LoadFormat): Promise<LoadBatchRow> {
  if (r.status !== 'ACTIVE') throw conflict('数据资源已撤回，不能归集数据', 'The resource is withdrawn; its data cannot be loaded', { details: { reason: 'RESOURCE_WITHDRAWN' } });
  if (!r.fields || r.fields.length === 0) {
    throw conflict('数据资源尚未声明数据项，不能归集数据', 'The resource declares no fields yet; its data cannot be loaded', { details: { reason: 'NO_DECLARED_FIELDS' } });
  }
  const resolved = rawColumnsOf(r.fields);
  if ('problem' in resolved) {
    const { field, problem } = resolved.problem;
    throw conflict(`数据项“${field}”的声明不能用于归集（${problem === 'UNSUPPORTED_TYPE' ? '类型不受支持' : '名称不可用'}）`, `Field "${field}" cannot be loaded as declared (${problem === 'UNSUPPORTED_TYPE' ? 'unsupported type' : 'unusable name'})`, {
      details: { reason: problem, field },
    });
  }
  const columns = resolved.columns;
  assertUtf8(bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  // One load per resource at a time: batch numbers and the CURRENT batch stay consistent.
  await sql(uow.tx, `select pg_advisory_xact_lock(hashtext('delivery.load'), hashtext($1))`, [r.resourceId]);
  const table = await ensureRawTable(uow.tx, r, columns, actor.now);
  const batchNo = await nextBatchNo(uow.tx, r.resourceId);
  const stats: LoadStats = { rows: 0, nulls: columns.map(() => 0) };
  await copyIntoRawTable(uow.tx, table, batchNo, parseRows(bytes, format, columns, stats, MAX_ROWS_PER_LOAD));

  const nullRatios = Object.fromEntries(columns.map((c, i) => [c.name, ratio(stats.nulls[i]!, stats.rows)]));
  const previous = await supersedeCurrent(uow.tx, r.resourceId, batchNo, actor.now);
  const id = uuidv7();
  await insertLoadBatch(uow.tx, {
    id, resource_id: r.resourceId, jurisdiction: r.jurisdiction, source_agency_id: r.sourceAgencyId, resource_version: r.version, raw_table_id: table.id, batch_no: batchNo,
    format, sha256, byte_size: String(bytes.length), row_count: String(stats.rows), null_ratios: nullRatios, status: 'CURRENT', loaded_by: actor.identity.sub,
    loaded_by_org: actor.identity.org, loaded_at: actor.now,
  });
  // The declared lookup keys are indexed in a new data shape's table once its first batch is in (built in bulk, not row by row).
  await indexLookupKeys(uow.tx, r.resourceId, [table]);
  // Executions read the resource's view of its CURRENT batch: it follows this load at once.
  await setCurrentBatch(uow.tx, table.tableName, batchNo);
  await syncReadersOfResource(uow.tx, r.resourceId, actor.now);
  for (const p of previous) uow.audit({ entityType: 'LoadBatch', entityId: p.id, action: 'SUPERSEDED', changes: { supersededByBatchNo: batchNo } });
  uow.audit({
    entityType: 'LoadBatch',
    entityId: id,
    action: 'LOADED',
    changes: { resourceId: r.resourceId, batchNo, format, sha256, byteSize: bytes.length, rowCount: stats.rows, table: table.tableName, resourceVersion: r.version },
  });
  const payload: DeliveryEvents.RawDataLoaded = {
    resourceId: r.resourceId,
    jurisdiction: r.jurisdiction,
    sourceAgencyId: r.sourceAgencyId,
    resourceVersion: r.version,
    batchNo,
    rowCount: stats.rows,
    loadedAt: actor.now.toISOString(),
    sha256,
    nullRatios,
  };
  await uow.publish('RawDataLoaded', payload, r.jurisdiction);
  return (await loadBatches(uow.tx, [id]))[0]!;
}
