import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar, PageArgs, type RequestContext } from '@pdo/platform';
import type { AgreementRow } from '../services/rows.js';
import type { Loaders } from '../loaders/index.js';
import * as ag from '../services/agreements.js';
import * as rect from '../services/rectifications.js';
import * as exit from '../services/agreement-exit.js';
import * as renewals from '../services/renewals.js';
import {
  AccessGrant,
  AgreementFilter,
  AssetDispositionKind,
  AuthorizationAgreement,
  AuthorizationAgreementConnection,
  DataScenario,
  Organization,
  ReadinessGate,
  ReadinessRecord,
  RecordReadinessInput,
  Rectification,
  RenewalRequest,
  SignAgreementInput,
  SuspendAgreementInput,
} from './types.js';

type Ctx = RequestContext<Loaders>;

const reload = (ctx: Ctx, id: string) => ctx.loaders.agreementById.clear(id).load(id);

@Resolver(() => AuthorizationAgreement)
export class AgreementResolver {
  @Query(() => AuthorizationAgreement, { nullable: true, description: '授权协议（运营主体或本辖区官员可见） | Agreement (its operator or officials)' })
  async agreement(@Arg('id', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Ctx() ctx: Ctx) {
    return ag.agreement(ctx, id);
  }

  @Query(() => AuthorizationAgreementConnection, { description: '授权运营协议列表（调用方可见的）| Authorization agreements visible to the caller' })
  async agreements(@Args(() => PageArgs) args: PageArgs, @Arg('filter', () => AgreementFilter, { nullable: true, description: '筛选条件 | Filter' }) filter: AgreementFilter | null, @Ctx() ctx: Ctx) {
    return ag.agreements(ctx, { args, filter });
  }

  @Mutation(() => AuthorizationAgreement, { description: '签署授权协议（期限按辖区配置校验） | Sign (term checked against the profile)' })
  async signAgreement(@Arg('input', () => SignAgreementInput, { description: '签订内容 | What is signed' }) input: SignAgreementInput, @Ctx() ctx: Ctx) {
    return reload(ctx, await ag.signAgreement(ctx, input));
  }
  @Mutation(() => AuthorizationAgreement, { description: '协议备案 | File the signed agreement' })
  async fileAgreement(@Arg('id', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await ag.fileAgreement(ctx, { id }));
  }
  @Mutation(() => ReadinessRecord, { description: '记录培训/安全审查/应急预案 | Record training, a security review or the emergency plan' })
  async recordReadiness(@Arg('input', () => RecordReadinessInput, { description: '准入条件记录 | The readiness record' }) input: RecordReadinessInput, @Ctx() ctx: Ctx) {
    return ag.readinessRecord(ctx, await ag.recordReadiness(ctx, input));
  }
  @Mutation(() => AuthorizationAgreement, { description: '准入条件满足后生效 | Activate once the readiness gates are met' })
  async activateAgreement(@Arg('id', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await ag.activateAgreement(ctx, { id }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '暂停授权并责令整改（全部访问暂停）| Suspend explicitly and order rectification (every grant paused)' })
  async suspendAgreement(@Arg('input', () => SuspendAgreementInput, { description: '暂停内容（原因、期限）| Suspension: cause, reason and deadline' }) input: SuspendAgreementInput, @Ctx() ctx: Ctx) {
    return reload(ctx, await rect.suspendAgreement(ctx, input));
  }
  @Mutation(() => AuthorizationAgreement, { description: '责令整改（整改期间是否关闭访问依辖区规定）| Order rectification; whether access closes meanwhile follows the jurisdiction\'s rule' })
  async orderRectification(@Arg('input', () => SuspendAgreementInput, { description: '整改要求（原因、期限）| Rectification order: cause, reason and deadline' }) input: SuspendAgreementInput, @Ctx() ctx: Ctx) {
    return reload(ctx, await rect.orderRectification(ctx, input));
  }
  @Mutation(() => AuthorizationAgreement, { description: '主管部门终止授权（撤销全部访问）| The authority ends the authorization for cause (every grant revoked)' })
  async terminateAgreement(@Arg('agreementId', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Arg('reason', () => String, { description: '终止理由 | Reason for terminating' }) reason: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await rect.terminateAgreement(ctx, { agreementId: id, reason }));
  }
  @Mutation(() => Rectification, { description: '提交整改方案 | Submit the rectification plan' })
  async submitRectificationPlan(@Arg('rectificationId', () => ID, { description: '整改标识 | Id of the rectification' }) id: string, @Arg('plan', () => String, { description: '整改方案 | The rectification plan' }) plan: string, @Ctx() ctx: Ctx) {
    return rect.rectification(ctx, await rect.submitRectificationPlan(ctx, { rectificationId: id, plan }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '整改结论：通过则恢复；不通过的后果依辖区规定（终止、暂停或由主管部门决定）| Rectification outcome: passed → reinstated; failed → the jurisdiction\'s rule (terminate, suspend, or the authority decides)' })
  async concludeRectification(@Arg('rectificationId', () => ID, { description: '整改标识 | Id of the rectification' }) id: string, @Arg('passed', () => Boolean, { description: '整改是否通过验收 | Whether the rectification passed' }) passed: boolean, @Arg('note', () => String, { description: '验收意见 | Conclusion note' }) note: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await rect.concludeRectification(ctx, { rectificationId: id, passed, note }));
  }
  @Mutation(() => RenewalRequest, { description: '申请续期（须在续期窗口内） | Request renewal (inside the profile\'s window)' })
  async requestRenewal(@Arg('agreementId', () => ID, { description: '协议标识 | Id of the agreement' }) agreementId: string, @Arg('proposedEndDate', () => LocalDateScalar, { description: '拟续期至 | Proposed new end date' }) end: string, @Ctx() ctx: Ctx) {
    return renewals.renewal(ctx, await renewals.requestRenewal(ctx, { agreementId, proposedEndDate: end }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '审核续期 | Decide a renewal request' })
  async decideRenewal(@Arg('renewalId', () => ID, { description: '续期申请标识 | Id of the renewal request' }) id: string, @Arg('approve', () => Boolean, { description: '是否同意续期 | Whether to approve the renewal' }) approve: boolean, @Arg('note', () => String, { nullable: true, description: '决定说明 | Note on the decision' }) note: string | null, @Ctx() ctx: Ctx) {
    return reload(ctx, await renewals.decideRenewal(ctx, { renewalId: id, approve, note }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '申请提前终止（按辖区通知期） | Apply for early termination with the profile\'s notice' })
  async requestEarlyTermination(@Arg('agreementId', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Arg('effectiveOn', () => LocalDateScalar, { description: '拟终止生效日 | Day the early termination would take effect' }) effectiveOn: string, @Arg('reason', () => String, { description: '提前终止理由 | Reason for ending early' }) reason: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await exit.requestEarlyTermination(ctx, { agreementId: id, effectiveOn, reason }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '同意提前终止 | Consent to early termination' })
  async consentEarlyTermination(@Arg('agreementId', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await exit.consentEarlyTermination(ctx, { agreementId: id }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '记录留存数据删除 | Record deletion of retained data' })
  async recordDataDeletion(@Arg('agreementId', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Arg('deletedOn', () => LocalDateScalar, { description: '数据删除完成日 | Day the data was deleted' }) deletedOn: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await exit.recordDataDeletion(ctx, { agreementId: id, deletedOn }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '记录资产移交或销毁 | Record asset transfer or destruction' })
  async recordAssetDisposition(
    @Arg('agreementId', () => ID, { description: '协议标识 | Id of the agreement' }) id: string,
    @Arg('kind', () => AssetDispositionKind, { description: '处置方式（移交/销毁）| Disposition: transfer or destroy' }) kind: 'TRANSFER' | 'DESTROY',
    @Arg('successorId', () => ID, { nullable: true, description: '承接主体（移交时）| Successor organization (for a transfer)' }) successorId: string | null,
    @Arg('note', () => String, { description: '处置说明 | Note on the disposition' }) note: string,
    @Ctx() ctx: Ctx,
  ) {
    return reload(ctx, await exit.recordAssetDisposition(ctx, { agreementId: id, kind, successorId, note }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '清除网络日志（不早于保存期满） | Purge logs (not before the retention date)' })
  async purgeAgreementLogs(@Arg('agreementId', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await exit.purgeLogs(ctx, { agreementId: id }));
  }
  @Mutation(() => AuthorizationAgreement, { description: '完成退出 | Complete the exit' })
  async completeAgreementExit(@Arg('agreementId', () => ID, { description: '协议标识 | Id of the agreement' }) id: string, @Ctx() ctx: Ctx) {
    return reload(ctx, await exit.completeExit(ctx, { agreementId: id }));
  }

  @FieldResolver(() => Organization, { nullable: true, description: '运营主体 | The operator' })
  operator(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.byId.load(a.operatorId);
  }
  @FieldResolver(() => [ReadinessRecord], { description: '准入条件记录 | Readiness records' })
  readiness(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.readinessByAgreement.load(a.id);
  }
  @FieldResolver(() => [ReadinessGate], { description: '今日准入条件 | Readiness gates as of today' })
  async gates(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return ag.gates(ctx, a);
  }
  @FieldResolver(() => [Rectification], { description: '整改记录 | Rectifications' })
  rectifications(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.rectificationsByAgreement.load(a.id);
  }
  @FieldResolver(() => [RenewalRequest], { description: '续期申请 | Renewal requests' })
  renewals(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.renewalsByAgreement.load(a.id);
  }
  @FieldResolver(() => [DataScenario], { description: '协议下的应用场景 | Scenarios under the agreement' })
  scenarios(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.scenariosByAgreement.load(a.id);
  }
  @FieldResolver(() => [AccessGrant], { description: '协议下的访问授权 | Access grants under the agreement' })
  accessGrants(@Root() a: AgreementRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.grantsByAgreement.load(a.id);
  }
}
