import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, connectionOf, Money, PageArgs, type RequestContext } from '@pdo/platform';
import { CostSurvey, PriceCap, RecordCostSurveyInput, RevenueDeviation } from './types.js';
import { costSurveys, readableSurvey, recordCostSurvey, revenueDeviation } from '../services/cost-surveys.js';
import { toCostSurvey, toPriceCap } from './map.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class CostSurveyConnection extends Connection(CostSurvey) {}

type Ctx = RequestContext<Loaders>;

/** A cost survey by id as GraphQL answers it (also for `_entities`); null when there is none. */
export async function costSurveyById(ctx: Ctx, id: string): Promise<CostSurvey | null> {
  const row = await ctx.loaders.costSurveyById.load(id);
  return row ? toCostSurvey(row) : null;
}

@Resolver(() => CostSurvey)
export class CostSurveyResolver {
  @Query(() => CostSurvey, { nullable: true, description: '成本调查与最高准许收入 | A cost survey with its MAR and working' })
  async costSurvey(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return readableSurvey(ctx, id, await costSurveyById(ctx, id));
  }

  @Query(() => CostSurveyConnection, { description: 'Finance/authority: the jurisdiction; an operator: its own' })
  async costSurveys(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('operatorId', () => ID, { nullable: true }) operatorId?: string) {
    return connectionOf(args, (win) => costSurveys(ctx, operatorId ?? null, win), toCostSurvey);
  }

  @Mutation(() => CostSurvey, { description: '记录成本调查并核定最高准许收入 | Record a cost survey and compute the MAR (FINANCE/AUTHORITY)' })
  async recordCostSurvey(@Arg('input', () => RecordCostSurveyInput) input: RecordCostSurveyInput, @Ctx() ctx: Ctx) {
    return toCostSurvey(await recordCostSurvey(ctx, input));
  }

  @FieldResolver(() => [PriceCap])
  async priceCaps(@Root() s: CostSurvey, @Ctx() ctx: Ctx) {
    return (await ctx.loaders.capsBySurvey.load(s.id)).map(toPriceCap);
  }

  @FieldResolver(() => Money, { description: 'Σ cap × forecast of the caps in force' })
  async forecastRevenue(@Root() s: CostSurvey, @Ctx() ctx: Ctx) {
    return ctx.loaders.forecastRevenueBySurvey.load(s.id);
  }

  @FieldResolver(() => RevenueDeviation, { description: '实际收入与最高准许收入的偏差 (PN §4)' })
  async revenueDeviation(@Root() s: CostSurvey, @Ctx() ctx: Ctx) {
    const [actual, profile] = await Promise.all([ctx.loaders.actualRevenue.load(`${s.operatorId}|${s.periodStart}|${s.periodEnd}`), ctx.loaders.profile.load(s.jurisdiction)]);
    return revenueDeviation(s.effectiveMar, actual, profile);
  }
}
