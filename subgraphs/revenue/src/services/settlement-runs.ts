import { conflict, DomainError, inTransaction, newId, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { checkSettlementPeriod } from '../domain/rules.js';
import { requireFinance } from '../access.js';
import { claimPeriod, holdSettlement, markFailed, overlappingSettlement, recordStep, reopenFailed, settlementOfPeriod, type SettlementRow } from '../data/settlements.js';
import type { Em } from '@pdo/platform';
import { ruled } from './refusal.js';
import { progressOn, settle } from './settlement.js';

export interface SettlementPeriodInput {
  jurisdiction: string;
  periodStart: string;
  periodEnd: string;
}

/**
 * Settlement periods of a jurisdiction do not overlap: a month inside a settled quarter would find the quarter's
 * charges already taken and complete empty, and a quarter over a settled month would report a period it did not
 * settle. Refused (CONFLICT, naming the settlement overlapped, whatever its status: a FAILED run is retried on its own
 * period) before anything is written; the database refuses it too (exclusion constraint of migration 0008).
 */
async function refuseOverlap(em: Em, j: string, start: string, end: string): Promise<void> {
  const o = await overlappingSettlement(em, j, start, end);
  if (!o) return;
  throw conflict(
    `结算期间 ${start}–${end} 与${j}已有的结算 ${o.id}（${o.period_start}–${o.period_end}，状态 ${o.status}）重叠；同一辖区的结算期间不得重叠`,
    `The period ${start}–${end} overlaps settlement ${o.id} of ${j} (${o.period_start}–${o.period_end}, ${o.status}); settlement periods of a jurisdiction may not overlap`,
    { field: 'input.periodStart', details: { reason: 'SETTLEMENT_PERIOD_OVERLAP', overlapsSettlementId: o.id, overlapsPeriodStart: o.period_start, overlapsPeriodEnd: o.period_end, overlapsStatus: o.status } },
  );
}

/** Claims the period (RUNNING, or a FAILED run reopened as a new attempt) and answers the settlement row. */
async function claim(em: Em, ctx: RequestContext<unknown>, input: SettlementPeriodInput): Promise<SettlementRow> {
  const { jurisdiction: j, periodStart: start, periodEnd: end } = input;
  await claimPeriod(em, { id: newId(), jurisdiction: j, start, end, by: ctx.identity.sub, at: ctx.now.toISOString() });
  await reopenFailed(em, j, start, end, ctx.now.toISOString());
  const claimed = await settlementOfPeriod(em, j, start, end);
  if (!claimed) {
    // An overlapping period was claimed meanwhile: no row here.
    await refuseOverlap(em, j, start, end);
    throw conflict('结算期间与已有结算重叠', 'The period overlaps an existing settlement of the jurisdiction');
  }
  return claimed;
}

const failureReason = (e: unknown): string =>
  e instanceof DomainError ? `${e.code}${e.rule ? ` ${e.rule}` : ''}: ${e.messageEn} | ${e.messageZh}` : 'INTERNAL_SERVER_ERROR: the run failed unexpectedly; nothing was posted';

/**
 * What both ways of running a settlement check first: finance of the jurisdiction, a closed period. A completed
 * settlement of the period is returned as it is (a run is idempotent).
 */
async function completedOrValid(ctx: RequestContext<unknown>, input: SettlementPeriodInput): Promise<SettlementRow | null> {
  requireFinance(ctx.identity, input.jurisdiction);
  ruled(() => checkSettlementPeriod(input.periodStart, input.periodEnd, todayInShanghai(ctx.now)));
  const existing = await settlementOfPeriod(ctx.em, input.jurisdiction, input.periodStart, input.periodEnd);
  return existing?.status === 'COMPLETED' ? existing : null;
}

/**
 * 结算: one jurisdiction, one closed month or quarter (services/settlement.ts does the work).
 *
 * The period is claimed first in its own committed statements, so the run is visible (RUNNING, with progress steps)
 * while it works and stays visible as FAILED with a reason if it fails. The work itself is one transaction holding
 * the settlement row: it either posts everything or nothing. Idempotent: (jurisdiction, period) is unique, so a
 * second run — or a concurrent one, which waits on the row — returns the first result; a run after a failure
 * retries the same row.
 */
export async function runSettlement(ctx: RequestContext<unknown>, input: SettlementPeriodInput): Promise<SettlementRow> {
  const j = input.jurisdiction;
  const completed = await completedOrValid(ctx, input);
  if (completed) return completed;
  // Also for a FAILED row of the period: one written before migration 0008 may overlap a settlement since completed, and is not retried over it.
  await refuseOverlap(ctx.em, j, input.periodStart, input.periodEnd);
  const claimed = await claim(ctx.em, ctx, input);
  const started = performance.now();
  const stats = { sharesWritten: 0 };
  let observed = false;
  let progressFlushed = async () => {};
  const observe = (outcome: 'COMPLETED' | 'FAILED') => !observed && ctx.metrics?.settlement({ jurisdiction: j, outcome, durationSeconds: (performance.now() - started) / 1000, sharesWritten: stats.sharesWritten });
  try {
    const result = await inTransaction(ctx, async (uow) => {
      const row = await holdSettlement(uow.tx, claimed.id);
      if (row.status === 'COMPLETED') {
        // A concurrent run of the period finished first: nothing was settled here.
        observed = true;
        return (await settlementOfPeriod(uow.tx, j, input.periodStart, input.periodEnd))!;
      }
      const progress = progressOn(ctx.em, claimed.id, row.attempt);
      progressFlushed = progress.flushed;
      await progress('STARTED', `settling ${j} ${input.periodStart}–${input.periodEnd} (attempt ${row.attempt})`);
      const settled = await settle(uow, { id: claimed.id, jurisdiction: j, start: input.periodStart, end: input.periodEnd, identity: ctx.identity }, { progress, reader: ctx.em, stats });
      await progress('COMPLETED', `total ${settled.total_fen} fen from ${settled.charge_count} charges`);
      await progress.flushed();
      return settled;
    });
    observe('COMPLETED');
    return result;
  } catch (e) {
    stats.sharesWritten = 0;
    observe('FAILED');
    // The steps still on their way are written before the failure's.
    await progressFlushed().catch(() => {});
    const reason = failureReason(e);
    await inTransaction(ctx, async (uow) => {
      const failed = await markFailed(uow.tx, claimed.id, reason, new Date().toISOString());
      if (!failed) return;
      await recordStep(uow.tx, claimed.id, failed.attempt, 'FAILED', reason);
      uow.audit({ entityType: 'Settlement', entityId: claimed.id, action: 'FAILED', changes: { jurisdiction: j, periodStart: input.periodStart, periodEnd: input.periodEnd, reason } });
    });
    throw e;
  }
}

/** The pg-boss task that runs a started settlement (`SubgraphDefinition.tasks`). */
export const SETTLE_TASK = 'settle';

/**
 * 开始结算 as a job: checks and claims the period like `runSettlement` (RUNNING, or a FAILED run reopened as a new
 * attempt) and, in the same transaction, queues the run; returns the settlement at once. A worker runs it with the
 * caller's identity (`runSettlement`: idempotent, so a job retried after a crash, or queued twice, settles the period
 * once); its progress and result are read from `settlement(id)`. The job is a row in PostgreSQL, so a restart of the
 * process loses nothing: the next worker takes it.
 */
export async function startSettlement(ctx: RequestContext<unknown>, input: SettlementPeriodInput): Promise<SettlementRow> {
  const { identity, now } = ctx;
  const j = input.jurisdiction;
  const completed = await completedOrValid(ctx, input);
  if (completed) return completed;
  return inTransaction(ctx, async (uow) => {
    await refuseOverlap(uow.tx, j, input.periodStart, input.periodEnd);
    const claimed = await claim(uow.tx, ctx, input);
    if (claimed.status === 'COMPLETED') return claimed; // completed by a concurrent run meanwhile
    const jobId = await ctx.events.enqueueTask(uow.tx, SETTLE_TASK, { identity, requestId: ctx.requestId, now: now.toISOString(), data: { jurisdiction: j, periodStart: input.periodStart, periodEnd: input.periodEnd } });
    await recordStep(uow.tx, claimed.id, claimed.attempt, 'QUEUED', `queued as job ${jobId}`);
    uow.audit({ entityType: 'Settlement', entityId: claimed.id, action: 'STARTED', changes: { jurisdiction: j, periodStart: input.periodStart, periodEnd: input.periodEnd, attempt: claimed.attempt, jobId } });
    return claimed;
  });
}

/** The worker's side: the same run as the synchronous mutation, under the starter's identity. */
export async function runSettlementTask(ctx: RequestContext<unknown>, data: SettlementPeriodInput): Promise<void> {
  await runSettlement(ctx, data);
}
