import type { SubgraphDefinition } from '@pdo/platform';
import { CostSurveySchema } from './entities/cost-survey.js';
import { migrations } from './migrations/list.js';
import { CostSurveyResolver } from './schema/cost-survey-resolver.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'revenue',
  entities: [CostSurveySchema],
  migrations,
  resolvers: [CostSurveyResolver],
  referenceResolvers: {
    CostSurvey: (ref, ctx) => (ctx.loaders as Loaders).byId.load(ref.id),
  },
  createLoaders,
};
