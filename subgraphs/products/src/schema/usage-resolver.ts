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

@ObjectType() export class UsageApplicationConnection extends Connection(UsageApplication) {}
@ObjectType() export class UsageAgreementConnection extends Connection(UsageAgreement) {}
@ObjectType() export class UsageRecordConnection extends Connection(UsageRecord) {}

@ObjectType('ProductUsageMonth')
export class ProductUsageMonth {
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => String) units!: string;
  @Field(() => Int) records!: number;
  @Field(() => Int) developers!: number;
}

@InputType('ApplyForProductUsageInput')
export class ApplyForProductUsageInput {
  @Field(() => ID) productId!: string;
  @Field(() => String, { description: '用途 | Purpose' }) purpose!: string;
  @Field(() => UsePurpose, { nullable: true, description: '用途类别：公共治理、公益事业、产业发展（决定是否免费使用，PN §1）| Purpose class a free-use rule decides by' }) usePurpose?: 'PUBLIC_GOVERNANCE' | 'PUBLIC_WELFARE' | 'INDUSTRY' | null;
  @Field(() => Boolean, { nullable: true, description: '非营利性使用（HN 第21条）| Non-profit use' }) nonProfit?: boolean | null;
  @Field(() => String, { description: '本单位的应用场景 | The developer\'s own scenario' }) scenario!: string;
  @Field(() => String, { description: '使用范围 | Scope' }) scope!: string;
  @Field(() => String, { description: '使用方式 | Method' }) method!: string;
  @Field(() => LocalDateScalar) startDate!: string;
  @Field(() => LocalDateScalar) endDate!: string;
  @Field(() => String, { nullable: true, description: '申请用量上限（整数）| Requested quota' }) requestedQuota?: string | null;
}

@InputType('AssessUsageApplicationInput')
export class AssessUsageApplicationInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => Boolean, { description: '技术与安全能力 | Capability' }) capabilityAdequate!: boolean;
  @Field(() => Boolean, { description: '需求合理性 | Reasonable need' }) needReasonable!: boolean;
  @Field(() => Boolean, { description: '场景合规性 | Scenario compliance' }) scenarioCompliant!: boolean;
  @Field(() => UsageSecurityRisk) securityRisk!: 'LOW' | 'MEDIUM' | 'HIGH';
  @Field(() => Boolean) recommend!: boolean;
  @Field(() => String) opinion!: string;
  @Field(() => String, { nullable: true, description: '收益分配条款 | Revenue distribution' }) revenueDistribution?: string | null;
  @Field(() => String, { nullable: true }) securityTerms?: string | null;
  @Field(() => String, { nullable: true }) confidentialityTerms?: string | null;
  @Field(() => String, { nullable: true }) quotaUnits?: string | null;
}

@InputType('RecordUsageInput')
export class RecordUsageInput {
  @Field(() => ID) entitlementId!: string;
  @Field(() => String, { description: '用量（正整数）| Units (positive integer)' }) units!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String, { description: '幂等键：重复提交只记一次 | Idempotency key' }) idempotencyKey!: string;
  @Field(() => ID, { nullable: true, description: '被服务的二级开发主体（须为使用权人）| Developer served' }) developerId?: string | null;
}

@ArgsType()
export class UsageListArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true }) developerId?: string | null;
  @Field(() => String, { nullable: true }) status?: string | null;
}

@ArgsType()
export class UsageRecordArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => ID, { nullable: true }) developerId?: string | null;
  @Field(() => ID, { nullable: true }) entitlementId?: string | null;
}


/** A usage record as GraphQL shows it: `replayed` says the answer repeats the first record of its idempotency key. */
export const toUsageRecord = (r: queries.UsageRow, replayed = false): UsageRecord => ({ ...r, replayed });

