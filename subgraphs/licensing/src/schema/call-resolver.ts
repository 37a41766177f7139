import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { pageWindow, PageArgs, toConnection, type RequestContext } from '@pdo/platform';
import { APP_COLS, CALL_COLS, getApplication, type AppRow, type CallRow } from '../data/rows.js';
import type { Loaders } from '../loaders/index.js';
import * as calls from '../domain/calls.js';
import {
  ApplicationDocumentInput,
  AuthorizationCall,
  AuthorizationCallConnection,
  EligibilityResult,
  ExpertReview,
  OperatorApplication,
  OperatorApplicationConnection,
  OperatorApplicationStatus,
  Organization,
  PublishCallInput,
} from './types.js';
import { canSee, eq, isOfficialOf, ownedScope, pageOf } from './scope.js';

type Ctx = RequestContext<Loaders>;

/** Calls are public notices (公告). */
@Resolver(() => AuthorizationCall)
export class CallResolver {
  @Query(() => AuthorizationCall, { nullable: true })
  call(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return ctx.loaders.callById.load(id);
  }

  @Query(() => AuthorizationCallConnection, { description: '授权运营公告 | Calls for operator applications' })
  async calls(@Args(() => PageArgs) args: PageArgs, @Arg('jurisdiction', () => String, { nullable: true }) jurisdiction: string | null, @Ctx() ctx: Ctx) {
    const win = pageWindow(args);
    const where: string[] = [];
    const params: unknown[] = [];
    eq(where, params, 'jurisdiction', jurisdiction);
    const [rows, total] = await pageOf<CallRow>(ctx.em, CALL_COLS, 'operation_call', where, params, 'opens_on desc, id', win);
    return toConnection(rows, total, win);
  }

  @Mutation(() => AuthorizationCall, { description: '发布公告 | Publish a call (mode and selection method as the profile allows)' })
  async publishCall(@Arg('input', () => PublishCallInput) input: PublishCallInput, @Ctx() ctx: Ctx) {
    return ctx.loaders.callById.load(await calls.publishCall(ctx, input));
  }

  @FieldResolver(() => Organization, { nullable: true })
  publishedBy(@Root() c: CallRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.byId.load(c.publishedBy);
  }
}

const loadApp = async (ctx: Ctx, id: string) => getApplication(ctx.em, id);

/**
 * What a mutation may hand back to a caller who is neither the applicant nor an official of the
 * jurisdiction (an objector during publicity, a visiting expert): the publicly announced facts only —
 * no materials, no criterion-by-criterion eligibility, no notes, only the caller's own objections.
 */
async function loadAppFor(ctx: Ctx, id: string): Promise<AppRow | null> {
  const a = await loadApp(ctx, id);
  if (!a || canSee(ctx.identity, a, a.applicantId)) return a;
  return {
    ...a,
    documents: [],
    supplementRequest: null,
    decisionNote: null,
    objections: a.objections.filter((o) => o.raisedBy === ctx.identity.sub),
    eligibility: { ...a.eligibility, criteria: [] },
  };
}

