import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, type RequestContext } from '@pdo/platform';
import type { AppRow, CallRow } from '../services/rows.js';
import type { Loaders } from '../loaders/index.js';
import * as calls from '../services/calls.js';
import * as apps from '../services/applications.js';
import * as reads from '../services/application-reads.js';
import {
  ApplicationDocumentInput,
  AuthorizationCall,
  AuthorizationCallConnection,
  CriterionScoreInput,
  EligibilityResult,
  ExpertReview,
  OperatorApplication,
  OperatorApplicationConnection,
  OperatorApplicationStatus,
  Organization,
  PublishCallInput,
} from './types.js';

type Ctx = RequestContext<Loaders>;

/** Calls are public notices (公告). */
@Resolver(() => AuthorizationCall)
export class CallResolver {
  @Query(() => AuthorizationCall, { nullable: true, description: '授权运营公告 | A call for operator applications' })
  call(@Arg('id', () => ID, { description: '公告标识 | Id of the call' }) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.callById.load(id);
  }

  @Query(() => AuthorizationCallConnection, { description: '授权运营公告 | Calls for operator applications' })
  async calls(
    @Args(() => PageArgs) args: PageArgs,
    @Arg('jurisdiction', () => String, { nullable: true, description: '辖区（默认全部可见的）| Jurisdiction (default: all visible)' }) jurisdiction: string | null,
    @Arg('openToday', () => Boolean, { nullable: true, description: '只列今日（北京时间）在申请期内的公告 | Only calls whose application window includes today (China time)' }) openToday: boolean | null,
    @Ctx() ctx: Ctx,
  ) {
    return calls.calls(ctx, { args, jurisdiction, openToday: openToday ?? false });
  }

  @Mutation(() => AuthorizationCall, { description: '发布公告 | Publish a call (mode and selection method as the profile allows)' })
  async publishCall(@Arg('input', () => PublishCallInput, { description: '公告内容 | The call to publish' }) input: PublishCallInput, @Ctx() ctx: Ctx) {
    return ctx.loaders.callById.load(await calls.publishCall(ctx, input));
  }

  @FieldResolver(() => Organization, { nullable: true, description: '发布单位 | Organization that published it' })
  publishedBy(@Root() c: CallRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.byId.load(c.publishedBy);
  }
}

const loadApp = (ctx: Ctx, id: string) => reads.application(ctx, id);
const loadAppFor = (ctx: Ctx, id: string) => reads.applicationFor(ctx, id);

@Resolver(() => OperatorApplication)
export class ApplicationResolver {
  @Query(() => OperatorApplication, { nullable: true, description: '申请（申请人或本辖区官员可见） | Application (applicant or officials)' })
  async operatorApplication(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Ctx() ctx: Ctx) {
    return reads.operatorApplication(ctx, id);
  }

  @Query(() => OperatorApplicationConnection, { description: '运营主体申请列表 | Operator applications visible to the caller' })
  async operatorApplications(
    @Args(() => PageArgs) args: PageArgs,
    @Arg('callId', () => ID, { nullable: true, description: '只看该公告的申请 | Only applications to this call' }) callId: string | null,
    @Arg('status', () => OperatorApplicationStatus, { nullable: true, description: '只看该状态 | Only in this status' }) status: string | null,
    @Ctx() ctx: Ctx,
  ) {
    return reads.operatorApplications(ctx, { args, filter: { callId, status } });
  }

