import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, DomainError, inTransaction, policyViolation, sql, sqlOne, sqlStarted, type Identity, type RequestContext, type UnitOfWork } from '@pdo/platform';
import { settlementShareTable, type RevenueEvents } from '@pdo/events';
import { todayInShanghai } from '@pdo/policy';
import { checkSettlementPeriod } from '../domain/rules.js';
import { requireFinance } from '../domain/access.js';
import { splitRevenue, type AgencyWeight } from '../domain/allocation.js';
import { ShareColumns } from './share-columns.js';
import { uuidv7 } from '../domain/ids.js';
import { takesOf } from '../domain/takes.js';
import { plansForProducts } from './plans.js';
import { ensureAccounts } from './ledger.js';
import { SETTLEMENT_COLS, toSettlement } from './rows.js';
import type { DistributionPlan, RunSettlementInput, Settlement } from '../schema/types.js';

export async function findSettlement(em: EntityManager, jurisdiction: string, start: string, end: string): Promise<Settlement | null> {
  const r = await sqlOne(em, `select ${SETTLEMENT_COLS} from settlement where jurisdiction = $1 and period_start = $2::date and period_end = $3::date`, [jurisdiction, start, end]);
  return r ? toSettlement(r) : null;
}

/**
 * Settlement periods of a jurisdiction do not overlap: a month inside a settled quarter would find
 * the quarter's charges already taken and complete empty, and a quarter over a settled month would
 * report a period it did not settle. Refused (CONFLICT, naming the settlement overlapped, whatever
 * its status: a FAILED run is retried on its own period) before anything is written; the database
 * refuses it too (exclusion constraint of migration 0008).
 */
async function refuseOverlap(em: EntityManager, j: string, start: string, end: string): Promise<void> {
  const o = await sqlOne<{ id: string; start: string; end: string; status: string }>(
    em,
    `select id, period_start::text as start, period_end::text as end, status from settlement
     where jurisdiction = $1 and daterange(period_start, period_end, '[]') && daterange($2::date, $3::date, '[]')
       and (period_start, period_end) <> ($2::date, $3::date)
     order by period_start, id limit 1`,
    [j, start, end],
  );
  if (!o) return;
  throw conflict(
    `结算期间 ${start}–${end} 与${j}已有的结算 ${o.id}（${o.start}–${o.end}，状态 ${o.status}）重叠；同一辖区的结算期间不得重叠`,
    `The period ${start}–${end} overlaps settlement ${o.id} of ${j} (${o.start}–${o.end}, ${o.status}); settlement periods of a jurisdiction may not overlap`,
    { field: 'input.periodStart', details: { reason: 'SETTLEMENT_PERIOD_OVERLAP', overlapsSettlementId: o.id, overlapsPeriodStart: o.start, overlapsPeriodEnd: o.end, overlapsStatus: o.status } },
  );
}

/** Source-agency weights of each product: resources supplied, or the period's contribution scores. */
async function agencyWeights(em: EntityManager, productIds: string[], scores: Map<string, string> | null): Promise<Map<string, { byResources: AgencyWeight[]; byScore: AgencyWeight[] | null }>> {
  const rows = await sql<{ product_id: string; agency_id: string; n: number; total: number }>(
    em,
    `select product_id, source_agency_id as agency_id, count(*)::int as n, sum(count(*)) over (partition by product_id)::int as total, min(ordinal) as first
     from product_resource where product_id = any($1::uuid[]) group by product_id, source_agency_id order by product_id, first`,
    [productIds],
  );
  const out = new Map<string, { byResources: AgencyWeight[]; byScore: AgencyWeight[] | null }>();
  for (const r of rows) {
    const e = out.get(r.product_id) ?? { byResources: [], byScore: null };
    e.byResources.push({ agencyId: r.agency_id, weight: String(r.n), basis: `supplies ${r.n} of the product's ${r.total} resources` });
    out.set(r.product_id, e);
  }
  if (scores) {
    for (const e of out.values()) {
      const scored = e.byResources.map((a) => ({ agencyId: a.agencyId, weight: scores.get(a.agencyId) ?? '0', basis: `contribution score ${scores.get(a.agencyId) ?? '0 (not assessed)'}` }));
      // An assessment that scores none of the product's agencies leaves the default in place.
      e.byScore = scored.some((a) => a.weight !== '0' && !/^0(\.0+)?$/.test(a.weight)) ? scored : null;
    }
  }
  return out;
}

