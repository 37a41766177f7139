/**
 * The journeys under load, like for like: every gateway's response is first checked against the
 * subgraphs' own answer, then each gateway is driven with autocannon at fixed concurrency, and the
 * subgraphs directly on the closed-loop driver. Twice: as the anonymous public (where ours and
 * Hive Gateway may each answer from their response cache, with the same TTL) and as a signed-in
 * developer (a bearer token: no public cache anywhere, every request planned and fetched).
 */
import type http from 'node:http';
import { signIdentityHeaders, type Identity } from '@pdo/platform';
import { benchId, KIND, SEARCH_TERM, pagedProduct } from './generate.js';
import { LISTING_QUERY, PRODUCT_QUERY } from './queries.js';
import { directListing, directProduct, subgraphOf, type DirectTarget } from './direct.js';
import { canonical, postJson } from './http.js';
import { cannon, drive, type CpuProbe } from './load.js';
import { cpuMsOf, memoryOf, processTree } from './procs.js';
import type { BenchStack } from './stack.js';
import type { Scale } from './scale.js';
import type { Results, TargetResult } from './results.js';

export type Caller = 'anonymous' | 'developer';

export interface JourneyOptions {
  scale: Scale;
  callers: Caller[];
  load: { connections: number; duration: number; warmup: number };
  /** Identity and request headers per caller (the developer's bearer token). */
  identities: Record<Caller, Identity>;
  headers: Record<Caller, Record<string, string>>;
  secret: string;
  agent: http.Agent;
  pgPid: number | null;
  /** Which gateways run (default: all started); which workloads (default: all three). */
  gateways?: string[];
  workloads?: string[];
  /** Also our gateway on the direct journey's driver (its overhead over the subgraphs). */
  driverRows?: boolean;
  /** Also the subgraphs directly (the floor a gateway adds to); the growth table leaves it out. */
  directRows?: boolean;
  log: (s: string) => void;
}

/**
 * CPU of the stack's parts, read from /proc around each measured run: the gateway, each subgraph
 * (`sub:<name>`) and their sum, PostgreSQL (its backends come and go: the tree is re-read).
 */
export function cpuProbe(stack: BenchStack, pgPid: number | null, gateway?: number): CpuProbe {
  return () => {
    const each = Object.fromEntries(Object.entries(stack.subgraphs).map(([n, p]) => [`sub:${n}`, cpuMsOf(p.child.pid)]));
    return {
      ...(gateway ? { gateway: cpuMsOf(gateway) } : {}),
      subgraphs: Object.values(each).reduce((a, b) => a + b, 0),
      postgres: pgPid ? processTree(pgPid).reduce((a, p) => a + cpuMsOf(p), 0) : 0,
      ...each,
    };
  };
}

/** A gateway's cached variant measures nothing new for a signed-in caller (no public cache): only the plain ones run. */
const cachedVariant = (name: string) => name.endsWith('-cached') || name === 'ours-uncached';

