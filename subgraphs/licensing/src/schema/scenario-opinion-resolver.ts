import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import type { ScenarioRow } from '../services/rows.js';
import type { Loaders } from '../loaders/index.js';
import { recordScenarioOpinion, type ScenarioOpinionRow } from '../services/scenario-opinions.js';
import { DataScenario } from './types.js';

type C = RequestContext<Loaders>;

@ObjectType({ description: '行业主管部门审核意见（JL §五5）| An industry department’s opinion on a data request (JL §5.5)' })
export class ScenarioOpinion {
  @Field(() => ID, { description: '行业主管部门 | The industry department' }) departmentId!: string;
  @Field(() => Boolean, { description: '是否支持 | Whether it supports the request' }) supports!: boolean;
  @Field(() => String, { description: '意见 | Opinion' }) opinion!: string;
  @Field(() => Date, { description: '提出时间 | When given' }) givenAt!: string;
}

const toOpinion = (o: ScenarioOpinionRow): ScenarioOpinion => ({ departmentId: o.departmentOrgId, supports: o.supports, opinion: o.opinion, givenAt: o.givenAt });

@Resolver(() => DataScenario)
export class ScenarioOpinionResolver {
  @FieldResolver(() => [ScenarioOpinion], { description: '行业主管部门意见 | Industry departments’ opinions' })
  async industryOpinions(@Root() s: ScenarioRow, @Ctx() ctx: C) {
    return (await ctx.loaders.opinionsByScenario.load(s.id)).map(toOpinion);
  }

  @Mutation(() => DataScenario, { description: '行业主管部门提出场景审核意见（JL §五5）| An industry department gives its opinion on a scenario (JL §5.5)' })
  async recordScenarioOpinion(
    @Arg('scenarioId', () => ID, { description: '场景标识 | Id of the scenario' }) scenarioId: string,
    @Arg('supports', () => Boolean, { description: '是否支持 | Whether it supports the request' }) supports: boolean,
    @Arg('opinion', () => String, { description: '意见 | Opinion' }) opinion: string,
    @Ctx() ctx: C,
  ) {
    const id = await recordScenarioOpinion(ctx, { scenarioId, supports, opinion });
    return ctx.loaders.scenarioById.clear(id).load(id);
  }
}