  @Mutation(() => OperatorApplication, { description: '提交申请（自动资格审查） | Apply to a call; eligibility is computed and an ineligible applicant refused' })
  async submitOperatorApplication(@Arg('callId', () => ID, { description: '公告标识 | Id of the call' }) callId: string, @Arg('documents', () => [ApplicationDocumentInput], { description: '申请材料（哈希存证）| Documents, by hash' }) documents: ApplicationDocumentInput[], @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.submitApplication(ctx, { callId, documents }));
  }
  @Mutation(() => OperatorApplication, { description: '要求补正 | Request a supplement (pre-check)' })
  async requestApplicationSupplement(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Arg('note', () => String, { description: '需补正的内容 | What must be supplemented' }) note: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.requestSupplement(ctx, { id, note }));
  }
  @Mutation(() => OperatorApplication, { description: '补正材料 | Supply the requested documents' })
  async supplementOperatorApplication(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Arg('documents', () => [ApplicationDocumentInput], { description: '补正的材料 | Supplementary documents' }) documents: ApplicationDocumentInput[], @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.supplementApplication(ctx, { id, documents }));
  }
  @Mutation(() => OperatorApplication, { description: '预审通过，进入专家评审 | Pre-check passed' })
  async passApplicationPrecheck(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.passPrecheck(ctx, { id }));
  }
  @Mutation(() => OperatorApplication, { description: '专家评分 | EXPERT scores an application' })
  async submitExpertReview(
    @Arg('applicationId', () => ID, { description: '申请标识 | Id of the application' }) id: string,
    @Arg('score', () => String, { nullable: true, description: '总评分（仅当评分规则只有一项时）| Overall score, only where the scoring rules have one criterion' }) score: string | null,
    @Arg('criterionScores', () => [CriterionScoreInput], { nullable: true, description: '按评分规则逐项评分 | A score per criterion of the scoring rules' }) criterionScores: CriterionScoreInput[] | null,
    @Arg('opinion', () => String, { description: '评审意见 | Opinion' }) opinion: string,
    @Ctx() ctx: Ctx,
  ) {
    return loadAppFor(ctx, await apps.submitExpertReview(ctx, { id, score, criterionScores, opinion }));
  }
  @Mutation(() => OperatorApplication, { description: '遴选并公示 | Select; the publicity period starts' })
  async selectOperatorApplication(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.selectApplication(ctx, { id }));
  }
  @Mutation(() => OperatorApplication, { description: '公示期异议 | Object during publicity' })
  async raiseApplicationObjection(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Arg('text', () => String, { description: '异议内容 | What is objected' }) text: string, @Ctx() ctx: Ctx) {
    return loadAppFor(ctx, await apps.raiseObjection(ctx, { id, text }));
  }
  @Mutation(() => OperatorApplication, { description: '处理异议 | Resolve an objection (upheld → rejected)' })
  async resolveApplicationObjection(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Arg('index', () => Int, { description: '异议序号 | Number of the objection' }) index: number, @Arg('upheld', () => Boolean, { description: '异议是否成立 | Whether the objection is upheld' }) upheld: boolean, @Arg('resolution', () => String, { description: '处理结论 | Resolution' }) resolution: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.resolveObjection(ctx, { id, index, upheld, resolution }));
  }
  @Mutation(() => OperatorApplication, { description: '报政府备案 | File with the government after publicity' })
  async fileOperatorApplication(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.fileApplication(ctx, { id }));
  }
  @Mutation(() => OperatorApplication, { description: '三重一大决策通过 | Major-decision approval' })
  async approveApplicationMajorDecision(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Arg('minutesRef', () => String, { description: '集体决策会议纪要编号 | Reference of the collective-decision minutes' }) minutesRef: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.approveMajorDecision(ctx, { id, minutesRef }));
  }
  @Mutation(() => OperatorApplication, { description: '不予通过 | Reject' })
  async rejectOperatorApplication(@Arg('id', () => ID, { description: '申请标识 | Id of the application' }) id: string, @Arg('reason', () => String, { description: '驳回理由 | Reason for rejecting' }) reason: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await apps.rejectApplication(ctx, { id, reason }));
  }

  @FieldResolver(() => EligibilityResult, { description: '提交时的逐项资格审查 | Eligibility at submission, criterion by criterion' })
  eligibility(@Root() a: AppRow) {
    return a.eligibility;
  }
  @FieldResolver(() => AuthorizationCall, { nullable: true, description: '所申请的公告 | The call applied to' })
  call(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    return a.callId ? ctx.loaders.callById.load(a.callId) : null;
  }
  @FieldResolver(() => Organization, { nullable: true, description: '申请主体 | The applicant' })
  applicant(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.byId.load(a.applicantId);
  }
  @FieldResolver(() => [ExpertReview], { nullable: true, description: '专家评审（仅主管部门与评审专家可见）| Expert reviews (officials and experts only)' })
  async expertReviews(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    return reads.expertReviews(ctx, a);
  }
  @FieldResolver(() => String, { nullable: true, description: '平均分 | Average expert score' })
  async averageScore(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    return reads.averageScore(ctx, a);
  }
}