/** What the split needs besides the revenue: each product's plan and source-agency weights, and the period's contribution assessment. */
interface SplitTerms {
  /** The products these terms were read for. */
  covered: Set<string>;
  plans: Map<string, DistributionPlan>;
  weights: Awaited<ReturnType<typeof agencyWeights>>;
  assessmentId: string | null;
}

/** Split terms of the given products, or (null) of every product of the jurisdiction. */
async function splitTerms(em: EntityManager, j: string, start: string, end: string, productIds: string[] | null): Promise<SplitTerms> {
  const ids = productIds ?? (await sql<{ id: string }>(em, `select id from product_view where jurisdiction = $1`, [j])).map((r) => r.id);
  const plans = await plansForProducts(em, ids);
  const assessment = await sqlOne<{ assessment_id: string }>(
    em,
    `select assessment_id from contribution_score where jurisdiction = $1 and period_start <= $3::date and period_end >= $2::date order by received_at desc, assessment_id desc limit 1`,
    [j, start, end],
  );
  const scores = assessment
    ? new Map((await sql<{ agency_id: string; score: string }>(em, `select agency_id, score::text from contribution_score where assessment_id = $1`, [assessment.assessment_id])).map((r) => [r.agency_id, r.score]))
    : null;
  const weights = await agencyWeights(em, ids, scores);
  return { covered: new Set(ids), plans, weights, assessmentId: assessment?.assessment_id ?? null };
}

/** Steps a run reports, in order (visible on `Settlement.progress` while it runs). */
export type SettlementStepName = 'QUEUED' | 'STARTED' | 'CHARGES_TOTALLED' | 'SPLITS_COMPUTED' | 'LEDGER_POSTED' | 'COMPLETED' | 'FAILED';
export type Progress = (step: SettlementStepName, detail: string) => Promise<void>;

/** Progress written on its own connection (autocommit), outside the run's transaction. */
export const progressOn = (em: EntityManager, id: string, attempt: number): Progress => async (step, detail) => {
  await sql(em, `insert into settlement_step (settlement_id, attempt, step, detail) values ($1, $2, $3, $4)`, [id, attempt, step, detail]);
};

const failureReason = (e: unknown): string =>
  e instanceof DomainError ? `${e.code}${e.rule ? ` ${e.rule}` : ''}: ${e.messageEn} | ${e.messageZh}` : 'INTERNAL_SERVER_ERROR: the run failed unexpectedly; nothing was posted';

/**
 * What both ways of running a settlement check first: finance of the jurisdiction, a closed period.
 * A completed settlement of the period is returned as it is (a run is idempotent).
 */
async function completedOrValid(ctx: RequestContext<unknown>, input: RunSettlementInput): Promise<Settlement | null> {
  requireFinance(ctx.identity, input.jurisdiction);
  checkSettlementPeriod(input.periodStart, input.periodEnd, todayInShanghai(ctx.now));
  const existing = await findSettlement(ctx.em, input.jurisdiction, input.periodStart, input.periodEnd);
  return existing?.status === 'COMPLETED' ? existing : null;
}

/**
 * 结算: one jurisdiction, one closed month or quarter. Set-based: charges are aggregated in SQL
 * (per product and developer); only the per-product split (a handful of parties each) runs in Node.
 *
 * The period is claimed first in its own committed statement, so the run is visible (RUNNING,
 * with progress steps) while it works and stays visible as FAILED with a reason if it fails. The
 * work itself is one transaction holding the settlement row: it either posts everything or
 * nothing. Idempotent: (jurisdiction, period) is unique, so a second run — or a concurrent one,
 * which waits on the row — returns the first result; a run after a failure retries the same row.
 */
