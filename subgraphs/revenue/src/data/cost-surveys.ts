import { pageOf, scopeWhere, type Em, type Identity } from '@pdo/platform';
import { REVENUE_SCOPE } from '../domain/access.js';
import { db } from './tables.js';

/** A page of the cost surveys the caller may read (REVENUE_SCOPE: finance of the jurisdiction, or the operator surveyed). */
export function costSurveyPage(em: Em, identity: Identity, operatorId: string | null, window: { limit: number; offset: number }) {
  const k = db(em);
  let q = k
    .selectFrom('cost_survey')
    .selectAll()
    .where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['operator_id'] }, REVENUE_SCOPE))
    .orderBy('period_start', 'desc')
    .orderBy('id');
  if (operatorId) q = q.where('operator_id', '=', operatorId);
  return pageOf(k, q, window);
}

/** Cost surveys by id, for the loader. */
export function costSurveysById(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('cost_survey').selectAll().where('id', 'in', ids).execute();
}