@Resolver(() => UsageApplication)
export class UsageApplicationResolver {
  @Query(() => UsageApplicationConnection, { description: '使用申请 | Usage applications' })
  usageApplications(@Args(() => UsageListArgs) args: UsageListArgs, @Ctx() ctx: Ctx) {
    return queries.usageApplications(ctx, args);
  }

  @FieldResolver(() => DataProduct, { nullable: true }) product(@Root() a: UsageApplication, @Ctx() ctx: Ctx) { return ctx.loaders.byId.load(a.productId); }
  @FieldResolver(() => Organization) developer(@Root() a: UsageApplication) { return { id: a.developerId }; }

  @Mutation(() => UsageApplication, { description: '二级开发主体申请使用产品 | Apply to use a product' })
  async applyForProductUsage(@Arg('input', () => ApplyForProductUsageInput) input: ApplyForProductUsageInput, @Ctx() ctx: Ctx) {
    const id = await applications.applyForProductUsage(ctx, input);
    return queries.applicationFor(ctx, id);
  }

  @Mutation(() => UsageApplication, { description: '运营机构评估（HN Art 17）| Operator assessment' })
  async assessUsageApplication(@Arg('input', () => AssessUsageApplicationInput) input: AssessUsageApplicationInput, @Ctx() ctx: Ctx) {
    await applications.assessUsageApplication(ctx, input);
    return queries.applicationFor(ctx, input.applicationId);
  }

  @Mutation(() => UsageApplication, { description: '实施机构批准或不予批准 | Agency decision' })
  async decideUsageApplication(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('reasons', () => [String], { nullable: true }) reasons: string[] | null,
    @Ctx() ctx: Ctx,
  ) {
    await applications.decideUsageApplication(ctx, { applicationId, approve, reasons: reasons ?? [] });
    return queries.applicationFor(ctx, applicationId);
  }
}

@Resolver(() => UsageAgreement)
export class UsageAgreementResolver {
  @Query(() => UsageAgreement, { nullable: true, description: '应用协议（当事方、本辖区实施机构可见）| A usage agreement' })
  usageAgreement(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return queries.usageAgreementFor(ctx, id);
  }

  @Query(() => UsageAgreementConnection)
  usageAgreements(@Args(() => UsageListArgs) args: UsageListArgs, @Ctx() ctx: Ctx) {
    return queries.usageAgreements(ctx, args);
  }

  @FieldResolver(() => DataProduct, { nullable: true }) product(@Root() u: UsageAgreement, @Ctx() ctx: Ctx) { return ctx.loaders.byId.load(u.productId); }
  @FieldResolver(() => Organization) developer(@Root() u: UsageAgreement) { return { id: u.developerId }; }
  @FieldResolver(() => Organization) operator(@Root() u: UsageAgreement) { return { id: u.operatorId }; }

  @FieldResolver(() => Entitlement, { nullable: true })
  async entitlement(@Root() u: UsageAgreement, @Ctx() ctx: Ctx) {
    const e = await ctx.loaders.entitlementByAgreement.load(u.id);
    return e && { ...e, status: entitlementStatusOn(e, todayInShanghai(ctx.now)) };
  }

  @Mutation(() => UsageAgreement, { description: '当事方确认应用协议；双方确认后签署生效 | A party accepts; both → signed' })
  async acceptUsageAgreement(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    await usage.acceptUsageAgreement(ctx, { id });
    return queries.usageAgreementAfter(ctx, id);
  }

  @Mutation(() => UsageAgreement)
  async endUsageAgreement(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Ctx) {
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
  productUsageByMonth(@Arg('productId', () => ID) productId: string, @Ctx() ctx: Ctx) {
    return productUsageByMonth(ctx, productId);
  }

  @Mutation(() => UsageRecord, { description: '记录用量（幂等）| Record metered usage (idempotent)' })
  async recordUsage(@Arg('input', () => RecordUsageInput) input: RecordUsageInput, @Ctx() ctx: Ctx) {
    const r = await usage.recordUsage(ctx, input);
    return toUsageRecord(r, r.replayed);
  }
}
