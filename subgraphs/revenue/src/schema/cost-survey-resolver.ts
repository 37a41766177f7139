import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, PageArgs, pageWindow, toConnection, type RequestContext } from '@pdo/platform';
import { CostSurveyEntity } from '../entities/cost-survey.js';
import { CostSurvey } from './types.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class CostSurveyConnection extends Connection(CostSurvey) {}

@Resolver(() => CostSurvey)
export class CostSurveyResolver {
  @Query(() => CostSurvey, { nullable: true })
  async costSurvey(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    return ctx.loaders.byId.load(id);
  }

  @Query(() => CostSurveyConnection)
  async costSurveys(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    const win = pageWindow(args);
    const [rows, total] = await ctx.em.findAndCount(CostSurveyEntity, {}, { orderBy: { name: 'asc', id: 'asc' }, limit: win.limit, offset: win.offset });
    return toConnection(rows, total, win);
  }
}
