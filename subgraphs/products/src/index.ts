import type { SubgraphDefinition } from '@pdo/platform';
import { sqlOne } from '@pdo/platform';
import { migrations } from './migrations/list.js';
import { DataProductResolver, DataResourceProductsResolver } from './schema/product-resolver.js';
import { UsageAgreementResolver, UsageApplicationResolver, UsageRecordResolver } from './schema/usage-resolver.js';
import { ProductRegistrationResolver } from './schema/registration-resolver.js';
import { PRODUCTS_ACCESS, PRODUCTS_ENTITY_ACCESS } from './schema/access.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { handlers } from './handlers/index.js';
import { USAGE_COLS } from './data/rows.js';
import { seed } from './seed.js';

export { PRODUCTS_ACCESS, PRODUCTS_ENTITY_ACCESS } from './schema/access.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'products',
  access: PRODUCTS_ACCESS,
  entityAccess: PRODUCTS_ENTITY_ACCESS,
  entities: [],
  migrations,
  resolvers: [DataProductResolver, DataResourceProductsResolver, ProductRegistrationResolver, UsageApplicationResolver, UsageAgreementResolver, UsageRecordResolver],
  // Behind PRODUCTS_ENTITY_ACCESS: the platform applies role gate and scope to every reference.
  referenceResolvers: {
    DataProduct: (ref, ctx) => (ctx.loaders as Loaders).byId.load(ref.id),
    // products only contributes fields to catalog's resource: the reference is all it needs.
    DataResource: (ref) => ({ id: ref.id }),
    UsageRecord: (ref, ctx) => sqlOne(ctx.em, `select ${USAGE_COLS} from usage_record r where r.id = $1`, [ref.id]),
  },
  createLoaders,
  handlers,
  seed,
};
