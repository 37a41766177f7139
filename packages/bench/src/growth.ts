/**
 * How cost grows with the work (issue 22, item 4): the same journeys and the same settlement on
 * datasets of other sizes — products, resources, usage agreements and usage records scaled
 * together by BENCH_GROWTH's factors (default 0.1 and 3 × the run's own scale, which is the third
 * point; `BENCH_GROWTH=0.1,5` adds a larger one at the price of a longer generation). Each size gets a fresh database, the subgraphs and our gateway with its cache off, and
 * is measured as the main run measures: the listing and the product page (CPU per request of the
 * gateway, the subgraphs and PostgreSQL; latency; SQL statements per page), then the settlement of
 * every usage record against the plain SQL aggregation. A page's cost should not grow with the
 * catalog; the settlement should grow linearly with usage and stay within 1.5 × the aggregation.
 */
import os from 'node:os';
import { generate } from './generate.js';
import { prepareDatabase, startBenchStack, type BenchStack } from './stack.js';
import { keepAliveAgent } from './http.js';
import { postmasterPid, waitForQuiet } from './procs.js';
import { benchSettlement } from './settle.js';
import { runJourneys, type JourneyOptions } from './journeys.js';
import type { Scale } from './scale.js';
import type { GrowthPoint, Results } from './results.js';


const GROWN: (keyof Scale)[] = ['resources', 'products', 'usageAgreements', 'usageRecords'];

export function scaled(base: Scale, factor: number): Scale {
  const s = { ...base, name: `${base.name}×${factor}` };
  for (const k of GROWN) (s as unknown as Record<string, number>)[k] = Math.max(1, Math.round((base[k] as number) * factor));
  return s;
}

/** The main run's figures as the growth table's ×1 point (our gateway uncached, anonymous; its settlement). */
export function pointFromRun(r: Results, scale: Scale): GrowthPoint {
  const pages: GrowthPoint['pages'] = {};
  for (const w of r.workloads.filter((x) => x.caller === 'anonymous' && x.name !== 'product pages, all products')) {
    pages[w.name] = { gateway: w.targets.find((t) => t.target === 'ours-uncached')?.load };
  }
  const x = r.settlement;
  return { factor: 1, scale, generateMs: r.generate?.ms, pages, settlement: x && { charges: x.charges, baselineMs: x.baselineMs, settlementMs: x.settlementMs, ratio: x.ratio, cold: x.cold }, loadAvg: r.machine.loadAvgBefore[0]! };
}

export async function growthPoint(base: Scale, factor: number, o: Pick<JourneyOptions, 'load' | 'identities' | 'headers' | 'secret' | 'log'>, parts: { load: boolean; settle: boolean }): Promise<GrowthPoint> {
  const scale = scaled(base, factor);
  o.log(`• growth ×${factor}: ${scale.resources.toLocaleString('en')} resources, ${scale.products.toLocaleString('en')} products, ${scale.usageRecords.toLocaleString('en')} usage records …`);
  const prepared = await prepareDatabase();
  let stack: BenchStack | undefined;
  const point: GrowthPoint = { factor, scale, pages: {}, loadAvg: Math.round(os.loadavg()[0]! * 10) / 10 };
  try {
    const gen = await generate(prepared.db.url, scale, () => {});
    point.generateMs = gen.ms;
    o.log(`  generated in ${(gen.ms / 1000).toFixed(1)} s`);
    if (parts.load) {
      stack = await startBenchStack(prepared.db.url, prepared.supergraphSdl, ['ours-uncached']);
      const agent = keepAliveAgent(o.load.connections * 2);
      const into: Pick<Results, 'workloads' | 'memory'> = { workloads: [], memory: {} };
      await runJourneys(stack, { ...o, scale, callers: ['anonymous'], agent, pgPid: postmasterPid(Number(new URL(prepared.db.url).port)), workloads: ['listing', 'product page'], driverRows: false, directRows: false }, into);
      for (const w of into.workloads) point.pages[w.name] = { gateway: w.targets.find((t) => t.target === 'ours-uncached')?.load };
      agent.destroy();
      await stack.stop();
      stack = undefined;
    }
    if (parts.settle) {
      await waitForQuiet();
      const x = await benchSettlement(prepared.db.url);
      point.settlement = { charges: x.charges, baselineMs: x.baselineMs, settlementMs: x.settlementMs, ratio: x.ratio, cold: x.cold };
      o.log(`  settlement ${x.settlementMs} ms vs baseline ${x.baselineMs} ms (${x.ratio}×)`);
    }
  } finally {
    await stack?.stop().catch(() => {});
    await prepared.db.stop().catch(() => {});
  }
  return point;
}
