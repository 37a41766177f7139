import { sql } from 'kysely';
import { pageOf, type Em } from '@pdo/platform';
import { db } from './tables.js';

const EVALUATION = ['id', 'jurisdiction', 'operator_id', 'agreement_id', 'year', 'status', sql<string | null>`total::text`.as('total'), 'conclusion', 'conclusion_note', 'opened_at', 'finalized_at'] as const;

export function evaluationById(em: Em, id: string, lock = false) {
  let q = db(em).selectFrom('operator_evaluation').select(EVALUATION).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type EvaluationRow = NonNullable<Awaited<ReturnType<typeof evaluationById>>>;

export function evaluationPage(em: Em, f: { jurisdiction: string; operatorId: string | null; year: number | null }, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k.selectFrom('operator_evaluation').select(EVALUATION).where('jurisdiction', '=', f.jurisdiction);
  if (f.operatorId != null) q = q.where('operator_id', '=', f.operatorId);
  if (f.year != null) q = q.where('year', '=', f.year);
  return pageOf(k, q.orderBy('year', 'desc').orderBy('id'), window);
}

export function evaluationOfYear(em: Em, operatorId: string, year: number) {
  return db(em).selectFrom('operator_evaluation').select('id').where('operator_id', '=', operatorId).where('year', '=', year).executeTakeFirst();
}

/** The operator's agreement in force by the end of `yearEnd` (the latest that started by then). */
export function agreementOfYear(em: Em, jurisdiction: string, operatorId: string, yearEnd: string) {
  return db(em)
    .selectFrom('agreement_projection')
    .select('id')
    .where('jurisdiction', '=', jurisdiction)
    .where('operator_id', '=', operatorId)
    .where('start_date', '<=', yearEnd)
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertEvaluation(em: Em, row: { id: string; jurisdiction: string; operatorId: string; agreementId: string; year: number; openedBy: string; openedAt: Date }) {
  return db(em)
    .insertInto('operator_evaluation')
    .values({ id: row.id, jurisdiction: row.jurisdiction, operator_id: row.operatorId, agreement_id: row.agreementId, year: row.year, status: 'OPEN', opened_by: row.openedBy, opened_at: row.openedAt.toISOString() })
    .execute();
}

/** One scorer's score on one criterion; scoring again replaces it. */
export function upsertScore(em: Em, row: { evaluationId: string; criterion: string; scorerSub: string; scorerRole: string; score: string; comment: string | null; scoredAt: Date }) {
  return db(em)
    .insertInto('operator_evaluation_score')
    .values({ evaluation_id: row.evaluationId, criterion: row.criterion, scorer_sub: row.scorerSub, scorer_role: row.scorerRole, score: row.score, comment: row.comment, scored_at: row.scoredAt.toISOString() })
    .onConflict((oc) =>
      oc.columns(['evaluation_id', 'criterion', 'scorer_sub']).doUpdateSet((eb) => ({ score: eb.ref('excluded.score'), comment: eb.ref('excluded.comment'), scored_at: eb.ref('excluded.scored_at') })),
    )
    .execute();
}

/** The scores of many evaluations, for the loader. */
export function scoresOfEvaluations(em: Em, ids: readonly string[]) {
  return db(em)
    .selectFrom('operator_evaluation_score')
    .select(['evaluation_id', 'criterion', 'scorer_sub', 'scorer_role', sql<string>`score::text`.as('score'), 'comment', 'scored_at'])
    .where('evaluation_id', 'in', ids)
    .orderBy('criterion')
    .orderBy('scored_at')
    .execute();
}
export type EvaluationScoreRow = Awaited<ReturnType<typeof scoresOfEvaluations>>[number];

/** The criteria scored so far, with the mean score of each. */
export function criterionMeans(em: Em, evaluationId: string) {
  return db(em)
    .selectFrom('operator_evaluation_score')
    .select(['criterion', sql<string>`avg(score)::text`.as('avg')])
    .where('evaluation_id', '=', evaluationId)
    .groupBy('criterion')
    .execute();
}

/** The total: mean over criteria of the mean score per criterion, two decimals (rounded by the database, as stored). */
export async function evaluationTotal(em: Em, evaluationId: string): Promise<string> {
  const k = db(em);
  const perCriterion = k.selectFrom('operator_evaluation_score').select(sql<string>`avg(score)`.as('a')).where('evaluation_id', '=', evaluationId).groupBy('criterion');
  const r = await k.selectFrom(perCriterion.as('x')).select(sql<string>`round(avg(a), 2)::text`.as('t')).executeTakeFirstOrThrow();
  return r.t;
}

export function finalizeEvaluation(em: Em, id: string, f: { total: string; conclusion: string; note: string | null; at: Date }) {
  return db(em)
    .updateTable('operator_evaluation')
    .set({ status: 'FINALIZED', total: f.total, conclusion: f.conclusion, conclusion_note: f.note, finalized_at: f.at.toISOString() })
    .where('id', '=', id)
    .execute();
}

const FINDING = ['id', 'evaluation_id', 'criterion', 'severity', 'description', 'rectification', 'rectification_deadline', 'created_at', 'closed_at', 'closure_note'] as const;

/** The findings of many evaluations, for the loader. */
export function findingsOfEvaluations(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('evaluation_finding').select(FINDING).where('evaluation_id', 'in', ids).orderBy('created_at').orderBy('id').execute();
}
export type FindingRow = Awaited<ReturnType<typeof findingsOfEvaluations>>[number];

export function findingById(em: Em, id: string) {
  return db(em).selectFrom('evaluation_finding').select(FINDING).where('id', '=', id).executeTakeFirstOrThrow();
}

/** A finding with its evaluation's jurisdiction, operator and year, locked for closing. */
export function findingForClosing(em: Em, id: string) {
  return db(em)
    .selectFrom('evaluation_finding as f')
    .innerJoin('operator_evaluation as e', 'e.id', 'f.evaluation_id')
    .select(['f.id', 'f.evaluation_id', 'f.criterion', 'f.severity', 'f.description', 'f.rectification', 'f.rectification_deadline', 'f.created_at', 'f.closed_at', 'f.closure_note', 'e.jurisdiction', 'e.operator_id', 'e.year'])
    .where('f.id', '=', id)
    .forUpdate('f')
    .executeTakeFirst();
}

export function insertFinding(
  em: Em,
  row: { id: string; evaluationId: string; criterion: string; severity: string; description: string; rectification: 'NONE' | 'REQUESTED'; deadline: string | null; createdBy: string; createdAt: Date },
) {
  return db(em)
    .insertInto('evaluation_finding')
    .values({
      id: row.id,
      evaluation_id: row.evaluationId,
      criterion: row.criterion,
      severity: row.severity,
      description: row.description,
      rectification: row.rectification,
      rectification_deadline: row.deadline,
      created_by: row.createdBy,
      created_at: row.createdAt.toISOString(),
    })
    .execute();
}

export function closeRectification(em: Em, id: string, at: Date, note: string) {
  return db(em).updateTable('evaluation_finding').set({ rectification: 'CLOSED', closed_at: at.toISOString(), closure_note: note }).where('id', '=', id).execute();
}
