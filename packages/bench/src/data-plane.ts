/**
 * The data-plane section of `pnpm bench` (docs/operating-domain/data-plane.md): on ≥ 1,000,000 raw
 * rows, a verification call and an aggregate API call through the platform (gateway → delivery:
 * key, rate limit, entitlement, executor as the reader role, output guard, call log, metered unit
 * and ExecutionMetered in one transaction) against the same SQL run directly on PostgreSQL — latency
 * at one connection (what the platform adds to one call) and calls per second at a fixed concurrency,
 * with the CPU each call costs; then metering end to end (data-plane-metering.ts).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cannon, drive, type LoadResult } from './load.js';
import { cpuMsOf, postmasterPid, processTree, startProc } from './procs.js';
import { AGGREGATE_SQL, VERIFY_SQL, idOf } from './data-plane-recipes.js';
import { benchMetering, type MeteringResult } from './data-plane-metering.js';

export interface DataPlaneCase {
  name: string;
  /** One connection: the latency a single caller sees. */
  platform1: LoadResult;
  direct1: LoadResult;
  /** `connections` connections: throughput. */
  platformN: LoadResult;
  directN: LoadResult;
  /** p50 the platform adds at one connection, ms. */
  addedP50Ms: number;
  /** Platform p50 / direct p50 at one connection. */
  overheadRatio: number;
}