export async function runSettlement(ctx: RequestContext<unknown>, input: RunSettlementInput): Promise<Settlement> {
  const { identity, now } = ctx;
  const j = input.jurisdiction;
  const completed = await completedOrValid(ctx, input);
  if (completed) return completed;
  // Also for a FAILED row of the period: one written before migration 0008 may overlap a settlement since completed, and is not retried over it.
  await refuseOverlap(ctx.em, j, input.periodStart, input.periodEnd);
  // No conflict target: the period's unique key and the no-overlap exclusion constraint (migration
  // 0008) are both arbiters, so a concurrent run of the same period does nothing here and shares the
  // row, and one of an overlapping period inserted meanwhile leaves no row — refused just below.
  await sql(
    ctx.em,
    `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, $2, $3::date, $4::date, 'RUNNING', $5, $6)
     on conflict do nothing`,
    [uuidv7(), j, input.periodStart, input.periodEnd, identity.sub, now.toISOString()],
  );
  if (!(await findSettlement(ctx.em, j, input.periodStart, input.periodEnd))) {
    await refuseOverlap(ctx.em, j, input.periodStart, input.periodEnd);
    throw conflict('结算期间与已有结算重叠', 'The period overlaps an existing settlement of the jurisdiction');
  }
  // A retry after a failure: RUNNING again, as a new attempt (a concurrent retry finds it already flipped).
  await sql(
    ctx.em,
    `update settlement set status = 'RUNNING', attempt = attempt + 1, failure_reason = null, failed_at = null, started_at = $4
     where jurisdiction = $1 and period_start = $2::date and period_end = $3::date and status = 'FAILED'`,
    [j, input.periodStart, input.periodEnd, now.toISOString()],
  );
  const claimed = (await findSettlement(ctx.em, j, input.periodStart, input.periodEnd))!;
  const started = performance.now();
  const stats = { sharesWritten: 0 };
  let observed = false;
  const observe = (outcome: 'COMPLETED' | 'FAILED') => !observed && ctx.metrics?.settlement({ jurisdiction: j, outcome, durationSeconds: (performance.now() - started) / 1000, sharesWritten: stats.sharesWritten });
  try {
    const result = await inTransaction(ctx, async (uow) => {
      // NO KEY UPDATE: serialises runs of the period without blocking the progress log.
      const row = await sqlOne<{ status: string; attempt: number }>(uow.tx, `select status, attempt from settlement where id = $1 for no key update`, [claimed.id]);
      if (row!.status === 'COMPLETED') {
        // A concurrent run of the period finished first: nothing was settled here.
        observed = true;
        return (await findSettlement(uow.tx, j, input.periodStart, input.periodEnd))!;
      }
      const progress = progressOn(ctx.em, claimed.id, row!.attempt);
      await progress('STARTED', `settling ${j} ${input.periodStart}–${input.periodEnd} (attempt ${row!.attempt})`);
      const settled = await settle(uow, identity, claimed.id, j, input.periodStart, input.periodEnd, progress, { reader: ctx.em, stats });
      await progress('COMPLETED', `total ${settled.total} fen from ${settled.chargeCount} charges`);
      return settled;
    });
    observe('COMPLETED');
    return result;
  } catch (e) {
    stats.sharesWritten = 0;
    observe('FAILED');
    const reason = failureReason(e);
    await inTransaction(ctx, async (uow) => {
      const [failed] = await sql<{ attempt: number }>(
        uow.tx,
        `update settlement set status = 'FAILED', failure_reason = $2, failed_at = $3 where id = $1 and status <> 'COMPLETED' returning attempt`,
        [claimed.id, reason, new Date().toISOString()],
      );
      if (!failed) return;
      await sql(uow.tx, `insert into settlement_step (settlement_id, attempt, step, detail) values ($1, $2, 'FAILED', $3)`, [claimed.id, failed.attempt, reason]);
      uow.audit({ entityType: 'Settlement', entityId: claimed.id, action: 'FAILED', changes: { jurisdiction: j, periodStart: input.periodStart, periodEnd: input.periodEnd, reason } });
    });
    throw e;
  }
}

/** The pg-boss task that runs a started settlement (`SubgraphDefinition.tasks`). */
export const SETTLE_TASK = 'settle';

