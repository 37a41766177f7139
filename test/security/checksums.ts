/**
 * A fingerprint of every domain table of every subgraph schema, so a test can
 * prove that a refused request changed nothing at all — not one row, not one audit record.
 */
import pg from 'pg';
import { SUBGRAPHS } from '@pdo/events';

export async function databaseFingerprint(url: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ schema: string; name: string }>(
      `select table_schema as schema, table_name as name from information_schema.tables
        where table_schema = any($1) and table_type = 'BASE TABLE'
          and table_name not in ('schema_migrations', 'processed_events') order by 1, 2`,
      [[...SUBGRAPHS]],
    );
    const out = new Map<string, string>();
    // One statement for all tables. Row count plus the newest row version's transaction id: any
    // committed insert or update creates a row version with a newer xmin, any delete lowers the
    // count, so a table whose pair is unchanged was not written — without hashing every row.
    const parts = tables.rows.map(
      (t) => `select '${t.schema}.${t.name}' as t, count(*)::text || ':' || coalesce(max(x.xmin::text::bigint), 0)::text as h from "${t.schema}"."${t.name}" x`,
    );
    if (parts.length === 0) return out;
    const res = await client.query<{ t: string; h: string }>(parts.join(' union all '));
    for (const r of res.rows) out.set(r.t, r.h);
    return out;
  } finally {
    await client.end();
  }
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n));
}