export async function runJourneys(stack: BenchStack, o: JourneyOptions, results: Pick<Results, 'workloads' | 'memory'>): Promise<void> {
  const urls = Object.fromEntries(Object.entries(stack.subgraphs).map(([n, p]) => [n, p.url]));
  const direct = (caller: Caller): DirectTarget => ({
    urls,
    headers: (url, body) => signIdentityHeaders(o.identities[caller], o.secret, { audience: subgraphOf(urls, url), method: 'POST', path: new URL(url).pathname, body }),
    agent: o.agent,
  });
  const productId = benchId(KIND.product, pagedProduct(o.scale.products));
  const workloads = [
    {
      name: 'listing',
      description: `productMarketplace(search: "${SEARCH_TERM}", first: 20) + facets; each product's operator, resources → source agencies, price, usage; 5 newly-listed announcements (products ‖ evaluation: products answers the names from its projections)`,
      query: LISTING_QUERY,
      variables: { search: SEARCH_TERM, first: 20 },
      direct: (t: DirectTarget) => () => directListing(t, { search: SEARCH_TERM, first: 20 }),
    },
    {
      name: 'product page',
      description: 'dataProduct(id) with the same fields and the description, its price history and its disclosures (products ‖ revenue ‖ evaluation)',
      query: PRODUCT_QUERY,
      variables: { id: productId },
      direct: (t: DirectTarget) => () => directProduct(t, { id: productId }),
    },
    {
      // Every request a different product: what a cache of whole responses cannot help with.
      name: 'product pages, all products',
      description: `the product page for each of the ${o.scale.products.toLocaleString('en')} products in turn (a repeat only after every other product was asked for)`,
      query: PRODUCT_QUERY,
      variables: { id: benchId(KIND.product, 1) },
      bodies: Array.from({ length: o.scale.products }, (_, i) => JSON.stringify({ query: PRODUCT_QUERY, variables: { id: benchId(KIND.product, i + 1) } })),
      direct: (t: DirectTarget) => {
        let i = 0;
        return () => directProduct(t, { id: benchId(KIND.product, (i++ % o.scale.products) + 1) });
      },
    },
  ].filter((w) => !o.workloads || o.workloads.includes(w.name));
  const gateways = Object.entries(stack.gateways).filter(([n]) => !o.gateways || o.gateways.includes(n));
  let warmed = false;
  for (const caller of o.callers) {
    for (const w of workloads) {
      const journey = w.direct(direct(caller));
      // The first call of each workload's direct journey answers the same request as w.query/w.variables.
      const reference = canonical((await journey()).data);
      // Warm the subgraphs (JIT, pools, PostgreSQL's cache) on this workload first, so the first
      // gateway measured does not pay for it. One warm-up period was not enough: measured first on
      // the listing, a gateway's requests cost the subgraphs ~40 % more CPU than measured second.
      if (!warmed) await drive(journey, { ...o.load, duration: o.load.warmup * 4 });
      const body = JSON.stringify({ query: w.query, variables: w.variables });
      const headers = o.headers[caller];
      const targets: TargetResult[] = [];
      for (const [name, gw] of gateways) {
        if (caller !== 'anonymous' && cachedVariant(name)) continue;
        const res = await postJson(gw.url, { query: w.query, variables: w.variables }, headers, o.agent);
        const identical = !res.errors && canonical(res.data) === reference;
        if (!identical) o.log(`  ! ${name} answered ${w.name} (${caller}) differently: ${JSON.stringify(res.errors ?? res.data).slice(0, 300)}`);
        o.log(`• ${w.name}, ${caller}: ${name} …`);
        const r = await cannon({ url: gw.url, body, bodies: w.bodies, headers }, o.load, cpuProbe(stack, o.pgPid, gw.child.pid));
        targets.push({ target: name, load: r, identical });
        results.memory[name] = memoryOf(gw.child.pid);
        o.log(`  ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.errors || r.non2xx ? ` — ${r.errors} errors, ${r.non2xx} non-2xx` : ''}`);
      }
      if (o.directRows !== false) {
        o.log(`• ${w.name}, ${caller}: subgraphs directly …`);
        const d = await drive(journey, o.load, cpuProbe(stack, o.pgPid));
        targets.push({ target: 'direct', load: d, identical: true });
        o.log(`  ${d.rps} journeys/s, p50 ${d.p50} ms, p99 ${d.p99} ms`);
      }
      for (const name of o.driverRows === false ? [] : caller === 'anonymous' ? ['ours', 'ours-uncached'] : ['ours']) {
        const gw = stack.gateways[name];
        if (!gw) continue;
        o.log(`• ${w.name}, ${caller}: ${name} on the same driver as direct …`);
        let i = 0;
        const r = await drive(async () => {
          const res = await postJson(gw.url, w.bodies ? JSON.parse(w.bodies[i++ % w.bodies.length]!) : { query: w.query, variables: w.variables }, headers, o.agent);
          if (res.errors) throw new Error(res.errors[0]!.message);
        }, o.load);
        targets.push({ target: `${name} (driver)`, load: r, identical: null });
        o.log(`  ${r.rps} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
      }
      results.workloads.push({ name: w.name, caller, description: w.description, targets });
    }
    warmed = true;
  }
}
