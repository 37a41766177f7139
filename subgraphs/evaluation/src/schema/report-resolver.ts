import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import type { ReportKind } from '@pdo/policy';
import {
  Connection,
  LocalDateScalar,
  Money,
  MoneyAmountScalar,
  PageArgs,
  badInput,
  conflict,
  forbidden,
  inTransaction,
  notFound,
  pageRows,
  pageWindow,
  requireJurisdiction,
  requireRole,
  sql,
  sqlOne,
  toConnection,
  type RequestContext,
} from '@pdo/platform';
import { generateDueReports, prefill, reportRules, requiredPeriod, type Prefill } from '../domain/reports.js';
import { requireAuthorityOf, requireOperatorOrSupervisor, today } from '../domain/access.js';
import { disclose, fact } from '../data/disclose.js';
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
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
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

export interface ReportRow {
  id: string;
  jurisdiction: string;
  operator_id: string;
  kind: string;
  period_start: string;
  period_end: string;
  due_on: string | null;
  rule_source: string;
  status: string;
  prefill: Prefill;
  revenue_fen: string | null;
  cost_fen: string | null;
  profit_fen: string | null;
  narrative: string | null;
  secondary_development: string | null;
  submitted_at: Date | null;
  reviewed_at: Date | null;
  review_note: string | null;
}
const REPORT_COLS = `id, jurisdiction, operator_id, kind, period_start::text, period_end::text, due_on::text, rule_source, status, prefill,
  revenue_fen::text, cost_fen::text, profit_fen::text, narrative, secondary_development, submitted_at, reviewed_at, review_note`;

/** Kinds whose figures the rules require: costs, revenue and (net) profit (PN §5; TZ Art 22). */
const FINANCIAL_KINDS = new Set(['BUSINESS_REPORT', 'ANNUAL']);
/** Kinds that are the operator's annual disclosure once accepted (NS Art 19; HN Art 17). */
const ANNUAL_KINDS = new Set(['ANNUAL_SUMMARY', 'BUSINESS_REPORT', 'ANNUAL']);

/**
 * An accepted annual report is the operator's annual disclosure (by 31 March; NS Art 19, HN Art 17):
 * one per operator and year — where a jurisdiction requires two yearly reports (HN's annual summary
 * and business report), the first accepted one discloses the year. Public: products and usage only;
 * costs, revenue and profit stay with the authority.
 */
export async function discloseAcceptedAnnualReport(
  tx: RequestContext['em'],
  r: Pick<ReportRow, 'id' | 'jurisdiction' | 'operator_id' | 'kind' | 'period_start' | 'prefill'>,
  publishedAt: Date,
): Promise<void> {
  if (!ANNUAL_KINDS.has(r.kind)) return;
  const op = await sqlOne<{ name_zh: string }>(tx, `select name_zh from proj_org where id = $1`, [r.operator_id]);
  await disclose(tx, {
    dedupeKey: `ANNUAL_DISCLOSURE:${r.operator_id}:${r.period_start.slice(0, 4)}`,
    jurisdiction: r.jurisdiction,
    kind: 'ANNUAL_DISCLOSURE',
    title: `${r.period_start.slice(0, 4)}年度运营情况公开：${op?.name_zh ?? r.operator_id}`,
    subjectId: r.id,
    rule: 'NS Art 19; HN Art 17',
    facts: [
      fact('operator', op?.name_zh ?? r.operator_id),
      fact('year', r.period_start.slice(0, 4)),
      fact('listedProducts', r.prefill.listedProducts),
      fact('usageUnits', r.prefill.usageUnits),
      fact('secondaryDevelopers', r.prefill.secondaryDevelopers),
      fact('products', r.prefill.products.map((p) => `${p.productCode} ${p.name}`).join('；')),
    ],
    publishedAt,
  });
}

const big = (s: string | null) => (s == null ? null : BigInt(s));

