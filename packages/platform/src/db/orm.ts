import { AsyncLocalStorage } from 'node:async_hooks';
import { MikroORM, PostgreSqlDriver, type EntityManager, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Logger, LogContext, LoggerNamespace } from '@mikro-orm/core';
import type { Migration } from '@mikro-orm/migrations';
import { releaseBrokenClients } from './pool-guard.js';
import { setting } from '../config.js';

export type Em = EntityManager;

/**
 * Counts SQL statements per request (the ALS store is installed by the subgraph server), so a
 * test or the benchmark can prove that a list does not issue more statements as it grows.
 */
export const statementCounter = new AsyncLocalStorage<{ count: number }>();
let totalStatements = 0;
export const totalStatementCount = () => totalStatements;
/** Counts one statement run outside MikroORM's logger (Kysely queries, db/kysely.ts). */
export function countStatement(): void {
  totalStatements++;
  const store = statementCounter.getStore();
  if (store) store.count++;
}

class CountingLogger implements Logger {
  /** ORM_DEBUG (validated, packages/platform/src/config.ts), read once per ORM. */
  private readonly debug = setting('ORM_DEBUG');
  constructor(private readonly onSlow?: (ctx: LogContext) => void) {}
  log(): void {}
  error(_ns: LoggerNamespace | string, message: string): void {
    if (this.debug) console.error(message);
  }
  warn(): void {}
  logQuery(context: LogContext): void {
    if (context.namespace === 'slow-query') {
      this.onSlow?.(context);
      return;
    }
    countStatement();
    if (this.debug) console.error('[sql]', context.query);
  }
  setDebugMode(): void {}
  isEnabled(): boolean {
    return false;
  }
}

export interface OrmOptions {
  url: string;
  /** The PostgreSQL schema this subgraph owns. */
  schema: string;
  entities: NonNullable<Options['entities']>;
  migrations: { name: string; class: new (...args: never[]) => Migration }[];
  poolMax?: number;
  /** Distinct statements each connection keeps prepared (db/prepared.ts); 0 or unset: none. */
  preparedStatements?: number;
}

/**
 * One MikroORM per subgraph, bound to its own schema. `search_path` is set on every connection,
 * so hand-written SQL in the subgraph can stay unqualified and still never touches another
 * subgraph's tables.
 */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: options.url,
    driverOptions: {
      options: `-c search_path=${options.schema},public`,
      // A request waits at most 10 s for a pooled connection, then fails cleanly instead of hanging.
      connectionTimeoutMillis: 10_000,
      // A transaction caught by a database restart would otherwise keep its client checked out for good.
      onPoolCreated: (pool: Parameters<typeof releaseBrokenClients>[0]) => releaseBrokenClients(pool, { preparedStatements: options.preparedStatements }),
    },
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolMax ?? 10 },
    loggerFactory: () => new CountingLogger(),
    debug: false,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    migrations: {
      tableName: 'schema_migrations',
      schema: options.schema,
      migrationsList: options.migrations.map((m) => ({ name: m.name, class: m.class as never })),
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
    },
    discovery: { warnWhenNoEntities: false },
  });
  return orm;
}

/** Creates the schema if needed and applies pending migrations, in one transaction. */
export async function migrate(orm: MikroORM, schema: string): Promise<string[]> {
  await orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}

/**
 * The migrations of `expected` that the schema has not recorded as applied. Run by a service that
 * does not migrate itself (MIGRATE_ON_START=0): its role may read `schema_migrations`, not write it.
 */
export async function pendingMigrations(orm: MikroORM, schema: string, expected: readonly string[]): Promise<string[]> {
  const base = (name: string) => name.replace(/\.(ts|js)$/, '');
  const table = await orm.em.getConnection().execute<{ t: string | null }[]>(`select to_regclass('"${schema}".schema_migrations')::text as t`);
  if (!table[0]?.t) return [...expected];
  const rows = await orm.em.getConnection().execute<{ name: string }[]>(`select name from "${schema}".schema_migrations`);
  const applied = new Set(rows.map((r) => base(r.name)));
  return expected.filter((name) => !applied.has(base(name)));
}
