/** The data plane's rows of the bench table (report.ts): same ten columns. */
import type { DataPlaneResult } from './data-plane.js';

const fmt = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d }));
// One Node process runs the gateway and the subgraphs here: its CPU goes in the gateway·subgraphs cells as one figure.
const cpu = (c: Record<string, number> | undefined) => (c ? `${fmt(c.node, 2)} (node) · ${fmt(c.postgres, 2)}` : '');

export function dataPlaneRows(d: DataPlaneResult): string[][] {
  const rows: string[][] = [[`Data plane on ${d.rows.toLocaleString('en')} raw rows (POST /v1/products/{code}/invoke through the gateway vs the same SQL on PostgreSQL); ${d.okCalls.toLocaleString('en')} calls metered`]];
  for (const c of d.cases) {
    rows.push(['data plane', `${c.name}, platform ×1`, fmt(c.platform1.rps, 0), fmt(c.platform1.p50), fmt(c.platform1.p95), fmt(c.platform1.p99), '', cpu(c.platform1.cpuMsPerRequest), '', `+${fmt(c.addedP50Ms)} ms p50 over direct (×${fmt(c.overheadRatio, 2)}); non-2xx ${c.platform1.non2xx}`]);
    rows.push(['data plane', `${c.name}, direct SQL ×1`, fmt(c.direct1.rps, 0), fmt(c.direct1.p50), fmt(c.direct1.p95), fmt(c.direct1.p99), '', '', '', '']);
    rows.push(['data plane', `${c.name}, platform ×${d.connections}`, fmt(c.platformN.rps, 0), fmt(c.platformN.p50), fmt(c.platformN.p95), fmt(c.platformN.p99), '', cpu(c.platformN.cpuMsPerRequest), '', `non-2xx ${c.platformN.non2xx}`]);
    rows.push(['data plane', `${c.name}, direct SQL ×${d.connections}`, fmt(c.directN.rps, 0), fmt(c.directN.p50), fmt(c.directN.p95), fmt(c.directN.p99), '', '', '', '']);
  }
  const m = d.metering;
  if (m) {
    const k = m.counts;
    const clean = k.okCalls === k.usageRecords && k.usageRecords === k.charges && k.charges === k.distinctCharges && k.callsWithoutCharge + k.chargesWithoutCall + k.usagesWithoutCall + k.queued === 0;
    rows.push(['metering', `calls → charges ×${m.connections}`, fmt(m.meteredPerSecond, 0), fmt(m.lagMs.p50), '', fmt(m.lagMs.p99), '', '', '', `lag call→charge (max ${fmt(m.lagMs.max, 0)} ms); ${m.runCalls.toLocaleString('en')} calls at ${fmt(m.run.rps, 0)}/s charged ${fmt(m.drainMs, 0)} ms after the run, in ${m.batches ?? '?'} batches`]);
    rows.push(['metering', 'none lost or doubled', '', '', '', '', '', '', '', `${clean ? '✔' : '✘'} ${k.okCalls} calls = ${k.usageRecords} usage records = ${k.charges} charges (${k.distinctCharges} distinct); ${k.callsWithoutCharge} calls without a charge, ${k.chargesWithoutCall + k.usagesWithoutCall} records without a call, ${k.queued} still queued`]);
  }
  return rows;
}
