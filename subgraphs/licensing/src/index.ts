import type { SubgraphDefinition } from '@pdo/platform';
import { OrganizationSchema } from './entities/organization.js';
import { migrations } from './migrations/list.js';
import { OrganizationResolver } from './schema/organization-resolver.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { seed } from './seed.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'licensing',
  entities: [OrganizationSchema],
  migrations,
  resolvers: [OrganizationResolver],
  referenceResolvers: {
    Organization: (ref, ctx) => (ctx.loaders as Loaders).byId.load(ref.id),
  },
  createLoaders,
  seed,
};
