import type { SubgraphDefinition } from './subgraph.js';
import { createSubgraphRuntime, seedOnce, serveSubgraph, startConsuming, startJobs } from './subgraph.js';
import { startBoss } from '../events/bus.js';
import { createLogger } from '../logging.js';
import { platformConfig } from '../config.js';
import { checkDatabaseReachable } from '../db/check.js';

/**
 * Process entry point of one subgraph: needs DATABASE_URL (the start script passes the embedded
 * cluster's URL), migrates its schema, consumes its inbox and serves GraphQL on loopback.
 */
export async function runSubgraphMain<L>(def: SubgraphDefinition<L>, defaultPort: number): Promise<void> {
  const log = createLogger(def.name);
  const url = process.env.PDO_DATABASE_VIA_IPC === '1' ? await databaseUrlFromParent() : platformConfig().databaseUrl;
  if (url) process.env.DATABASE_URL = url;
  const config = platformConfig();
  if (!url) {
    console.error(`[${def.name}] DATABASE_URL is not set: start the stack with \`pnpm start\` or set DATABASE_URL to a PostgreSQL server.`);
    process.exit(2);
  }
  try {
    await checkDatabaseReachable(url);
    const port = Number(process.env[`${def.name.toUpperCase()}_PORT`] ?? defaultPort);
    const boss = await startBoss(url, log);
    const rt = await createSubgraphRuntime(def, { databaseUrl: url, boss, log, config, consume: false });
    if (process.env.SEED_DEMO === '1' && (await seedOnce(rt))) log.info('demo data seeded');
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

/** `pnpm start` forks us before PostgreSQL is up, so module loading overlaps with its start. */
function databaseUrlFromParent(): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string; url?: string }) => {
      if (m?.type !== 'database' || !m.url) return;
      process.off('message', onMessage);
      resolve(m.url);
    };
    process.on('message', onMessage);
    process.once('disconnect', () => process.exit(0));
    // Asking (rather than waiting to be told) means no message is lost before we listen.
    process.send?.({ type: 'need-database' });
  });
}
