import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import type { CatalogLoaders } from '../loaders/index.js';
import { Organization } from './types.js';

/**
 * The name of an organization where the catalog provides it (`DataResource.sourceAgency @provides(fields: "name")`): the
 * gateway asks the catalog for it there and licensing everywhere else. Read from the catalog's projection, one
 * statement per page.
 */
@Resolver(() => Organization)
export class OrganizationNameResolver {
  @FieldResolver(() => String, { description: '名称 | Name (Chinese)' })
  name(@Root() o: Organization, @Ctx() ctx: RequestContext<CatalogLoaders>) {
    return ctx.loaders.organizationName.load(o.id);
  }
}
