import { pageRows, scopeSql, type Em, type Identity } from '@pdo/platform';
import { DELIVERY_SCOPE } from '../access.js';
import { BATCH_COLUMNS, BATCH_FROM, toBatch, type LoadBatchRow } from './rows.js';

/*
 * Load batches as their readers see them. Hand-written SQL: the batch row joins its raw table's declared columns
 * (BATCH_FROM) and the scope predicate is the platform's text form, shared with the load's own queries (rows.ts).
 */

/** Batches the caller may see: its own source unit's (SOURCE_UNIT), its jurisdiction's (AGENCY, AUTHORITY). */
const batchScopeSql = (identity: Identity, params: unknown[]) => scopeSql(identity, { jurisdiction: 'b.jurisdiction', orgs: ['b.source_agency_id'] }, params, DELIVERY_SCOPE);

/** One batch of a resource by number, if the caller may see it. */
export async function batchByNumber(em: Em, identity: Identity, resourceId: string, batchNo: number): Promise<LoadBatchRow | null> {
  const params: unknown[] = [resourceId, batchNo];
  const { rows } = await pageRows(em, { select: BATCH_COLUMNS, from: `${BATCH_FROM} where b.resource_id = $1 and b.batch_no = $2 and ${batchScopeSql(identity, params)}`, orderBy: 'b.batch_no', params }, { limit: 1, offset: 0 });
  return rows[0] ? toBatch(rows[0]) : null;
}

/** A page of the batches the caller may see, newest first, optionally of one resource. */
export async function batchPage(em: Em, identity: Identity, resourceId: string | null, window: { limit: number; offset: number }) {
  const params: unknown[] = [];
  const conds = [batchScopeSql(identity, params)];
  if (resourceId) conds.push(`b.resource_id::text = $${params.push(resourceId)}`);
  const { rows, totalCount } = await pageRows(em, { select: BATCH_COLUMNS, from: `${BATCH_FROM} where ${conds.join(' and ')}`, orderBy: 'b.loaded_at desc, b.id desc', params }, window);
  return { rows: rows.map(toBatch), totalCount };
}
