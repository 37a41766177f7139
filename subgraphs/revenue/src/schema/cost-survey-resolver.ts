import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, connectionOf, inTransaction, PageArgs, type RequestContext } from '@pdo/platform';
import { CostSurvey, PriceCap, RecordCostSurveyInput, RevenueDeviation } from './types.js';
import { toCostSurvey } from '../data/rows.js';
import { costSurveyPage } from '../data/cost-surveys.js';
import { recordCostSurvey, revenueDeviation } from '../data/costs.js';
import { REVENUE_SCOPE, requireFinance } from '../domain/access.js';
import { assertInScope, requireRole } from '@pdo/platform';
import { Money } from '@pdo/platform';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class CostSurveyConnection extends Connection(CostSurvey) {}

type Ctx = RequestContext<Loaders>;

/** Finance staff of the jurisdiction, or the surveyed operator itself, may read a survey (REVENUE_SCOPE). */
export const costSurveyTarget = (s: Pick<CostSurvey, 'jurisdiction' | 'operatorId'>) => ({ jurisdiction: s.jurisdiction, orgIds: [s.operatorId] });

@Resolver(() => CostSurvey)
export class CostSurveyResolver {
  @Query(() => CostSurvey, { nullable: true, description: '成本调查与最高准许收入 | A cost survey with its MAR and working' })
  async costSurvey(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const s = await ctx.loaders.costSurveyById.load(id);
    if (s) assertInScope(ctx.identity, costSurveyTarget(s), { ...REVENUE_SCOPE, entity: ['成本调查', 'Cost survey'], id });
    return s;
  }

  @Query(() => CostSurveyConnection, { description: 'Finance/authority: the jurisdiction; an operator: its own' })
  async costSurveys(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('operatorId', () => ID, { nullable: true }) operatorId?: string) {
    requireRole(ctx.identity, 'FINANCE', 'AUTHORITY', 'OPERATOR');
    return connectionOf(args, (win) => costSurveyPage(ctx.em, ctx.identity, operatorId ?? null, win), toCostSurvey);
  }

  @Mutation(() => CostSurvey, { description: '记录成本调查并核定最高准许收入 | Record a cost survey and compute the MAR (FINANCE/AUTHORITY)' })
  async recordCostSurvey(@Arg('input', () => RecordCostSurveyInput) input: RecordCostSurveyInput, @Ctx() ctx: Ctx) {
    const j = ctx.identity.jurisdiction ?? '';
    requireFinance(ctx.identity, j);
    return inTransaction(ctx, (uow) => recordCostSurvey(uow, ctx.identity, j, input));
  }

  @FieldResolver(() => [PriceCap])
  async priceCaps(@Root() s: CostSurvey, @Ctx() ctx: Ctx) {
    return ctx.loaders.capsBySurvey.load(s.id);
  }

  @FieldResolver(() => Money, { description: 'Σ cap × forecast of the caps in force' })
  async forecastRevenue(@Root() s: CostSurvey, @Ctx() ctx: Ctx) {
    return ctx.loaders.forecastRevenueBySurvey.load(s.id);
  }

  @FieldResolver(() => RevenueDeviation, { description: '实际收入与最高准许收入的偏差 (PN §4)' })
  async revenueDeviation(@Root() s: CostSurvey, @Ctx() ctx: Ctx) {
    const [actual, profile] = await Promise.all([ctx.loaders.actualRevenue.load(`${s.operatorId}|${s.periodStart}|${s.periodEnd}`), ctx.loaders.profile.load(s.jurisdiction)]);
    return revenueDeviation(s, actual, profile);
  }
}
