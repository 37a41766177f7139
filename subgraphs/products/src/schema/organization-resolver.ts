import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import type { Loaders } from '../loaders/index.js';
import { Organization } from './types.js';

/**
 * The name of an organization where products provides it (`DataProduct.operator @provides(fields: "name")`): the gateway
 * asks products for it there and licensing everywhere else. Read from products' projection, one statement per page.
 */
@Resolver(() => Organization)
export class OrganizationNameResolver {
  @FieldResolver(() => String, { description: '名称 | Name (Chinese)' })
  name(@Root() o: Organization, @Ctx() ctx: RequestContext<Loaders>) {
    return ctx.loaders.organizationName.load(o.id);
  }
}
