import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, LocalDateScalar, PageArgs, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { entitlementStatusOn } from '../domain/usage-rules.js';
import * as applications from '../services/usage-applications.js';
import * as queries from '../services/usage-queries.js';
import * as usage from '../services/usage-service.js';
import { productUsageByMonth } from '../services/product-queries.js';
import type { Loaders } from '../loaders/index.js';
import { DataProduct, Entitlement, Organization, UsageAgreement, UsageAgreementStatus, UsageApplication, UsageApplicationStatus, UsageRecord, UsageSecurityRisk, UsePurpose } from './types.js';

type Ctx = RequestContext<Loaders>;

@ObjectType({ description: '使用申请分页列表 | Page of usage applications' }) export class UsageApplicationConnection extends Connection(UsageApplication) {}
@ObjectType({ description: '使用协议分页列表 | Page of usage agreements' }) export class UsageAgreementConnection extends Connection(UsageAgreement) {}
@ObjectType({ description: '用量记录分页列表 | Page of usage records' }) export class UsageRecordConnection extends Connection(UsageRecord) {}

@ObjectType('ProductUsageMonth', { description: '产品某月用量 | Usage of a product in one month' })
export class ProductUsageMonth {
  @Field(() => String, { description: '月份（YYYY-MM）| Month, YYYY-MM' }) month!: string;
  @Field(() => String, { description: '用量（计费单位数）| Units used' }) units!: string;
  @Field(() => Int, { description: '用量记录数 | Usage records' }) records!: number;
  @Field(() => Int, { description: '使用的开发主体数 | Developers using it' }) developers!: number;
}

@InputType('ApplyForProductUsageInput', { description: '申请使用数据产品 | Apply to use a data product' })
export class ApplyForProductUsageInput {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => String, { description: '用途 | Purpose' }) purpose!: string;
  @Field(() => UsePurpose, { nullable: true, description: '用途类别：公共治理、公益事业、产业发展（决定是否免费使用，PN §1）| Purpose class a free-use rule decides by' }) usePurpose?: 'PUBLIC_GOVERNANCE' | 'PUBLIC_WELFARE' | 'INDUSTRY' | null;
  @Field(() => Boolean, { nullable: true, description: '非营利性使用（HN 第21条）| Non-profit use' }) nonProfit?: boolean | null;
  @Field(() => String, { description: '本单位的应用场景 | The developer\'s own scenario' }) scenario!: string;
  @Field(() => String, { description: '使用范围 | Scope' }) scope!: string;
  @Field(() => String, { description: '使用方式 | Method' }) method!: string;
  @Field(() => LocalDateScalar, { description: '起始日 | First day' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: '截止日 | Last day' }) endDate!: string;
  @Field(() => String, { nullable: true, description: '申请用量上限（整数）| Requested quota' }) requestedQuota?: string | null;
}

@InputType('AssessUsageApplicationInput', { description: '运营机构评估使用申请（HN第17条）| Operator\'s assessment of a usage application (HN Art 17)' })
export class AssessUsageApplicationInput {
  @Field(() => ID, { description: '申请标识 | Id of the application' }) applicationId!: string;
  @Field(() => Boolean, { description: '技术与安全能力 | Capability' }) capabilityAdequate!: boolean;
  @Field(() => Boolean, { description: '需求合理性 | Reasonable need' }) needReasonable!: boolean;
  @Field(() => Boolean, { description: '场景合规性 | Scenario compliance' }) scenarioCompliant!: boolean;
  @Field(() => UsageSecurityRisk, { description: '安全风险等级 | Security risk' }) securityRisk!: 'LOW' | 'MEDIUM' | 'HIGH';
  @Field(() => Boolean, { description: '是否建议同意 | Recommend approval' }) recommend!: boolean;
  @Field(() => String, { description: '评估意见 | Opinion' }) opinion!: string;
  @Field(() => String, { nullable: true, description: '收益分配条款 | Revenue distribution' }) revenueDistribution?: string | null;
  @Field(() => String, { nullable: true, description: '拟订的安全条款 | Proposed security terms' }) securityTerms?: string | null;
  @Field(() => String, { nullable: true, description: '拟订的保密条款 | Proposed confidentiality terms' }) confidentialityTerms?: string | null;
  @Field(() => String, { nullable: true, description: '拟订的用量额度 | Proposed quota, in charging units' }) quotaUnits?: string | null;
}

