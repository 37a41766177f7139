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
registerEnumType(OperatingReportKind, { name: 'OperatingReportKind', description: '运营报告类型（按辖区配置）| Operating report kind, per the jurisdiction profile', valuesConfig: { QUARTERLY_OPERATING: { description: '季度运营报告 | Quarterly operating report' }, SECURITY_HALF_YEARLY: { description: '半年安全报告 | Half-yearly security report' }, ANNUAL: { description: '年度报告 | Annual report' }, ANNUAL_SUMMARY: { description: '年度总结 | Annual summary' }, BUSINESS_REPORT: { description: '经营情况报告 | Business report' } } });

export enum OperatingReportStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(OperatingReportStatus, { name: 'OperatingReportStatus', description: '运营报告状态 | Status of an operating report', valuesConfig: { DRAFT: { description: '草稿 | Draft' }, SUBMITTED: { description: '已报送 | Submitted' }, ACCEPTED: { description: '已通过 | Accepted' }, RETURNED: { description: '退回修改 | Returned for changes' } } });

export enum OperatingReportDecision {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}
registerEnumType(OperatingReportDecision, { name: 'OperatingReportDecision', description: '运营报告审核决定 | Decision on an operating report', valuesConfig: { ACCEPT: { description: '通过 | Accept' }, RETURN: { description: '退回修改 | Return for changes' } } });

@ObjectType({ description: '报告要求（来自辖区政策配置）| A report obligation from the profile' })
export class OperatingReportRule {
  @Field(() => OperatingReportKind, { description: '报告类型 | Kind of report' }) kind!: string;
  @Field(() => String, { description: '报送期限 | When it is due' }) due!: string;
  @Field(() => String, { description: '报送周期 | Cadence' }) cadence!: string;
  @Field(() => String, { description: '依据 | Source of the rule' }) source!: string;
}

@ObjectType({ description: '报告中的一个产品 | One product of a report' })
export class OperatingReportProductLine {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => String, { description: '产品编码 | Product code' }) productCode!: string;
  @Field(() => String, { description: '产品名称 | Name' }) name!: string;
  @Field(() => String, { description: '用量 | Usage units' }) usageUnits!: string;
  @Field(() => Money, { description: '收入 | Revenue' }) revenue!: bigint;
}

@ObjectType({ description: '报告期内的价格变动 | A price change in the period' })
export class OperatingReportPriceChange {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => String, { description: '变动类型：CAP 上限 / PRICE 价格 | What changed: CAP or PRICE' }) kind!: string;
  @Field(() => String, { description: '计费单位 | Charging unit' }) chargingUnit!: string;
  @Field(() => Money, { description: '新价格 | New price' }) amount!: bigint;
  @Field(() => LocalDateScalar, { description: '生效日 | Effective from' }) effectiveFrom!: string;
}

@ObjectType({ description: '平台预填数据 | Figures prefilled from the platform’s data' })
export class OperatingReportPrefill {
  @Field(() => Int, { description: '挂牌产品数 | Products listed' }) listedProducts!: number;
  @Field(() => String, { description: '用量 | Usage units' }) usageUnits!: string;
  @Field(() => Int, { description: '新签使用协议数 | New usage agreements' }) newUsageAgreements!: number;
  @Field(() => Int, { description: '二次开发主体数 | Secondary developers with agreements' }) secondaryDevelopers!: number;
  @Field(() => Money, { description: '期内结算收入 | Settled operator revenue' }) revenue!: bigint;
  @Field(() => Int, { description: '安全事件数 | Security incidents' }) incidents!: number;
  @Field(() => [OperatingReportProductLine], { description: '分产品销售 | Sales by product' }) products!: OperatingReportProductLine[];
  @Field(() => [OperatingReportPriceChange], { description: '价格变动 | Price changes' }) priceChanges!: OperatingReportPriceChange[];
}

