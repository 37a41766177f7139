import type { SubgraphDefinition } from '@pdo/platform';
import { PRODUCTS_ACCESS, PRODUCTS_ENTITY_ACCESS } from './access.js';
import { tables } from './data/tables.js';
import { handlers } from './handlers/index.js';
import { checkProductsInvariants } from './data/invariants.js';
import { trimMarketSearches } from './data/market-search-trim.js';
import { createLoaders, type Loaders } from './loaders/index.js';
import { migrations } from './migrations/list.js';
import { DataProductResolver, DataResourceProductsResolver } from './schema/product-resolver.js';
import { ProductRegistrationResolver } from './schema/registration-resolver.js';
import { OrganizationNameResolver } from './schema/organization-resolver.js';
import { asksSharedFacts } from './schema/resource-resolver.js';
import { toUsageRecord, UsageAgreementResolver, UsageApplicationResolver, UsageRecordResolver } from './schema/usage-resolver.js';
import { seed } from './services/seed.js';
import { resourceReference } from './services/product-queries.js';
import { usageRecordFor } from './services/usage-queries.js';

export { PRODUCTS_ACCESS, PRODUCTS_ENTITY_ACCESS } from './access.js';

export const definition: SubgraphDefinition<Loaders> = {
  name: 'products',
  access: PRODUCTS_ACCESS,
  entityAccess: PRODUCTS_ENTITY_ACCESS,
  entities: [...tables],
  migrations,
  resolvers: [DataProductResolver, DataResourceProductsResolver, ProductRegistrationResolver, UsageApplicationResolver, UsageAgreementResolver, UsageRecordResolver, OrganizationNameResolver],
  // Behind PRODUCTS_ENTITY_ACCESS: the platform applies role gate and scope to every reference.
  referenceResolvers: {
    DataProduct: (ref, ctx) => (ctx.loaders as Loaders).byId.load(ref.id),
    // Its projected facts, for the shared fields (scoped like the catalog's: access.ts); see resourceReference.
    DataResource: (ref, ctx, info) => resourceReference(ctx as never, ref.id, asksSharedFacts(info)),
    UsageRecord: async (ref, ctx) => {
      const r = await usageRecordFor(ctx as never, ref.id);
      return r && toUsageRecord(r);
    },
  },
  createLoaders,
  handlers,
  seed,
  // market_search is read on the public listing's every miss; bounded here, off the request path.
  jobs: [{ name: 'market-search-trim', everySeconds: 60, run: async (em) => void (await trimMarketSearches(em)) }],
  invariants: (em) => checkProductsInvariants(em),
};
