import { sql } from 'kysely';
import { pageOf, type Em } from '@pdo/platform';
import { db, type AssessmentWeights, type ContributionInputsRow } from './tables.js';

/** The weights of a jurisdiction as stored (percent, decimal strings) with their source. */
export function weightsOf(em: Em, jurisdiction: string) {
  return db(em)
    .selectFrom('contribution_weights')
    .select([
      sql<string>`quantity::text`.as('quantity'),
      sql<string>`quality::text`.as('quality'),
      sql<string>`application::text`.as('application'),
      sql<string>`revenue::text`.as('revenue'),
      'source',
      'set_at',
    ])
    .where('jurisdiction', '=', jurisdiction)
    .executeTakeFirst();
}

export function upsertWeights(em: Em, row: { jurisdiction: string; weights: AssessmentWeights; setBy: string; setAt: Date }) {
  const { quantity, quality, application, revenue, source } = row.weights;
  return db(em)
    .insertInto('contribution_weights')
    .values({ jurisdiction: row.jurisdiction, quantity, quality, application, revenue, source, set_by: row.setBy, set_at: row.setAt.toISOString() })
    .onConflict((oc) =>
      oc.column('jurisdiction').doUpdateSet((eb) => ({
        quantity: eb.ref('excluded.quantity'),
        quality: eb.ref('excluded.quality'),
        application: eb.ref('excluded.application'),
        revenue: eb.ref('excluded.revenue'),
        source: eb.ref('excluded.source'),
        set_by: eb.ref('excluded.set_by'),
        set_at: eb.ref('excluded.set_at'),
      })),
    )
    .execute();
}

const ASSESSMENT = ['id', 'jurisdiction', 'period_start', 'period_end', 'weights', 'assessed_at'] as const;

export function assessmentPage(em: Em, jurisdiction: string, window: { limit: number; offset: number }) {
  const k = db(em);
  return pageOf(k, k.selectFrom('contribution_assessment').select(ASSESSMENT).where('jurisdiction', '=', jurisdiction).orderBy('period_end', 'desc').orderBy('id'), window);
}

export function assessmentById(em: Em, id: string) {
  return db(em).selectFrom('contribution_assessment').select(ASSESSMENT).where('id', '=', id).executeTakeFirst();
}
export type AssessmentRow = NonNullable<Awaited<ReturnType<typeof assessmentById>>>;

export function assessmentOfPeriod(em: Em, jurisdiction: string, periodStart: string, periodEnd: string) {
  return db(em)
    .selectFrom('contribution_assessment')
    .select('id')
    .where('jurisdiction', '=', jurisdiction)
    .where('period_start', '=', periodStart)
    .where('period_end', '=', periodEnd)
    .executeTakeFirst();
}

export function insertAssessment(em: Em, row: { id: string; jurisdiction: string; periodStart: string; periodEnd: string; weights: AssessmentWeights; assessedBy: string; assessedAt: Date }) {
  return db(em)
    .insertInto('contribution_assessment')
    .values({
      id: row.id,
      jurisdiction: row.jurisdiction,
      period_start: row.periodStart,
      period_end: row.periodEnd,
      weights: JSON.stringify(row.weights) as never,
      assessed_by: row.assessedBy,
      assessed_at: row.assessedAt.toISOString(),
    })
    .execute();
}

/** A stored score (numbers as decimal strings) with the inputs it was computed from. */
export interface StoredScore {
  assessment_id: string;
  agency_id: string;
  quantity: string;
  quality: string;
  application: string;
  revenue: string;
  total: string;
  inputs: ContributionInputsRow;
}

/** The scores of many assessments, best first, for the loader. */
export function scoresOfAssessments(em: Em, ids: readonly string[]): Promise<StoredScore[]> {
  return db(em)
    .selectFrom('contribution_score')
    .select([
      'assessment_id',
      'agency_id',
      sql<string>`quantity::text`.as('quantity'),
      sql<string>`quality::text`.as('quality'),
      sql<string>`application::text`.as('application'),
      sql<string>`revenue::text`.as('revenue'),
      sql<string>`total::text`.as('total'),
      'inputs',
    ])
    .where('assessment_id', 'in', ids)
    // Qualified, so the numeric column sorts and not the text alias of the same name ("100.00" < "95.00" as text).
    .orderBy(sql`contribution_score.total`, 'desc')
    .orderBy('agency_id')
    .execute();
}

/** Stores the scores of an assessment in one statement. */
export async function insertScores(em: Em, assessmentId: string, scores: readonly ScoreOf[]): Promise<void> {
  if (scores.length === 0) return;
  await db(em)
    .insertInto('contribution_score')
    .values(
      scores.map(({ agency_id, quantity, quality, application, revenue, total, ...inputs }) => ({
        assessment_id: assessmentId,
        agency_id,
        quantity,
        quality,
        application,
        revenue,
        total,
        inputs: JSON.stringify(inputs) as never,
      })),
    )
    .execute();
}

/** One source unit's computed score: its inputs, the maxima of the jurisdiction, the dimension scores and the total. */
export interface ScoreOf extends ContributionInputsRow {
  agency_id: string;
  quantity: string;
  quality: string;
  application: string;
  revenue: string;
  total: string;
}
