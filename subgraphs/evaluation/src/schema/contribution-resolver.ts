import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { Decimal } from '@pdo/policy';
import { Connection, DecimalScalar, LocalDateScalar, Money, PageArgs, connectionOf, type RequestContext } from '@pdo/platform';
import * as contribution from '../services/contribution.js';
import type { AssessmentRow, StoredScore } from '../services/contribution.js';
import type { Loaders } from '../loaders/index.js';
import { Organization, orgRef } from './common.js';

@ObjectType({ description: '贡献评价权重（%）| Contribution weights, percent' })
export class ContributionWeights {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => DecimalScalar, { description: '数量维度权重 | Weight of quantity' }) quantity!: string;
  @Field(() => DecimalScalar, { description: '质量维度权重 | Weight of quality' }) quality!: string;
  @Field(() => DecimalScalar, { description: '应用维度权重 | Weight of application' }) application!: string;
  @Field(() => DecimalScalar, { description: '收益维度权重 | Weight of revenue' }) revenue!: string;
  @Field(() => String, { description: '依据 | Source the authority cites' }) source!: string;
  @Field(() => Date, { nullable: true, description: '设定时间 | When set' }) setAt!: Date | string | null;
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
  @Field(() => Int, { description: '各单位中最多的资源数 | Most resources of any unit' }) maxResourceCount!: number;
  @Field(() => String, { description: '各单位中最多的记录数 | Most records of any unit' }) maxRecordCount!: string;
  @Field(() => Int, { description: '各单位中最多的产品数 | Most products of any unit' }) maxProductCount!: number;
  @Field(() => String, { description: '各单位中最多的用量 | Most usage of any unit' }) maxUsageUnits!: string;
  @Field(() => Money, { description: '各单位中最多的收益 | Most revenue of any unit' }) maxRevenue!: bigint;
}

@ObjectType({ description: '数据贡献评分 | One source unit’s contribution score' })
export class ContributionScore {
  @Field(() => ID, { description: '数源单位标识 | Id of the source unit' }) agencyId!: string;
  @Field(() => Organization, { description: '数源单位 | The source unit' }) agency!: Organization;
  @Field(() => String, { nullable: true, description: '数源单位名称 | Name of the source unit' }) agencyName!: string | null;
  @Field(() => DecimalScalar, { description: '数量得分 | Quantity score' }) quantity!: string;
  @Field(() => DecimalScalar, { description: '质量得分 | Quality score' }) quality!: string;
  @Field(() => DecimalScalar, { description: '应用得分 | Application score' }) application!: string;
  @Field(() => DecimalScalar, { description: '收益得分 | Revenue score' }) revenue!: string;
  @Field(() => DecimalScalar, { description: '加权总分 | Weighted total' }) total!: string;
  @Field(() => ContributionInputs, { description: '计算所用的基准 | Inputs the scores were computed from' }) inputs!: ContributionInputs;
}

@ObjectType({ description: '数据贡献得分分页列表 | Page of contribution scores' })
export class ContributionScoreConnection extends Connection(ContributionScore) {}

@ObjectType({ description: '数据贡献评价 | Contribution assessment of a period' })
export class ContributionAssessment {
  @Field(() => ID, { description: '评估标识 | Id of the assessment' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '评估期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '评估期截止日 | Last day of the period' }) periodEnd!: string;
  @Field(() => ContributionWeights, { description: '所用权重 | Weights used' }) weights!: ContributionWeights;
  @Field(() => Date, { description: '评估时间 | When assessed' }) assessedAt!: string;
}

@ObjectType({ description: '数据贡献评估分页列表 | Page of contribution assessments' })
export class ContributionAssessmentConnection extends Connection(ContributionAssessment) {}

@InputType({ description: '设定数据贡献评价权重 | Set the weights of the contribution evaluation' })
export class SetContributionWeightsInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => DecimalScalar, { description: '数量维度权重 | Weight of quantity' }) quantity!: Decimal;
  @Field(() => DecimalScalar, { description: '质量维度权重 | Weight of quality' }) quality!: Decimal;
  @Field(() => DecimalScalar, { description: '应用维度权重 | Weight of application' }) application!: Decimal;
  @Field(() => DecimalScalar, { description: '收益维度权重 | Weight of revenue' }) revenue!: Decimal;
  @Field(() => String, { description: '依据文件 | Source document of the weights' }) source!: string;
}

@InputType({ description: '评估数据贡献 | Assess data contribution for a period' })
export class AssessContributionInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '评估期起始日 | First day of the period' }) periodStart!: string;
  @Field(() => LocalDateScalar, { description: '评估期截止日 | Last day of the period' }) periodEnd!: string;
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
  async contributionWeights(@Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await contribution.contributionWeights(ctx, { jurisdiction });
    return r ? toWeights(jurisdiction, r) : null;
  }

  @Query(() => ContributionAssessmentConnection, { description: '数据贡献评价列表 | Contribution assessments of a jurisdiction, latest first' })
  async contributionAssessments(@Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: RequestContext<Loaders>) {
    return connectionOf(page, (window) => contribution.contributionAssessments(ctx, { jurisdiction, window }), toAssessment);
  }

  @Query(() => ContributionAssessment, { nullable: true, description: '数据贡献评估 | A contribution assessment' })
  async contributionAssessment(@Arg('id', () => ID, { description: '评估标识 | Id of the assessment' }) id: string, @Ctx() ctx: RequestContext<Loaders>) {
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
  async scoreOf(@Root() a: ContributionAssessment, @Arg('agencyId', () => ID, { description: '数源单位标识 | Id of the source unit' }) agencyId: string, @Ctx() ctx: RequestContext<Loaders>) {
    const s = await contribution.assessmentScoreOf(ctx, { assessmentId: a.id, jurisdiction: a.jurisdiction, agencyId });
    return s ? toScore(s) : null;
  }

  @Mutation(() => ContributionWeights, { description: '设定贡献评价权重（合计100%）| Set contribution weights (sum 100 %)' })
  async setContributionWeights(@Arg('input', () => SetContributionWeightsInput, { description: '权重设定 | The weights' }) input: SetContributionWeightsInput, @Ctx() ctx: RequestContext<Loaders>) {
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
  async assessContribution(@Arg('input', () => AssessContributionInput, { description: '辖区与评估期 | Jurisdiction and period' }) input: AssessContributionInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toAssessment(await contribution.assessContribution(ctx, input));
  }
}
