/**
 * Load at a fixed concurrency after a warm-up. Gateways get autocannon (one HTTP request per
 * journey); the direct-subgraph journey is several dependent requests, so it runs on a small
 * closed-loop driver with the same concurrency — and our gateway runs on that driver too, so the
 * overhead ratio compares like with like.
 */
import autocannon from 'autocannon';

export interface LoadResult {
  tool: 'autocannon' | 'driver';
  /** Completed journeys per second. */
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
  durationS: number;
  /** CPU used per completed request during the measured run, ms: where a request's cost lands. */
  cpuMsPerRequest?: Record<string, number>;
}

/** Reads cumulative CPU ms of named parts of the stack (gateway, subgraphs, PostgreSQL). */
export type CpuProbe = () => Record<string, number>;

// A PostgreSQL backend that exits takes its CPU time with it, so the live tree's sum can fall: clamped at 0.
function cpuPerRequest(before: Record<string, number>, after: Record<string, number>, requests: number): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, requests ? Math.max(0, Math.round(((after[k]! - (before[k] ?? 0)) / requests) * 100) / 100) : NaN]));
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

function summarize(tool: LoadResult['tool'], latencies: number[], errors: number, non2xx: number, durationS: number): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const arr = Array.from(sorted);
  return {
    tool,
    rps: round(latencies.length / durationS),
    p50: round(percentile(arr, 50)),
    p95: round(percentile(arr, 95)),
    p99: round(percentile(arr, 99)),
    requests: latencies.length,
    errors,
    non2xx,
    durationS,
  };
}

export interface CannonTarget {
  url: string;
  body: string;
  /** Bodies sent in turn instead of `body` (a page visited with many different arguments). */
  bodies?: string[];
  headers?: Record<string, string>;
}

async function cannonOnce(t: CannonTarget, connections: number, durationS: number, collect: boolean): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  let next = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: t.url,
        method: 'POST',
        connections,
        duration: durationS,
        headers: { 'content-type': 'application/json', ...(t.headers ?? {}) },
        body: t.body,
        ...(t.bodies?.length ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: t.bodies![next++ % t.bodies!.length] }) }] } : {}),
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    // autocannon's own histogram has no p95: keep every response time.
    instance.on('response', (_client, status, _bytes, ms) => {
      if (!collect) return;
      latencies.push(ms);
      if (status < 200 || status >= 300) non2xx++;
    });
  });
  return summarize('autocannon', latencies, result.errors + result.timeouts, non2xx, durationS);
}

export async function cannon(t: CannonTarget, o: { connections: number; duration: number; warmup: number }, probe?: CpuProbe): Promise<LoadResult> {
  await cannonOnce(t, o.connections, o.warmup, false);
  const before = probe?.();
  const r = await cannonOnce(t, o.connections, o.duration, true);
  return probe ? { ...r, cpuMsPerRequest: cpuPerRequest(before!, probe(), r.requests) } : r;
}

async function driveOnce(fn: () => Promise<unknown>, connections: number, durationS: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + durationS * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        await fn();
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return summarize('driver', latencies, errors, 0, durationS);
}

export async function drive(fn: () => Promise<unknown>, o: { connections: number; duration: number; warmup: number }, probe?: CpuProbe): Promise<LoadResult> {
  await driveOnce(fn, o.connections, o.warmup);
  const before = probe?.();
  const r = await driveOnce(fn, o.connections, o.duration);
  return probe ? { ...r, cpuMsPerRequest: cpuPerRequest(before!, probe(), r.requests) } : r;
}
