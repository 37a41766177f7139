/**
 * `pnpm start`: the whole stack on one machine. PostgreSQL (embedded under .data/ unless
 * DATABASE_URL is set), the five subgraphs (each on its own port, with its own schema) and the
 * gateway; demo data on an empty database; tokens for the demo users. Ctrl-C stops all of it,
 * PostgreSQL included.
 *
 * The subgraphs and the gateway share this one process: loading their code once instead of six
 * times is most of the start time on a small machine. In production each subgraph runs alone
 * from its own `subgraphs/<name>/src/main.ts`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, checkDatabaseReachable, startEmbeddedPostgres, type EmbeddedDatabase, type RunningSubgraphs } from '@pdo/platform';
import { DEMO_USERS } from '@pdo/demo';
import { gatewayConfig, type GatewayConfig } from '../gateway/src/config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// From the process's own start, so the figure includes loading the code.
const started = performance.timeOrigin;
let pgServer: EmbeddedDatabase | undefined;
let subgraphs: RunningSubgraphs | undefined;
let gateway: { stop(): Promise<void> } | undefined;
let shuttingDown = false;

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  await gateway?.stop().catch(() => {});
  await subgraphs?.stop().catch(() => {});
  if (pgServer) await pgServer.stop().catch(() => {});
  process.exit(code);
}

function fail(message: string): Promise<never> {
  console.error(`✖ ${message}`);
  return shutdown(1).then(() => {
    throw new Error(message);
  });
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// `pnpm start` seeds the demo world unless told otherwise (never in production: the schema refuses it there).
if (process.env.NODE_ENV !== 'production') process.env.SEED_DEMO ??= '1';
// The whole configuration (the gateway's and every subgraph's variables) before anything starts:
// a bad value refuses to start, naming the variable (packages/platform/src/config.ts, gateway/src/config.ts).
let startConfig: GatewayConfig;
try {
  startConfig = gatewayConfig(process.env);
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}

async function startDatabase(): Promise<string> {
  const external = startConfig.databaseUrl;
  if (external) {
    await checkDatabaseReachable(external).catch((e: Error) => fail(e.message));
    console.log('• PostgreSQL from DATABASE_URL');
    return external;
  }
  const port = startConfig.pgPort;
  const dataDir = startConfig.pgDataDir ?? join(root, '.data', 'pg');
  pgServer = await startEmbeddedPostgres({ dataDir, port }).catch((e: Error) => fail(`Embedded PostgreSQL failed to start: ${e.message}`));
  console.log(`• PostgreSQL (embedded) on port ${port}, data in ${startConfig.pgDataDir ?? '.data/pg'}`);
  return pgServer.url;
}

async function main() {
  // Load the code while PostgreSQL starts.
  const [databaseUrl, platform, gatewayModule, ...definitions] = await Promise.all([
    startDatabase(),
    import('@pdo/platform'),
    import('@pdo/gateway'),
    import('@pdo/catalog').then((m) => m.definition),
    import('@pdo/licensing').then((m) => m.definition),
    import('@pdo/products').then((m) => m.definition),
    import('@pdo/revenue').then((m) => m.definition),
    import('@pdo/evaluation').then((m) => m.definition),
    import('@pdo/delivery').then((m) => m.definition),
  ]);
  const { mintToken, startGateway } = gatewayModule;
  const ports = startConfig.subgraphPorts;
  // The subgraphs and the gateway of this process read the embedded cluster's URL.
  process.env.DATABASE_URL = databaseUrl;
  subgraphs = await platform.runSubgraphsTogether(definitions, { databaseUrl, ports, seed: startConfig.seedDemo });
  // The gateway serves the checked-in supergraph: it does not need to ask the subgraphs first.
  gateway = await startGateway({}, process.env);
  const config = gatewayConfig(process.env);
  const url = `http://localhost:${config.port}/graphql`;
  console.log(`\n✔ Ready in ${((Date.now() - started) / 1000).toFixed(1)} s — gateway: ${url}  (health: http://localhost:${config.port}/health, console: http://localhost:${config.port}/console/)\n`);
  if (config.explorerEnabled) console.log(`  GraphQL explorer (GraphiQL): open ${url} in a browser; public schema: http://localhost:${config.port}/schema.graphql\n`);
  if (config.jwtSecret) {
    console.log(`Demo tokens (Authorization: Bearer <token>), valid ${formatDuration(config.jwtMaxLifetimeSec)} (JWT_MAX_LIFETIME; \`pnpm run token <user>\` mints a fresh one):`);
    for (const u of DEMO_USERS) {
      const token = await mintToken(config, { sub: u.sub, role: u.role, org: u.org, jurisdiction: u.jurisdiction, name: u.nameZh });
      console.log(`  ${u.key.padEnd(13)} ${u.role.padEnd(11)} ${u.jurisdiction.padEnd(4)} ${token}`);
    }
  }
  console.log('\nPress Ctrl-C to stop everything.');
}

function formatDuration(sec: number): string {
  return sec % 3600 === 0 ? `${sec / 3600} h` : sec % 60 === 0 ? `${sec / 60} min` : `${sec} s`;
}

main().catch((e) => {
  if (!shuttingDown) {
    console.error(`✖ ${(e as Error).message}`);
    void shutdown(1);
  }
});
