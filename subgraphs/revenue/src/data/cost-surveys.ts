import { pageOf, scopeWhere, sql, type Em, type Identity, type ScopeOptions } from '@pdo/platform';
import { db } from './tables.js';

export type CostSurveyRow = Awaited<ReturnType<typeof costSurveysById>>[number];
type CostSurveyInsert = Omit<CostSurveyRow, 'created_at' | 'carry_in_fen' | 'carry_over_deduction_fen' | 'carry_out_fen'> & { carry_in_fen: string; carry_over_deduction_fen: string; carry_out_fen: string; created_by: string };

/** A page of the cost surveys the caller may read (`scope`: finance of the jurisdiction, or the operator surveyed). */
export function costSurveyPage(em: Em, identity: Identity, scope: ScopeOptions, operatorId: string | null, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k
    .selectFrom('cost_survey')
    .selectAll()
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['operator_id'] }, scope))
    .orderBy('period_start', 'desc')
    .orderBy('id');
  if (operatorId) q = q.where('operator_id', '=', operatorId);
  return pageOf(k, q, window);
}

/** Cost surveys by id, for the loader. */
export function costSurveysById(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('cost_survey').selectAll().where('id', 'in', ids).execute();
}

/** A survey of the operator whose period overlaps [start, end]. */
export function overlappingSurvey(em: Em, operatorId: string, start: string, end: string) {
  return db(em).selectFrom('cost_survey').select('id').where('operator_id', '=', operatorId).where('period_start', '<=', end).where('period_end', '>=', start).limit(1).executeTakeFirst();
}

/** The operator's latest survey ending before `start` (its previous cycle). */
export function previousSurvey(em: Em, operatorId: string, start: string) {
  return db(em)
    .selectFrom('cost_survey')
    .select(['id', 'period_start', 'period_end', 'effective_mar_fen', 'carry_out_fen'])
    .where('operator_id', '=', operatorId)
    .where('period_end', '<', start)
    .orderBy('period_end', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertCostSurvey(tx: Em, row: CostSurveyInsert) {
  // pg sends a JS array as a PostgreSQL array literal: jsonb gets its JSON text.
  return db(tx).insertInto('cost_survey').values({ ...row, working: JSON.stringify(row.working) as never }).returningAll().executeTakeFirstOrThrow();
}

/**
 * Actual revenue of many (operator, period) pairs in one statement, in the order asked: the operator's charges in
 * [from, to). Hand-written: one correlated sum per pair of an unnest, so a page of surveys costs one statement.
 */
export async function actualRevenuesFen(em: Em, keys: readonly { operatorId: string; from: string; to: string }[]): Promise<bigint[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ i: string; s: string }>(
    em,
    `select k.i, coalesce((select sum(c.amount_fen) from charge c where c.operator_id = k.op and c.occurred_at >= k.s and c.occurred_at <= k.e), 0)::text as s
     from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) with ordinality as k(op, s, e, i)`,
    [keys.map((k) => k.operatorId), keys.map((k) => k.from), keys.map((k) => k.to)],
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), BigInt(r.s)]));
  return keys.map((_, i) => byIndex.get(i + 1) ?? 0n);
}
