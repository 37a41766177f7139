import type { SubgraphDefinition } from '@pdo/platform';
import { DataResourceSchema } from './entities/data-resource.js';
import { migrations } from './migrations/list.js';
import { CatalogSearchResolver, DataResourceResolver } from './schema/resource-resolver.js';
import { DataResourceRegistrationFields, ResourceRegistrationResolver } from './schema/registration-resolver.js';
import { CorrectionRequestResolver } from './schema/correction-resolver.js';
import { createLoaders, type CatalogLoaders } from './loaders/index.js';
import { licensingHandlers } from './handlers/licensing.js';
import { canSee } from './domain/access.js';
import { seed } from './seed.js';
import { expireRegistrations } from './domain/registration-service.js';

export const definition: SubgraphDefinition<CatalogLoaders> = {
  name: 'catalog',
  entities: [DataResourceSchema],
  migrations,
  resolvers: [DataResourceResolver, CatalogSearchResolver, ResourceRegistrationResolver, DataResourceRegistrationFields, CorrectionRequestResolver],
  referenceResolvers: {
    // Batched through the loader: N references in one response are one `= any($1)` query.
    DataResource: async (ref, ctx) => {
      const r = await (ctx.loaders as CatalogLoaders).resourceById.load(ref.id);
      return r && canSee(ctx.identity, r) ? r : null;
    },
  },
  createLoaders,
  handlers: licensingHandlers,
  seed,
  jobs: [{ name: 'registration-expiry', everySeconds: 3600, run: async (em, rt) => void (await expireRegistrations(em, rt.events, new Date())) }],
};
