import DataLoader from 'dataloader';
import type { Em } from '@pdo/platform';
import { disclosuresById } from '../data/disclosures.js';
import { scoresOfAssessments } from '../data/contribution.js';
import { findingsOfEvaluations, scoresOfEvaluations } from '../data/evaluations.js';
import { evaluationFacts, type FactsKey } from '../data/evaluation-facts.js';
import { actionsOfIncidents } from '../data/incidents.js';
import { drillsOfPlans, versionsOfPlans } from '../data/security-duties.js';

/** Groups rows by a key, in the order of the requested keys. */
function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (r: T) => string): T[][] {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return keys.map((k) => m.get(k) ?? []);
}

/** Fresh per request: batches every lookup of one tick into one `where … in (…)`. */
export function createLoaders(em: Em, _identity?: unknown) {
  return {
    evaluationFacts: new DataLoader((keys: readonly FactsKey[]) => evaluationFacts(em, keys), { cacheKeyFn: (k) => `${k.operatorId}|${k.year}|${k.today}` }),
    disclosureById: new DataLoader(async (ids: readonly string[]) => {
      const byId = new Map((await disclosuresById(em, ids)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    scoresByAssessment: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await scoresOfAssessments(em, ids), (r) => r.assessment_id)),
    evaluationScores: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await scoresOfEvaluations(em, ids), (r) => r.evaluation_id)),
    findings: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await findingsOfEvaluations(em, ids), (r) => r.evaluation_id)),
    incidentActions: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await actionsOfIncidents(em, ids), (r) => r.incident_id)),
    planVersions: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await versionsOfPlans(em, ids), (r) => r.plan_id)),
    planDrills: new DataLoader(async (ids: readonly string[]) => groupBy(ids, await drillsOfPlans(em, ids), (r) => r.plan_id)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