@ObjectType({ description: '运营报告 | Operating report' })
export class OperatingReport {
  @Field(() => ID, { description: '报告标识 | Id of the report' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => ID, { description: '运营机构标识 | Id of the operator' }) operatorId!: string;
  @Field(() => Organization, { description: '运营机构 | The operator' }) operator!: Organization;
  @Field(() => OperatingReportKind, { description: '报告类型 | Kind of report' }) kind!: string;
  @Field(() => LocalDateScalar, { description: '报告期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '报告期截止日 | Last day of the period' }) periodEnd!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '报送期限（依据未规定期限时为空）| Due date; null where the rule sets none' }) dueOn!: string | null;
  @Field(() => String, { description: '依据 | Rule source' }) ruleSource!: string;
  @Field(() => OperatingReportStatus, { description: '报告状态 | Status' }) status!: string;
  @Field(() => Boolean, { description: '已逾期未交 | Past due and not submitted' }) overdue!: boolean;
  @Field(() => OperatingReportPrefill, { description: '平台预填数据 | Figures prefilled by the platform' }) prefill!: OperatingReportPrefill;
  @Field(() => Money, { nullable: true, description: '申报收入 | Revenue declared' }) revenue!: bigint | null;
  @Field(() => Money, { nullable: true, description: '申报成本 | Cost declared' }) cost!: bigint | null;
  @Field(() => Money, { nullable: true, description: '净利润 | Net profit' }) profit!: bigint | null;
  @Field(() => String, { nullable: true, description: '报告正文 | Narrative' }) narrative!: string | null;
  @Field(() => String, { nullable: true, description: '二次开发情况 | Secondary re-development' }) secondaryDevelopment!: string | null;
  @Field(() => Date, { nullable: true, description: '报送时间 | When submitted' }) submittedAt!: string | null;
  @Field(() => Date, { nullable: true, description: '审核时间 | When reviewed' }) reviewedAt!: string | null;
  @Field(() => String, { nullable: true, description: '审核意见 | Review note' }) reviewNote!: string | null;
}

@ObjectType({ description: '运营报告分页列表 | Page of operating reports' })
export class OperatingReportConnection extends Connection(OperatingReport) {}

@InputType({ description: '开启一份运营报告 | Open an operating report' })
export class OpenOperatingReportInput {
  @Field(() => OperatingReportKind, { description: '报告类型 | Kind of report' }) kind!: OperatingReportKind;
  @Field(() => LocalDateScalar, { description: '报告期起始日 | First day of the period' }) periodStart!: string;
}

@InputType({ description: '报送运营报告 | Submit an operating report' })
export class SubmitOperatingReportInput {
  @Field(() => ID, { description: '报告标识 | Id of the report' }) reportId!: string;
  @Field(() => MoneyAmountScalar, { nullable: true, description: '申报收入 | Revenue declared' }) revenue?: bigint | null;
  @Field(() => MoneyAmountScalar, { nullable: true, description: '申报成本 | Cost declared' }) cost?: bigint | null;
  @Field(() => String, { description: '报告正文 | Narrative' }) narrative!: string;
  @Field(() => String, { nullable: true, description: '二次开发情况 | Secondary development by developers' }) secondaryDevelopment?: string | null;
}

@InputType({ description: '审核运营报告 | Review an operating report' })
export class ReviewOperatingReportInput {
  @Field(() => ID, { description: '报告标识 | Id of the report' }) reportId!: string;
  @Field(() => OperatingReportDecision, { description: '审核决定 | Decision' }) decision!: OperatingReportDecision;
  @Field(() => String, { nullable: true, description: '审核意见 | Review note' }) note?: string | null;
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
  operatingReportRules(@Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    return reports.operatingReportRules(ctx, { jurisdiction });
  }

  @Query(() => OperatingReportConnection, { description: '运营报告（主管部门看全辖区，运营机构看本单位）| Reports: authority sees the jurisdiction, an operator its own' })
  async operatingReports(
    @Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string,
    @Arg('operatorId', () => ID, { nullable: true, description: '只看该运营机构 | Only this operator' }) operatorId: string | null,
    @Arg('status', () => OperatingReportStatus, { nullable: true, description: '只看该状态 | Only in this status' }) status: string | null,
    @Arg('overdueOnly', () => Boolean, { defaultValue: false, description: '只看逾期的 | Only overdue reports' }) overdueOnly: boolean,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    const today = todayInShanghai(ctx.now);
    return connectionOf(page, (window) => reports.operatingReports(ctx, { jurisdiction, operatorId, status, overdueOnly, window }), (r) => toReport(r, today));
  }

  @Query(() => OperatingReport, { nullable: true, description: '运营报告 | An operating report' })
  async operatingReport(@Arg('id', () => ID, { description: '报告标识 | Id of the report' }) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await reports.operatingReport(ctx, { id });
    return r ? toReport(r, todayInShanghai(ctx.now)) : null;
  }

  @Mutation(() => OperatingReport, { description: '运营机构开启一期报告（平台预填）| Operator opens a report for a period, prefilled' })
  async openOperatingReport(@Arg('input', () => OpenOperatingReportInput, { description: '报告类型与期间 | Kind and period' }) input: OpenOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toReport(await reports.openOperatingReport(ctx, input), todayInShanghai(ctx.now));
  }

  @Mutation(() => Int, { description: '生成本辖区所有到期报告（草稿，预填）| Open every due report of the jurisdiction as prefilled drafts' })
  async generateDueOperatingReports(@Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    return generateDueOperatingReports(ctx, { jurisdiction });
  }

  @Mutation(() => OperatingReport, { description: '运营机构填报并提交 | Operator completes and submits' })
  async submitOperatingReport(@Arg('input', () => SubmitOperatingReportInput, { description: '报告内容 | The report' }) input: SubmitOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toReport(await reports.submitOperatingReport(ctx, input), todayInShanghai(ctx.now));
  }

  @Mutation(() => OperatingReport, { description: '主管部门通过或退回 | AUTHORITY accepts or returns' })
  async reviewOperatingReport(@Arg('input', () => ReviewOperatingReportInput, { description: '审核内容 | The review' }) input: ReviewOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toReport(await reports.reviewOperatingReport(ctx, input), todayInShanghai(ctx.now));
  }
}
