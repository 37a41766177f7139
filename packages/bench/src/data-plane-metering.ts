/**
 * Metering at data-plane rates (issue 22 §3; docs/operating-domain/data-plane.md, "Metering"): a run
 * of verification calls at fixed concurrency, then the time until every call of the run is a charge
 * in revenue — delivery's call log → ExecutionsMetered → products' METERED usage records →
 * UsagesRecorded → revenue's charges. Lag per call: the charge's `created_at` (the start of revenue's
 * transaction that wrote it) minus the call's `called_at`. And over the whole data-plane run, the
 * counts that prove nothing was lost or doubled: every successful call has exactly one usage record
 * and one charge, and no usage record or charge lacks its call.
 */
import type pg from 'pg';
import { cannon, type CannonTarget, type LoadResult } from './load.js';

export interface MeteringResult {
  connections: number;
  /** The calls of the measured run. */
  run: LoadResult;
  runCalls: number;
  /** Calls of the run per second from its first call to its last charge. */
  meteredPerSecond: number;
  /** From the end of the run until its last call was charged, ms. */
  drainMs: number;
  lagMs: { p50: number; p99: number; max: number };
  /** Over the whole data-plane run (every case above too). */
  counts: { okCalls: number; queued: number; usageRecords: number; charges: number; distinctCharges: number; callsWithoutCharge: number; chargesWithoutCall: number; usagesWithoutCall: number };
  /** Batches the run's calls travelled in (ExecutionsMetered events products handled). */
  batches: number | null;
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function benchMetering(db: pg.Pool, target: CannonTarget, o: { connections: number; duration: number }, log: (s: string) => void): Promise<MeteringResult> {
  const [{ t0 }] = (await db.query(`select now() as t0`)).rows as { t0: Date }[];
  const run = await cannon(target, { connections: o.connections, duration: o.duration, warmup: 0 });
  const ended = Date.now();
  const pending = async () => (await db.query(`select count(*)::int as n from delivery.call_log c where c.called_at >= $1 and c.outcome = 'OK' and not exists (select 1 from revenue.charge ch where ch.usage_id = c.id)`, [t0])).rows[0].n as number;
  const deadline = Date.now() + 120_000;
  let left = await pending();
  while (left > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    left = await pending();
  }
  const drainMs = Date.now() - ended;
  if (left > 0) log(`  ! metering: ${left} calls of the run still not charged after 120 s`);
  const { rows: [x] } = await db.query(
    `select count(*)::int as n, extract(epoch from max(ch.created_at) - min(c.called_at)) * 1000 as span_ms,
            percentile_cont(0.5) within group (order by extract(epoch from ch.created_at - c.called_at) * 1000) as p50,
            percentile_cont(0.99) within group (order by extract(epoch from ch.created_at - c.called_at) * 1000) as p99,
            max(extract(epoch from ch.created_at - c.called_at) * 1000) as max
       from delivery.call_log c join revenue.charge ch on ch.usage_id = c.id
      where c.called_at >= $1 and c.outcome = 'OK'`,
    [t0],
  );
  const { rows: [k] } = await db.query(`select
      (select count(*)::int from delivery.call_log where outcome = 'OK' and metered) as "okCalls",
      (select count(*)::int from delivery.metering_outbox) as queued,
      (select count(*)::int from products.usage_record where source = 'METERED') as "usageRecords",
      (select count(*)::int from revenue.charge ch join products.usage_record u on u.id = ch.usage_id and u.source = 'METERED') as charges,
      (select count(distinct ch.usage_id)::int from revenue.charge ch join products.usage_record u on u.id = ch.usage_id and u.source = 'METERED') as "distinctCharges",
      (select count(*)::int from delivery.call_log c where c.outcome = 'OK' and c.metered and not exists (select 1 from revenue.charge ch where ch.usage_id = c.id)) as "callsWithoutCharge",
      (select count(*)::int from revenue.charge ch join products.usage_record u on u.id = ch.usage_id and u.source = 'METERED' where not exists (select 1 from delivery.call_log c where c.id = ch.usage_id)) as "chargesWithoutCall",
      (select count(*)::int from products.usage_record u where u.source = 'METERED' and not exists (select 1 from delivery.call_log c where c.id = u.id)) as "usagesWithoutCall"`);
  // Completed jobs stay in pg-boss for a while: how many batches carried this run's calls.
  const batches = await db
    .query(`select count(*)::int as n from pgboss.job where name = 'inbox_products' and data->>'name' = 'ExecutionsMetered' and created_on >= $1`, [t0])
    .then((r) => r.rows[0].n as number)
    .catch(() => null);
  return {
    connections: o.connections,
    run,
    runCalls: x.n,
    meteredPerSecond: x.span_ms > 0 ? Math.round((x.n / x.span_ms) * 1000) : 0,
    drainMs,
    lagMs: { p50: round(Number(x.p50)), p99: round(Number(x.p99)), max: round(Number(x.max)) },
    counts: k,
    batches,
  };
}
