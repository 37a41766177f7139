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
import { benchId, generate, KIND, SEARCH_TERM, JURISDICTION, pagedProduct } from './generate.js';
import { prepareDatabase, startBenchStack, type BenchStack } from './stack.js';
import { LISTING_QUERY, PRODUCT_QUERY } from './queries.js';
import { directListing, directProduct, subgraphOf, type DirectTarget } from './direct.js';
import { canonical, keepAliveAgent, postJson } from './http.js';
import { cannon, drive } from './load.js';
import { cpuMsOf, memoryOf, waitForQuiet, postmasterPid, processTree, treeMemory } from './procs.js';
import { benchSettlement } from './settle.js';
import { benchStart } from './start-time.js';
import { benchDataPlane } from './data-plane.js';
import { renderTable } from './report.js';
import type { Results, TargetResult } from './results.js';

const opts = runOptionsFrom();
const t0 = performance.now();
const log = (s: string) => process.stderr.write(`${s}\n`);
const results: Results = {
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAvgBefore: os.loadavg().map((x) => Math.round(x * 10) / 10) },
  options: { scale: { ...opts.scale }, duration: opts.duration, warmup: opts.warmup, connections: opts.connections, as: opts.as },
  workloads: [],
  memory: {},
  skipped: {},
};

const identity: Identity = opts.as === 'developer' ? { sub: 'bench-developer', role: 'DEVELOPER', org: benchId(KIND.developer, 1), jurisdiction: JURISDICTION } : ANONYMOUS;

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
    log(`• generated in ${(gen.ms / 1000).toFixed(1)} s: ${Object.entries(gen.rows).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}`);

    if (opts.parts.has('load') || opts.parts.has('sql')) {
      // BENCH_GATEWAYS picks and orders the gateways (e.g. to check that measuring first is no handicap).
      const chosen = process.env.BENCH_GATEWAYS?.split(',').map((g) => g.trim()).filter(Boolean);
      const gateways = opts.parts.has('load') ? (chosen ?? ['ours', 'ours-uncached', 'apollo', 'hive', ...(opts.hiveRust ? ['hive-rust'] : [])]) : [];
      stack = await startBenchStack(prepared.db.url, prepared.supergraphSdl, gateways, { BENCH_IDENTITY: JSON.stringify(identity) }, (name, e) => {
        results.skipped[name] = (e as Error).message.split('\n')[0]!;
        log(`  ! ${name} did not start: ${results.skipped[name]}`);
      });
      log(`• started ${Object.keys(stack.subgraphs).length} subgraphs and ${Object.keys(stack.gateways).join(', ') || 'no'} gateway(s)`);
      const secret = platformConfig().gatewaySecret;
      const agent = keepAliveAgent(opts.connections * 2);
      const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([n, p]) => [n, p.url]));
      const direct: DirectTarget = { urls, headers: (url, body) => signIdentityHeaders(identity, secret, { audience: subgraphOf(urls, url), method: 'POST', path: new URL(url).pathname, body }), agent };
      const pgPort = Number(new URL(prepared.db.url).port);
      if (opts.parts.has('load')) await runLoad(stack, direct, agent, postmasterPid(pgPort));
      if (opts.parts.has('sql')) await runSqlCount(direct);
      for (const [n, p] of Object.entries(stack.subgraphs)) results.memory[n] = memoryOf(p.child.pid);
      const pgPid = postmasterPid(pgPort);
      if (pgPid) results.memory.postgres = treeMemory(pgPid);
      agent.destroy();
      await stack.stop();
      stack = undefined;
    }

    if (opts.parts.has('settle')) {
      const waited = await waitForQuiet();
      log(`• settlement of the generated quarter (after ${(waited / 1000).toFixed(0)} s for the machine to go quiet) …`);
      results.settlement = await benchSettlement(prepared.db.url);
      const x = results.settlement;
      log(`  runSettlement ${x.settlementMs} ms vs SQL baseline ${x.baselineMs} ms (${x.ratio}×); cold, first runs: ${x.cold.settlementMs} vs ${x.cold.baselineMs} ms (${x.cold.ratio}×)`);
    }
  } finally {
    await stack?.stop().catch(() => {});
    await prepared.db.stop().catch(() => {});
  }

  if (opts.parts.has('dataplane')) {
    try {
      results.dataPlane = await benchDataPlane({ connections: opts.connections, duration: opts.duration, warmup: opts.warmup }, log);
    } catch (e) {
      results.skipped.dataplane = (e as Error).message.split('\n')[0]!;
      log(`  ! data plane: ${results.skipped.dataplane}`);
    }
  }
  if (opts.parts.has('start')) {
    log('• pnpm start, cold (fresh data directory) …');
    try {
      results.start = await benchStart();
      log(`  ready in ${results.start.wallS} s`);
    } catch (e) {
      results.skipped.start = (e as Error).message.split('\n')[0]!;
    }
  }
  results.totalS = Math.round((performance.now() - t0) / 100) / 10;
  results.machine.loadAvgAfter = os.loadavg().map((x) => Math.round(x * 10) / 10);

  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${results.startedAt.replace(/[:.]/g, '-')}.json`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${renderTable(results)}\n`);
  log(`\nfigures written to ${file.replace(fileURLToPath(new URL('../../../', import.meta.url)), '')} (${results.totalS} s in all)`);
}

