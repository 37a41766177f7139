import { pageOf, sql, type Em } from '@pdo/platform';
import { db } from './tables.js';

/** The settlement table: runs of a jurisdiction and period, their status and totals. */
export type SettlementRow = NonNullable<Awaited<ReturnType<typeof settlementById>>>;
export type SettlementStepName = 'QUEUED' | 'STARTED' | 'CHARGES_TOTALLED' | 'SPLITS_COMPUTED' | 'LEDGER_POSTED' | 'COMPLETED' | 'FAILED';

export function settlementById(em: Em, id: string) {
  return db(em).selectFrom('settlement').selectAll().where('id', '=', id).executeTakeFirst();
}

export function settlementOfPeriod(em: Em, jurisdiction: string, start: string, end: string) {
  return db(em).selectFrom('settlement').selectAll().where('jurisdiction', '=', jurisdiction).where('period_start', '=', start).where('period_end', '=', end).executeTakeFirst();
}

/** A settlement of the jurisdiction whose period overlaps [start, end] other than that exact period. */
export function overlappingSettlement(em: Em, jurisdiction: string, start: string, end: string) {
  return db(em)
    .selectFrom('settlement')
    .select(['id', 'period_start', 'period_end', 'status'])
    .where('jurisdiction', '=', jurisdiction)
    .where('period_start', '<=', end)
    .where('period_end', '>=', start)
    .where((eb) => eb.or([eb('period_start', '<>', start), eb('period_end', '<>', end)]))
    .orderBy('period_start')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Claims the period (RUNNING). No conflict target: the period's unique key and the no-overlap exclusion constraint
 * (migration 0008) are both arbiters, so a concurrent run of the same period does nothing here and shares the row,
 * and one of an overlapping period inserted meanwhile leaves no row.
 */
export async function claimPeriod(em: Em, s: { id: string; jurisdiction: string; start: string; end: string; by: string; at: string }): Promise<void> {
  await db(em)
    .insertInto('settlement')
    .values({ id: s.id, jurisdiction: s.jurisdiction, period_start: s.start, period_end: s.end, status: 'RUNNING', created_by: s.by, started_at: s.at })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A retry after a failure: RUNNING again, as a new attempt (a concurrent retry finds it already flipped). */
export async function reopenFailed(em: Em, jurisdiction: string, start: string, end: string, at: string): Promise<void> {
  await db(em)
    .updateTable('settlement')
    .set((eb) => ({ status: 'RUNNING', attempt: eb('attempt', '+', 1), failure_reason: null, failed_at: null, started_at: at }))
    .where('jurisdiction', '=', jurisdiction)
    .where('period_start', '=', start)
    .where('period_end', '=', end)
    .where('status', '=', 'FAILED')
    .execute();
}

/** The run's hold on its row. NO KEY UPDATE: serialises runs of the period without blocking the progress log. */
export function holdSettlement(em: Em, id: string) {
  return db(em).selectFrom('settlement').select(['status', 'attempt']).where('id', '=', id).forNoKeyUpdate().executeTakeFirstOrThrow();
}

export function markFailed(em: Em, id: string, reason: string, at: string) {
  return db(em)
    .updateTable('settlement')
    .set({ status: 'FAILED', failure_reason: reason, failed_at: at })
    .where('id', '=', id)
    .where('status', '<>', 'COMPLETED')
    .returning('attempt')
    .executeTakeFirst();
}

/** `at`: when the step happened, if earlier than its row is written (progressOn writes them behind the run). */
export async function recordStep(em: Em, settlementId: string, attempt: number, step: SettlementStepName, detail: string, at?: Date): Promise<void> {
  await db(em).insertInto('settlement_step').values({ settlement_id: settlementId, attempt, step, detail, ...(at ? { at: at.toISOString() } : {}) }).execute();
}

/** The jurisdiction's completed settlements other than `exceptId`, as far as what they took matters. */
export function completedSettlements(em: Em, jurisdiction: string, exceptId: string) {
  return db(em).selectFrom('settlement').select(['id', 'period_start', 'period_end', 'watermark']).where('jurisdiction', '=', jurisdiction).where('status', '=', 'COMPLETED').where('id', '<>', exceptId).execute();
}

export interface Completion {
  totalFen: bigint;
  chargeCount: bigint;
  productCount: number;
  ledgerEntryId: string | null;
  contributionAssessmentId: string | null;
  carriedFen: string;
  carriedCount: string;
  watermark: bigint;
}

export function completeSettlement(em: Em, id: string, c: Completion) {
  return db(em)
    .updateTable('settlement')
    .set((eb) => ({
      status: 'COMPLETED',
      total_fen: c.totalFen.toString(),
      charge_count: c.chargeCount.toString(),
      product_count: c.productCount,
      ledger_entry_id: c.ledgerEntryId,
      contribution_assessment_id: c.contributionAssessmentId,
      completed_at: eb.fn<string>('now'),
      carried_fen: c.carriedFen,
      carried_count: c.carriedCount,
      watermark: c.watermark.toString(),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Settlements of a jurisdiction, newest period first. */
export function settlementPage(em: Em, jurisdiction: string | null, window: { limit: number; offset: number }) {
  const k = db(em);
  const q = k
    .selectFrom('settlement')
    .selectAll()
    .where('jurisdiction', '=', jurisdiction ?? '')
    .orderBy('period_start', 'desc')
    .orderBy('period_end', 'desc');
  return pageOf(k, q, window);
}

/** Whether the party takes part in the settlement: a share, or charges as a developer (party ids are text: a jurisdiction code is one). */
export async function takesPart(em: Em, settlementId: string, partyId: string): Promise<boolean> {
  const k = db(em);
  const row = await k
    .selectFrom('revenue_share')
    .select('settlement_id')
    .where('settlement_id', '=', settlementId)
    .where('party_id', '=', partyId)
    .unionAll(k.selectFrom('settlement_line').select('settlement_id').where('settlement_id', '=', settlementId).where((eb) => eb(eb.cast('developer_id', 'text'), '=', partyId)))
    .limit(1)
    .executeTakeFirst();
  return !!row;
}

/**
 * charges (recomputed from what the settlement took) = shares = ledger debits = ledger credits. Hand-written: the
 * charges come from the view `settled_charge` (its boxes of days and seq ranges), summed in the same statement.
 */
export async function reconciliationSums(em: Em, settlementId: string): Promise<{ charges: string; shares: string; debits: string; credits: string }> {
  const [r] = await sql<{ charges: string; shares: string; debits: string; credits: string }>(
    em,
    `select
       (select coalesce(sum(amount_fen), 0) from settled_charge where settlement_id = $1)::text as charges,
       (select coalesce(sum(amount_fen), 0) from revenue_share where settlement_id = $1)::text as shares,
       (select coalesce(sum(l.debit_fen), 0) from ledger_line l join ledger_entry e on e.id = l.entry_id where e.settlement_id = $1)::text as debits,
       (select coalesce(sum(l.credit_fen), 0) from ledger_line l join ledger_entry e on e.id = l.entry_id where e.settlement_id = $1)::text as credits`,
    [settlementId],
  );
  return r!;
}

/** Progress steps of settlements, oldest first (loader). */
export function stepsOf(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('settlement_step').select(['settlement_id', 'attempt', 'step', 'detail', 'at']).where('settlement_id', 'in', ids).orderBy('id').execute();
}

/** Products of settlements (loader). */
export function productsOf(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('settlement_product').selectAll().where('settlement_id', 'in', ids).orderBy('product_id').execute();
}

/** Charge lines of settlements, with the period of the settlement late charges are carried from (loader). */
export function linesOf(em: Em, ids: readonly string[]) {
  return db(em)
    .selectFrom('settlement_line as sl')
    .leftJoin('settlement as f', 'f.id', 'sl.carried_from')
    .select(['sl.settlement_id', 'sl.product_id', 'sl.developer_id', 'sl.revenue_fen', 'sl.charge_count', 'sl.units', 'sl.carried_from', 'f.period_start as from_start', 'f.period_end as from_end'])
    .where('sl.settlement_id', 'in', ids)
    .orderBy('sl.product_id')
    .orderBy('sl.developer_id')
    .orderBy('f.period_start', (ob) => ob.asc().nullsFirst())
    .execute();
}