@Resolver(() => OperatorApplication)
export class ApplicationResolver {
  @Query(() => OperatorApplication, { nullable: true, description: '申请（申请人或本辖区官员可见） | Application (applicant or officials)' })
  async operatorApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const a = await loadApp(ctx, id);
    return a && canSee(ctx.identity, a, a.applicantId) ? a : null;
  }

  @Query(() => OperatorApplicationConnection)
  async operatorApplications(
    @Args(() => PageArgs) args: PageArgs,
    @Arg('callId', () => ID, { nullable: true }) callId: string | null,
    @Arg('status', () => OperatorApplicationStatus, { nullable: true }) status: string | null,
    @Ctx() ctx: Ctx,
  ) {
    const win = pageWindow(args);
    const params: unknown[] = [];
    const where = [ownedScope(ctx.identity, params, 'applicant_id')];
    eq(where, params, 'call_id', callId, '::uuid');
    eq(where, params, 'status', status);
    const [rows, total] = await pageOf<AppRow>(ctx.em, APP_COLS, 'operator_application', where, params, 'submitted_on desc, id', win);
    return toConnection(rows, total, win);
  }

  @Mutation(() => OperatorApplication, { description: '提交申请（自动资格审查） | Apply to a call; eligibility is computed and an ineligible applicant refused' })
  async submitOperatorApplication(@Arg('callId', () => ID) callId: string, @Arg('documents', () => [ApplicationDocumentInput]) documents: ApplicationDocumentInput[], @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.submitApplication(ctx, callId, documents));
  }
  @Mutation(() => OperatorApplication, { description: '要求补正 | Request a supplement (pre-check)' })
  async requestApplicationSupplement(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.requestSupplement(ctx, id, note));
  }
  @Mutation(() => OperatorApplication, { description: '补正材料 | Supply the requested documents' })
  async supplementOperatorApplication(@Arg('id', () => ID) id: string, @Arg('documents', () => [ApplicationDocumentInput]) documents: ApplicationDocumentInput[], @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.supplementApplication(ctx, id, documents));
  }
  @Mutation(() => OperatorApplication, { description: '预审通过，进入专家评审 | Pre-check passed' })
  async passApplicationPrecheck(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.passPrecheck(ctx, id));
  }
  @Mutation(() => OperatorApplication, { description: '专家评分 | EXPERT scores an application' })
  async submitExpertReview(@Arg('applicationId', () => ID) id: string, @Arg('score', () => String) score: string, @Arg('opinion', () => String) opinion: string, @Ctx() ctx: Ctx) {
    return loadAppFor(ctx, await calls.submitExpertReview(ctx, id, score, opinion));
  }
  @Mutation(() => OperatorApplication, { description: '遴选并公示 | Select; the publicity period starts' })
  async selectOperatorApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.selectApplication(ctx, id));
  }
  @Mutation(() => OperatorApplication, { description: '公示期异议 | Object during publicity' })
  async raiseApplicationObjection(@Arg('id', () => ID) id: string, @Arg('text', () => String) text: string, @Ctx() ctx: Ctx) {
    return loadAppFor(ctx, await calls.raiseObjection(ctx, id, text));
  }
  @Mutation(() => OperatorApplication, { description: '处理异议 | Resolve an objection (upheld → rejected)' })
  async resolveApplicationObjection(@Arg('id', () => ID) id: string, @Arg('index', () => Int) index: number, @Arg('upheld', () => Boolean) upheld: boolean, @Arg('resolution', () => String) resolution: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.resolveObjection(ctx, id, index, upheld, resolution));
  }
  @Mutation(() => OperatorApplication, { description: '报政府备案 | File with the government after publicity' })
  async fileOperatorApplication(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.fileApplication(ctx, id));
  }
  @Mutation(() => OperatorApplication, { description: '三重一大决策通过 | Major-decision approval' })
  async approveApplicationMajorDecision(@Arg('id', () => ID) id: string, @Arg('minutesRef', () => String) minutesRef: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.approveMajorDecision(ctx, id, minutesRef));
  }
  @Mutation(() => OperatorApplication, { description: '不予通过 | Reject' })
  async rejectOperatorApplication(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Ctx) {
    return loadApp(ctx, await calls.rejectApplication(ctx, id, reason));
  }

  @FieldResolver(() => EligibilityResult, { description: '提交时的逐项资格审查 | Eligibility at submission, criterion by criterion' })
  eligibility(@Root() a: AppRow) {
    return a.eligibility;
  }
  @FieldResolver(() => AuthorizationCall, { nullable: true })
  call(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.callById.load(a.callId);
  }
  @FieldResolver(() => Organization, { nullable: true })
  applicant(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.byId.load(a.applicantId);
  }
  /** Scores are visible to officials of the jurisdiction (experts included), not to applicants. */
  @FieldResolver(() => [ExpertReview], { nullable: true })
  async expertReviews(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    return isOfficialOf(ctx.identity, a.jurisdiction) ? ctx.loaders.reviewsByApplication.load(a.id) : null;
  }
  @FieldResolver(() => String, { nullable: true, description: '平均分 | Average expert score' })
  async averageScore(@Root() a: AppRow, @Ctx() ctx: Ctx) {
    if (!isOfficialOf(ctx.identity, a.jurisdiction)) return null;
    const rs = await ctx.loaders.reviewsByApplication.load(a.id);
    if (!rs.length) return null;
    // Exact: scores have 2 decimals; the mean is rounded half-up to 2 decimals in integer hundredths.
    const sum = rs.reduce((s, r) => s + BigInt(Math.round(Number(r.score) * 100)), 0n);
    const n = BigInt(rs.length);
    const q = (sum * 2n + n) / (2n * n);
    return `${q / 100n}.${(q % 100n).toString().padStart(2, '0')}`;
  }
}
