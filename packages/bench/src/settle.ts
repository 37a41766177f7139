/**
 * Settles the generated quarter (every usage record's charge) with revenue's own runSettlement —
 * the aggregation, the split per distribution plan and source-agency weights, revenue shares, the
 * balanced ledger entry and the event — next to a plain SQL baseline: the same aggregation as one
 * CREATE TABLE … AS SELECT … GROUP BY (the approach of subgraphs/revenue/bench/settle-1m.ts).
 *
 * Both sides are measured warm, as the load tests are after their warm-up: a settlement runs in
 * revenue's long-lived process, not in one just started, and its first run here pays for
 * compiling the split and for filling PostgreSQL's buffers. So each side first runs once unmeasured
 * for the record (the baseline's temp table dropped, the settlement rolled back: `cold`); then the
 * baseline runs three times (median) and runSettlement once, for real.
 */
import pg from 'pg';
import { createSubgraphRuntime, inTransaction, newId, sql, startBoss, type RequestContext } from '@pdo/platform';
import { definition as revenue } from '@pdo/revenue';
import { runSettlement } from '../../../subgraphs/revenue/src/services/settlement-runs.js';
import { settle } from '../../../subgraphs/revenue/src/services/settlement.js';
import { JURISDICTION, PERIOD } from './generate.js';

export interface SettleResult {
  charges: number;
  /** Median of three warm runs. */
  baselineMs: number;
  settlementMs: number;
  ratio: number;
  /** The first run of each side (unmeasured above), and their ratio. */
  cold: { baselineMs: number; settlementMs: number; ratio: number };
  totalFen: string;
  sharesFen: string;
  balanced: boolean;
  /** The run's own progress log (settlement_step): where its time goes. */
  steps: { step: string; detail: string; ms: number }[];
}

const BASELINE = `create temp table baseline as select product_id, developer_id, sum(amount_fen) as revenue, count(*) as n, sum(units) as units from charge
  where jurisdiction = $1 and occurred_at >= ($2::date::timestamp at time zone 'Asia/Shanghai') and occurred_at < (($3::date + 1)::timestamp at time zone 'Asia/Shanghai')
  group by product_id, developer_id`;

async function baselineOnce(c: pg.Client): Promise<number> {
  const t = performance.now();
  await c.query(BASELINE, [JURISDICTION, PERIOD.start, PERIOD.end]);
  const ms = performance.now() - t;
  await c.query(`drop table baseline`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

class DryRun extends Error {}

export async function benchSettlement(databaseUrl: string): Promise<SettleResult> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  await c.query(`set search_path to revenue`);
  const boss = await startBoss(databaseUrl);
  const rt = await createSubgraphRuntime(revenue, { databaseUrl, boss, consume: false });
  try {
    const identity = { sub: 'bench-finance', role: 'FINANCE', org: null, jurisdiction: JURISDICTION } as const;
    const context = () =>
      ({
        em: rt.orm.em.fork(),
        identity,
        events: rt.events,
        requestId: 'bench-settlement',
        now: new Date('2026-10-08T02:00:00Z'),
        loaders: revenue.createLoaders(rt.orm.em.fork(), identity),
        log: rt.log,
      }) as unknown as RequestContext<unknown>;

    const baselineColdMs = await baselineOnce(c);
    // The same work as runSettlement's transaction, under a settlement row of its own, rolled back.
    const dry = context();
    let t = performance.now();
    await inTransaction(dry, async (uow) => {
      await sql(
        uow.tx,
        `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, $2, $3::date, $4::date, 'RUNNING', $5, now()) on conflict do nothing`,
        [newId(), JURISDICTION, PERIOD.start, PERIOD.end, identity.sub],
      );
      const [{ id }] = (await sql<{ id: string }>(uow.tx, `select id from settlement where jurisdiction = $1 and period_start = $2::date and period_end = $3::date`, [JURISDICTION, PERIOD.start, PERIOD.end])) as [{ id: string }];
      await settle(uow, { id, jurisdiction: JURISDICTION, start: PERIOD.start, end: PERIOD.end, identity }, { reader: dry.em.fork() });
      throw new DryRun();
    }).catch((e) => {
      if (!(e instanceof DryRun)) throw e;
    });
    const settlementColdMs = performance.now() - t;

    const baselineMs = median([await baselineOnce(c), await baselineOnce(c), await baselineOnce(c)]);
    t = performance.now();
    const s = await runSettlement(context(), { jurisdiction: JURISDICTION, periodStart: PERIOD.start, periodEnd: PERIOD.end });
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
      charges: Number(s.charge_count),
      baselineMs: Math.round(baselineMs),
      settlementMs: Math.round(settlementMs),
      ratio: ratio(settlementMs, baselineMs),
      cold: { baselineMs: Math.round(baselineColdMs), settlementMs: Math.round(settlementColdMs), ratio: ratio(settlementColdMs, baselineColdMs) },
      totalFen: String(s.total_fen),
      sharesFen: check!.shares,
      balanced: check!.shares === check!.charges,
    };
  } finally {
    await c.end().catch(() => {});
    await boss.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
    await rt.orm.close().catch(() => {});
  }
}
