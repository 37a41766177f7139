import type { SubgraphDefinition } from '@pdo/platform';
import { DisclosureSchema } from './entities/disclosure.js';
import { migrations } from './migrations/list.js';
import { DisclosureResolver } from './schema/disclosure-resolver.js';
import { createLoaders, type Loaders } from './loaders/index.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'evaluation',
  entities: [DisclosureSchema],
  migrations,
  resolvers: [DisclosureResolver],
  referenceResolvers: {
    Disclosure: (ref, ctx) => (ctx.loaders as Loaders).byId.load(ref.id),
  },
  createLoaders,
};