@InputType('RecordUsageInput', { description: '记录一次用量 | Record a use of a product' })
export class RecordUsageInput {
  @Field(() => ID, { description: '使用权标识 | Id of the entitlement' }) entitlementId!: string;
  @Field(() => String, { description: '用量（正整数）| Units (positive integer)' }) units!: string;
  @Field(() => Date, { description: '发生时间 | When the use happened' }) occurredAt!: Date;
  @Field(() => String, { description: '幂等键：重复提交只记一次 | Idempotency key' }) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: '被服务的二级开发主体（须为使用权人）| Developer served' }) developerId?: string | null;
}

@ArgsType()
export class UsageListArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: '只看该产品 | Only for this product' }) productId?: string | null;
  @Field(() => ID, { nullable: true, description: '只看该开发主体 | Only for this developer' }) developerId?: string | null;
  @Field(() => String, { nullable: true, description: '只看该状态 | Only in this status' }) status?: string | null;
}

@ArgsType()
export class UsageRecordArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: '只看该产品 | Only for this product' }) productId?: string | null;
  @Field(() => ID, { nullable: true, description: '只看该开发主体 | Only for this developer' }) developerId?: string | null;
  @Field(() => ID, { nullable: true, description: '只看该使用权 | Only for this entitlement' }) entitlementId?: string | null;
}


/** A usage record as GraphQL shows it: `replayed` says the answer repeats the first record of its idempotency key. */
export const toUsageRecord = (r: queries.UsageRow, replayed = false): UsageRecord => ({ ...r, replayed });

@Resolver(() => UsageApplication)
export class UsageApplicationResolver {
  @Query(() => UsageApplicationConnection, { description: '使用申请 | Usage applications' })
  usageApplications(@Args(() => UsageListArgs) args: UsageListArgs, @Ctx() ctx: Ctx) {
    return queries.usageApplications(ctx, args);
  }

  @FieldResolver(() => DataProduct, { nullable: true, description: '申请的产品 | The product applied for' }) product(@Root() a: UsageApplication, @Ctx() ctx: Ctx) { return ctx.loaders.byId.load(a.productId); }
  @FieldResolver(() => Organization, { description: '申请的开发主体 | The developer who applied' }) developer(@Root() a: UsageApplication) { return { id: a.developerId }; }

  @Mutation(() => UsageApplication, { description: '二级开发主体申请使用产品 | Apply to use a product' })
  async applyForProductUsage(@Arg('input', () => ApplyForProductUsageInput, { description: '申请内容 | The application' }) input: ApplyForProductUsageInput, @Ctx() ctx: Ctx) {
    const id = await applications.applyForProductUsage(ctx, input);
    return queries.applicationFor(ctx, id);
  }

  @Mutation(() => UsageApplication, { description: '运营机构评估（HN Art 17）| Operator assessment' })
  async assessUsageApplication(@Arg('input', () => AssessUsageApplicationInput, { description: '评估内容 | The assessment' }) input: AssessUsageApplicationInput, @Ctx() ctx: Ctx) {
    await applications.assessUsageApplication(ctx, input);
    return queries.applicationFor(ctx, input.applicationId);
  }

  @Mutation(() => UsageApplication, { description: '实施机构批准或不予批准 | Agency decision' })
  async decideUsageApplication(
    @Arg('applicationId', () => ID, { description: '申请标识 | Id of the application' }) applicationId: string,
    @Arg('approve', () => Boolean, { description: '是否同意 | Whether to approve' }) approve: boolean,
    @Arg('reasons', () => [String], { nullable: true, description: '不予同意的理由 | Reasons for refusing' }) reasons: string[] | null,
    @Ctx() ctx: Ctx,
  ) {
    await applications.decideUsageApplication(ctx, { applicationId, approve, reasons: reasons ?? [] });
    return queries.applicationFor(ctx, applicationId);
  }
}

