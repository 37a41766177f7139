import type { SubgraphDefinition } from '@pdo/platform';
import { access, entityAccess } from './access.js';
import { tables } from './data/tables.js';
import { migrations } from './migrations/list.js';
import { DataResourceResolver } from './schema/resource-resolver.js';
import { CatalogSearchResolver } from './schema/catalog-search-resolver.js';
import { CatalogUnappliedRegistrationResolver, DataResourceRegistrationFields, ResourceRegistrationResolver } from './schema/registration-resolver.js';
import { CorrectionRequestResolver } from './schema/correction-resolver.js';
import { createLoaders, type CatalogLoaders } from './loaders/index.js';
import { licensingHandlers } from './handlers/licensing.js';
import { deliveryHandlers } from './handlers/delivery.js';
import { seed } from './seed.js';
import { catalogRepublish } from './services/republish.js';
import { expireRegistrations } from './services/registrations.js';
import { OrganizationNameResolver } from './schema/organization-resolver.js';

export const definition: SubgraphDefinition<CatalogLoaders> = {
  name: 'catalog',
  access,
  entityAccess,
  entities: [...tables],
  migrations,
  resolvers: [DataResourceResolver, CatalogSearchResolver, ResourceRegistrationResolver, DataResourceRegistrationFields, CatalogUnappliedRegistrationResolver, CorrectionRequestResolver, OrganizationNameResolver],
  referenceResolvers: {
    // Batched through the loader: N references in one response are one `= any($1)` query.
    // Scoped by entityAccess.DataResource, applied by the platform.
    DataResource: (ref, ctx) => (ctx.loaders as CatalogLoaders).resourceById.load(ref.id),
  },
  createLoaders,
  handlers: { ...licensingHandlers, ...deliveryHandlers },
  seed,
  republish: catalogRepublish,
  jobs: [{ name: 'registration-expiry', everySeconds: 3600, run: async (em, rt) => void (await expireRegistrations(em, rt.events, new Date())) }],
};

export { access, entityAccess };
