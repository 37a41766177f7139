import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs, pageWindow, toConnection, type RequestContext } from '@pdo/platform';
import { OrganizationEntity } from '../entities/organization.js';
import { Organization } from './types.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class OrganizationConnection extends Connection(Organization) {}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true })
  async organization(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    return ctx.loaders.byId.load(id);
  }

  @Query(() => OrganizationConnection)
  async organizations(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    const win = pageWindow(args);
    const [rows, total] = await ctx.em.findAndCount(OrganizationEntity, {}, { orderBy: { name: 'asc', id: 'asc' }, limit: win.limit, offset: win.offset });
    return toConnection(rows, total, win);
  }
}
