import { defineEntity, p } from '@mikro-orm/core';
import { instantColumn as instant } from '@pdo/platform';

/** An industry department's opinion on a scenario's data request (migration 0008). */
export const ScenarioOpinionTable = defineEntity({
  name: 'ScenarioOpinion',
  tableName: 'scenario_opinion',
  properties: {
    id: p.uuid().primary(),
    scenarioId: p.uuid(),
    jurisdiction: p.text(),
    departmentOrgId: p.uuid(),
    supports: p.boolean(),
    opinion: p.text(),
    givenBy: p.text(),
    givenAt: instant(),
  },
});
