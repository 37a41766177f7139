import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, PageArgs, pageWindow, toConnection, type RequestContext } from '@pdo/platform';
import { DataResourceEntity } from '../entities/data-resource.js';
import { DataResource, Organization } from './types.js';
import type { CatalogLoaders } from '../loaders/index.js';

@ObjectType()
export class DataResourceConnection extends Connection(DataResource) {}

export const toDataResource = (e: DataResourceEntity) => e as unknown as DataResource;

@Resolver(() => DataResource)
export class DataResourceResolver {
  @Query(() => DataResource, { nullable: true, description: '按 ID 查询数据资源 | A resource by id' })
  async dataResource(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<CatalogLoaders>) {
    return ctx.loaders.resourceById.load(id);
  }

  @Query(() => DataResourceConnection, { description: '数据资源目录 | The resource catalog' })
  async dataResources(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: RequestContext<CatalogLoaders>) {
    const win = pageWindow(args);
    const [rows, total] = await ctx.em.findAndCount(DataResourceEntity, {}, { orderBy: { code: 'asc', id: 'asc' }, limit: win.limit, offset: win.offset });
    return toConnection(rows.map(toDataResource), total, win);
  }

  @FieldResolver(() => Organization)
  sourceAgency(@Root() r: DataResourceEntity): Organization {
    return { id: r.sourceAgencyId };
  }
}
