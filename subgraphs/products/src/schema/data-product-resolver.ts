import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs, pageWindow, toConnection, type RequestContext } from '@pdo/platform';
import { DataProductEntity } from '../entities/data-product.js';
import { DataProduct } from './types.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class DataProductConnection extends Connection(DataProduct) {}

@Resolver(() => DataProduct)
export class DataProductResolver {
  @Query(() => DataProduct, { nullable: true })
  async dataProduct(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    return ctx.loaders.byId.load(id);
  }

  @Query(() => DataProductConnection)
  async dataProducts(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    const win = pageWindow(args);
    const [rows, total] = await ctx.em.findAndCount(DataProductEntity, {}, { orderBy: { name: 'asc', id: 'asc' }, limit: win.limit, offset: win.offset });
    return toConnection(rows, total, win);
  }
}
