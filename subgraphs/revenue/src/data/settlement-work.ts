/**
 * The set-based statements of a settlement run (services/settlement*.ts compose them). Hand-written SQL on purpose:
 * a quarter's charges are aggregated in the database in one pass (per product and developer), and the run's results
 * are written with one INSERT … SELECT FROM unnest(…) per table, however many lines, products and shares there are.
 */
import { sql, sqlOne, sqlStarted, type Em } from '@pdo/platform';
import type { Take } from '../domain/takes.js';
import type { ProductTotal, RunLine } from '../domain/run-totals.js';
import type { ShareColumns } from './share-columns.js';

/**
 * Runs of one jurisdiction one after another: each sees the previous ones completed, so watermarks grow with
 * completion order (what takesOf relies on). A transaction-scoped advisory lock: no table of its own to lock.
 */
export async function serialiseRuns(tx: Em, jurisdiction: string): Promise<void> {
  await sql(tx, `select pg_advisory_xact_lock(hashtextextended('revenue.settlement:' || $1, 0))`, [jurisdiction]);
}

/**
 * The highest charge seq whose transaction has committed. SHARE mode waits for every transaction that is inserting
 * charges to finish, and seq values come from a sequence handed out in order, so no charge at or below the result
 * can still appear; one inserted later gets a higher seq and is left to a later run. The lock is taken in a
 * savepoint and released with it, so ingestion waits only for this statement, not for the whole run.
 */
export async function chargeWatermark(tx: Em, jurisdiction: string): Promise<bigint> {
  await sql(tx, `savepoint charge_watermark`);
  await sql(tx, `lock table charge in share mode`);
  const row = await sqlOne<{ w: string }>(tx, `select coalesce(max(seq), 0)::text as w from charge where jurisdiction = $1`, [jurisdiction]);
  await sql(tx, `rollback to savepoint charge_watermark`);
  return BigInt(row!.w);
}

/**
 * Records the run's boxes (settlement_take) and aggregates their charges per product, developer and period carried
 * from: the run's lines, answered to the caller (writeSettlementLines stores them). A plain SELECT on purpose: an
 * INSERT … SELECT is never planned in parallel, a SELECT is, so the one pass over a quarter's charges gets the same
 * parallel scan and partial aggregates as any aggregation of them would; the few thousand lines it answers are then
 * summed in Node (domain/run-totals.ts) instead of read back from the rows written.
 */
export async function takeCharges(tx: Em, settlementId: string, jurisdiction: string, takes: Take[]): Promise<RunLine[]> {
  if (takes.length === 0) return [];
  // One statement for every box, from arrays.
  await sql(
    tx,
    `insert into settlement_take (settlement_id, jurisdiction, from_date, to_date, seq_after, seq_upto, carried_from)
     select $1, $2, f, t, a, u, cf from unnest($3::date[], $4::date[], $5::bigint[], $6::bigint[], $7::uuid[]) as x(f, t, a, u, cf)`,
    [settlementId, jurisdiction, takes.map((t) => t.from), takes.map((t) => t.to), takes.map((t) => t.seqAfter.toString()), takes.map((t) => t.seqUpto.toString()), takes.map((t) => t.carriedFrom)],
  );
  // One branch per box, each planned with its own bounds: the own period scans the covering
  // (jurisdiction, occurred_at) index, a late box the (jurisdiction, seq) one.
  const params: unknown[] = [jurisdiction];
  const branches = takes.map((t) => {
    params.push(t.from, t.to, t.seqAfter.toString(), t.seqUpto.toString(), t.carriedFrom);
    const p = params.length;
    return `select c.product_id, c.developer_id, $${p}::uuid as carried_from, c.amount_fen, c.units from charge c
            where c.jurisdiction = $1 and c.occurred_at >= ($${p - 4}::date::timestamp at time zone 'Asia/Shanghai') and c.occurred_at < ($${p - 3}::date::timestamp at time zone 'Asia/Shanghai')
              and c.seq > $${p - 2}::bigint and c.seq <= $${p - 1}::bigint`;
  });
  return sql<RunLine>(
    tx,
    `select product_id::text, developer_id::text, carried_from::text, sum(amount_fen)::text as revenue_fen, count(*)::text as charge_count, sum(units)::text as units
     from (${branches.join('\n union all ')}) x group by product_id, developer_id, carried_from`,
    params,
  );
}

/** Writes the run's lines, returning as soon as the statement is on its way (see sqlStarted). */
export function writeSettlementLines(tx: Em, settlementId: string, lines: readonly RunLine[]) {
  return sqlStarted(
    tx,
    `insert into settlement_line (settlement_id, product_id, developer_id, carried_from, revenue_fen, charge_count, units)
     select $1, p, d, cf, r, n, u from unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::bigint[], $6::bigint[], $7::bigint[]) as t(p, d, cf, r, n, u)`,
    [settlementId, lines.map((l) => l.product_id), lines.map((l) => l.developer_id), lines.map((l) => l.carried_from), lines.map((l) => l.revenue_fen), lines.map((l) => l.charge_count), lines.map((l) => l.units)],
  );
}

/** Writes the products' totals with their plans, returning as soon as the statement is on its way (see sqlStarted). */
export function writeSettlementProducts(tx: Em, settlementId: string, products: ProductTotal[], plans: Map<string, { id: string; version: number }>) {
  return sqlStarted(
    tx,
    `insert into settlement_product (settlement_id, product_id, plan_id, plan_version, revenue_fen, charge_count, units)
     select $1, p, pl, v, r, n, u from unnest($2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::bigint[], $7::bigint[]) as t(p, pl, v, r, n, u)`,
    [settlementId, products.map((p) => p.product_id), products.map((p) => plans.get(p.product_id)?.id ?? null), products.map((p) => plans.get(p.product_id)?.version ?? null), products.map((p) => p.revenue), products.map((p) => p.n), products.map((p) => p.units)],
  );
}

/** Writes shares [from, to) of the run, returning as soon as the statement is on its way. */
export function writeShares(tx: Em, settlementId: string, shares: ShareColumns, from: number, to: number) {
  return sqlStarted(
    tx,
    `insert into revenue_share (id, settlement_id, product_id, party_kind, party_id, ordinal, weight, amount_fen, basis)
     select uuidv7(), $1, p, k, pid, o, w, a, ($9::text[])[b] from unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::int[]) as t(p, k, pid, o, w, a, b)`,
    [settlementId, ...shares.columns(from, to)],
  );
}