/**
 * 开始结算 as a job: checks and claims the period like `runSettlement` (RUNNING, or a FAILED run
 * reopened as a new attempt) and, in the same transaction, queues the run; returns the settlement
 * at once. A worker runs it with the caller's identity (`runSettlement`: idempotent, so a job
 * retried after a crash, or queued twice, settles the period once); its progress and result are
 * read from `settlement(id)` (`status`, `progress`, `reconciliation`). The job is a row in
 * PostgreSQL, so a restart of the process loses nothing: the next worker takes it.
 */
export async function startSettlement(ctx: RequestContext<unknown>, input: RunSettlementInput): Promise<Settlement> {
  const { identity, now } = ctx;
  const j = input.jurisdiction;
  const completed = await completedOrValid(ctx, input);
  if (completed) return completed;
  return inTransaction(ctx, async (uow) => {
    await refuseOverlap(uow.tx, j, input.periodStart, input.periodEnd);
    await sql(
      uow.tx,
      `insert into settlement (id, jurisdiction, period_start, period_end, status, created_by, started_at) values ($1, $2, $3::date, $4::date, 'RUNNING', $5, $6)
       on conflict do nothing`,
      [uuidv7(), j, input.periodStart, input.periodEnd, identity.sub, now.toISOString()],
    );
    await sql(
      uow.tx,
      `update settlement set status = 'RUNNING', attempt = attempt + 1, failure_reason = null, failed_at = null, started_at = $4
       where jurisdiction = $1 and period_start = $2::date and period_end = $3::date and status = 'FAILED'`,
      [j, input.periodStart, input.periodEnd, now.toISOString()],
    );
    const claimed = await findSettlement(uow.tx, j, input.periodStart, input.periodEnd);
    if (!claimed) {
      await refuseOverlap(uow.tx, j, input.periodStart, input.periodEnd);
      throw conflict('结算期间与已有结算重叠', 'The period overlaps an existing settlement of the jurisdiction');
    }
    if (claimed.status === 'COMPLETED') return claimed; // completed by a concurrent run meanwhile
    const jobId = await ctx.events.enqueueTask(uow.tx, SETTLE_TASK, { identity, requestId: ctx.requestId, now: now.toISOString(), data: { jurisdiction: j, periodStart: input.periodStart, periodEnd: input.periodEnd } });
    await sql(uow.tx, `insert into settlement_step (settlement_id, attempt, step, detail) values ($1, $2, 'QUEUED', $3)`, [claimed.id, claimed.attempt, `queued as job ${jobId}`]);
    uow.audit({ entityType: 'Settlement', entityId: claimed.id, action: 'STARTED', changes: { jurisdiction: j, periodStart: input.periodStart, periodEnd: input.periodEnd, attempt: claimed.attempt, jobId } });
    return claimed;
  });
}

/** The worker's side: the same run as the synchronous mutation, under the starter's identity. */
export async function runSettlementTask(ctx: RequestContext<unknown>, data: RunSettlementInput): Promise<void> {
  await runSettlement(ctx, data);
}

const noProgress: Progress = async () => {};

/** Products split per batch (see settle): large enough that a statement's overhead is small, small enough to overlap. */
const SPLIT_BATCH = 1000;

/**
 * The highest charge seq whose transaction has committed. SHARE mode waits for every transaction
 * that is inserting charges to finish, and seq values come from a sequence handed out in order, so
 * no charge at or below the result can still appear; one inserted later gets a higher seq and is
 * left to a later run. The lock is taken in a savepoint and released with it, so ingestion waits
 * only for this statement, not for the whole run.
 */
async function chargeWatermark(tx: EntityManager, j: string): Promise<bigint> {
  await sql(tx, `savepoint charge_watermark`);
  await sql(tx, `lock table charge in share mode`);
  const row = await sqlOne<{ w: string }>(tx, `select coalesce(max(seq), 0)::text as w from charge where jurisdiction = $1`, [j]);
  await sql(tx, `rollback to savepoint charge_watermark`);
  return BigInt(row!.w);
}

