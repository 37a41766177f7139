import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs, pageWindow, toConnection, type RequestContext } from '@pdo/platform';
import { DisclosureEntity } from '../entities/disclosure.js';
import { Disclosure } from './types.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class DisclosureConnection extends Connection(Disclosure) {}

@Resolver(() => Disclosure)
export class DisclosureResolver {
  @Query(() => Disclosure, { nullable: true })
  async disclosure(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    return ctx.loaders.byId.load(id);
  }

  @Query(() => DisclosureConnection)
  async disclosures(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    const win = pageWindow(args);
    const [rows, total] = await ctx.em.findAndCount(DisclosureEntity, {}, { orderBy: { name: 'asc', id: 'asc' }, limit: win.limit, offset: win.offset });
    return toConnection(rows, total, win);
  }
}
