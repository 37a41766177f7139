import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { from as copyFrom } from 'pg-copy-streams';
import { sql, transactionPgClient } from '@pdo/platform';
import { v7 as uuidv7 } from 'uuid';
import { columnsSignature, copyCell, rawTableName, type RawColumn } from '../domain/load-rules.js';
import { insertRawTable, nextSchemaRev, rawTableBySignature, type RawTableRow } from './batches.js';

export type { RawTableRow };

/** The raw store's schema and roles (migration 0002 creates them; SECURITY.md "raw store"). */
export const RAW_SCHEMA = 'raw';
export const RAW_OWNER_ROLE = 'pdo_raw_owner';
export const RAW_LOADER_ROLE = 'pdo_raw_loader';

/**
 * The raw table of a resource's current data shape, created (through the owner's function, in
 * this transaction) when the shape is loaded for the first time. Callers hold the resource's load
 * lock, so two loads never race to create the same revision.
 */
export async function ensureRawTable(tx: EntityManager, r: { resourceId: string; jurisdiction: string; code: string }, columns: RawColumn[], now: Date): Promise<RawTableRow> {
  const signature = columnsSignature(columns);
  const existing = await rawTableBySignature(tx, r.resourceId, signature);
  if (existing) return existing;
  const schemaRev = await nextSchemaRev(tx, r.resourceId);
  const tableName = rawTableName(r.jurisdiction, r.code, schemaRev);
  await sql(tx, `select create_raw_batch_table($1, $2::jsonb)`, [tableName, JSON.stringify(columns)]);
  return insertRawTable(tx, { id: uuidv7(), resource_id: r.resourceId, schema_rev: schemaRev, table_name: tableName, signature, columns, created_at: now });
}

/**
 * Streams rows into `raw.<table>` with COPY, inside the caller's transaction, as the loader role
 * (INSERT on batch tables only): `SET LOCAL ROLE` for the COPY, back to the service role after.
 * `rows` yields each row's values already validated (or throws, e.g. a refused row): the COPY is
 * then cancelled (CopyFail) and the error propagates, so the transaction rolls back and nothing
 * of the load is kept. Returns the number of rows PostgreSQL stored.
 */
export async function copyIntoRawTable(tx: EntityManager, table: RawTableRow, batchNo: number, rows: AsyncIterable<{ line: number; values: (string | null)[] }>): Promise<number> {
  const client = await transactionPgClient(tx);
  await client.query(`set local role ${RAW_LOADER_ROLE}`);
  // Names come from raw_table (validated when the table was created); quoted all the same.
  const cols = ['batch_no', 'line_no', ...table.columns.map((c) => c.name)].map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  const stream = client.query(copyFrom(`copy ${RAW_SCHEMA}."${table.tableName}" (${cols}) from stdin with (format csv)`));
  const done = finished(stream);
  done.catch(() => {});
  let count = 0;
  try {
    let chunk = '';
    for await (const row of rows) {
      chunk += `${batchNo},${row.line},${row.values.map(copyCell).join(',')}\n`;
      count++;
      if (chunk.length >= 64 * 1024) {
        if (!stream.write(chunk)) await once(stream, 'drain');
        chunk = '';
      }
    }
    if (chunk) stream.write(chunk);
    stream.end();
    await done;
  } catch (error) {
    stream.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
  await client.query('reset role');
  const stored = Number((stream as unknown as { rowCount?: number }).rowCount ?? count);
  if (stored !== count) throw new Error(`COPY stored ${stored} rows of ${count}`);
  return count;
}
