import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type RequestContext } from '@pdo/platform';
import type { AgreementRow } from '../services/rows.js';
import type { Loaders } from '../loaders/index.js';
import * as plans from '../services/implementation-plans.js';
import * as exitDuties from '../services/exit-duties.js';
import { AuthorizationAgreement } from './types.js';
import { ApproveImplementationPlanInput, ConfirmExitDutyInput, DraftImplementationPlanInput, ExitChecklistEntry, ImplementationPlan, ImplementationPlanConnection } from './plan-types.js';

type Ctx = RequestContext<Loaders>;

@Resolver(() => ImplementationPlan)
export class ImplementationPlanResolver {
  @Query(() => ImplementationPlan, { nullable: true, description: '实施方案版本（草案仅本辖区官员可见）| A plan version (a draft only to the jurisdiction\'s officials)' })
  async implementationPlan(@Arg('id', () => ID, { description: '方案版本标识 | Id of the version' }) id: string, @Ctx() ctx: Ctx) {
    return plans.implementationPlan(ctx, id);
  }
  @Query(() => ImplementationPlan, { nullable: true, description: '辖区现行实施方案 | The plan in force in a jurisdiction' })
  async implementationPlanInForce(@Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string, @Ctx() ctx: Ctx) {
    return plans.planInForce(ctx, jurisdiction);
  }
  @Query(() => ImplementationPlanConnection, { description: '辖区实施方案的各个版本（新在前）| Every version of a jurisdiction\'s plan, newest first' })
  async implementationPlans(@Args(() => PageArgs) args: PageArgs, @Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string, @Ctx() ctx: Ctx) {
    return plans.implementationPlans(ctx, { jurisdiction, args });
  }
  @Mutation(() => ImplementationPlan, { description: '起草实施方案或其变更（起草方依辖区配置）| Draft the plan or a change of it (the drafter the profile names)' })
  async draftImplementationPlan(@Arg('input', () => DraftImplementationPlanInput, { description: '方案内容 | The draft' }) input: DraftImplementationPlanInput, @Ctx() ctx: Ctx) {
    return ctx.loaders.planById.load(await plans.draftImplementationPlan(ctx, input));
  }
  @Mutation(() => ImplementationPlan, { description: '记录“三重一大”集体决策审议通过（较大变更须重新审议）| Record the collective decision approving a draft (a major change is approved again)' })
  async approveImplementationPlan(@Arg('input', () => ApproveImplementationPlanInput, { description: '审议记录 | The decision' }) input: ApproveImplementationPlanInput, @Ctx() ctx: Ctx) {
    const id = await plans.approveImplementationPlan(ctx, input);
    return ctx.loaders.planById.clear(id).load(id);
  }
  @Mutation(() => ImplementationPlan, { description: '现行方案备案 | File the plan in force' })
  async fileImplementationPlan(@Arg('planId', () => ID, { description: '方案版本标识 | Id of the version' }) planId: string, @Ctx() ctx: Ctx) {
    const id = await plans.fileImplementationPlan(ctx, { planId });
    return ctx.loaders.planById.clear(id).load(id);
  }
}

@Resolver(() => AuthorizationAgreement)
export class AgreementPlanResolver {
  @Mutation(() => AuthorizationAgreement, { description: '确认一项退出事项（凭证、确认人）| Confirm an exit item with its evidence' })
  async confirmExitDuty(@Arg('input', () => ConfirmExitDutyInput, { description: '退出事项 | The item' }) input: ConfirmExitDutyInput, @Ctx() ctx: Ctx) {
    const id = await exitDuties.confirmExitDuty(ctx, input);
    return ctx.loaders.agreementById.clear(id).load(id);
  }
  @FieldResolver(() => ImplementationPlan, { nullable: true, description: '签署时现行的实施方案 | The implementation plan in force when signed' })
  implementationPlan(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return plans.planOfAgreement(ctx, a.planId);
  }
  @FieldResolver(() => [ExitChecklistEntry], { description: '退出清单（按协议所依政策配置）| The exit checklist of the agreement\'s profile' })
  exitChecklist(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return exitDuties.exitChecklist(ctx, a);
  }
}
