import type { SubgraphDefinition } from '@pdo/platform';
import { DataProductSchema } from './entities/data-product.js';
import { migrations } from './migrations/list.js';
import { DataProductResolver } from './schema/product-resolver.js';
import { UsageAgreementResolver, UsageApplicationResolver, UsageRecordResolver } from './schema/usage-resolver.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { handlers } from './handlers/index.js';
import { relayPendingEvents } from './data/outbox.js';
import { sqlOne } from '@pdo/platform';
import { USAGE_COLS } from './data/rows.js';
import { seed } from './seed.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'products',
  entities: [DataProductSchema],
  migrations,
  resolvers: [DataProductResolver, UsageApplicationResolver, UsageAgreementResolver, UsageRecordResolver],
  referenceResolvers: {
    DataProduct: (ref, ctx) => (ctx.loaders as Loaders).byId.load(ref.id),
    UsageRecord: (ref, ctx) => sqlOne(ctx.em, `select ${USAGE_COLS} from usage_record r where r.id = $1`, [ref.id]),
  },
  createLoaders,
  handlers,
  seed,
  jobs: [
    // Cascades decided inside event handlers are published from the local queue (see data/outbox.ts).
    { name: 'relay-pending-events', everySeconds: 1, run: async (em, rt) => void (await relayPendingEvents(em, rt)) },
  ],
};
