import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, forbidden, LocalDateScalar, notFound, PageArgs, pageRows, pageWindow, requireRole, scopeSql, sql, sqlOne, toConnection, type Identity, type RequestContext } from '@pdo/platform';
import { PRODUCTS_SCOPE, usageColumns } from '../domain/scope.js';
import { PRODUCTS_ACCESS } from './access.js';
import { AGREEMENT_COLS, APPLICATION_COLS, USAGE_COLS, type AgreementRow, type ApplicationRow, type UsageRow } from '../data/rows.js';
import * as usage from '../domain/usage-service.js';
import { todayOf } from '../domain/context.js';
import type { Loaders } from '../loaders/index.js';
import { DataProduct, Entitlement, Organization, UsageAgreement, UsageAgreementStatus, UsageApplication, UsageApplicationStatus, UsageRecord, UsageSecurityRisk } from './types.js';

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

/**
 * Row scope (packages/platform/src/access/scope.ts): a developer sees its own, an operator its
 * products', the agency and the authority their jurisdiction's — filtered in SQL. Asking for another
 * developer's rows is refused, not emptied.
 */
function scope(identity: Identity, args: { developerId?: string | null }, alias: string, params: unknown[]): string[] {
  requireRole(identity, ...PRODUCTS_ACCESS.usageRecords);
  if (identity.role === 'DEVELOPER' && args.developerId && args.developerId !== identity.org) {
    throw forbidden('不能查看其他二级开发主体的协议或用量', 'You may not see another developer\'s agreements or usage');
  }
  return [scopeSql(identity, usageColumns(alias), params, PRODUCTS_SCOPE)];
}

async function listWith<T>(ctx: Ctx, table: string, alias: string, cols: string, args: UsageListArgs | UsageRecordArgs, order: string) {
  const win = pageWindow(args);
  const params: unknown[] = [];
  const conds = scope(ctx.identity, args, alias, params);
  const add = (v: unknown) => `$${params.push(v)}`;
  if (args.productId) conds.push(`${alias}.product_id = ${add(args.productId)}`);
  if (args.developerId) conds.push(`${alias}.developer_id = ${add(args.developerId)}`);
  if ('status' in args && args.status) conds.push(`${alias}.status = ${add(args.status)}`);
  if ('entitlementId' in args && args.entitlementId) conds.push(`${alias}.entitlement_id = ${add(args.entitlementId)}`);
  const { rows, totalCount } = await pageRows<T>(ctx.em, { select: cols, from: `${table} ${alias} ${conds.length ? `where ${conds.join(' and ')}` : ''}`, orderBy: order, params }, win);
  return toConnection(rows, totalCount, win);
}

@Resolver(() => UsageApplication)
export class UsageApplicationResolver {
  @Query(() => UsageApplicationConnection, { description: '使用申请 | Usage applications' })
  usageApplications(@Args(() => UsageListArgs) args: UsageListArgs, @Ctx() ctx: Ctx) {
    return listWith<ApplicationRow>(ctx, 'usage_application', 'a', APPLICATION_COLS, args, 'a.created_at desc, a.id');
  }

  @FieldResolver(() => DataProduct, { nullable: true }) product(@Root() a: ApplicationRow, @Ctx() ctx: Ctx) { return ctx.loaders.byId.load(a.productId); }
  @FieldResolver(() => Organization) developer(@Root() a: ApplicationRow) { return { id: a.developerId }; }

  @Mutation(() => UsageApplication, { description: '二级开发主体申请使用产品 | Apply to use a product' })
  async applyForProductUsage(@Arg('input', () => ApplyForProductUsageInput) input: ApplyForProductUsageInput, @Ctx() ctx: Ctx) {
    const id = await usage.applyForProductUsage(ctx, input);
    return loadApplication(ctx, id);
  }

  @Mutation(() => UsageApplication, { description: '运营机构评估（HN Art 17）| Operator assessment' })
  async assessUsageApplication(@Arg('input', () => AssessUsageApplicationInput) input: AssessUsageApplicationInput, @Ctx() ctx: Ctx) {
    await usage.assessUsageApplication(ctx, input);
    return loadApplication(ctx, input.applicationId);
  }