/**
 * The work of a run, inside the caller's transaction. What it takes is fixed first, as a watermark
 * and a few boxes of (days, seq range) recorded in `settlement_take` (see `takesOf`): the period's
 * own charges, plus late charges whose usage fell in an earlier, already-settled period of the
 * jurisdiction — carried here, marked with the settlement of their own period. Boxes of different
 * settlements never overlap, so a charge is taken once only; the charges are then aggregated per
 * product and developer straight from `charge`, with no row written per charge.
 */
export async function settle(
  uow: UnitOfWork,
  identity: Identity,
  id: string,
  j: string,
  start: string,
  end: string,
  progress: Progress = noProgress,
  {
    splitBatch = SPLIT_BATCH,
    reader,
    stats,
  }: {
    splitBatch?: number;
    /** A connection outside the run's transaction; the split's terms are then read on it while the charges are aggregated. */
    reader?: EntityManager;
    /** Told how many revenue shares the run wrote (for the metrics, docs/operations.md). */
    stats?: { sharesWritten: number };
  } = {},
): Promise<Settlement> {
  const { tx } = uow;
  // Plans and weights are read on a connection of their own while this one aggregates the charges,
  // so that PostgreSQL works on both at once. Which products have revenue is not known yet, so
  // every product of the jurisdiction. Under read committed, reading them here after the
  // aggregation would be no more consistent.
  const early = reader ? splitTerms(reader, j, start, end, null) : null;
  early?.catch(() => {});
  // Runs of one jurisdiction one after another: each sees the previous ones completed, so
  // watermarks grow with completion order (what takesOf relies on).
  await sql(tx, `select pg_advisory_xact_lock(hashtextextended('revenue.settlement:' || $1, 0))`, [j]);
  const watermark = await chargeWatermark(tx, j);
  const completed = await sql<{ id: string; start: string; end: string; watermark: string }>(
    tx,
    `select id, period_start::text as start, period_end::text as end, watermark::text as watermark from settlement where jurisdiction = $1 and status = 'COMPLETED' and id <> $2`,
    [j, id],
  );
  const takes = takesOf({ id, start, end, watermark }, completed.map((c) => ({ ...c, watermark: BigInt(c.watermark) })));
  if (takes.length > 0) {
    await sql(
      tx,
      `insert into settlement_take (settlement_id, jurisdiction, from_date, to_date, seq_after, seq_upto, carried_from)
       select $1, $2, f, t, a, u, cf from unnest($3::date[], $4::date[], $5::bigint[], $6::bigint[], $7::uuid[]) as x(f, t, a, u, cf)`,
      [id, j, takes.map((t) => t.from), takes.map((t) => t.to), takes.map((t) => t.seqAfter.toString()), takes.map((t) => t.seqUpto.toString()), takes.map((t) => t.carriedFrom)],
    );
    // One branch per box, each planned with its own bounds: the own period scans the covering
    // (jurisdiction, occurred_at) index, a late box the (jurisdiction, seq) one.
    const params: unknown[] = [id, j];
    const branches = takes.map((t) => {
      params.push(t.from, t.to, t.seqAfter.toString(), t.seqUpto.toString(), t.carriedFrom);
      const p = params.length;
      return `select c.product_id, c.developer_id, $${p}::uuid as carried_from, c.amount_fen, c.units from charge c
              where c.jurisdiction = $2 and c.occurred_at >= ($${p - 4}::date::timestamp at time zone 'Asia/Shanghai') and c.occurred_at < ($${p - 3}::date::timestamp at time zone 'Asia/Shanghai')
                and c.seq > $${p - 2}::bigint and c.seq <= $${p - 1}::bigint`;
    });
    await sql(
      tx,
      `insert into settlement_line (settlement_id, product_id, developer_id, carried_from, revenue_fen, charge_count, units)
       select $1, product_id, developer_id, carried_from, sum(amount_fen), count(*), sum(units)
       from (${branches.join('\n union all ')}) x group by product_id, developer_id, carried_from`,
      params,
    );
  }
  const products = await sql<{ product_id: string; revenue: string; n: string; units: string }>(
    tx,
    `select product_id, sum(revenue_fen)::text as revenue, sum(charge_count)::text as n, sum(units)::text as units from settlement_line where settlement_id = $1 group by product_id order by product_id`,
    [id],
  );
  const carried = (await sqlOne<{ fen: string; n: string }>(tx, `select coalesce(sum(revenue_fen), 0)::text as fen, coalesce(sum(charge_count), 0)::text as n from settlement_line where settlement_id = $1 and carried_from is not null`, [id]))!;
  await progress(
    'CHARGES_TOTALLED',
    `${products.reduce((a, p) => a + BigInt(p.n), 0n)} charges over ${products.length} products, ${products.reduce((a, p) => a + BigInt(p.revenue), 0n)} fen (of which ${carried.n} late charges, ${carried.fen} fen, carried from settled periods)`,
  );
  const paid = products.filter((p) => BigInt(p.revenue) > 0n);
  let terms = early ? await early : null;
  // A product with revenue outside what was read early (none, unless the catalogue of products moved meanwhile): read them all now.
  if (!terms || paid.some((p) => !terms!.covered.has(p.product_id))) terms = await splitTerms(tx, j, start, end, paid.map((p) => p.product_id));
  const { plans, weights } = terms;
  const missing = paid.filter((p) => !plans.has(p.product_id)).map((p) => p.product_id);
  if (missing.length > 0) {
    throw policyViolation('DISTRIBUTION_PLAN_MISSING', '有收入的产品须先配置收益分配方案', 'Every product with revenue needs a distribution plan before settlement', { details: { source: 'TZ Art 10; NS Art 14(7)', productIds: missing } });
  }
  // The split runs a batch of products at a time, and each batch's shares are written while Node
  // computes the next one (the products' totals while it computes the first): the database and
  // Node work side by side instead of in turn.
  let writing = await sqlStarted(
    tx,
    `insert into settlement_product (settlement_id, product_id, plan_id, plan_version, revenue_fen, charge_count, units)
     select $1, p, pl, v, r, n, u from unnest($2::uuid[], $3::uuid[], $4::int[], $5::bigint[], $6::bigint[], $7::bigint[]) as t(p, pl, v, r, n, u)`,
    [id, products.map((p) => p.product_id), products.map((p) => plans.get(p.product_id)?.id ?? null), products.map((p) => plans.get(p.product_id)?.version ?? null), products.map((p) => p.revenue), products.map((p) => p.n), products.map((p) => p.units)],
  );
  const shares = new ShareColumns();
  let usedAssessment = false;
  try {
    for (let from = 0; from < paid.length; from += splitBatch) {
      const first = shares.length;
      for (const p of paid.slice(from, from + splitBatch)) {
        const plan = plans.get(p.product_id)!;
        const w = weights.get(p.product_id);
        const useScores = plan.sourceBasis === 'CONTRIBUTION' && !!w?.byScore;
        usedAssessment ||= useScores && plan.parties.some((x) => x.kind === 'SOURCE_AGENCIES');
        const agencies = (useScores ? w!.byScore : w?.byResources) ?? [];
        if (plan.parties.some((x) => x.kind === 'SOURCE_AGENCIES') && agencies.length === 0) {
          throw policyViolation('NO_SOURCE_AGENCIES', '产品没有可分配的数据提供单位', 'The product has no source agencies to share with', { details: { productId: p.product_id } });
        }
        for (const s of splitRevenue(BigInt(p.revenue), plan.parties, agencies)) shares.push(p.product_id, s);
      }
      await writing.done;
      writing = await sqlStarted(
        tx,
        `insert into revenue_share (id, settlement_id, product_id, party_kind, party_id, ordinal, weight, amount_fen, basis)
         select gen_random_uuid(), $1, p, k, pid, o, w, a, ($9::text[])[b] from unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::int[]) as t(p, k, pid, o, w, a, b)`,
        [id, ...shares.columns(first, shares.length)],
      );
    }
  } catch (e) {
    await writing.done.catch(() => {});
    throw e;
  }
  // While the last batch is written: the event's share table and the parties the ledger needs accounts for.
  const published = settlementShareTable(shares.nonZero());
  const owed = new Map<string, { kind: string; id: string; fen: bigint }>();
  for (let i = 0; i < shares.length; i++) {
    const key = `${shares.kind[i]}:${shares.partyId[i]}`;
    const party = owed.get(key);
    if (party) party.fen += BigInt(shares.amountFen[i]!);
    else owed.set(key, { kind: shares.kind[i]!, id: shares.partyId[i]!, fen: BigInt(shares.amountFen[i]!) });
  }
  await writing.done;
  await progress('SPLITS_COMPUTED', `${shares.length} shares over ${paid.length} products with revenue, written`);
  if (stats) stats.sharesWritten = shares.length;
  const total = products.reduce((a, p) => a + BigInt(p.revenue), 0n);
  const count = products.reduce((a, p) => a + BigInt(p.n), 0n);
  let entryId: string | null = null;
  if (total > 0n) {
    // Developers owe the period's charges (debit); each party is owed its shares (credit). Σ = total on both sides.
    // Debits per developer in one small query, credits per party from the shares in hand; both are
    // joined to their accounts on Node's side, since the planner has no statistics yet for the rows
    // this transaction just wrote.
    const devs = await sql<{ developer_id: string; fen: string }>(
      tx,
      `select developer_id::text, sum(revenue_fen)::text as fen from settlement_line where settlement_id = $1 group by developer_id having sum(revenue_fen) > 0`,
      [id],
    );
    const parties = new Map<string, { kind: string; id: string }>(devs.map((d) => [`DEVELOPER:${d.developer_id}`, { kind: 'DEVELOPER', id: d.developer_id }]));
    for (const [k, p] of owed) parties.set(k, p);
    const accounts = await ensureAccounts(tx, j, [...parties.values()]);
    entryId = uuidv7();
    await sql(tx, `insert into ledger_entry (id, jurisdiction, entry_date, memo, settlement_id, created_by) values ($1, $2, $3::date, $4, $5, $6)`, [entryId, j, end, `结算 Settlement ${j} ${start}–${end}`, id, identity.sub]);
    const credits = [...owed.entries()].filter(([, p]) => p.fen > 0n);
    await sql(
      tx,
      `insert into ledger_line (entry_id, account_id, debit_fen, credit_fen) select $1, a, d, c from unnest($2::uuid[], $3::bigint[], $4::bigint[]) as t(a, d, c)`,
      [
        entryId,
        [...devs.map((d) => accounts.get(`DEVELOPER:${d.developer_id}`)), ...credits.map(([k]) => accounts.get(k))],
        [...devs.map((d) => d.fen), ...credits.map(() => '0')],
        [...devs.map(() => '0'), ...credits.map(([, p]) => p.fen.toString())],
      ],
    );
  }
  await progress('LEDGER_POSTED', entryId ? `ledger entry ${entryId}: debits = credits = ${total} fen` : 'nothing to post (no revenue)');
  const [row] = await sql(
    tx,
    `update settlement set status = 'COMPLETED', total_fen = $2, charge_count = $3, product_count = $4, ledger_entry_id = $5, contribution_assessment_id = $6, completed_at = now(),
       carried_fen = $7, carried_count = $8, watermark = $9
     where id = $1 returning ${SETTLEMENT_COLS}`,
    [id, total.toString(), count.toString(), products.length, entryId, usedAssessment ? terms.assessmentId : null, carried.fen, carried.n, watermark.toString()],
  );
  const settlement = toSettlement(row!);
  uow.audit({ entityType: 'Settlement', entityId: id, action: 'COMPLETED', changes: { jurisdiction: j, periodStart: start, periodEnd: end, totalFen: total.toString(), chargeCount: count.toString(), plans: [...plans.values()].map((p) => `${p.id}@v${p.version}`) } });
  await uow.publish(
    'SettlementCompleted',
    {
      settlementId: id,
      jurisdiction: j,
      periodStart: start,
      periodEnd: end,
      totalFen: total.toString(),
      ...published,
    } satisfies RevenueEvents.SettlementCompleted,
    j,
  );
  return settlement;
}
