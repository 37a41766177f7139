import type { SubgraphDefinition } from './subgraph.js';
import { createSubgraphRuntime, seedOnce, serveSubgraph, startConsuming, startJobs } from './subgraph.js';
import { republishOnce } from './republish.js';
import { installBossSchema, startBoss, PGBOSS_SCHEMA } from '../events/bus.js';
import { databaseUrls, ensureServiceRoles, rolesEnabled, stackRoleUrls } from '../db/roles.js';
import { createLogger } from '../logging.js';
import { ConfigError, platformConfig, type PlatformConfig } from '../config.js';
import { checkDatabaseReachable } from '../db/check.js';
import { startTracing } from '../observability/tracing.js';

/**
 * Process entry point of one subgraph: needs DATABASE_URL (the start script passes the embedded
 * cluster's URL), migrates its schema, consumes its inbox and serves GraphQL on loopback.
 *
 * Database roles (db/roles.ts): with MIGRATION_DATABASE_URL (the owner) and DATABASE_URL (this
 * service's role, e.g. pdo_catalog), migrations and grants run as the owner and the service as its
 * role; with DATABASE_URL alone (the owner), the roles are created at migration time and the
 * service connects as its role with the password derived from DB_ROLE_SECRET. With
 * MIGRATE_ON_START=0 (production, after the migration step of packages/migrate) it does neither: it
 * connects as the service and refuses to start if its schema lacks a migration this code expects.
 */
export async function runSubgraphMain<L>(def: SubgraphDefinition<L>, defaultPort: number): Promise<void> {
  let config: PlatformConfig;
  try {
    // The whole configuration first: a bad value refuses to start, naming the variable.
    config = platformConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[${def.name}] ${error.message}`);
    process.exit(2);
  }
  const log = createLogger(def.name);
  const url = config.databaseUrl;
  if (!url) {
    console.error(`[${def.name}] DATABASE_URL is not set: start the stack with \`pnpm start\` or set DATABASE_URL to a PostgreSQL server.`);
    process.exit(2);
  }
  try {
    // Before any connection: SQL spans need the instrumented pg client (docs/operations.md).
    await startTracing({ serviceName: config.otelServiceName ?? def.name, endpoint: config.otelEndpoint ?? undefined });
    const urls = databaseUrls(def.name);
    await checkDatabaseReachable(config.migrateOnStart ? (urls.migration ?? urls.service) : urls.service);
    const port = config.subgraphPorts[def.name] ?? defaultPort;
    // MIGRATE_ON_START=0: the migration step (packages/migrate) did this; the service only checks it.
    const migrateHere = config.migrateOnStart;
    if (migrateHere && urls.migration && urls.queueRole) {
      await installBossSchema(urls.migration);
      await ensureServiceRoles(urls.migration, [def.name], { queueSchema: PGBOSS_SCHEMA });
    }
    const boss = await startBoss(urls.queue, log, { role: urls.queueRole });
    const rt = await createSubgraphRuntime(def, { databaseUrl: urls.service, migrationUrl: migrateHere ? urls.migration : null, boss, log, config, consume: false, migrate: migrateHere });
    const seeded = config.seedDemo && (await seedOnce(rt));
    if (seeded) log.info('demo data seeded');
    const republished = await republishOnce(rt, { seeded });
    if (republished.length) log.info({ republished }, 'facts published again for their newer consumers');
    await startConsuming(rt);
    const stopJobs = startJobs(rt);
    const { server, port: actual } = await serveSubgraph(rt, port);
    log.info({ port: actual }, 'subgraph ready');
    process.send?.({ type: 'ready', subgraph: def.name, port: actual });
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      stopJobs();
      server.close();
      await boss.stop({ graceful: true, timeout: 3000 } as never).catch(() => {});
      await rt.orm.close().catch(() => {});
      process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    process.on('disconnect', stop);
  } catch (error) {
    console.error(`[${def.name}] ${(error as Error).message}`);
    process.exit(1);
  }
}

export interface RunningSubgraphs {
  ports: Record<string, number>;
  stop(): Promise<void>;
}

/**
 * Several subgraphs in one process (`pnpm start` on a developer machine): each keeps its own
 * schema, ORM, HTTP server and port, exactly as when deployed alone, but the code is loaded once,
 * which on a small machine is most of the start time and memory. Seeds all run before any
 * subgraph consumes events, so seeds never race consumers.
 */
export async function runSubgraphsTogether(defs: SubgraphDefinition<any>[], opts: { databaseUrl: string; ports: Record<string, number>; seed: boolean }): Promise<RunningSubgraphs> {
  const log = createLogger('stack');
  const config = platformConfig();
  await startTracing({ serviceName: config.otelServiceName ?? 'pdo', endpoint: config.otelEndpoint ?? undefined });
  const roles = await prepareStackRoles(opts.databaseUrl, defs.map((d) => d.name));
  const boss = await startBoss(roles.queue, log);
  const runtimes = await Promise.all(
    defs.map((def) => createSubgraphRuntime(def, { databaseUrl: roles.services[def.name]!, migrationUrl: opts.databaseUrl, boss, log: createLogger(def.name), config, consume: false })),
  );
  for (const rt of runtimes) {
    const seeded = opts.seed && (await seedOnce(rt));
    if (seeded) rt.log.info('demo data seeded');
    const republished = await republishOnce(rt, { seeded });
    if (republished.length) rt.log.info({ republished }, 'facts published again for their newer consumers');
  }
  for (const rt of runtimes) await startConsuming(rt);
  const stops = runtimes.map((rt) => startJobs(rt));
  const servers = await Promise.all(runtimes.map((rt) => serveSubgraph(rt, opts.ports[rt.definition.name]!)));
  return {
    ports: Object.fromEntries(servers.map((s, i) => [runtimes[i]!.definition.name, s.port])),
    async stop() {
      stops.forEach((s) => s());
      for (const s of servers) {
        s.server.closeAllConnections();
        s.server.close();
      }
      await boss.stop({ graceful: true, timeout: 3000 } as never).catch(() => {});
      await Promise.all(runtimes.map((rt) => rt.orm.close().catch(() => {})));
    },
  };
}

/**
 * Development and test stacks get the owner's URL: create the roles (db/roles.ts) and return the
 * URL each part connects with — every subgraph as its own role, pg-boss as the queue role. With
 * DB_SERVICE_ROLES=off everything is the owner's URL, as before.
 */
export async function prepareStackRoles(ownerUrl: string, subgraphs: readonly string[]): Promise<{ services: Record<string, string>; queue: string }> {
  if (!rolesEnabled()) return { services: Object.fromEntries(subgraphs.map((s) => [s, ownerUrl])), queue: ownerUrl };
  await installBossSchema(ownerUrl);
  await ensureServiceRoles(ownerUrl, subgraphs, { queueSchema: PGBOSS_SCHEMA });
  return stackRoleUrls(ownerUrl, subgraphs);
}
