import type { Em } from '@pdo/platform';
import { camelAll } from './rows.js';
import { db } from './tables.js';

export interface ScenarioOpinionRow {
  id: string;
  scenarioId: string;
  jurisdiction: string;
  departmentOrgId: string;
  supports: boolean;
  opinion: string;
  givenBy: string;
  givenAt: string;
}

/** Records the department's opinion; false when it already gave one on this scenario. */
export async function insertOpinion(em: Em, o: ScenarioOpinionRow): Promise<boolean> {
  const r = await db(em)
    .insertInto('scenario_opinion')
    .values({ id: o.id, scenario_id: o.scenarioId, jurisdiction: o.jurisdiction, department_org_id: o.departmentOrgId, supports: o.supports, opinion: o.opinion, given_by: o.givenBy, given_at: o.givenAt })
    .onConflict((c) => c.columns(['scenario_id', 'department_org_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function opinionsOf(em: Em, scenarioIds: readonly string[]): Promise<ScenarioOpinionRow[]> {
  return camelAll(await db(em).selectFrom('scenario_opinion').selectAll().where('scenario_id', 'in', scenarioIds).orderBy('given_at').orderBy('id').execute()) as ScenarioOpinionRow[];
}
