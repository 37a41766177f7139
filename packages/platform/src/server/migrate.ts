import type { SubgraphDefinition } from './subgraph.js';
import { createOrm, migrate } from '../db/orm.js';
import { platformMigrations } from '../db/platform-migration.js';
import { ensureServiceRoles, rolesEnabled, serviceGrantsSql, serviceRole } from '../db/roles.js';
import { installBossSchema, PGBOSS_SCHEMA } from '../events/bus.js';
import { checkDatabaseReachable } from '../db/check.js';
import { ConfigError, migrationConfig, setting, type PlatformConfig } from '../config.js';
import { createLogger, type Logger } from '../logging.js';
import { ensureGatewayState, GATEWAY_ROLE } from './shared-state.js';

/**
 * The migration step of a deployment (docs/operations-deploy.md): run once per release, as the
 * owner, before any service starts; the services then run with MIGRATE_ON_START=0 and never hold
 * the owner's connection.
 *
 * As the owner (MIGRATION_DATABASE_URL, or DATABASE_URL when that is unset): installs the pg-boss
 * schema, creates the queue role and each subgraph's login role (db/roles.ts), applies each
 * subgraph's migrations in its own schema (one transaction per subgraph) and grants its role its
 * rights. Idempotent: a second run applies nothing and re-asserts roles and grants.
 *
 * Role passwords: from `<NAME>_DATABASE_URL` (the service's own URL) when given, else derived from
 * DB_ROLE_SECRET, else left as the administrator set them.
 */
export async function migrateSubgraphs(defs: readonly Pick<SubgraphDefinition<unknown>, 'name' | 'entities' | 'migrations' | 'ownerSql'>[], opts: { ownerUrl: string; passwords?: Readonly<Record<string, string>>; log?: Logger }): Promise<Record<string, string[]>> {
  const log = opts.log ?? createLogger('migrate');
  await checkDatabaseReachable(opts.ownerUrl);
  const roles = rolesEnabled();
  if (roles) {
    await installBossSchema(opts.ownerUrl);
    await ensureServiceRoles(opts.ownerUrl, defs.map((d) => d.name), { queueSchema: PGBOSS_SCHEMA, passwords: opts.passwords });
  }
  // The gateway's shared rate budgets (RATE_LIMIT_STORE=postgres) and its own role, pdo_gateway.
  await ensureGatewayState(opts.ownerUrl, { role: roles, password: opts.passwords?.[GATEWAY_ROLE] });
  const applied: Record<string, string[]> = {};
  for (const def of defs) {
    const orm = await createOrm({ url: opts.ownerUrl, schema: def.name, entities: def.entities, migrations: [...platformMigrations, ...def.migrations], poolMax: 2 });
    try {
      applied[def.name] = await migrate(orm, def.name);
      if (roles) {
        for (const statement of serviceGrantsSql(def.name)) await orm.em.getConnection().execute(statement);
        for (const statement of def.ownerSql?.(serviceRole(def.name)) ?? []) await orm.em.getConnection().execute(statement);
      }
    } finally {
      await orm.close().catch(() => {});
    }
    log.info({ subgraph: def.name, applied: applied[def.name] }, applied[def.name]!.length ? 'migrated' : 'schema up to date');
  }
  return applied;
}

/**
 * Process entry point of the migration step (packages/migrate): validates the whole configuration,
 * migrates `defs` (or those named on the command line) and exits 0, or exits non-zero with the
 * reason — 2 for a bad configuration, like every other entry point.
 */
export async function runMigrateMain(defs: readonly Pick<SubgraphDefinition<unknown>, 'name' | 'entities' | 'migrations' | 'ownerSql'>[], argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  let config: PlatformConfig;
  try {
    config = migrationConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[migrate] ${error.message}`);
    process.exit(2);
  }
  const ownerUrl = setting('MIGRATION_DATABASE_URL') ?? config.databaseUrl;
  if (!ownerUrl) {
    console.error('[migrate] MIGRATION_DATABASE_URL (or DATABASE_URL) must name the owner of the subgraph schemas');
    process.exit(2);
  }
  const unknown = argv.filter((name) => !defs.some((d) => d.name === name));
  if (unknown.length) {
    console.error(`[migrate] unknown subgraph ${unknown.join(', ')} (known: ${defs.map((d) => d.name).join(', ')})`);
    process.exit(2);
  }
  const chosen = argv.length ? defs.filter((d) => argv.includes(d.name)) : defs;
  // Each service's own URL, when given, carries its role's password (packages/platform/src/config.ts).
  const passwords: Record<string, string> = {};
  for (const def of chosen) {
    const url = setting(`${def.name.toUpperCase()}_DATABASE_URL` as 'CATALOG_DATABASE_URL');
    if (url) passwords[serviceRole(def.name)] = decodeURIComponent(new URL(url).password);
  }
  const gatewayUrl = setting('RATE_LIMIT_DATABASE_URL');
  if (gatewayUrl && decodeURIComponent(new URL(gatewayUrl).username) === GATEWAY_ROLE) passwords[GATEWAY_ROLE] = decodeURIComponent(new URL(gatewayUrl).password);
  const log = createLogger('migrate');
  try {
    await migrateSubgraphs(chosen, { ownerUrl, passwords, log });
    log.info({ subgraphs: chosen.map((d) => d.name) }, 'migration step done');
    // pino writes asynchronously: let it flush before exiting.
    await new Promise((r) => setTimeout(r, 50));
    process.exit(0);
  } catch (error) {
    console.error(`[migrate] ${(error as Error).message}`);
    process.exit(1);
  }
}
