/** The one table `pnpm bench` prints (the JSON file has every figure). */
import { dataPlaneRows } from './data-plane-report.js';
import type { Results } from './results.js';

const fmt = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d }));

function grid(rows: string[][]): string {
  const cells = rows.filter((r) => r.length > 1);
  const widths = rows[0]!.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0))));
  const pad = (s: string, w: number, right: boolean) => {
    const len = [...s].reduce((a, ch) => a + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    return right ? ' '.repeat(w - len) + s : s + ' '.repeat(w - len);
  };
  const line = (c: string) => `+${widths.map((w) => c.repeat(w + 2)).join('+')}+`;
  const out = [line('-')];
  rows.forEach((r, i) => {
    if (r.length === 1 && i > 0) {
      out.push(line('-'));
      const inner = widths.reduce((a, w) => a + w + 3, -1);
      const text = r[0]!;
      out.push(`| ${pad(text, Math.max(inner - 2, [...text].length), false)} |`);
      out.push(line('-'));
      return;
    }
    out.push(`| ${r.map((c, j) => pad(c, widths[j]!, j >= 2 && j <= 8)).join(' | ')} |`);
    if (i === 0) out.push(line('='));
  });
  out.push(line('-'));
  return out.join('\n');
}

export function renderTable(r: Results): string {
  const s = r.options.scale as Record<string, number | string>;
  const header = ['Workload', 'Target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '× apollo', 'CPU ms/req gw·sub·pg', 'RSS MiB', 'Notes'];
  const cpu = (c: Record<string, number> | undefined) => (c ? [c.gateway, c.subgraphs, c.postgres].map((v) => (v === undefined ? '–' : fmt(v, 1))).join(' · ') : '');
  const rows: string[][] = [header];
  for (const w of r.workloads) {
    const apollo = w.targets.find((t) => t.target === 'apollo')?.load.rps;
    const direct = w.targets.find((t) => t.target === 'direct')?.load;
    for (const t of w.targets) {
      const notes: string[] = [];
      if (t.identical === false) notes.push('DIFFERENT RESPONSE');
      if (t.load.errors || t.load.non2xx) notes.push(`${t.load.errors} errors, ${t.load.non2xx} non-2xx`);
      if (t.target === 'direct') notes.push('hand-made plan, closed-loop driver');
      if (t.target === 'ours') notes.push('public response cache on (the default)');
      if (t.target === 'ours-uncached') notes.push('RESPONSE_CACHE_TTL_MS=0: planned and fetched every time');
      if (t.target.endsWith(' (driver)') && direct) notes.push(`overhead vs direct: p50 ${t.load.p50 >= direct.p50 ? '+' : '−'}${fmt((Math.abs(t.load.p50 - direct.p50) / direct.p50) * 100, 0)} %, req/s ${fmt((t.load.rps / direct.rps) * 100, 0)} %`);
      const mem = r.memory[t.target.replace(' (driver)', '')];
      rows.push([
        w.name,
        t.target,
        fmt(t.load.rps, 0),
        fmt(t.load.p50),
        fmt(t.load.p95),
        fmt(t.load.p99),
        apollo && t.load.tool === 'autocannon' ? `${fmt(t.load.rps / apollo, 2)}×` : '',
        cpu(t.load.cpuMsPerRequest),
        mem && t.target !== 'direct' && !t.target.includes('driver') ? `${mem.rssMiB} (peak ${mem.peakMiB})` : '',
        notes.join('; '),
      ]);
    }
  }
  if (r.sqlPerPage) {
    rows.push([`SQL statements per listing page (subgraphs' extensions.sqlStatements) — ${r.sqlEqual ? 'equal for every page size ✔' : 'NOT EQUAL ✘'}`]);
    for (const p of r.sqlPerPage) {
      rows.push(['sql/page', `first: ${p.first}`, String(p.total), '', '', '', '', '', '', `${p.items} items; ${Object.entries(p.statements).map(([k, v]) => `${k} ${v}`).join(', ')}`]);
    }
  }
  if (r.settlement) {
    const x = r.settlement;
    rows.push([`Settlement of ${x.charges.toLocaleString('en')} charges (revenue runSettlement vs one SQL GROUP BY)`]);
    rows.push(['settlement', 'SQL baseline', '', fmt(x.baselineMs, 0), '', '', '', '', '', `CREATE TABLE AS SELECT … GROUP BY product, developer; median of 3 warm (cold ${fmt(x.cold.baselineMs, 0)} ms)`]);
    rows.push(['settlement', 'runSettlement', '', fmt(x.settlementMs, 0), '', '', '', '', '', `${fmt(x.ratio, 2)}× baseline warm (cold ${fmt(x.cold.settlementMs, 0)} ms, ${fmt(x.cold.ratio, 2)}×); shares ${x.balanced ? '=' : '≠'} charges (${x.sharesFen} fen)`]);
  }
  if (r.dataPlane) rows.push(...dataPlaneRows(r.dataPlane));
  if (r.start || r.skipped.start) {
    rows.push(['pnpm start (cold, fresh data directory: initdb, migrations, demo seed)']);
    if (r.start) rows.push(['start', 'to "Ready in"', '', fmt(r.start.wallS * 1000, 0), '', '', '', '', `${r.start.memory.rssMiB}`, `reported ${r.start.reportedS} s; ${r.start.processes} processes (RSS summed); stop ${r.start.stopS} s`]);
    else rows.push(['start', 'failed', '', '', '', '', '', '', '', r.skipped.start!]);
  }
  const others = Object.entries(r.memory).filter(([k]) => !r.workloads.some((w) => w.targets.some((t) => t.target === k)));
  if (others.length) {
    rows.push(['Memory of the other processes after the load (RSS MiB, peak)']);
    for (const [k, m] of others) rows.push(['memory', k, '', '', '', '', '', '', m ? `${m.rssMiB} (peak ${m.peakMiB})` : '–', k === 'postgres' ? 'postmaster + backends, summed' : '']);
  }
  for (const [k, v] of Object.entries(r.skipped)) if (k !== 'start') rows.push(['skipped', k, '', '', '', '', '', '', '', v]);
  const title = [
    `pnpm bench — ${r.startedAt} — ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memGiB} GiB, Node ${r.machine.node}; load average ${r.machine.loadAvgBefore[0]} before, ${r.machine.loadAvgAfter?.[0] ?? '?'} after (the bench's own load)${r.machine.loadAvgBefore[0] > r.machine.cpus / 2 ? ' — busy machine before the start: other work competed, figures are noisy' : ''}`,
    `scale ${s.name}: ${Number(s.resources).toLocaleString('en')} resources, ${Number(s.products).toLocaleString('en')} products, ${Number(s.developers).toLocaleString('en')} developers, ${Number(s.usageRecords).toLocaleString('en')} usage records (generated in ${fmt((r.generate?.ms ?? 0) / 1000)} s); ${r.options.connections} connections, ${r.options.warmup} s warm-up + ${r.options.duration} s; caller ${r.options.as}`,
  ];
  for (const w of r.workloads) title.push(`${w.name}: ${w.description}`);
  return `${title.join('\n')}\n${grid(rows)}`;
}
