import type { SubgraphDefinition } from '@pdo/platform';
import { tables } from './data/tables.js';
import { migrations } from './migrations/list.js';
import { CostSurveyResolver } from './schema/cost-survey-resolver.js';
import { PricingResolver } from './schema/pricing-resolver.js';
import { SettlementResolver } from './schema/settlement-resolver.js';
import { ExportResolver } from './schema/export-resolver.js';
import { BondYieldResolver } from './schema/bond-yield-resolver.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { handlers } from './handlers/index.js';
import { seed } from './seed.js';
import { runSettlementTask, SETTLE_TASK } from './data/settlement.js';
import { REVENUE_ACCESS, REVENUE_ENTITY_ACCESS } from './schema/access.js';

export { REVENUE_ACCESS, REVENUE_ENTITY_ACCESS } from './schema/access.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'revenue',
  access: REVENUE_ACCESS,
  entityAccess: REVENUE_ENTITY_ACCESS,
  invariants: (em) => invariants(em),
  entities: [...tables],
  migrations,
  resolvers: [CostSurveyResolver, PricingResolver, SettlementResolver, ExportResolver, BondYieldResolver],
  // Behind REVENUE_ENTITY_ACCESS: the platform applies role gate and scope to every reference.
  referenceResolvers: {
    CostSurvey: (ref, ctx) => (ctx.loaders as Loaders).costSurveyById.load(ref.id),
  },
  createLoaders,
  handlers,
  tasks: { [SETTLE_TASK]: { run: (ctx, data) => runSettlementTask(ctx, data), expireInSeconds: 3600 } },
  seed,
};
import { invariants } from './domain/invariants.js';
export { invariants };
