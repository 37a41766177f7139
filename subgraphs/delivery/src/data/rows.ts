import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import type { DeclaredField } from '../domain/load-rules.js';

/** A catalog resource as delivery knows it from the catalog's events. */
export interface ResourceProjectionRow {
  resourceId: string;
  jurisdiction: string;
  code: string;
  nameZh: string;
  sourceAgencyId: string;
  status: 'ACTIVE' | 'WITHDRAWN';
  version: number;
  fields: DeclaredField[] | null;
  /** The catalog's openness (a PROHIBITED resource never enters a recipe) and authorizability. */
  openness: string;
  authorizable: boolean;
}

export const PROJECTION_COLUMNS = `p.resource_id as "resourceId", p.jurisdiction, p.code, p.name_zh as "nameZh", p.source_agency_id as "sourceAgencyId", p.status, p.version, p.fields, p.openness, p.authorizable`;

export async function loadProjections(em: EntityManager, ids: readonly string[], forUpdate = false): Promise<ResourceProjectionRow[]> {
  if (ids.length === 0) return [];
  return sql<ResourceProjectionRow>(em, `select ${PROJECTION_COLUMNS} from resource_projection p where p.resource_id = any($1::uuid[])${forUpdate ? ' for update' : ''}`, [ids]);
}

/** One load (数据归集批次). */
export interface LoadBatchRow {
  id: string;
  resourceId: string;
  jurisdiction: string;
  sourceAgencyId: string;
  resourceVersion: number;
  schemaRev: number;
  tableName: string;
  batchNo: number;
  format: 'CSV' | 'JSONL';
  sha256: string;
  byteSize: number;
  rowCount: number;
  nullRatios: Record<string, string>;
  /** The raw table's columns, in declared order. */
  columns: { name: string }[];
  status: 'CURRENT' | 'SUPERSEDED';
  loadedBy: string;
  loadedByOrg: string | null;
  loadedAt: Date;
  supersededAt: Date | null;
  supersededByBatchNo: number | null;
}

export const BATCH_COLUMNS = `b.id, b.resource_id as "resourceId", b.jurisdiction, b.source_agency_id as "sourceAgencyId", b.resource_version as "resourceVersion",
  t.schema_rev as "schemaRev", t.table_name as "tableName", t.columns, b.batch_no as "batchNo", b.format, b.sha256, b.byte_size::text as "byteSize",
  b.row_count::text as "rowCount", b.null_ratios as "nullRatios", b.status, b.loaded_by as "loadedBy", b.loaded_by_org as "loadedByOrg",
  b.loaded_at as "loadedAt", b.superseded_at as "supersededAt", b.superseded_by_batch_no as "supersededByBatchNo"`;
export const BATCH_FROM = `load_batch b join raw_table t on t.id = b.raw_table_id`;

export function toBatch(raw: Record<string, unknown>): LoadBatchRow {
  const r = raw as unknown as LoadBatchRow & { byteSize: string; rowCount: string };
  return {
    ...r,
    byteSize: Number(r.byteSize),
    rowCount: Number(r.rowCount),
    loadedAt: new Date(r.loadedAt),
    supersededAt: r.supersededAt ? new Date(r.supersededAt) : null,
  };
}
