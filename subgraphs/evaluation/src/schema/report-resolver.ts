import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { Connection, LocalDateScalar, Money, MoneyAmountScalar, PageArgs, connectionOf, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { isOverdue } from '../domain/reports.js';
import * as reports from '../services/reports.js';
import { generateDueOperatingReports } from '../services/due-reports.js';
import type { ReportRow } from '../services/reports.js';
import type { Loaders } from '../loaders/index.js';
import { Organization, orgRef } from './common.js';

export enum OperatingReportKind {
  QUARTERLY_OPERATING = 'QUARTERLY_OPERATING',
  ANNUAL_SUMMARY = 'ANNUAL_SUMMARY',
  BUSINESS_REPORT = 'BUSINESS_REPORT',
  ANNUAL = 'ANNUAL',
  SECURITY_HALF_YEARLY = 'SECURITY_HALF_YEARLY',
}
registerEnumType(OperatingReportKind, { name: 'OperatingReportKind', description: '运营报告类型（按辖区配置）| Operating report kind, per the jurisdiction profile' });

export enum OperatingReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(OperatingReportStatus, { name: 'OperatingReportStatus' });

export enum OperatingReportDecision {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}
registerEnumType(OperatingReportDecision, { name: 'OperatingReportDecision' });

@ObjectType({ description: '报告要求（来自辖区政策配置）| A report obligation from the profile' })
export class OperatingReportRule {
  @Field(() => OperatingReportKind) kind!: string;
  @Field(() => String) due!: string;
  @Field(() => String) cadence!: string;
  @Field(() => String) source!: string;
}

@ObjectType()
export class OperatingReportProductLine {
  @Field(() => ID) productId!: string;
  @Field(() => String) productCode!: string;
  @Field(() => String) name!: string;
  @Field(() => String) usageUnits!: string;
  @Field(() => Money) revenue!: bigint;
}

@ObjectType()
export class OperatingReportPriceChange {
  @Field(() => ID) productId!: string;
  @Field(() => String, { description: 'CAP | PRICE' }) kind!: string;
  @Field(() => String) chargingUnit!: string;
  @Field(() => Money) amount!: bigint;
  @Field(() => LocalDateScalar) effectiveFrom!: string;
}

@ObjectType({ description: '平台预填数据 | Figures prefilled from the platform’s data' })
export class OperatingReportPrefill {
  @Field(() => Int) listedProducts!: number;
  @Field(() => String) usageUnits!: string;
  @Field(() => Int) newUsageAgreements!: number;
  @Field(() => Int, { description: '二次开发主体数 | Secondary developers with agreements' }) secondaryDevelopers!: number;
  @Field(() => Money, { description: '期内结算收入 | Settled operator revenue' }) revenue!: bigint;
  @Field(() => Int) incidents!: number;
  @Field(() => [OperatingReportProductLine], { description: '分产品销售 | Sales by product' }) products!: OperatingReportProductLine[];
  @Field(() => [OperatingReportPriceChange]) priceChanges!: OperatingReportPriceChange[];
}

@ObjectType({ description: '运营报告 | Operating report' })
export class OperatingReport {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => Organization) operator!: Organization;
  @Field(() => OperatingReportKind) kind!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '报送期限（依据未规定期限时为空）| Due date; null where the rule sets none' }) dueOn!: string | null;
  @Field(() => String, { description: '依据 | Rule source' }) ruleSource!: string;
  @Field(() => OperatingReportStatus) status!: string;
  @Field(() => Boolean, { description: '已逾期未交 | Past due and not submitted' }) overdue!: boolean;
  @Field(() => OperatingReportPrefill) prefill!: OperatingReportPrefill;
  @Field(() => Money, { nullable: true }) revenue!: bigint | null;
  @Field(() => Money, { nullable: true }) cost!: bigint | null;
  @Field(() => Money, { nullable: true, description: '净利润 | Net profit' }) profit!: bigint | null;
  @Field(() => String, { nullable: true }) narrative!: string | null;
  @Field(() => String, { nullable: true, description: '二次开发情况 | Secondary re-development' }) secondaryDevelopment!: string | null;
  @Field(() => Date, { nullable: true }) submittedAt!: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: string | null;
  @Field(() => String, { nullable: true }) reviewNote!: string | null;
}

@ObjectType()
export class OperatingReportConnection extends Connection(OperatingReport) {}

@InputType()
export class OpenOperatingReportInput {
  @Field(() => OperatingReportKind) kind!: OperatingReportKind;
  @Field(() => LocalDateScalar) periodStart!: string;
}

