/**
 * Settles N generated usage records (default 1,000,000) and prints the time next to a plain SQL
 * baseline: the same aggregation as one INSERT…SELECT. Run from the repo root:
 *   node --import @swc-node/register/esm-register subgraphs/revenue/bench/settle-1m.ts [rows]
 */
import { randomUUID } from 'node:crypto';
import { createSubgraphRuntime, sql, startBoss, ANONYMOUS, type RequestContext } from '@pdo/platform';
import { startTestDatabase } from '@pdo/testing';
import { definition } from '../src/index.js';
import { runSettlement } from '../src/services/settlement-runs.js';

const rows = Number(process.argv[2] ?? process.env.BENCH_ROWS ?? 1_000_000);
const db = await startTestDatabase();
const boss = await startBoss(db.url);
const rt = await createSubgraphRuntime(definition, { databaseUrl: db.url, boss, consume: false });
const em = rt.orm.em.fork();
const operator = randomUUID();
const agreement = randomUUID();
const agencies = [randomUUID(), randomUUID(), randomUUID()];
const products = Array.from({ length: 20 }, () => randomUUID());
const developers = Array.from({ length: 200 }, () => randomUUID());

for (const [i, p] of products.entries()) {
  await sql(em, `insert into product_projection (id, jurisdiction, operator_id, agreement_id, code, name_zh, category, status, as_of) values ($1, 'HN', $2, $3, $4, $4, 'PAID', 'LISTED', now())`, [p, operator, agreement, `B-${i}`]);
  for (const [k, a] of agencies.slice(0, 1 + (i % 3)).entries()) {
    await sql(em, `insert into product_resource_projection values ($1, $2, $3, $4)`, [p, randomUUID(), a, k + 1]);
  }
}
const plan = randomUUID();
await sql(em, `insert into distribution_plan (id, agreement_id, jurisdiction, version, source_basis, created_by) values ($1, $2, 'HN', 1, 'RESOURCE_USAGE', 'bench')`, [plan, agreement]);
await sql(em, `insert into distribution_plan_party values ($1, 1, 'OPERATOR', $2, 60), ($1, 2, 'SOURCE_AGENCIES', null, 35), ($1, 3, 'JURISDICTION', 'HN', 5)`, [plan, operator]);

let t = Date.now();
await sql(
  em,
  `insert into charge (id, usage_id, product_id, operator_id, developer_id, jurisdiction, category, charging_unit, units, unit_price_fen, amount_fen, priced, occurred_at)
   select gen_random_uuid(), gen_random_uuid(), ($1::uuid[])[1 + g % 20], $2, ($3::uuid[])[1 + g % 200], 'HN', 'PAID', 'PER_CALL', 1 + g % 7, 37, 37 * (1 + g % 7), true,
          timestamptz '2026-06-30T16:00:00Z' + (g % 7948800) * interval '1 second'
   from generate_series(1, $4) g`,
  [products, operator, developers, rows],
);
await sql(em, `analyze charge`);
console.log(`generated ${rows.toLocaleString()} charges in ${Date.now() - t} ms`);

t = Date.now();
await sql(em, `create temp table baseline as select product_id, developer_id, sum(amount_fen) as revenue, count(*) as n, sum(units) as units from charge
  where jurisdiction = 'HN' and occurred_at >= '2026-06-30T16:00:00Z' and occurred_at <= '2026-09-30T15:59:59.999Z' group by product_id, developer_id`);
const baseline = Date.now() - t;

const ctx = { em: rt.orm.em.fork(), identity: { sub: 'bench', role: 'FINANCE', org: null, jurisdiction: 'HN' }, events: rt.events, requestId: 'bench', now: new Date('2026-10-08T02:00:00Z') } as unknown as RequestContext;
t = Date.now();
const s = await runSettlement(ctx, { jurisdiction: 'HN', periodStart: '2026-07-01', periodEnd: '2026-09-30' });
const settle = Date.now() - t;
const [check] = await sql<{ charges: string; shares: string }>(em, `select (select sum(amount_fen) from charge)::text as charges, (select sum(amount_fen) from revenue_share where settlement_id = $1)::text as shares`, [s.id]);
console.log(`plain SQL baseline (INSERT…SELECT of the aggregation): ${baseline} ms`);
console.log(`settlement run (claim each charge, aggregate, split, shares, ledger, event):  ${settle} ms — ${s.charge_count} charges, total ${s.total_fen} fen, shares ${check!.shares} fen, charges ${check!.charges} fen`);
const steps = await sql<{ step: string; ms: string }>(em, `select step, round(extract(epoch from at - lag(at) over (order by id)) * 1000)::text as ms from settlement_step where settlement_id = $1 order by id`, [s.id]);
console.log(`progress: ${steps.map((x) => `${x.step}${x.ms ? ` +${x.ms} ms` : ''}`).join(' → ')}`);
void ANONYMOUS;
await boss.stop({ graceful: false } as never).catch(() => {});
await rt.orm.close();
await db.stop();
