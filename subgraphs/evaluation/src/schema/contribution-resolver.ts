import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Decimal } from '@pdo/policy';
import { Connection, DecimalScalar, LocalDateScalar, Money, PageArgs, connectionOf, type RequestContext } from '@pdo/platform';
import * as contribution from '../services/contribution.js';
import type { AssessmentRow, StoredScore } from '../services/contribution.js';
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
  @Field(() => Date, { nullable: true }) setAt!: Date | string | null;
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

@ObjectType({ description: '数据贡献评分 | One source unit’s contribution score' })
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
  @Field(() => Date) assessedAt!: string;
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

const toAssessment = (r: AssessmentRow): ContributionAssessment => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  periodStart: r.period_start,
  periodEnd: r.period_end,
  weights: { jurisdiction: r.jurisdiction, ...r.weights, setAt: null },
  assessedAt: r.assessed_at,
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

const toWeights = (jurisdiction: string, r: { quantity: string; quality: string; application: string; revenue: string; source: string; set_at: string | Date }): ContributionWeights => ({
  jurisdiction,
  quantity: r.quantity,
  quality: r.quality,
  application: r.application,
  revenue: r.revenue,
  source: r.source,
  setAt: r.set_at,
});

@Resolver(() => ContributionAssessment)
export class ContributionResolver {
  @Query(() => ContributionWeights, { nullable: true, description: '贡献评价权重 | Current contribution weights of a jurisdiction' })
  async contributionWeights(@Arg('jurisdiction', () => String) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await contribution.contributionWeights(ctx, { jurisdiction });
    return r ? toWeights(jurisdiction, r) : null;
  }

  @Query(() => ContributionAssessmentConnection, { description: '数据贡献评价列表 | Contribution assessments of a jurisdiction, latest first' })
  async contributionAssessments(@Arg('jurisdiction', () => String) jurisdiction: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    return connectionOf(page, (window) => contribution.contributionAssessments(ctx, { jurisdiction, window }), toAssessment);
  }

  @Query(() => ContributionAssessment, { nullable: true })
  async contributionAssessment(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await contribution.contributionAssessment(ctx, { id });
    return r ? toAssessment(r) : null;
  }

  @FieldResolver(() => ContributionScoreConnection, { description: '各单位得分（数源单位只见本单位）| Scores; a source unit sees only its own' })
  async scores(@Root() a: ContributionAssessment, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    // The scores of one assessment are loaded whole (one batched statement for every assessment of the list) and paged here.
    return connectionOf(
      page,
      async (w) => {
        const all = await contribution.assessmentScores(ctx, { assessmentId: a.id, jurisdiction: a.jurisdiction });
        return { rows: all.slice(w.offset, w.offset + w.limit), totalCount: all.length };
      },
      toScore,
    );
  }

  @FieldResolver(() => ContributionScore, { nullable: true, description: '某单位得分 | One source unit’s score' })
  async scoreOf(@Root() a: ContributionAssessment, @Arg('agencyId', () => ID) agencyId: string, @Ctx() ctx: RequestContext<Loaders>) {
    const s = await contribution.assessmentScoreOf(ctx, { assessmentId: a.id, jurisdiction: a.jurisdiction, agencyId });
    return s ? toScore(s) : null;
  }

  @Mutation(() => ContributionWeights, { description: '设定贡献评价权重（合计100%）| Set contribution weights (sum 100 %)' })
  async setContributionWeights(@Arg('input', () => SetContributionWeightsInput) input: SetContributionWeightsInput, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await contribution.setContributionWeights(ctx, {
      jurisdiction: input.jurisdiction,
      quantity: input.quantity.toString(),
      quality: input.quality.toString(),
      application: input.application.toString(),
      revenue: input.revenue.toString(),
      source: input.source,
    });
    return toWeights(input.jurisdiction, r);
  }

  @Mutation(() => ContributionAssessment, { description: '开展数据贡献评价并发布结果（供收益分配）| Assess a period and publish ContributionAssessed' })
  async assessContribution(@Arg('input', () => AssessContributionInput) input: AssessContributionInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toAssessment(await contribution.assessContribution(ctx, input));
  }
}