@Resolver(() => UsageAgreement)
export class UsageAgreementResolver {
  @Query(() => UsageAgreement, { nullable: true, description: '应用协议（当事方、本辖区实施机构可见）| A usage agreement' })
  usageAgreement(@Arg('id', () => ID, { description: '协议标识 | Id of the usage agreement' }) id: string, @Ctx() ctx: Ctx) {
    return queries.usageAgreementFor(ctx, id);
  }

  @Query(() => UsageAgreementConnection, { description: '使用协议列表（调用方可见的）| Usage agreements visible to the caller' })
  usageAgreements(@Args(() => UsageListArgs) args: UsageListArgs, @Ctx() ctx: Ctx) {
    return queries.usageAgreements(ctx, args);
  }

  @FieldResolver(() => DataProduct, { nullable: true, description: '协议对应的产品 | The product' }) product(@Root() u: UsageAgreement, @Ctx() ctx: Ctx) { return ctx.loaders.byId.load(u.productId); }
  @FieldResolver(() => Organization, { description: '开发主体 | The developer' }) developer(@Root() u: UsageAgreement) { return { id: u.developerId }; }
  @FieldResolver(() => Organization, { description: '运营机构 | The operator' }) operator(@Root() u: UsageAgreement) { return { id: u.operatorId }; }

  @FieldResolver(() => Entitlement, { nullable: true, description: '协议产生的使用权 | Entitlement the agreement gives' })
  async entitlement(@Root() u: UsageAgreement, @Ctx() ctx: Ctx) {
    const e = await ctx.loaders.entitlementByAgreement.load(u.id);
    return e && { ...e, status: entitlementStatusOn(e, todayInShanghai(ctx.now)) };
  }

  @Mutation(() => UsageAgreement, { description: '当事方确认应用协议；双方确认后签署生效 | A party accepts; both → signed' })
  async acceptUsageAgreement(@Arg('id', () => ID, { description: '协议标识 | Id of the usage agreement' }) id: string, @Ctx() ctx: Ctx) {
    await usage.acceptUsageAgreement(ctx, { id });
    return queries.usageAgreementAfter(ctx, id);
  }

  @Mutation(() => UsageAgreement, { description: '结束使用协议 | End a usage agreement' })
  async endUsageAgreement(@Arg('id', () => ID, { description: '协议标识 | Id of the usage agreement' }) id: string, @Arg('reason', () => String, { description: '结束原因 | Why it ends' }) reason: string, @Ctx() ctx: Ctx) {
    await usage.endUsageAgreement(ctx, { id, reason });
    return queries.usageAgreementAfter(ctx, id);
  }
}

@Resolver(() => UsageRecord)
export class UsageRecordResolver {
  @Query(() => UsageRecordConnection, { description: '用量明细（开发者看自己的，运营机构看本单位产品的）| Usage records' })
  async usageRecords(@Args(() => UsageRecordArgs) args: UsageRecordArgs, @Ctx() ctx: Ctx) {
    const page = await queries.usageRecords(ctx, args);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toUsageRecord(e.node) })) };
  }

  @Query(() => [ProductUsageMonth], { description: '产品月度用量（公开披露）| Monthly usage of a listed product (public)' })
  productUsageByMonth(@Arg('productId', () => ID, { description: '产品标识 | Id of the product' }) productId: string, @Ctx() ctx: Ctx) {
    return productUsageByMonth(ctx, productId);
  }

  @Mutation(() => UsageRecord, { description: '记录用量（幂等）| Record metered usage (idempotent)' })
  async recordUsage(@Arg('input', () => RecordUsageInput, { description: '用量 | The use to record' }) input: RecordUsageInput, @Ctx() ctx: Ctx) {
    const r = await usage.recordUsage(ctx, input);
    return toUsageRecord(r, r.replayed);
  }
}