  @Mutation(() => UsageApplication, { description: '实施机构批准或不予批准 | Agency decision' })
  async decideUsageApplication(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('approve', () => Boolean) approve: boolean,
    @Arg('reasons', () => [String], { nullable: true }) reasons: string[] | null,
    @Ctx() ctx: Ctx,
  ) {
    await usage.decideUsageApplication(ctx, applicationId, approve, reasons ?? []);
    return loadApplication(ctx, applicationId);
  }
}

async function loadApplication(ctx: Ctx, id: string) {
  return sqlOne<ApplicationRow>(ctx.em, `select ${APPLICATION_COLS} from usage_application a where a.id = $1`, [id]);
}
async function loadAgreement(ctx: Ctx, id: string) {
  return sqlOne<AgreementRow>(ctx.em, `select ${AGREEMENT_COLS} from usage_agreement u where u.id = $1`, [id]);
}

@Resolver(() => UsageAgreement)
export class UsageAgreementResolver {
  @Query(() => UsageAgreement, { nullable: true, description: '应用协议（当事方、本辖区实施机构可见）| A usage agreement' })
  async usageAgreement(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const u = await loadAgreement(ctx, id);
    if (!u) throw notFound('应用协议', 'Usage agreement', id);
    usage.requireAgreementAccess(ctx.identity, u);
    return u;
  }

  @Query(() => UsageAgreementConnection)
  usageAgreements(@Args(() => UsageListArgs) args: UsageListArgs, @Ctx() ctx: Ctx) {
    return listWith<AgreementRow>(ctx, 'usage_agreement', 'u', AGREEMENT_COLS, args, 'u.created_at desc, u.id');
  }

  @FieldResolver(() => DataProduct, { nullable: true }) product(@Root() u: AgreementRow, @Ctx() ctx: Ctx) { return ctx.loaders.byId.load(u.productId); }
  @FieldResolver(() => Organization) developer(@Root() u: AgreementRow) { return { id: u.developerId }; }
  @FieldResolver(() => Organization) operator(@Root() u: AgreementRow) { return { id: u.operatorId }; }

  @FieldResolver(() => Entitlement, { nullable: true })
  async entitlement(@Root() u: AgreementRow, @Ctx() ctx: Ctx) {
    const e = await ctx.loaders.entitlementByAgreement.load(u.id);
    // An entitlement past its last day reads as EXPIRED without a job having to flip it.
    return e && e.status === 'ACTIVE' && todayOf(ctx) > e.endDate ? { ...e, status: 'EXPIRED' } : e;
  }

  @Mutation(() => UsageAgreement, { description: '当事方确认应用协议；双方确认后签署生效 | A party accepts; both → signed' })
  async acceptUsageAgreement(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    await usage.acceptUsageAgreement(ctx, id);
    return loadAgreement(ctx, id);
  }

  @Mutation(() => UsageAgreement)
  async endUsageAgreement(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Ctx) {
    await usage.endUsageAgreement(ctx, id, reason);
    return loadAgreement(ctx, id);
  }
}

@Resolver(() => UsageRecord)
export class UsageRecordResolver {
  @Query(() => UsageRecordConnection, { description: '用量明细（开发者看自己的，运营机构看本单位产品的）| Usage records' })
  usageRecords(@Args(() => UsageRecordArgs) args: UsageRecordArgs, @Ctx() ctx: Ctx) {
    return listWith<UsageRow>(ctx, 'usage_record', 'r', USAGE_COLS, args, 'r.occurred_at desc, r.id');
  }

  @Query(() => [ProductUsageMonth], { description: '产品月度用量（公开披露）| Monthly usage of a listed product (public)' })
  async productUsageByMonth(@Arg('productId', () => ID) productId: string, @Ctx() ctx: Ctx) {
    const p = await ctx.loaders.byId.load(productId);
    if (!p || !p.listedAt) throw notFound('数据产品', 'Data product', productId);
    return sql<ProductUsageMonth>(
      ctx.em,
      `select to_char(occurred_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, sum(units)::text as units, count(*)::int as records, count(distinct developer_id)::int as developers
         from usage_record where product_id = $1 group by 1 order by 1`,
      [productId],
    );
  }

  @Mutation(() => UsageRecord, { description: '记录用量（幂等）| Record metered usage (idempotent)' })
  recordUsage(@Arg('input', () => RecordUsageInput) input: RecordUsageInput, @Ctx() ctx: Ctx) {
    return usage.recordUsage(ctx, input);
  }
}
