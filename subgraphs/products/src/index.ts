import type { SubgraphDefinition } from '@pdo/platform';
import { DataProductSchema } from './entities/data-product.js';
import { migrations } from './migrations/list.js';
import { DataProductResolver } from './schema/data-product-resolver.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'products',
  entities: [DataProductSchema],
  migrations,
  resolvers: [DataProductResolver],
  referenceResolvers: {
    DataProduct: (ref, ctx) => (ctx.loaders as Loaders).byId.load(ref.id),
  },
  createLoaders,
};
