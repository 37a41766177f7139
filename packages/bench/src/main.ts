/**
 * `pnpm bench`: generates the dataset into a fresh database, starts the five subgraphs and the
 * gateways under test on loopback, and measures side by side on the same data — the listing
 * journey and the product page through our gateway, plain @apollo/gateway, Hive Gateway (JS and
 * Rust query planners) and the subgraphs directly; SQL statements per listing page; a settlement
 * of every generated usage record against a plain SQL baseline; `pnpm start` to ready; memory.
 * Prints one table and writes the figures to packages/bench/results/<timestamp>.json.
 *
 * Sizes: BENCH_SCALE=tiny|small|full (default full) and BENCH_RESOURCES, BENCH_PRODUCTS, …; run
 * length: BENCH_DURATION / BENCH_WARMUP (s), BENCH_CONNECTIONS; parts: BENCH_ONLY=load,sql,settle,start.
 * The same as flags: `pnpm bench --scale=small --duration=5 --only=load,sql`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { platformConfig, signIdentityHeaders, ANONYMOUS, type Identity } from '@pdo/platform';
import { gatewayConfig, mintToken } from '@pdo/gateway';
import { runOptionsFrom } from './scale.js';
import { benchId, generate, KIND, JURISDICTION } from './generate.js';
import { prepareDatabase, startBenchStack, type BenchStack } from './stack.js';
import { directListing, subgraphOf, type DirectTarget } from './direct.js';
import { canonical, keepAliveAgent } from './http.js';
import { memoryOf, waitForQuiet, postmasterPid, treeMemory } from './procs.js';
import { runJourneys, type Caller } from './journeys.js';
import { growthPoint, pointFromRun } from './growth.js';
import { explainListing } from './explain.js';
import { subgraphCalls } from './plan.js';
import { LISTING_QUERY, PRODUCT_QUERY } from './queries.js';
import { benchSettlement } from './settle.js';
import { benchStart } from './start-time.js';
import { benchDataPlane } from './data-plane.js';
import { renderTable } from './report.js';
import type { Results } from './results.js';

const opts = runOptionsFrom();
const load = { connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
const t0 = performance.now();
const log = (s: string) => process.stderr.write(`${s}\n`);
/** Marks the end of a part of the run: its seconds since the previous mark go to results.partsS. */
let lastMark = t0;
const mark = (part: string) => {
  const now = performance.now();
  results.partsS = { ...results.partsS, [part]: Math.round((now - lastMark) / 100) / 10 };
  lastMark = now;
};
const results: Results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAvgBefore: os.loadavg().map((x) => Math.round(x * 10) / 10) },
  options: { scale: { ...opts.scale }, duration: opts.duration, warmup: opts.warmup, connections: opts.connections, as: opts.callers.join(',') },
  workloads: [],
  memory: {},
  skipped: {},
};

const DEVELOPER: Identity = { sub: 'bench-developer', role: 'DEVELOPER', org: benchId(KIND.developer, 1), jurisdiction: JURISDICTION };
const identities: Record<Caller, Identity> = { anonymous: ANONYMOUS, developer: DEVELOPER };
/** The developer's bearer token: our gateway verifies it; the others forward the same developer when they see one (servers/common.ts). */
const callerHeaders = async (): Promise<Record<Caller, Record<string, string>>> => {
  const token = await mintToken(gatewayConfig(), { sub: DEVELOPER.sub, role: 'DEVELOPER', org: DEVELOPER.org, jurisdiction: DEVELOPER.jurisdiction });
  return { anonymous: {}, developer: { authorization: `Bearer ${token}` } };
};

