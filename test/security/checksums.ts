/**
 * A fingerprint of every domain table of every subgraph schema, so a test can
 * prove that a refused request changed nothing at all — not one row, not one audit record.
 */
import pg from 'pg';
import { SUBGRAPHS } from '@pdo/events';

// One connection and one statement per database for the whole file: the bad-input suite takes a fingerprint after
// each of its ~750 calls, and a connection plus the table lookup each time was most of its time.
const fingerprinters = new Map<string, Promise<{ pool: pg.Pool; statement: string | null }>>();

async function fingerprinter(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const tables = await pool.query<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_schema = any($1) and table_type = 'BASE TABLE'
        and table_name not in ('schema_migrations', 'processed_events') order by 1, 2`,
    [[...SUBGRAPHS]],
  );
  // One statement for all tables. Row count plus the newest row version's transaction id: any
  // committed insert or update creates a row version with a newer xmin, any delete lowers the
  // count, so a table whose pair is unchanged was not written — without hashing every row.
  const parts = tables.rows.map(
    (t) => `select '${t.schema}.${t.name}' as t, count(*)::text || ':' || coalesce(max(x.xmin::text::bigint), 0)::text as h from "${t.schema}"."${t.name}" x`,
  );
  return { pool, statement: parts.length ? parts.join(' union all ') : null };
}

export async function databaseFingerprint(url: string): Promise<Map<string, string>> {
  if (!fingerprinters.has(url)) fingerprinters.set(url, fingerprinter(url));
  const { pool, statement } = await fingerprinters.get(url)!;
  const out = new Map<string, string>();
  if (!statement) return out;
  // Named: PostgreSQL plans the union of every table once per connection, not on each call.
  const res = await pool.query<{ t: string; h: string }>({ name: 'fingerprint', text: statement });
  for (const r of res.rows) out.set(r.t, r.h);
  return out;
}

/** Ends the connections; call before the database stops. */
export async function closeFingerprints(): Promise<void> {
  const all = [...fingerprinters.values()];
  fingerprinters.clear();
  await Promise.all(all.map(async (f) => (await f).pool.end()));
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n));
}
