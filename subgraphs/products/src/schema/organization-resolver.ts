import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import type { Loaders } from '../loaders/index.js';
import { Organization } from './types.js';

/**
 * The name of an organization, shared with licensing (`Organization.name @shareable`): the gateway asks products for it
 * wherever products returned the organization (an operator, a developer). Read from products' projection, one
 * statement per page.
 */
@Resolver(() => Organization)
export class OrganizationNameResolver {
  @FieldResolver(() => String, { description: '名称 | Name (Chinese)' })
  name(@Root() o: Organization, @Ctx() ctx: RequestContext<Loaders>) {
    // A resource's source unit comes with its name, read with the resource (data/resource-facts.ts).
    return o.name ?? ctx.loaders.organizationName.load(o.id);
  }
}
