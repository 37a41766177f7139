import type { EntityManager } from '@mikro-orm/postgresql';

/** How information_schema names a column type, for the declared column types of the entities. */
const SAME_TYPE: Record<string, string[]> = {
  uuid: ['uuid'],
  text: ['text', 'character varying'],
  varchar: ['character varying', 'text'],
  'varchar(255)': ['character varying', 'text'],
  date: ['date'],
  timestamptz: ['timestamp with time zone'],
  'timestamptz(6)': ['timestamp with time zone'],
  timestamp: ['timestamp without time zone'],
  bigint: ['bigint'],
  int: ['integer'],
  integer: ['integer'],
  smallint: ['smallint'],
  boolean: ['boolean'],
  jsonb: ['jsonb'],
  json: ['jsonb', 'json'],
  numeric: ['numeric'],
  'text[]': ['ARRAY'],
  'uuid[]': ['ARRAY'],
  bytea: ['bytea'],
  bigserial: ['bigint'],
};

/**
 * Compares the MikroORM entities of a subgraph (its `src/data/tables.ts`) with the tables its migrations made: every
 * entity names an existing table, every property an existing column of a compatible type and the same nullability,
 * and every column of a declared table is declared. Answers one line per mismatch (none: the typed queries match the
 * database).
 */
export async function tableMismatches(em: EntityManager, schema: string): Promise<string[]> {
  const columns = await em.getConnection().execute<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }[]>(
    `select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = ?`,
    [schema],
  );
  const byTable = new Map<string, Map<string, (typeof columns)[number]>>();
  for (const c of columns) {
    if (!byTable.has(c.table_name)) byTable.set(c.table_name, new Map());
    byTable.get(c.table_name)!.set(c.column_name, c);
  }
  const out: string[] = [];
  for (const meta of em.getMetadata().getAll().values()) {
    if (meta.virtual || meta.embeddable) continue;
    const table = byTable.get(meta.tableName);
    if (!table) {
      out.push(`${meta.className}: table ${schema}.${meta.tableName} does not exist`);
      continue;
    }
    const declared = new Set<string>();
    for (const prop of Object.values(meta.properties)) {
      if (prop.persist === false || prop.kind !== 'scalar') continue;
      const field = prop.fieldNames[0]!;
      declared.add(field);
      const col = table.get(field);
      if (!col) {
        out.push(`${meta.tableName}.${field}: declared by ${meta.className}.${prop.name} but not in the table`);
        continue;
      }
      const type = (prop.columnTypes?.[0] ?? '').toLowerCase();
      const accepted = SAME_TYPE[type] ?? SAME_TYPE[type.replace(/\(.*\)$/, '')];
      if (!accepted) out.push(`${meta.tableName}.${field}: declared column type '${type}' is not one the check knows`);
      else if (!accepted.includes(col.data_type)) out.push(`${meta.tableName}.${field}: declared ${type}, the table has ${col.data_type}`);
      const nullable = col.is_nullable === 'YES';
      if (Boolean(prop.nullable) !== nullable) out.push(`${meta.tableName}.${field}: declared ${prop.nullable ? 'nullable' : 'not null'}, the table says ${nullable ? 'nullable' : 'not null'}`);
    }
    for (const name of table.keys()) if (!declared.has(name)) out.push(`${meta.tableName}.${name}: a column of the table that ${meta.className} does not declare`);
  }
  return out;
}
