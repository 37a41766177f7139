import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type RequestContext } from '@pdo/platform';
import type { GrantRow, ScenarioResourceRow, ScenarioRow } from '../services/rows.js';
import type { Loaders } from '../loaders/index.js';
import * as sc from '../services/scenarios.js';
import { AccessGrant, AccessGrantConnection, DataResource, AccessGrantFilter, DataScenario, DataScenarioConnection, ScenarioFilter, ScenarioResource, SubmitScenarioInput } from './types.js';

type Ctx = RequestContext<Loaders>;
const reload = (ctx: Ctx, id: string) => ctx.loaders.scenarioById.clear(id).load(id);

@Resolver(() => DataScenario)
export class ScenarioResolver {
  @Query(() => DataScenario, { nullable: true, description: '应用场景 | A data scenario' })
  async dataScenario(@Arg('id', () => ID, { description: '场景标识 | Id of the scenario' }) id: string, @Ctx() ctx: Ctx) {
    return sc.dataScenario(ctx, id);
  }

  @Query(() => DataScenarioConnection, { description: '应用场景 | Scenarios (operator: its own; officials: their jurisdiction)' })
  async dataScenarios(@Args(() => PageArgs) args: PageArgs, @Arg('filter', () => ScenarioFilter, { nullable: true, description: '筛选条件 | Filter' }) filter: ScenarioFilter | null, @Ctx() ctx: Ctx) {
    return sc.dataScenarios(ctx, { args, filter });
  }

  @Query(() => AccessGrantConnection, { description: '访问授权 | Access grants' })
  async accessGrants(@Args(() => PageArgs) args: PageArgs, @Arg('filter', () => AccessGrantFilter, { nullable: true, description: '筛选条件 | Filter' }) filter: AccessGrantFilter | null, @Ctx() ctx: Ctx) {
    return sc.accessGrants(ctx, { args, filter });
  }

  @Mutation(() => DataScenario, { description: '提交场景及数据申请（一场景一申请） | File a scenario and its data request' })
  async submitDataScenario(@Arg('input', () => SubmitScenarioInput, { description: '场景及其数据申请 | The scenario and its data request' }) input: SubmitScenarioInput, @Ctx() ctx: Ctx) {
    return reload(ctx, await sc.submitScenario(ctx, input));
  }
  @Mutation(() => DataScenario, { description: '数源单位审核所属资源 | A source unit decides on its resource' })
  async reviewScenarioResource(
    @Arg('scenarioId', () => ID, { description: '场景标识 | Id of the scenario' }) scenarioId: string,
    @Arg('resourceId', () => ID, { description: '数据资源标识 | Id of the resource' }) resourceId: string,
    @Arg('approve', () => Boolean, { description: '是否同意该资源 | Whether to approve this resource' }) approve: boolean,
    @Arg('reason', () => String, { nullable: true, description: '不同意的理由 | Reason for refusing it' }) reason: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return reload(ctx, await sc.reviewScenarioResource(ctx, { scenarioId, resourceId, approve, reason }));
  }
  @Mutation(() => DataScenario, { description: '实施机构审核场景：通过即开通访问授权 | Implementing agency decision: approval opens access grants' })
  async decideDataScenario(@Arg('scenarioId', () => ID, { description: '场景标识 | Id of the scenario' }) id: string, @Arg('approve', () => Boolean, { description: '是否通过 | Whether to approve the scenario' }) approve: boolean, @Arg('reasons', () => [String], { defaultValue: [], description: '不予通过的理由 | Reasons for refusing' }) reasons: string[], @Ctx() ctx: Ctx) {
    return reload(ctx, await sc.decideScenario(ctx, { scenarioId: id, approve, reasons }));
  }
  @Mutation(() => AccessGrant, { description: '撤销访问授权 | Revoke an access grant' })
  async revokeAccessGrant(@Arg('grantId', () => ID, { description: '访问授权标识 | Id of the grant' }) id: string, @Arg('reason', () => String, { description: '撤销理由 | Reason for revoking' }) reason: string, @Ctx() ctx: Ctx) {
    return sc.accessGrant(ctx, await sc.revokeAccessGrant(ctx, { grantId: id, reason }));
  }

  @FieldResolver(() => [ScenarioResource], { description: '申请的数据资源及审核结论 | Resources asked for, with decisions' })
  async resources(@Root() s: ScenarioRow, @Ctx() ctx: Ctx) {
    return (await ctx.loaders.resourcesByScenario.load(s.id)).map((r: ScenarioResourceRow) => ({ ...r, resource: { id: r.resourceId } }));
  }
  @FieldResolver(() => [AccessGrant], { description: '已生成的访问授权 | Access grants issued' })
  async grants(@Root() s: ScenarioRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.grantsByScenario.load(s.id);
  }
}

@Resolver(() => AccessGrant)
export class AccessGrantResolver {
  @FieldResolver(() => DataResource, { description: '被授权访问的数据资源 | The resource granted' })
  resource(@Root() g: GrantRow) {
    return { id: g.resourceId };
  }
}
