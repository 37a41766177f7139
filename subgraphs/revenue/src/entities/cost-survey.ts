import { EntitySchema } from '@mikro-orm/core';

/** 成本调查 | Cost survey */
export class CostSurveyEntity {
  id!: string;
  jurisdiction!: string;
  name!: string;
  createdAt!: Date;
}

export const CostSurveySchema = new EntitySchema<CostSurveyEntity>({
  class: CostSurveyEntity,
  tableName: 'cost_survey',
  properties: {
    id: { type: 'uuid', primary: true },
    jurisdiction: { type: 'string' },
    name: { type: 'string' },
    createdAt: { type: 'datetime', fieldName: 'created_at' },
  },
});