async function runLoad(stack: BenchStack, direct: DirectTarget, agent: ReturnType<typeof keepAliveAgent>, pgPid: number | null) {
  // CPU of the stack's parts, read from /proc around each measured run (PostgreSQL's backends come and go: the tree is re-read).
  const probe = (gateway?: number) => () => ({
    ...(gateway ? { gateway: cpuMsOf(gateway) } : {}),
    subgraphs: Object.values(stack.subgraphs).reduce((a, p) => a + cpuMsOf(p.child.pid), 0),
    postgres: pgPid ? processTree(pgPid).reduce((a, p) => a + cpuMsOf(p), 0) : 0,
  });
  const cfg = gatewayConfig();
  const ourHeaders: Record<string, string> =
    identity.role === 'ANONYMOUS' ? {} : { authorization: `Bearer ${await mintToken(cfg, { sub: identity.sub, role: identity.role, org: identity.org, jurisdiction: identity.jurisdiction })}` };
  const workloads = [
    {
      name: 'listing',
      description: `productMarketplace(search: "${SEARCH_TERM}", first: 20) + facets; each product's operator, resources → source agencies, price, usage; 5 newly-listed announcements (products ‖ evaluation → catalog ‖ licensing → licensing)`,
      query: LISTING_QUERY,
      variables: { search: SEARCH_TERM, first: 20 },
      direct: () => directListing(direct, { search: SEARCH_TERM, first: 20 }),
    },
    {
      name: 'product page',
      description: 'dataProduct(id) with the same fields and the description, its price history and its disclosures (products ‖ revenue ‖ evaluation → catalog ‖ licensing → licensing)',
      query: PRODUCT_QUERY,
      variables: { id: benchId(KIND.product, pagedProduct(opts.scale.products)) },
      direct: () => directProduct(direct, { id: benchId(KIND.product, pagedProduct(opts.scale.products)) }),
    },
    {
      // Every request a different product: what a cache of whole responses cannot help with.
      name: 'product pages, all products',
      description: `the product page for each of the ${opts.scale.products.toLocaleString('en')} products in turn (a repeat only after every other product was asked for)`,
      query: PRODUCT_QUERY,
      variables: { id: benchId(KIND.product, 1) },
      bodies: Array.from({ length: opts.scale.products }, (_, i) => JSON.stringify({ query: PRODUCT_QUERY, variables: { id: benchId(KIND.product, i + 1) } })),
      direct: (() => {
        let i = 0;
        return () => directProduct(direct, { id: benchId(KIND.product, (i++ % opts.scale.products) + 1) });
      })(),
    },
  ];
  const load = { connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
  for (const w of workloads) {
    // The first call of each workload's direct journey answers the same request as w.query/w.variables.
    const reference = canonical((await w.direct()).data);
    // Warm the subgraphs (JIT, pools, PostgreSQL's cache) on this workload first, so the first
    // gateway measured does not pay for it. One warm-up period was not enough: measured first on
    // the listing, a gateway's requests cost the subgraphs ~40 % more CPU than measured second
    // (BENCH_GATEWAYS=apollo,ours-uncached vs the default order).
    await drive(w.direct, { ...load, duration: load.warmup * 4 });
    const body = JSON.stringify({ query: w.query, variables: w.variables });
    const targets: TargetResult[] = [];
    for (const [name, gw] of Object.entries(stack.gateways)) {
      const headers = name.startsWith('ours') ? ourHeaders : {};
      const res = await postJson(gw.url, { query: w.query, variables: w.variables }, headers, agent);
      const identical = !res.errors && canonical(res.data) === reference;
      if (!identical) log(`  ! ${name} answered ${w.name} differently: ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`);
      log(`• ${w.name}: ${name} …`);
      const r = await cannon({ url: gw.url, body, bodies: w.bodies, headers }, load, probe(gw.child.pid));
      targets.push({ target: name, load: r, identical });
      results.memory[name] = memoryOf(gw.child.pid);
      log(`  ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors || r.non2xx ? ` — ${r.errors} errors, ${r.non2xx} non-2xx` : ''}`);
    }
    log(`• ${w.name}: subgraphs directly …`);
    const d = await drive(w.direct, load, probe());
    targets.push({ target: 'direct', load: d, identical: true });
    log(`  ${d.rps} journeys/s, p50 ${d.p50} ms, p99 ${d.p99} ms`);
    for (const name of ['ours', 'ours-uncached']) {
      const gw = stack.gateways[name];
      if (!gw) continue;
      log(`• ${w.name}: ${name} on the same driver as direct …`);
      let i = 0;
      const o = await drive(async () => {
        const r = await postJson(gw.url, w.bodies ? JSON.parse(w.bodies[i++ % w.bodies.length]!) : { query: w.query, variables: w.variables }, ourHeaders, agent);
        if (r.errors) throw new Error(r.errors[0]!.message);
      }, load);
      targets.push({ target: `${name} (driver)`, load: o, identical: null });
      log(`  ${o.rps} req/s, p50 ${o.p50} ms, p99 ${o.p99} ms`);
    }
    results.workloads.push({ name: w.name, description: w.description, targets });
  }
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