function toReport(r: ReportRow, todayStr: string): OperatingReport {
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
    overdue: (r.status === 'DRAFT' || r.status === 'RETURNED') && r.due_on !== null && r.due_on < todayStr,
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

async function loadReport(em: RequestContext['em'], id: string, lock = false): Promise<ReportRow> {
  const r = await sqlOne<ReportRow>(em, `select ${REPORT_COLS} from operating_report where id = $1${lock ? ' for update' : ''}`, [id]);
  if (!r) throw notFound('运营报告', 'Operating report', id);
  return r;
}

@Resolver(() => OperatingReport)
export class OperatingReportResolver {
  @Query(() => [OperatingReportRule], { description: '本辖区报告要求（政策配置）| Report obligations of a jurisdiction, from its profile' })
  operatingReportRules(@Arg('jurisdiction', () => String) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    const { rules, source } = reportRules(jurisdiction);
    return rules.map((r) => ({ kind: r.kind, due: r.due, cadence: r.dueRule.cadence, source }));
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
    requireJurisdiction(ctx.identity, jurisdiction);
    if (ctx.identity.role === 'OPERATOR') {
      if (operatorId && operatorId !== ctx.identity.org) throw forbidden('只能查看本单位的报告', "You may only read your own organization's reports");
      operatorId = ctx.identity.org;
    }
    const win = pageWindow(page);
    const t = today(ctx.now);
    const { rows, totalCount } = await pageRows<ReportRow>(
      ctx.em,
      {
        select: REPORT_COLS,
        from: `operating_report
        where jurisdiction = $1 and ($2::uuid is null or operator_id = $2) and ($3::text is null or status = $3)
          and (not $4::boolean or (status in ('DRAFT', 'RETURNED') and due_on < $5::date))`,
        orderBy: `due_on nulls last, period_end, kind, id`,
        params: [jurisdiction, operatorId, status, overdueOnly, t],
      },
      win,
    );
    return toConnection(rows.map((r) => toReport(r, t)), totalCount, win);
  }

  @Query(() => OperatingReport, { nullable: true })
  async operatingReport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await sqlOne<ReportRow>(ctx.em, `select ${REPORT_COLS} from operating_report where id = $1`, [id]);
    if (!r) return null;
    requireOperatorOrSupervisor(ctx.identity, r.jurisdiction, r.operator_id);
    return toReport(r, today(ctx.now));
  }

  @Mutation(() => OperatingReport, { description: '运营机构开启一期报告（平台预填）| Operator opens a report for a period, prefilled' })
  async openOperatingReport(@Arg('input', () => OpenOperatingReportInput) input: OpenOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    requireRole(ctx.identity, 'OPERATOR');
    const operatorId = ctx.identity.org;
    const jurisdiction = ctx.identity.jurisdiction;
    if (!operatorId || !jurisdiction) throw forbidden('需要运营机构身份', 'An operator organization is required');
    return inTransaction(ctx, async ({ tx, audit }) => {
      const ag = await sqlOne<{ start_date: string }>(tx, `select min(start_date)::text as start_date from proj_agreement where jurisdiction = $1 and operator_id = $2`, [jurisdiction, operatorId]);
      if (!ag?.start_date) throw notFound('本单位的授权协议', 'An authorization of your organization', operatorId);
      const p = requiredPeriod(jurisdiction, input.kind as ReportKind, input.periodStart, today(ctx.now), ag.start_date);
      const dup = await sqlOne<{ id: string; status: string }>(tx, `select id, status from operating_report where operator_id = $1 and kind = $2 and period_start = $3`, [operatorId, p.kind, p.periodStart]);
      if (dup) throw conflict('该期间的报告已存在', 'A report for this period already exists', { details: { reportId: dup.id, status: dup.status } });
      const id = randomUUID();
      const pre = await prefill(tx, operatorId, p.periodStart, p.periodEnd);
      await sql(
        tx,
        `insert into operating_report (id, jurisdiction, operator_id, kind, period_start, period_end, due_on, rule_source, status, prefill, created_at)
         values ($1,$2,$3,$4,$5,$6,$7,$8,'DRAFT',$9::jsonb,$10)`,
        [id, jurisdiction, operatorId, p.kind, p.periodStart, p.periodEnd, p.dueOn, p.source, JSON.stringify(pre), ctx.now],
      );
      audit({ entityType: 'OperatingReport', entityId: id, action: 'OPENED', changes: { kind: p.kind, period: [p.periodStart, p.periodEnd], dueOn: p.dueOn } });
      return toReport(await loadReport(tx, id), today(ctx.now));
    });
  }

  @Mutation(() => Int, { description: '生成本辖区所有到期报告（草稿，预填）| Open every due report of the jurisdiction as prefilled drafts' })
  async generateDueOperatingReports(@Arg('jurisdiction', () => String) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    requireAuthorityOf(ctx.identity, jurisdiction);
    return inTransaction(ctx, async ({ tx, audit }) => {
      const n = await generateDueReports(tx, jurisdiction, today(ctx.now), ctx.now);
      audit({ entityType: 'OperatingReport', entityId: jurisdiction, action: 'DUE_REPORTS_OPENED', changes: { created: n } });
      return n;
    });
  }

  @Mutation(() => OperatingReport, { description: '运营机构填报并提交 | Operator completes and submits' })
  async submitOperatingReport(@Arg('input', () => SubmitOperatingReportInput) input: SubmitOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    requireRole(ctx.identity, 'OPERATOR');
    if (!input.narrative?.trim()) throw badInput('须填写报告正文', 'The report narrative is required', { field: 'input.narrative' });
    if ((input.revenue != null && input.revenue < 0n) || (input.cost != null && input.cost < 0n)) throw badInput('金额不能为负', 'Amounts cannot be negative', { field: 'input.revenue' });
    return inTransaction(ctx, async ({ tx, audit }) => {
      const r = await loadReport(tx, input.reportId, true);
      if (r.operator_id !== ctx.identity.org) throw forbidden('只能提交本单位的报告', "You may only submit your own organization's reports");
      if (r.status !== 'DRAFT' && r.status !== 'RETURNED') throw conflict('报告已提交或已通过', 'The report was already submitted or accepted', { details: { status: r.status } });
      if (FINANCIAL_KINDS.has(r.kind) && (input.revenue == null || input.cost == null)) {
        throw badInput('该报告须填报收入与成本', 'This report requires revenue and cost', { field: input.revenue == null ? 'input.revenue' : 'input.cost', details: { rule: r.rule_source } });
      }
      const profit = input.revenue != null && input.cost != null ? input.revenue - input.cost : null;
      await sql(
        tx,
        `update operating_report set status = 'SUBMITTED', revenue_fen = $2, cost_fen = $3, profit_fen = $4, narrative = $5, secondary_development = $6, submitted_at = $7 where id = $1`,
        [r.id, input.revenue?.toString() ?? null, input.cost?.toString() ?? null, profit?.toString() ?? null, input.narrative.trim(), input.secondaryDevelopment ?? null, ctx.now],
      );
      audit({ entityType: 'OperatingReport', entityId: r.id, action: 'SUBMITTED', changes: { from: r.status, revenueFen: input.revenue?.toString() ?? null, costFen: input.cost?.toString() ?? null, late: r.due_on !== null && r.due_on < today(ctx.now) } });
      return toReport(await loadReport(tx, r.id), today(ctx.now));
    });
  }

  @Mutation(() => OperatingReport, { description: '主管部门通过或退回 | AUTHORITY accepts or returns' })
  async reviewOperatingReport(@Arg('input', () => ReviewOperatingReportInput) input: ReviewOperatingReportInput, @Ctx() ctx: RequestContext<Loaders>) {
    if (input.decision === OperatingReportDecision.RETURN && !input.note?.trim()) throw badInput('退回须说明理由', 'A return needs a note', { field: 'input.note' });
    return inTransaction(ctx, async ({ tx, audit }) => {
      const r = await loadReport(tx, input.reportId, true);
      requireAuthorityOf(ctx.identity, r.jurisdiction);
      if (r.status !== 'SUBMITTED') throw conflict('只有已提交的报告可以审核', 'Only a submitted report can be reviewed', { details: { status: r.status } });
      const next = input.decision === OperatingReportDecision.ACCEPT ? 'ACCEPTED' : 'RETURNED';
      await sql(tx, `update operating_report set status = $2, reviewed_at = $3, review_note = $4, reviewed_by = $5 where id = $1`, [r.id, next, ctx.now, input.note?.trim() ?? null, ctx.identity.sub]);
      audit({ entityType: 'OperatingReport', entityId: r.id, action: next, changes: { note: input.note ?? null } });
      if (next === 'ACCEPTED') await discloseAcceptedAnnualReport(tx, r, ctx.now);
      return toReport(await loadReport(tx, r.id), today(ctx.now));
    });
  }
}