export interface DataPlaneResult {
  rows: number;
  loadMs: number;
  connections: number;
  cases: DataPlaneCase[];
  /** Metering end to end: calls → charges, lag, and the counts proving none lost or doubled. */
  metering?: MeteringResult;
  /** Delivery's grouped statements over the whole run: statements and the calls they carried (facts, metering). */
  grouped?: Record<'facts' | 'metering', { statements: number; items: number }>;
  okCalls: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function benchDataPlane(o: { connections: number; duration: number; warmup: number }, log: (s: string) => void): Promise<DataPlaneResult> {
  const info = join(mkdtempSync(join(tmpdir(), 'pdo-dp-')), 'info.json');
  const env = { ...process.env, BENCH_DP_INFO: info, BODY_LIMIT_BYTES: '250000000', RAW_LOAD_MAX_BYTES: '200000000', DATA_PLANE_CALLS_PER_SECOND: '1000000', NODE_ENV: 'test', LOG_LEVEL: 'warn' };
  const proc = await startProc('data-plane', 'packages/bench/src/servers/data-plane.ts', env, 900_000);
  try {
    const i = JSON.parse(readFileSync(info, 'utf8')) as { origin: string; dbUrl: string; rows: number; loadMs: number; products: Record<string, { code: string; key: string }> };
    log(`• data plane: ${i.rows.toLocaleString('en')} raw rows loaded in ${(i.loadMs / 1000).toFixed(1)} s`);
    const direct = new pg.Pool({ connectionString: i.dbUrl, max: o.connections + 2 });
    // CPU per call (less sensitive to the shared machine's load than latency): the stack's one Node
    // process (gateway, delivery, products, revenue) and PostgreSQL (postmaster and backends).
    const pgPid = postmasterPid(Number(new URL(i.dbUrl).port));
    const probe = () => ({ node: cpuMsOf(proc.child.pid), postgres: pgPid ? processTree(pgPid).reduce((a, p) => a + cpuMsOf(p), 0) : 0 });
    // The server's database goes away with it: a pooled idle client's termination is not an error here.
    direct.on('error', () => {});
    // The same SQL on the raw store, as its owner: the floor any platform adds to.
    const view = 'raw.c_jl_mz_0001';
    const rows = i.rows;
    let n = 0;
    const verifyArgs = () => {
      const k = (n++ * 7919) % rows;
      return [idOf(k), k % 5 === 0 ? '离婚' : '结婚'];
    };
    const aggregateArgs = () => ['2018-01-01', '2018-03-01'];
    const cases: DataPlaneCase[] = [];
    let verifyTarget: { url: string; body: string; bodies: string[]; headers: Record<string, string> } | undefined;
    for (const [name, sqlText, args, bodyOf] of [
      ['verification', VERIFY_SQL, verifyArgs, (a: string[]) => ({ id_no: a[0], kind: a[1] })],
      ['aggregate API', AGGREGATE_SQL, aggregateArgs, (a: string[]) => ({ from: a[0], until: a[1] })],
    ] as const) {
      const product = i.products[name === 'verification' ? 'verification' : 'aggregate']!;
      const directSql = sqlText.replace('jl_mz_0001', view);
      const bodies = Array.from({ length: 2000 }, () => JSON.stringify(bodyOf(args())));
      const target = { url: `${i.origin}/v1/products/${product.code}/invoke`, body: bodies[0]!, bodies, headers: { 'x-api-key': product.key } };
      const directCall = () => direct.query(directSql, args());
      log(`  ${name}: 1 connection …`);
      const platform1 = await cannon(target, { connections: 1, duration: o.duration, warmup: o.warmup }, probe);
      const direct1 = await drive(directCall, { connections: 1, duration: o.duration, warmup: o.warmup });
      log(`  ${name}: ${o.connections} connections …`);
      const platformN = await cannon(target, { connections: o.connections, duration: o.duration, warmup: o.warmup }, probe);
      const directN = await drive(directCall, { connections: o.connections, duration: o.duration, warmup: o.warmup });
      const c = { name, platform1, direct1, platformN, directN, addedP50Ms: round(platform1.p50 - direct1.p50), overheadRatio: round(platform1.p50 / direct1.p50) };
      cases.push(c);
      const cpu = (r: LoadResult) => Object.entries(r.cpuMsPerRequest ?? {}).map(([k, v]) => `${k} ${v}`).join(' + ');
      log(`  ${name}: p50 ${platform1.p50} vs ${direct1.p50} ms (+${c.addedP50Ms} ms, ×${c.overheadRatio}); ${platformN.rps} vs ${directN.rps} calls/s at ${o.connections}; CPU ms/call ${cpu(platform1)} (×1), ${cpu(platformN)} (×${o.connections}); non-2xx ${platform1.non2xx + platformN.non2xx}`);
      if (name === 'verification') verifyTarget = target;
    }
    log(`  metering: verification calls at ${o.connections} connections for ${o.duration} s, then until each is a charge …`);
    const metering = await benchMetering(direct, verifyTarget!, { connections: o.connections, duration: o.duration }, log);
    const m = metering;
    log(`  metering: ${m.runCalls} calls → charges at ${m.meteredPerSecond}/s (calls ${m.run.rps}/s), lag p50 ${m.lagMs.p50} ms p99 ${m.lagMs.p99} ms, drained ${m.drainMs} ms after the run, ${m.batches ?? '?'} batches; ` +
      `all runs: ${m.counts.okCalls} calls, ${m.counts.usageRecords} usage records, ${m.counts.charges} charges (${m.counts.distinctCharges} distinct), ${m.counts.callsWithoutCharge} calls without a charge, ${m.counts.chargesWithoutCall + m.counts.usagesWithoutCall} records without a call, ${m.counts.queued} queued`);
    await direct.end();
    await proc.stop();
    const grouped = readGrouped(`${info}.grouped.json`);
    if (grouped) log(`  grouped statements: facts ${grouped.facts.items} calls in ${grouped.facts.statements} (${perStatement(grouped.facts)}/statement), metering ${grouped.metering.items} in ${grouped.metering.statements} (${perStatement(grouped.metering)}/statement)`);
    return { rows: i.rows, loadMs: i.loadMs, connections: o.connections, cases, metering, okCalls: m.counts.okCalls, ...(grouped ? { grouped } : {}) };
  } finally {
    await proc.stop();
  }
}

const perStatement = (s: { statements: number; items: number }) => (s.statements ? round(s.items / s.statements) : 0);
function readGrouped(file: string): DataPlaneResult['grouped'] | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}
