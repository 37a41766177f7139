/**
 * Settles the generated quarter (every usage record's charge) with revenue's own runSettlement —
 * the aggregation, the split per distribution plan and source-agency weights, revenue shares, the
 * balanced ledger entry and the event — next to a plain SQL baseline: the same aggregation as one
 * CREATE TABLE … AS SELECT … GROUP BY (the approach of subgraphs/revenue/bench/settle-1m.ts).
 */
import pg from 'pg';
import { createSubgraphRuntime, sql, startBoss, type RequestContext } from '@pdo/platform';
import { definition as revenue } from '@pdo/revenue';
import { runSettlement } from '../../../subgraphs/revenue/src/data/settlement.js';
import { JURISDICTION, PERIOD } from './generate.js';

export interface SettleResult {
  charges: number;
  baselineMs: number;
  settlementMs: number;
  ratio: number;
  totalFen: string;
  sharesFen: string;
  balanced: boolean;
  /** The run's own progress log (settlement_step): where its time goes. */
  steps: { step: string; detail: string; ms: number }[];
}

export async function benchSettlement(databaseUrl: string): Promise<SettleResult> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  let baselineMs: number;
  try {
    await c.query(`set search_path to revenue`);
    const t = performance.now();
    await c.query(
      `create temp table baseline as select product_id, developer_id, sum(amount_fen) as revenue, count(*) as n, sum(units) as units from charge
        where jurisdiction = $1 and occurred_at >= ($2::date::timestamp at time zone 'Asia/Shanghai') and occurred_at < (($3::date + 1)::timestamp at time zone 'Asia/Shanghai')
        group by product_id, developer_id`,
      [JURISDICTION, PERIOD.start, PERIOD.end],
    );
    baselineMs = performance.now() - t;
  } finally {
    await c.end();
  }
  const boss = await startBoss(databaseUrl);
  const rt = await createSubgraphRuntime(revenue, { databaseUrl, boss, consume: false });
  try {
    const identity = { sub: 'bench-finance', role: 'FINANCE', org: null, jurisdiction: JURISDICTION } as const;
    const ctx = {
      em: rt.orm.em.fork(),
      identity,
      events: rt.events,
      requestId: 'bench-settlement',
      now: new Date('2026-10-08T02:00:00Z'),
      loaders: revenue.createLoaders(rt.orm.em.fork(), identity),
      log: rt.log,
    } as unknown as RequestContext<unknown>;
    const t = performance.now();
    const s = await runSettlement(ctx, { jurisdiction: JURISDICTION, periodStart: PERIOD.start, periodEnd: PERIOD.end });
    const settlementMs = performance.now() - t;
    const [check] = await sql<{ charges: string; shares: string }>(
      rt.orm.em.fork(),
      `select (select coalesce(sum(amount_fen), 0) from charge)::text as charges,
              (select coalesce(sum(amount_fen), 0) from revenue_share where settlement_id = $1)::text as shares`,
      [s.id],
    );
    const log = await sql<{ step: string; detail: string; at: Date }>(rt.orm.em.fork(), `select step, detail, at from settlement_step where settlement_id = $1 order by id`, [s.id]);
    const steps = log.map((l, i) => ({ step: l.step, detail: l.detail, ms: Math.round(new Date(log[i + 1]?.at ?? l.at).getTime() - new Date(l.at).getTime()) }));
    return {
      steps,
      charges: Number(s.chargeCount),
      baselineMs: Math.round(baselineMs),
      settlementMs: Math.round(settlementMs),
      ratio: Math.round((settlementMs / baselineMs) * 100) / 100,
      totalFen: String(s.total),
      sharesFen: check!.shares,
      balanced: check!.shares === check!.charges,
    };
  } finally {
    await boss.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
    await rt.orm.close().catch(() => {});
  }
}
