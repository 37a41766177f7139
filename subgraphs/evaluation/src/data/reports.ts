import { sql } from 'kysely';
import { pageOf, type Em } from '@pdo/platform';
import { db, type ReportPrefill } from './tables.js';

const REPORT = [
  'id',
  'jurisdiction',
  'operator_id',
  'kind',
  'period_start',
  'period_end',
  'due_on',
  'rule_source',
  'status',
  'prefill',
  'revenue_fen',
  'cost_fen',
  'profit_fen',
  'narrative',
  'secondary_development',
  'submitted_at',
  'reviewed_at',
  'review_note',
] as const;

export function reportById(em: Em, id: string, lock = false) {
  let q = db(em).selectFrom('operating_report').select(REPORT).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type ReportRow = NonNullable<Awaited<ReturnType<typeof reportById>>>;

export interface ReportFilter {
  jurisdiction: string;
  operatorId: string | null;
  status: string | null;
  /** Only drafts and returned reports due before `today`. */
  overdueOnly: boolean;
  today: string;
}

export function reportPage(em: Em, f: ReportFilter, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k.selectFrom('operating_report').select(REPORT).where('jurisdiction', '=', f.jurisdiction);
  if (f.operatorId != null) q = q.where('operator_id', '=', f.operatorId);
  if (f.status != null) q = q.where('status', '=', f.status);
  if (f.overdueOnly) q = q.where('status', 'in', ['DRAFT', 'RETURNED']).where('due_on', '<', f.today);
  return pageOf(k, q.orderBy(sql`due_on nulls last`).orderBy('period_end').orderBy('kind').orderBy('id'), window);
}

export function reportOfPeriod(em: Em, operatorId: string, kind: string, periodStart: string) {
  return db(em).selectFrom('operating_report').select(['id', 'status']).where('operator_id', '=', operatorId).where('kind', '=', kind).where('period_start', '=', periodStart).executeTakeFirst();
}

/** The first day of the operator's earliest agreement in the jurisdiction (agreement years count from it). */
export async function firstAgreementStart(em: Em, jurisdiction: string, operatorId: string): Promise<string | null> {
  const r = await db(em)
    .selectFrom('agreement_projection')
    .select(sql<string | null>`min(start_date)::text`.as('start_date'))
    .where('jurisdiction', '=', jurisdiction)
    .where('operator_id', '=', operatorId)
    .executeTakeFirst();
  return r?.start_date ?? null;
}

/** Each operator authorized in a jurisdiction, with the span of its agreements. */
export function authorizedOperators(em: Em, jurisdiction: string) {
  return db(em)
    .selectFrom('agreement_projection')
    .select(['operator_id', sql<string>`min(start_date)::text`.as('start_date'), sql<string>`max(end_date)::text`.as('end_date')])
    .where('jurisdiction', '=', jurisdiction)
    .groupBy('operator_id')
    .execute();
}

/** Jurisdictions with an authorized operator (the due-report job walks them). */
export async function jurisdictionsWithAgreements(em: Em): Promise<string[]> {
  const rows = await db(em).selectFrom('agreement_projection').select('jurisdiction').distinct().execute();
  return rows.map((r) => r.jurisdiction);
}

export interface NewReport {
  id: string;
  jurisdiction: string;
  operatorId: string;
  kind: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string | null;
  source: string;
  prefill: ReportPrefill;
  createdAt: Date;
}

const reportValues = (r: NewReport) => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  operator_id: r.operatorId,
  kind: r.kind,
  period_start: r.periodStart,
  period_end: r.periodEnd,
  due_on: r.dueOn,
  rule_source: r.source,
  status: 'DRAFT',
  prefill: JSON.stringify(r.prefill) as never,
  created_at: r.createdAt.toISOString(),
});

export function insertReport(em: Em, r: NewReport) {
  return db(em).insertInto('operating_report').values(reportValues(r)).execute();
}

/** Opens a report unless one exists for the operator, kind and period; answers whether it was opened. */
export async function insertReportIfAbsent(em: Em, r: NewReport): Promise<boolean> {
  const rows = await db(em)
    .insertInto('operating_report')
    .values(reportValues(r))
    .onConflict((oc) => oc.columns(['operator_id', 'kind', 'period_start']).doNothing())
    .returning('id')
    .execute();
  return rows.length > 0;
}

export function submitReport(em: Em, id: string, s: { revenue: bigint | null; cost: bigint | null; profit: bigint | null; narrative: string; secondaryDevelopment: string | null; at: Date }) {
  return db(em)
    .updateTable('operating_report')
    .set({
      status: 'SUBMITTED',
      revenue_fen: s.revenue?.toString() ?? null,
      cost_fen: s.cost?.toString() ?? null,
      profit_fen: s.profit?.toString() ?? null,
      narrative: s.narrative,
      secondary_development: s.secondaryDevelopment,
      submitted_at: s.at.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export function reviewReport(em: Em, id: string, r: { status: 'ACCEPTED' | 'RETURNED'; at: Date; note: string | null; reviewer: string }) {
  return db(em).updateTable('operating_report').set({ status: r.status, reviewed_at: r.at.toISOString(), review_note: r.note, reviewed_by: r.reviewer }).where('id', '=', id).execute();
}