async function main() {
  log(`pnpm bench — scale ${opts.scale.name}: ${opts.scale.resources.toLocaleString('en')} resources, ${opts.scale.products.toLocaleString('en')} products, ${opts.scale.developers.toLocaleString('en')} developers, ${opts.scale.usageRecords.toLocaleString('en')} usage records; ${opts.connections} connections, ${opts.warmup} s warm-up + ${opts.duration} s per run`);
  const prepared = await prepareDatabase();
  log(`• fresh PostgreSQL, five subgraphs migrated, supergraph composed (${(prepared.migrateMs / 1000).toFixed(1)} s)`);
  let stack: BenchStack | undefined;
  try {
    const bar = new cliProgress.SingleBar(
      { format: '  generating [{bar}] {percentage}% | {step}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 3000, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { step: '' });
    const gen = await generate(prepared.db.url, opts.scale, (step, done, total) => {
      bar.setTotal(total);
      bar.update(done, { step });
    });
    bar.stop();
    results.generate = { ms: gen.ms, migrateMs: prepared.migrateMs, rows: gen.rows };
    mark('database and dataset');
    log(`• generated in ${(gen.ms / 1000).toFixed(1)} s: ${Object.entries(gen.rows).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}`);

    if (opts.parts.has('load') || opts.parts.has('sql') || opts.parts.has('explain')) {
      // BENCH_GATEWAYS picks and orders the gateways (e.g. to check that measuring first is no handicap).
      const gateways = opts.parts.has('load') ? (opts.gateways ?? ['ours', 'ours-uncached', 'hive-cached', 'hive', 'apollo', ...(opts.hiveRust ? ['hive-rust'] : [])]) : [];
      stack = await startBenchStack(prepared.db.url, prepared.supergraphSdl, gateways, { BENCH_SIGNED_IN_IDENTITY: JSON.stringify(DEVELOPER) }, (name, e) => {
        results.skipped[name] = (e as Error).message.split('\n')[0]!;
        log(`  ! ${name} did not start: ${results.skipped[name]}`);
      });
      log(`• started ${Object.keys(stack.subgraphs).length} subgraphs and ${Object.keys(stack.gateways).join(', ') || 'no'} gateway(s)`);
      const secret = platformConfig().gatewaySecret;
      const agent = keepAliveAgent(opts.connections * 2);
      const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([n, p]) => [n, p.url]));
      const direct: DirectTarget = { urls, headers: (url, body) => signIdentityHeaders(ANONYMOUS, secret, { audience: subgraphOf(urls, url), method: 'POST', path: new URL(url).pathname, body }), agent };
      const pgPort = Number(new URL(prepared.db.url).port);
      if (opts.parts.has('load')) {
        await runJourneys(stack, { scale: opts.scale, callers: opts.callers, load, identities, headers: await callerHeaders(), secret, agent, pgPid: postmasterPid(pgPort), log }, results);
        mark('journeys');
      }
      if (opts.parts.has('sql')) await runSqlCount(direct);
      if (opts.parts.has('explain')) {
        // The subgraph calls each page costs, from the query plan of the supergraph every gateway here serves.
        results.subgraphCalls = { listing: subgraphCalls(prepared.supergraphSdl, LISTING_QUERY), product: subgraphCalls(prepared.supergraphSdl, PRODUCT_QUERY) };
        log(`• subgraph calls per page (query plan): listing ${results.subgraphCalls.listing.join(', ')}; product page ${results.subgraphCalls.product.join(', ')}`);
        results.statementCosts = await explainListing(prepared.db.url);
        log(`• EXPLAIN (ANALYZE, BUFFERS) of the listing's ${results.statementCosts.length} statements: ${results.statementCosts.reduce((a, c) => a + c.executionMs + c.planningMs, 0).toFixed(1)} ms executing and planning`);
      }
      for (const [n, p] of Object.entries(stack.subgraphs)) results.memory[n] = memoryOf(p.child.pid);
      const pgPid = postmasterPid(pgPort);
      if (pgPid) results.memory.postgres = treeMemory(pgPid);
      agent.destroy();
      await stack.stop();
      stack = undefined;
      mark('statements and memory');
    }

    if (opts.parts.has('settle')) {
      const waited = await waitForQuiet();
      log(`• settlement of the generated quarter (after ${(waited / 1000).toFixed(0)} s for the machine to go quiet) …`);
      results.settlement = await benchSettlement(prepared.db.url);
      const x = results.settlement;
      log(`  runSettlement ${x.settlementMs} ms vs SQL baseline ${x.baselineMs} ms (${x.ratio}×); cold, first runs: ${x.cold.settlementMs} vs ${x.cold.baselineMs} ms (${x.cold.ratio}×)`);
      mark('settlement');
    }
  } finally {
    await stack?.stop().catch(() => {});
    await prepared.db.stop().catch(() => {});
  }

  if (opts.parts.has('growth') && opts.growth.length) {
    const headers = await callerHeaders();
    const secret = platformConfig().gatewaySecret;
    const measured = { load: opts.parts.has('load'), settle: opts.parts.has('settle') };
    const points = [];
    for (const factor of opts.growth.filter((f) => f < 1)) points.push(await growthPoint(opts.scale, factor, { load, identities, headers, secret, log }, measured));
    points.push(pointFromRun(results, opts.scale));
    for (const factor of opts.growth.filter((f) => f > 1)) points.push(await growthPoint(opts.scale, factor, { load, identities, headers, secret, log }, measured));
    results.growth = points;
    mark('growth');
  }
  if (opts.parts.has('dataplane')) {
    try {
      results.dataPlane = await benchDataPlane({ connections: opts.connections, duration: opts.duration, warmup: opts.warmup }, log);
    } catch (e) {
      results.skipped.dataplane = (e as Error).message.split('\n')[0]!;
      log(`  ! data plane: ${results.skipped.dataplane}`);
    }
    mark('data plane');
  }
  if (opts.parts.has('start')) {
    log('• pnpm start, cold (fresh data directory) …');
    try {
      results.start = await benchStart();
      log(`  ready in ${results.start.wallS} s`);
    } catch (e) {
      results.skipped.start = (e as Error).message.split('\n')[0]!;
    }
    mark('pnpm start');
  }
  results.totalS = Math.round((performance.now() - t0) / 100) / 10;
  results.machine.loadAvgAfter = os.loadavg().map((x) => Math.round(x * 10) / 10);

  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${results.startedAt.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${renderTable(results)}\n`);
  log(`\nfigures written to ${file.replace(fileURLToPath(new URL('../../../', import.meta.url)), '')} (${results.totalS} s in all: ${Object.entries(results.partsS ?? {}).map(([k, v]) => `${k} ${v} s`).join(', ')})`);
}

async function runSqlCount(direct: DirectTarget) {
  results.sqlPerPage = [];
  for (const first of [10, 100, 1000]) {
    const r = await directListing(direct, { first });
    const total = Object.values(r.sql).reduce((a, b) => a + b, 0);
    results.sqlPerPage.push({ first, items: r.data.productMarketplace.edges.length, statements: Object.fromEntries(Object.entries(r.sql).sort()), total });
  }
  results.sqlEqual = results.sqlPerPage.every((p) => canonical(p.statements) === canonical(results.sqlPerPage![0]!.statements));
  log(`• SQL statements per listing page: ${results.sqlPerPage.map((p) => `${p.first} → ${p.total}`).join(', ')} (${results.sqlEqual ? 'equal' : 'NOT equal'})`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`✖ bench failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