@InputType()
export class SubmitOperatingReportInput {
  @Field(() => ID) reportId!: string;
  @Field(() => MoneyAmountScalar, { nullable: true }) revenue?: bigint | null;
  @Field(() => MoneyAmountScalar, { nullable: true }) cost?: bigint | null;
  @Field(() => String) narrative!: string;
  @Field(() => String, { nullable: true }) secondaryDevelopment?: string | null;
}

@InputType()
export class ReviewOperatingReportInput {
  @Field(() => ID) reportId!: string;
  @Field(() => OperatingReportDecision) decision!: OperatingReportDecision;
  @Field(() => String, { nullable: true }) note?: string | null;
}

const big = (s: string | null) => (s == null ? null : BigInt(s));

function toReport(r: ReportRow, today: string): OperatingReport {
  const p = r.prefill;
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    operatorId: r.operator_id,
    operator: orgRef(r.operator_id)!,
    kind: r.kind,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueOn: r.due_on,
    ruleSource: r.rule_source,
    status: r.status,
    overdue: isOverdue(r.status, r.due_on, today),
    prefill: {
      listedProducts: Number(p.listedProducts),
      usageUnits: String(p.usageUnits),
      newUsageAgreements: Number(p.newUsageAgreements),
      secondaryDevelopers: Number(p.secondaryDevelopers),
      revenue: BigInt(p.revenueFen),
      incidents: Number(p.incidents),
      products: p.products.map((x) => ({ productId: x.productId, productCode: x.productCode, name: x.name, usageUnits: x.usageUnits, revenue: BigInt(x.revenueFen) })),
      priceChanges: p.priceChanges.map((x) => ({ productId: x.productId, kind: x.kind, chargingUnit: x.chargingUnit, amount: BigInt(x.amountFen), effectiveFrom: x.effectiveFrom })),
    },
    revenue: big(r.revenue_fen),
    cost: big(r.cost_fen),
    profit: big(r.profit_fen),
    narrative: r.narrative,
    secondaryDevelopment: r.secondary_development,
    submittedAt: r.submitted_at,
    reviewedAt: r.reviewed_at,
    reviewNote: r.review_note,
  };
}

@Resolver(() => OperatingReport)
export class OperatingReportResolver {
  @Query(() => [OperatingReportRule], { description: '本辖区报告要求（政策配置）| Report obligations of a jurisdiction, from its profile' })
  operatingReportRules(@Arg('jurisdiction', () => String) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    return reports.operatingReportRules(ctx, { jurisdiction });
  }

  @Query(() => OperatingReportConnection, { description: '运营报告（主管部门看全辖区，运营机构看本单位）| Reports: authority sees the jurisdiction, an operator its own' })
  async operatingReports(
    @Arg('jurisdiction', () => String) jurisdiction: string,
    @Arg('operatorId', () => ID, { nullable: true }) operatorId: string | null,
    @Arg('status', () => OperatingReportStatus, { nullable: true }) status: string | null,
    @Arg('overdueOnly', () => Boolean, { defaultValue: false }) overdueOnly: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    const today = todayInShanghai(ctx.now);
    return connectionOf(page, (window) => reports.operatingReports(ctx, { jurisdiction, operatorId, status, overdueOnly, window }), (r) => toReport(r, today));
  }

  @Query(() => OperatingReport, { nullable: true })
  async operatingReport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await reports.operatingReport(ctx, { id });
    return r ? toReport(r, todayInShanghai(ctx.now)) : null;
  }

  @Mutation(() => OperatingReport, { description: '运营机构开启一期报告（平台预填）| Operator opens a report for a period, prefilled' })
  async openOperatingReport(@Arg('input', () => OpenOperatingReportInput) input: OpenOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toReport(await reports.openOperatingReport(ctx, input), todayInShanghai(ctx.now));
  }

  @Mutation(() => Int, { description: '生成本辖区所有到期报告（草稿，预填）| Open every due report of the jurisdiction as prefilled drafts' })
  async generateDueOperatingReports(@Arg('jurisdiction', () => String) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    return generateDueOperatingReports(ctx, { jurisdiction });
  }

  @Mutation(() => OperatingReport, { description: '运营机构填报并提交 | Operator completes and submits' })
  async submitOperatingReport(@Arg('input', () => SubmitOperatingReportInput) input: SubmitOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toReport(await reports.submitOperatingReport(ctx, input), todayInShanghai(ctx.now));
  }

  @Mutation(() => OperatingReport, { description: '主管部门通过或退回 | AUTHORITY accepts or returns' })
  async reviewOperatingReport(@Arg('input', () => ReviewOperatingReportInput) input: ReviewOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toReport(await reports.reviewOperatingReport(ctx, input), todayInShanghai(ctx.now));
  }
}
