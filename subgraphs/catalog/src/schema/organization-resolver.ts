import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import type { CatalogLoaders } from '../loaders/index.js';
import { Organization } from './types.js';

/**
 * The name of an organization, shared with licensing (`Organization.name @shareable`): the gateway asks the catalog for
 * it wherever the catalog returned the organization. Read from the catalog's projection, one
 * statement per page.
 */
@Resolver(() => Organization)
export class OrganizationNameResolver {
  @FieldResolver(() => String, { description: '名称 | Name (Chinese)' })
  name(@Root() o: Organization, @Ctx() ctx: RequestContext<CatalogLoaders>) {
    return ctx.loaders.organizationName.load(o.id);
  }
}
