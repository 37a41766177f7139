import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Decimal } from '@pdo/policy';
import {
  Connection,
  DecimalScalar,
  LocalDateScalar,
  Money,
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
  type Identity,
  type RequestContext,
} from '@pdo/platform';
import type { EvaluationEvents } from '@pdo/events';
import { computeScores, validateWeights, type ScoreRow, type Weights } from '../domain/contribution.js';
import { requireAuthorityOf, today } from '../domain/access.js';
import type { StoredScore } from '../data/contribution-scores.js';
import type { Loaders } from '../loaders/index.js';
import { Organization, orgRef } from './common.js';

@ObjectType({ description: '贡献评价权重（%）| Contribution weights, percent' })
export class ContributionWeights {
  @Field(() => String) jurisdiction!: string;
  @Field(() => DecimalScalar) quantity!: string;
  @Field(() => DecimalScalar) quality!: string;
  @Field(() => DecimalScalar) application!: string;
  @Field(() => DecimalScalar) revenue!: string;
  @Field(() => String, { description: '依据 | Source the authority cites' }) source!: string;
  @Field(() => Date, { nullable: true }) setAt!: Date | null;
}

@ObjectType({ description: '评分输入 | The facts a contribution score was computed from' })
export class ContributionInputs {
  @Field(() => Int, { description: '期内在册资源数 | Resources in the catalog during the period' }) resourceCount!: number;
  @Field(() => String, { description: '记录数 | Records supplied' }) recordCount!: string;
  @Field(() => DecimalScalar, { description: '平均质量分 | Mean quality score 0–100' }) averageQuality!: string;
  @Field(() => Int, { description: '期内答复校核数 | Corrections answered' }) correctionsAnswered!: number;
  @Field(() => Int, { description: '按期答复数 | Answered on time' }) correctionsOnTime!: number;
  @Field(() => Int, { description: '使用其资源的挂牌产品数 | Listed products drawing on its resources' }) productCount!: number;
  @Field(() => String, { description: '这些产品的期内用量 | Usage units of those products' }) usageUnits!: string;
  @Field(() => Money, { description: '期内分配收益 | Its settlement shares' }) revenue!: bigint;
  @Field(() => Int) maxResourceCount!: number;
  @Field(() => String) maxRecordCount!: string;
  @Field(() => Int) maxProductCount!: number;
  @Field(() => String) maxUsageUnits!: string;
  @Field(() => Money) maxRevenue!: bigint;
}

@ObjectType({ description: '数据贡献评分 | One agency’s contribution score' })
export class ContributionScore {
  @Field(() => ID) agencyId!: string;
  @Field(() => Organization) agency!: Organization;
  @Field(() => String, { nullable: true }) agencyName!: string | null;
  @Field(() => DecimalScalar) quantity!: string;
  @Field(() => DecimalScalar) quality!: string;
  @Field(() => DecimalScalar) application!: string;
  @Field(() => DecimalScalar) revenue!: string;
  @Field(() => DecimalScalar, { description: '加权总分 | Weighted total' }) total!: string;
  @Field(() => ContributionInputs) inputs!: ContributionInputs;
}

@ObjectType()
export class ContributionScoreConnection extends Connection(ContributionScore) {}

@ObjectType({ description: '数据贡献评价 | Contribution assessment of a period' })
export class ContributionAssessment {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
  @Field(() => ContributionWeights) weights!: ContributionWeights;
  @Field(() => Date) assessedAt!: Date;
}

@ObjectType()
export class ContributionAssessmentConnection extends Connection(ContributionAssessment) {}

@InputType()
export class SetContributionWeightsInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => DecimalScalar) quantity!: Decimal;
  @Field(() => DecimalScalar) quality!: Decimal;
  @Field(() => DecimalScalar) application!: Decimal;
  @Field(() => DecimalScalar) revenue!: Decimal;
  @Field(() => String) source!: string;
}

@InputType()
export class AssessContributionInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) periodStart!: string;
  @Field(() => LocalDateScalar) periodEnd!: string;
}

interface AssessmentRow {
  id: string;
  jurisdiction: string;
  period_start: string;
  period_end: string;
  weights: Weights & { source: string };
  assessed_at: Date;
}

const ASSESSMENT_COLS = `id, jurisdiction, period_start::text, period_end::text, weights, assessed_at`;

const toAssessment = (r: AssessmentRow): ContributionAssessment => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  weights: { jurisdiction: r.jurisdiction, ...r.weights, setAt: null },
  assessedAt: new Date(r.assessed_at),
});

