/**
 * The benchmark's stack: a fresh PostgreSQL (embedded, or a new database on DATABASE_URL's
 * server), every subgraph's migrations, the supergraph composed from the subgraphs' SDL, then the
 * five subgraphs and the gateways under test as separate processes on loopback — as in
 * production, where no gateway shares an event loop with a subgraph.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createSubgraphRuntime, startBoss, type SubgraphDefinition } from '@pdo/platform';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import { SUBGRAPHS, type SubgraphName } from '@pdo/events';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { definition as products } from '@pdo/products';
import { definition as revenue } from '@pdo/revenue';
import { definition as evaluation } from '@pdo/evaluation';
import { definition as delivery } from '@pdo/delivery';
import { responseCacheFromEnv } from '@pdo/gateway';
import { startProc, type Proc } from './procs.js';

/** The TTL both public response caches run with: our gateway's (RESPONSE_CACHE_TTL_MS, default 2 s). */
export const PUBLIC_CACHE_TTL_MS = responseCacheFromEnv().ttlMs;

export const DEFINITIONS: Record<SubgraphName, SubgraphDefinition<any>> = { catalog, licensing, products, revenue, evaluation, delivery };

export interface PreparedDatabase {
  db: TestDatabase;
  /** Supergraph composed from the subgraphs' current SDL (placeholder URLs; gateways get the real ones). */
  supergraphSdl: string;
  migrateMs: number;
}

/** Fresh database with all five subgraphs migrated; composes the supergraph from their SDL. */
export async function prepareDatabase(): Promise<PreparedDatabase> {
  // Room for the ×3 dataset's indexes (a quarter of a gigabyte for the charges' alone): with the default 128 MB,
  // loading it spent its time evicting index pages, and grew faster than the data. Every part measured here runs on
  // the same cluster, so the comparisons stay like for like.
  const db = await startTestDatabase({ settings: { shared_buffers: '1GB' } });
  const t = Date.now();
  const boss = await startBoss(db.url);
  const sdls: { name: string; typeDefs: ReturnType<typeof parse>; url: string }[] = [];
  try {
    for (const name of SUBGRAPHS) {
      const rt = await createSubgraphRuntime(DEFINITIONS[name], { databaseUrl: db.url, boss, consume: false });
      sdls.push({ name, typeDefs: parse(rt.sdl), url: `http://127.0.0.1:1/${name}` });
      await rt.orm.close();
    }
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
  }
  const composed = composeServices(sdls);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  return { db, supergraphSdl: composed.supergraphSdl, migrateMs: Date.now() - t };
}

export interface BenchStack {
  subgraphs: Record<SubgraphName, Proc>;
  gateways: Record<string, Proc>;
  stop(): Promise<void>;
}

export const GATEWAY_ENTRIES: Record<string, { entry: string; env?: NodeJS.ProcessEnv }> = {
  ours: { entry: 'packages/bench/src/servers/ours.ts' },
  // The same gateway with its public response cache off: every request planned and fetched.
  'ours-uncached': { entry: 'packages/bench/src/servers/ours.ts', env: { RESPONSE_CACHE_TTL_MS: '0' } },
  apollo: { entry: 'packages/bench/src/servers/apollo.ts' },
  hive: { entry: 'packages/bench/src/servers/hive.ts' },
  // Hive Gateway with its response-cache plugin, for anonymous callers, with our cache's TTL (servers/hive.ts).
  'hive-cached': { entry: 'packages/bench/src/servers/hive.ts', env: { BENCH_HIVE_CACHE_TTL_MS: String(PUBLIC_CACHE_TTL_MS) } },
  'hive-rust': { entry: 'packages/bench/src/servers/hive.ts', env: { BENCH_HIVE_PLANNER: 'rust' } },
  // Hive Gateway as it ships: concurrent identical subgraph calls share one fetch (servers/hive.ts). Not in the default set.
  'hive-dedup': { entry: 'packages/bench/src/servers/hive.ts', env: { BENCH_HIVE_DEDUP: '1' } },
};

/** Gateways that fail to start are reported through onGatewayError and left out (the rest still runs). */
export async function startBenchStack(
  databaseUrl: string,
  supergraphSdl: string,
  gateways: string[],
  extraEnv: NodeJS.ProcessEnv = {},
  onGatewayError: (name: string, error: unknown) => void = (name, e) => {
    throw new Error(`${name}: ${(e as Error).message}`);
  },
): Promise<BenchStack> {
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    DATABASE_URL: databaseUrl,
    SEED_DEMO: '0',
    EXPOSE_SQL_COUNT: '1',
    PDO_DATABASE_VIA_IPC: '0',
  };
  const started: Proc[] = [];
  try {
    // One at a time: five swc-transpiling processes at once on two cores only time out each other.
    const subgraphs = {} as Record<SubgraphName, Proc>;
    for (const name of SUBGRAPHS) {
      const p = await startProc(name, `subgraphs/${name}/src/main.ts`, { ...base, [`${name.toUpperCase()}_PORT`]: '0' });
      started.push(p);
      subgraphs[name] = p;
    }
    const urls = Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].url]));
    const dir = mkdtempSync(join(tmpdir(), 'pdo-bench-'));
    const file = join(dir, 'supergraph.graphql');
    writeFileSync(file, supergraphSdl);
    const gwEnv: NodeJS.ProcessEnv = { ...base, BENCH_SUPERGRAPH: file, BENCH_PORT: '0', BENCH_SUBGRAPH_URLS: JSON.stringify(urls) };
    for (const n of SUBGRAPHS) gwEnv[`${n.toUpperCase()}_URL`] = urls[n];
    const gws: Record<string, Proc> = {};
    for (const g of gateways) {
      const spec = GATEWAY_ENTRIES[g];
      if (!spec) throw new Error(`unknown gateway ${g}`);
      try {
        const p = await startProc(g, spec.entry, { ...gwEnv, ...(spec.env ?? {}) });
        started.push(p);
        gws[g] = p;
      } catch (e) {
        onGatewayError(g, e);
      }
    }
    return {
      subgraphs,
      gateways: gws,
      async stop() {
        await Promise.all(started.map((p) => p.stop()));
      },
    };
  } catch (e) {
    await Promise.all(started.map((p) => p.stop()));
    throw e;
  }
}
