import { defineEntity, p } from '@mikro-orm/core';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';

/**
 * Revenue's tables as MikroORM entities, declared as the driver returns them (packages/platform/src/db/kysely.ts):
 * dates and instants as text, bigint money as decimal strings, jsonb parsed. Migrations stay the source of the DDL;
 * a test compares these declarations with the migrated tables (test/tables.test.ts).
 */
export const CostSurveyTable = defineEntity({
  name: 'CostSurvey',
  tableName: 'cost_survey',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    name: p.text(),
    periodStart: p.string().columnType('date'),
    periodEnd: p.string().columnType('date'),
    surveyYear: p.integer(),
    platformFen: p.bigint('string'),
    dataHandlingFen: p.bigint('string'),
    personnelFen: p.bigint('string'),
    dataAcquisitionFen: p.bigint('string'),
    periodExpensesFen: p.bigint('string'),
    subsidiesFen: p.bigint('string'),
    taxesFen: p.bigint('string'),
    bondYear: p.integer(),
    bondYieldPercent: p.text(),
    bondYieldSource: p.text(),
    markupPp: p.text(),
    ratePercent: p.text(),
    operatingCostFen: p.bigint('string'),
    permittedProfitFen: p.bigint('string'),
    marFen: p.bigint('string'),
    carryInFen: p.bigint('string').default(0),
    carryOverDeductionFen: p.bigint('string').default(0),
    carryOutFen: p.bigint('string').default(0),
    effectiveMarFen: p.bigint('string'),
    working: p.json<string[]>(),
    policySource: p.text(),
    createdBy: p.text(),
    createdAt: p.string().columnType('timestamptz').defaultRaw('now()'),
  },
});

export const tables = [CostSurveyTable] as const;
export type DB = DatabaseOf<typeof tables>;
/** The subgraph's typed Kysely, inside the entity manager's transaction when it has one. */
export const db = (em: Em) => typedDb<DB>(em);