export const toScore = (s: StoredScore): ContributionScore => ({
  agencyId: s.agency_id,
  agency: orgRef(s.agency_id)!,
  agencyName: s.inputs.agency_name,
  quantity: s.quantity,
  quality: s.quality,
  application: s.application,
  revenue: s.revenue,
  total: s.total,
  inputs: {
    resourceCount: s.inputs.resource_count,
    recordCount: s.inputs.record_count,
    averageQuality: s.inputs.avg_quality,
    correctionsAnswered: s.inputs.corrections_answered,
    correctionsOnTime: s.inputs.corrections_on_time,
    productCount: s.inputs.product_count,
    usageUnits: s.inputs.usage_units,
    revenue: BigInt(s.inputs.revenue_fen),
    maxResourceCount: s.inputs.max_resources,
    maxRecordCount: s.inputs.max_records,
    maxProductCount: s.inputs.max_products,
    maxUsageUnits: s.inputs.max_units,
    maxRevenue: BigInt(s.inputs.max_revenue_fen),
  },
});

/** Who may read contribution results: the authority and implementing agency see all, a source unit only its own. */
function readScope(identity: Identity, jurisdiction: string): { ownOnly: string | null } {
  requireRole(identity, 'AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'FINANCE');
  requireJurisdiction(identity, jurisdiction);
  return { ownOnly: identity.role === 'SOURCE_UNIT' ? identity.org ?? '' : null };
}

function checkPeriod(start: string, end: string, now: Date): void {
  if (start > end) throw badInput('期间起始日不能晚于结束日', 'periodStart must not be after periodEnd', { field: 'input.periodStart' });
  if (end >= today(now)) {
    throw badInput('期间尚未结束，不能评价', 'The period has not ended yet', { field: 'input.periodEnd', details: { periodEnd: end, today: today(now) } });
  }
}

@Resolver(() => ContributionAssessment)
export class ContributionResolver {
  @Query(() => ContributionWeights, { nullable: true, description: '贡献评价权重 | Current contribution weights of a jurisdiction' })
  async contributionWeights(@Arg('jurisdiction', () => String) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    readScope(ctx.identity, jurisdiction);
    const r = await sqlOne<Weights & { source: string; set_at: Date }>(ctx.em, `select quantity::text, quality::text, application::text, revenue::text, source, set_at from contribution_weights where jurisdiction = $1`, [jurisdiction]);
    return r ? { jurisdiction, ...r, setAt: r.set_at } : null;
  }

  @Query(() => ContributionAssessmentConnection, { description: '数据贡献评价列表 | Contribution assessments of a jurisdiction, latest first' })
  async contributionAssessments(@Arg('jurisdiction', () => String) jurisdiction: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    readScope(ctx.identity, jurisdiction);
    const win = pageWindow(page);
    const { rows, totalCount } = await pageRows<AssessmentRow>(
      ctx.em,
      { select: ASSESSMENT_COLS, from: `contribution_assessment where jurisdiction = $1`, orderBy: `period_end desc, id`, params: [jurisdiction] },
      win,
    );
    return toConnection(rows.map(toAssessment), totalCount, win);
  }

  @Query(() => ContributionAssessment, { nullable: true })
  async contributionAssessment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await sqlOne<AssessmentRow>(ctx.em, `select ${ASSESSMENT_COLS} from contribution_assessment where id = $1`, [id]);
    if (!r) return null;
    readScope(ctx.identity, r.jurisdiction);
    return toAssessment(r);
  }

  @FieldResolver(() => ContributionScoreConnection, { description: '各单位得分（数源单位只见本单位）| Scores; a source unit sees only its own' })
  async scores(@Root() a: ContributionAssessment, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    const { ownOnly } = readScope(ctx.identity, a.jurisdiction);
    const win = pageWindow(page);
    const all = (await ctx.loaders.scoresByAssessment.load(a.id)).filter((s) => !ownOnly || s.agency_id === ownOnly);
    return toConnection(all.slice(win.offset, win.offset + win.limit).map(toScore), all.length, win);
  }

  @FieldResolver(() => ContributionScore, { nullable: true, description: '某单位得分 | One agency’s score' })
  async scoreOf(@Root() a: ContributionAssessment, @Arg('agencyId', () => ID) agencyId: string, @Ctx() ctx: RequestContext<Loaders>) {
    const { ownOnly } = readScope(ctx.identity, a.jurisdiction);
    if (ownOnly && ownOnly !== agencyId) throw forbidden('只能查看本单位的贡献评价', "You may only read your own agency's assessment");
    const s = (await ctx.loaders.scoresByAssessment.load(a.id)).find((x) => x.agency_id === agencyId);
    return s ? toScore(s) : null;
  }

  @Mutation(() => ContributionWeights, { description: '设定贡献评价权重（合计100%）| Set contribution weights (sum 100 %)' })
  async setContributionWeights(@Arg('input', () => SetContributionWeightsInput) input: SetContributionWeightsInput, @Ctx() ctx: RequestContext<Loaders>) {
    requireAuthorityOf(ctx.identity, input.jurisdiction);
    if (!input.source?.trim()) throw badInput('须注明权重依据', 'A source for the weights is required', { field: 'input.source' });
    const w = validateWeights({ quantity: input.quantity.toString(), quality: input.quality.toString(), application: input.application.toString(), revenue: input.revenue.toString() });
    return inTransaction(ctx, async ({ tx, audit }) => {
      const before = await sqlOne(tx, `select quantity::text, quality::text, application::text, revenue::text, source from contribution_weights where jurisdiction = $1`, [input.jurisdiction]);
      await sql(
        tx,
        `insert into contribution_weights (jurisdiction, quantity, quality, application, revenue, source, set_by, set_at) values ($1,$2,$3,$4,$5,$6,$7,$8)
         on conflict (jurisdiction) do update set quantity = excluded.quantity, quality = excluded.quality, application = excluded.application,
           revenue = excluded.revenue, source = excluded.source, set_by = excluded.set_by, set_at = excluded.set_at`,
        [input.jurisdiction, w.quantity, w.quality, w.application, w.revenue, input.source.trim(), ctx.identity.sub, ctx.now],
      );
      audit({ entityType: 'ContributionWeights', entityId: input.jurisdiction, action: before ? 'UPDATED' : 'CREATED', changes: { before, after: { ...w, source: input.source.trim() } } });
      return { jurisdiction: input.jurisdiction, ...w, source: input.source.trim(), setAt: ctx.now };
    });
  }

  @Mutation(() => ContributionAssessment, { description: '开展数据贡献评价并发布结果（供收益分配）| Assess a period and publish ContributionAssessed' })
  async assessContribution(@Arg('input', () => AssessContributionInput) input: AssessContributionInput, @Ctx() ctx: RequestContext<Loaders>) {
    requireAuthorityOf(ctx.identity, input.jurisdiction);
    checkPeriod(input.periodStart, input.periodEnd, ctx.now);
    return inTransaction(ctx, async ({ tx, audit, publish }) => {
      const weights = await sqlOne<Weights & { source: string }>(tx, `select quantity::text, quality::text, application::text, revenue::text, source from contribution_weights where jurisdiction = $1`, [input.jurisdiction]);
      if (!weights) throw conflict('尚未设定贡献评价权重', 'Set the contribution weights first', { details: { jurisdiction: input.jurisdiction } });
      const dup = await sqlOne(tx, `select id from contribution_assessment where jurisdiction = $1 and period_start = $2 and period_end = $3`, [input.jurisdiction, input.periodStart, input.periodEnd]);
      if (dup) throw conflict('该期间已评价', 'This period has already been assessed', { details: { assessmentId: (dup as { id: string }).id } });
      const scores = await computeScores(tx, input.jurisdiction, input.periodStart, input.periodEnd, weights);
      if (scores.length === 0) throw conflict('该期间没有可评价的数源单位', 'No source agency had resources in this period');
      const id = randomUUID();
      await sql(tx, `insert into contribution_assessment (id, jurisdiction, period_start, period_end, weights, assessed_by, assessed_at) values ($1,$2,$3,$4,$5::jsonb,$6,$7)`, [
        id, input.jurisdiction, input.periodStart, input.periodEnd, JSON.stringify(weights), ctx.identity.sub, ctx.now,
      ]);
      await insertScores(tx, id, scores);
      audit({ entityType: 'ContributionAssessment', entityId: id, action: 'ASSESSED', changes: { period: [input.periodStart, input.periodEnd], weights, totals: Object.fromEntries(scores.map((s) => [s.agency_id, s.total])) } });
      const payload: EvaluationEvents.ContributionAssessed = {
        assessmentId: id,
        jurisdiction: input.jurisdiction,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        scores: scores.map((s) => ({ agencyId: s.agency_id, score: s.total })),
      };
      await publish('ContributionAssessed', payload, input.jurisdiction);
      return toAssessment({ id, jurisdiction: input.jurisdiction, period_start: input.periodStart, period_end: input.periodEnd, weights, assessed_at: ctx.now });
    });
  }
}

export async function insertScores(tx: Parameters<typeof sql>[0], assessmentId: string, scores: ScoreRow[]): Promise<void> {
  await sql(
    tx,
    `insert into contribution_score (assessment_id, agency_id, quantity, quality, application, revenue, total, inputs)
     select $1, s.agency_id, s.quantity, s.quality, s.application, s.revenue, s.total, s.inputs
       from jsonb_to_recordset($2::jsonb) as s(agency_id uuid, quantity numeric, quality numeric, application numeric, revenue numeric, total numeric, inputs jsonb)`,
    [
      assessmentId,
      JSON.stringify(
        scores.map(({ agency_id, quantity, quality, application, revenue, total, ...inputs }) => ({ agency_id, quantity, quality, application, revenue, total, inputs })),
      ),
    ],
  );
}
