import type { SubgraphDefinition } from '@pdo/platform';
import { DataResourceSchema } from './entities/data-resource.js';
import { migrations } from './migrations/list.js';
import { DataResourceResolver } from './schema/resource-resolver.js';
import { createLoaders, type CatalogLoaders } from './loaders/index.js';
import { seed } from './seed.js';

export const definition: SubgraphDefinition<CatalogLoaders> = {
  name: 'catalog',
  entities: [DataResourceSchema],
  migrations,
  resolvers: [DataResourceResolver],
  referenceResolvers: {
    DataResource: (ref, ctx) => (ctx.loaders as CatalogLoaders).resourceById.load(ref.id),
  },
  createLoaders,
  seed,
};
