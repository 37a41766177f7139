/**
 * The fixed cost of a subgraph call and a gateway's cost per listing, in CPU ms per request read
 * from /proc (issue 22; packages/bench/README.md, "The fixed cost of a call"). Generates a dataset
 * (BENCH_SCALE, default small), starts the subgraphs and the gateways as `pnpm bench` does
 * (separate processes; BENCH_CPU_PROF=<dir> profiles them), then at CALL_COST_CONNECTIONS
 * concurrent callers (default 4):
 * - one subgraph call, signed per request and sent straight to the subgraph: licensing's
 *   `_entities` for 20 organizations (the listing's operators) and an empty `{ __typename }` on
 *   products (nothing but the fixed cost);
 * - the anonymous listing through each gateway of BENCH_GATEWAYS (default ours-uncached, hive,
 *   hive-dedup): CPU per listing of the gateway, the subgraphs and PostgreSQL, and the subgraph
 *   calls each listing made, counted from the subgraphs' own request counters (`/metrics`).
 * `node --import @swc-node/register/esm-register packages/bench/src/call-cost.ts`
 * Env: CALL_COST_REQUESTS (default 2000 per subgraph row, a quarter of it per listing row).
 */
import os from 'node:os';
import { platformConfig, signIdentityHeaders, ANONYMOUS } from '@pdo/platform';
import { runOptionsFrom } from './scale.js';
import { benchId, generate, KIND, SEARCH_TERM } from './generate.js';
import { prepareDatabase, startBenchStack } from './stack.js';
import { keepAliveAgent, postJson } from './http.js';
import { cpuMsOf, postmasterPid, processTree } from './procs.js';
import { LISTING_QUERY, ORG_ENTITIES } from './queries.js';
import { subgraphOf } from './direct.js';
import { SUBGRAPHS } from '@pdo/events';

const opts = runOptionsFrom({ ...process.env, BENCH_SCALE: process.env.BENCH_SCALE ?? 'small' });
const N = Number(process.env.CALL_COST_REQUESTS ?? 2000);
const C = Number(process.env.CALL_COST_CONNECTIONS ?? 4);
const gateways = (process.env.BENCH_GATEWAYS ?? 'ours-uncached,hive,hive-dedup').split(',').map((g) => g.trim()).filter(Boolean);
const log = (s: string) => process.stderr.write(`${s}\n`);
const secret = platformConfig().gatewaySecret;
const agent = keepAliveAgent(C * 2);
const round = (x: number) => Math.round(x * 100) / 100;
const t0 = performance.now();
const at = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

/** postJson, once more on a pooled socket the server closed while it idled (its keep-alive timeout). */
async function post(url: string, body: unknown, headers: Record<string, string> | ((text: string) => Record<string, string>)) {
  try {
    return await postJson(url, body, headers, agent);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') throw e;
    return postJson(url, body, headers, agent);
  }
}

/** Sends `n` requests from `c` concurrent callers; each request made by `one`. */
async function drive(n: number, one: () => Promise<void>): Promise<void> {
  let left = n;
  await Promise.all(Array.from({ length: C }, async () => {
    while (left-- > 0) await one();
  }));
}

/** Requests a subgraph has answered on /graphql so far (its access counter). */
async function graphqlRequests(url: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith('pdo_http_requests_total{') && line.includes('route="graphql"')) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

const prepared = await prepareDatabase();
const gen = await generate(prepared.db.url, opts.scale, () => {});
log(`• ${opts.scale.name}: generated in ${(gen.ms / 1000).toFixed(1)} s; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const stack = await startBenchStack(prepared.db.url, prepared.supergraphSdl, gateways, { BENCH_SIGNED_IN_IDENTITY: JSON.stringify({ sub: 'bench', role: 'DEVELOPER', org: null, jurisdiction: 'HN' }) });
log(`• stack started at ${at()}`);
const pgPid = postmasterPid(Number(new URL(prepared.db.url).port));
const urls = Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].url]));
const sign = (url: string) => (text: string) => signIdentityHeaders(ANONYMOUS, secret, { audience: subgraphOf(urls, url), method: 'POST', path: '/graphql', body: text });
const pg = () => (pgPid ? processTree(pgPid).reduce((a, p) => a + cpuMsOf(p), 0) : 0);
const rows: Record<string, unknown>[] = [];

async function measure(label: string, n: number, pid: number, one: () => Promise<void>): Promise<void> {
  await drive(Math.max(50, n / 10), one);
  await new Promise((r) => setTimeout(r, 500));
  const load = os.loadavg()[0]!;
  const counts0 = await Promise.all(SUBGRAPHS.map((s) => graphqlRequests(urls[s]!)));
  const subs0 = SUBGRAPHS.map((s) => cpuMsOf(stack.subgraphs[s].child.pid));
  const [own0, pg0] = [cpuMsOf(pid), pg()];
  await drive(n, one);
  const [own1, pg1] = [cpuMsOf(pid), pg()];
  const subs1 = SUBGRAPHS.map((s) => cpuMsOf(stack.subgraphs[s].child.pid));
  const counts1 = await Promise.all(SUBGRAPHS.map((s) => graphqlRequests(urls[s]!)));
  const calls = Object.fromEntries(SUBGRAPHS.map((s, i) => [s, round((counts1[i]! - counts0[i]!) / n)]).filter(([, v]) => (v as number) > 0.005));
  const row = {
    row: label,
    requests: n,
    cpuMsPerRequest: round((own1 - own0) / n),
    subgraphsMsPerRequest: round(subs1.reduce((a, b, i) => a + b - subs0[i]!, 0) / n),
    postgresMsPerRequest: round((pg1 - pg0) / n),
    subgraphCallsPerRequest: calls,
    loadAverage: round(load),
  };
  rows.push(row);
  log(`${at()} ${JSON.stringify(row)}`);
}

try {
  const operators = Array.from({ length: 20 }, (_, i) => ({ __typename: 'Organization', id: benchId(KIND.operator, 1 + (i % opts.scale.operators)) }));
  const entitiesBody = { query: ORG_ENTITIES, variables: { representations: operators } };
  const check = await post(urls.licensing!, entitiesBody, sign(urls.licensing!));
  if (check.errors?.length || !check.data?._entities?.[0]) throw new Error(`licensing _entities: ${JSON.stringify(check).slice(0, 300)}`);
  await measure('licensing _entities (20 organizations), direct', N, stack.subgraphs.licensing.child.pid!, async () => {
    await post(urls.licensing!, entitiesBody, sign(urls.licensing!));
  });
  await measure('products { __typename }, direct', N, stack.subgraphs.products.child.pid!, async () => {
    await post(urls.products!, { query: '{ __typename }' }, sign(urls.products!));
  });
  const listing = { query: LISTING_QUERY, variables: { search: SEARCH_TERM, first: 20 } };
  for (const g of gateways) {
    const gw = stack.gateways[g]!;
    const first = await post(gw.url, listing, {});
    if (first.errors?.length) throw new Error(`${g}: ${JSON.stringify(first.errors).slice(0, 300)}`);
    await measure(`listing via ${g} (gateway's CPU)`, Math.round(N / 4), gw.child.pid!, async () => {
      await post(gw.url, listing, {});
    });
  }
  console.log(JSON.stringify({ scale: opts.scale.name, connections: C, loadAvgAfter: os.loadavg().map(round), rows }, null, 1));
} finally {
  await stack.stop();
  await prepared.db.stop();
}
process.exit(0);
