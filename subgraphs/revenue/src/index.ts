import type { SubgraphDefinition } from '@pdo/platform';
import { tables } from './data/tables.js';
import { invariants } from './data/invariants.js';
import { migrations } from './migrations/list.js';
import { CostSurveyResolver, costSurveyById } from './schema/cost-survey-resolver.js';
import { PricingResolver } from './schema/pricing-resolver.js';
import { SettlementResolver } from './schema/settlement-resolver.js';
import { ShareResolver } from './schema/share-resolver.js';
import { LedgerResolver } from './schema/ledger-resolver.js';
import { ExportResolver } from './schema/export-resolver.js';
import { BondYieldResolver } from './schema/bond-yield-resolver.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { handlers } from './handlers/index.js';
import { seed } from './seed.js';
import { runSettlementTask, SETTLE_TASK } from './services/settlement-runs.js';
import { REVENUE_ACCESS, REVENUE_ENTITY_ACCESS } from './access.js';

export { REVENUE_ACCESS, REVENUE_ENTITY_ACCESS } from './access.js';
export { invariants };

export const definition: SubgraphDefinition<Loaders> = {
  name: 'revenue',
  access: REVENUE_ACCESS,
  entityAccess: REVENUE_ENTITY_ACCESS,
  invariants: (em) => invariants(em),
  entities: [...tables],
  migrations,
  resolvers: [CostSurveyResolver, PricingResolver, SettlementResolver, ShareResolver, LedgerResolver, ExportResolver, BondYieldResolver],
  // Behind REVENUE_ENTITY_ACCESS: the platform applies role gate and scope to every reference.
  referenceResolvers: {
    CostSurvey: (ref, ctx) => costSurveyById(ctx as never, ref.id),
  },
  createLoaders,
  handlers,
  // A run may take long (expireInSeconds bounds a live one), but one whose process died is retried within a minute or
  // two (the heartbeat, plus pg-boss's monitor interval), not after the hour.
  tasks: { [SETTLE_TASK]: { run: (ctx, data) => runSettlementTask(ctx, data as never), expireInSeconds: 3600, heartbeatSeconds: 30 } },
  seed,
};
