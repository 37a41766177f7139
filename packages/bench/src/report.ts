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

/** Goals of issue 22 for an uncached request, all parts together (ms of CPU). */
const CPU_GOAL_MS: Record<string, number> = { listing: 10, 'product page': 5 };

/**
 * What one uncached request costs the whole platform: our gateway with its cache off (anonymous)
 * or the default gateway for a signed-in developer, split into the gateway, each subgraph and
 * PostgreSQL, against the goal.
 */
function cpuSplit(r: Results): string[][] {
  const rows: string[][] = [];
  for (const w of r.workloads) {
    const t = w.targets.find((x) => x.target === (w.caller === 'developer' ? 'ours' : 'ours-uncached'));
    const c = t?.load.cpuMsPerRequest;
    if (!t || !c) continue;
    if (!rows.length) rows.push(['CPU per uncached request through our gateway, ms: gateway + subgraphs (each) + PostgreSQL = total (goal)']);
    const total = (c.gateway ?? 0) + (c.subgraphs ?? 0) + (c.postgres ?? 0);
    const each = Object.entries(c).filter(([k, v]) => k.startsWith('sub:') && v >= 0.05).map(([k, v]) => `${k.slice(4)} ${fmt(v)}`).join(', ');
    const goal = CPU_GOAL_MS[w.name];
    rows.push(['cpu/request', `${w.name}, ${w.caller ?? 'anonymous'}`, '', '', '', '', '', `${fmt(c.gateway)} + ${fmt(c.subgraphs)} + ${fmt(c.postgres)} = ${fmt(total)}`, '', `${goal ? `goal ≤ ${goal} ms ${total <= goal ? '✔' : '✘'}; ` : ''}subgraphs: ${each}`]);
  }
  return rows;
}

/** The journeys and the settlement at each dataset size (growth.ts). */
function growthRows(r: Results): string[][] {
  if (!r.growth?.length) return [];
  const rows: string[][] = [['How cost grows: the same journeys (our gateway, cache off, anonymous) and settlement at each size; CPU ms/request gw·sub·pg; load average when the size was measured']];
  for (const p of r.growth) {
    const s = p.scale;
    const size = `×${p.factor}: ${s.products.toLocaleString('en')} products, ${s.resources.toLocaleString('en')} resources, ${s.usageRecords.toLocaleString('en')} usage`;
    for (const [name, pg] of Object.entries(p.pages)) {
      const g = pg.gateway;
      rows.push(['growth', `${size} — ${name}`, fmt(g?.rps, 0), fmt(g?.p50), fmt(g?.p95), fmt(g?.p99), '', cpu(g?.cpuMsPerRequest), '', `${fmt(cpuTotal(g?.cpuMsPerRequest), 1)} CPU ms in all; load average ${p.loadAvg}`]);
    }
    const x = p.settlement;
    if (x) rows.push(['growth', `${size} — settlement`, '', fmt(x.settlementMs, 0), '', '', '', '', '', `${fmt(x.ratio, 2)}× the SQL aggregation (${fmt(x.baselineMs, 0)} ms) warm, cold ${fmt(x.cold.ratio, 2)}×; ${fmt(x.settlementMs / (x.charges / 1e6), 0)} ms per million charges`]);
  }
  return rows;
}

const cpuTotal = (c: Record<string, number> | undefined) => (c ? (c.gateway ?? 0) + (c.subgraphs ?? 0) + (c.postgres ?? 0) : NaN);
const cpu = (c: Record<string, number> | undefined) => (c ? [c.gateway, c.subgraphs, c.postgres].map((v) => (v === undefined ? '–' : fmt(v, 1))).join(' · ') : '');

export function renderTable(r: Results): string {
  const s = r.options.scale as Record<string, number | string>;
  const header = ['Workload', 'Target', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '× apollo', 'CPU ms/req gw·sub·pg', 'RSS MiB', 'Notes'];
  const rows: string[][] = [header];
  for (const w of r.workloads) {
    if (w.caller) rows.push([`${w.name} — ${w.caller === 'developer' ? 'signed-in developer (bearer token: no public cache; cached variants omitted, they run the same code)' : 'anonymous (public caches on where named)'}`]);
    const apollo = w.targets.find((t) => t.target === 'apollo')?.load.rps;
    const own = (name: string) => w.targets.find((t) => t.target === name)?.load.rps;
    const direct = w.targets.find((t) => t.target === 'direct')?.load;
    for (const t of w.targets) {
      const notes: string[] = [];
      if (t.identical === false) notes.push('DIFFERENT RESPONSE');
      if (t.load.errors || t.load.non2xx) notes.push(`${t.load.errors} errors, ${t.load.non2xx} non-2xx`);
      if (t.target === 'direct') notes.push('hand-made plan, closed-loop driver');
      if (t.target === 'ours' && w.caller !== 'developer') notes.push(`public response cache on (the default); ${fmt((t.load.rps / (own('ours-uncached') ?? NaN)), 0)}× cache off`);
      if (t.target === 'ours' && w.caller === 'developer') notes.push('the default gateway; a token bypasses the public cache');
      if (t.target === 'hive-cached') notes.push(`responseCaching, same TTL, anonymous only; ${fmt(t.load.rps / (own('hive') ?? NaN), 0)}× cache off`);
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
  rows.push(...cpuSplit(r));
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
  if (r.statementCosts?.length) {
    const c = r.statementCosts;
    rows.push([`Each statement of one listing page under EXPLAIN (ANALYZE, BUFFERS): ${fmt(c.reduce((a, x) => a + x.executionMs, 0), 2)} ms executing + ${fmt(c.reduce((a, x) => a + x.planningMs, 0), 2)} ms planning, ${c.reduce((a, x) => a + x.sharedHit + x.sharedRead, 0).toLocaleString('en')} buffers`]);
    for (const x of c) rows.push(['statement', x.subgraph, '', fmt(x.executionMs, 2), '', '', '', `plan ${fmt(x.planningMs, 2)} ms`, '', `${x.sharedHit.toLocaleString('en')} hit, ${x.sharedRead} read, ${x.rows} rows: ${x.sql}`]);
  }
  rows.push(...growthRows(r));
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
  for (const w of r.workloads.filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i)) title.push(`${w.name}: ${w.description}`);
  return `${title.join('\n')}\n${grid(rows)}`;
}
