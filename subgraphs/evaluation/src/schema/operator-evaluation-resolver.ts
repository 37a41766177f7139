import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { Decimal } from '@pdo/policy';
import { Connection, DecimalScalar, LocalDateScalar, PageArgs, connectionOf, type RequestContext } from '@pdo/platform';
import { criterionAverages } from '../domain/evaluations.js';
import * as evaluations from '../services/operator-evaluations.js';
import type { EvaluationRow, FindingRow } from '../services/operator-evaluations.js';
import type { Loaders } from '../loaders/index.js';
import { Organization, orgRef } from './common.js';

/** The criteria of the annual evaluation (TZ Art 28; HN Art 22; QHD; ZJC). */
export enum OperatorEvaluationCriterion {
  AGREEMENT_PERFORMANCE = 'AGREEMENT_PERFORMANCE',
  PRODUCTS_OUTCOMES = 'PRODUCTS_OUTCOMES',
  SECURITY = 'SECURITY',
  REPORTING_COMPLIANCE = 'REPORTING_COMPLIANCE',
  DISCLOSURE = 'DISCLOSURE',
}
registerEnumType(OperatorEvaluationCriterion, { name: 'OperatorEvaluationCriterion', description: '运营评估指标（TZ第28条、HN第22条）| Operator evaluation criterion (TZ Art 28, HN Art 22)', valuesConfig: { AGREEMENT_PERFORMANCE: { description: '协议履行 | Performance of the agreement' }, PRODUCTS_OUTCOMES: { description: '产品与成效 | Products and outcomes' }, SECURITY: { description: '安全保障 | Security' }, REPORTING_COMPLIANCE: { description: '报告报送合规 | Reporting on time' }, DISCLOSURE: { description: '信息披露 | Disclosure' } } });

/** What the result means for the authorization: the basis for renewal or termination. */
export enum OperatorEvaluationConclusion {
  RENEWAL_RECOMMENDED = 'RENEWAL_RECOMMENDED',
  RECTIFICATION_REQUIRED = 'RECTIFICATION_REQUIRED',
  TERMINATION_RECOMMENDED = 'TERMINATION_RECOMMENDED',
}
registerEnumType(OperatorEvaluationConclusion, { name: 'OperatorEvaluationConclusion', description: '评价结论（续期或终止的依据）| Conclusion: the basis for renewal or termination', valuesConfig: { RENEWAL_RECOMMENDED: { description: '建议续期 | Renewal recommended' }, RECTIFICATION_REQUIRED: { description: '需整改 | Rectification required' }, TERMINATION_RECOMMENDED: { description: '建议终止授权 | Termination recommended' } } });

export enum EvaluationFindingSeverity {
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
  CRITICAL = 'CRITICAL',
}
registerEnumType(EvaluationFindingSeverity, { name: 'EvaluationFindingSeverity', description: '问题严重程度 | Severity of a finding', valuesConfig: { MINOR: { description: '一般 | Minor' }, MAJOR: { description: '较重 | Major' }, CRITICAL: { description: '严重 | Critical' } } });

export enum EvaluationRectificationState {
  NONE = 'NONE',
  REQUESTED = 'REQUESTED',
  CLOSED = 'CLOSED',
}
registerEnumType(EvaluationRectificationState, { name: 'EvaluationRectificationState', description: '问题的整改状态 | Rectification state of a finding', valuesConfig: { NONE: { description: '无需整改 | No rectification' }, REQUESTED: { description: '已要求整改 | Rectification requested' }, CLOSED: { description: '整改已关闭 | Rectification closed' } } });

@ObjectType({ description: '评估打分 | One scorer’s score on one criterion' })
export class OperatorEvaluationScore {
  @Field(() => OperatorEvaluationCriterion, { description: '评价指标 | Criterion' }) criterion!: string;
  @Field(() => String, { description: '评分人角色 | Role of the scorer' }) scorerRole!: string;
  @Field(() => String, { description: '评分人 | Who scored' }) scorer!: string;
  @Field(() => DecimalScalar, { description: '得分 | Score' }) score!: string;
  @Field(() => String, { nullable: true, description: '评语 | Comment' }) comment!: string | null;
  @Field(() => Date, { description: '评分时间 | When scored' }) scoredAt!: string;
}

@ObjectType({ description: '某指标的平均分 | Average score of one criterion' })
export class OperatorCriterionAverage {
  @Field(() => OperatorEvaluationCriterion, { description: '评价指标 | Criterion' }) criterion!: string;
  @Field(() => DecimalScalar, { nullable: true, description: '平均分 | Average' }) average!: string | null;
  @Field(() => Int, { description: '评分人数 | Number of scorers' }) scorerCount!: number;
}

@ObjectType({ description: '评估发现 | Evaluation finding' })
export class EvaluationFinding {
  @Field(() => ID, { description: '问题标识 | Id of the finding' }) id!: string;
  @Field(() => OperatorEvaluationCriterion, { description: '评价指标 | Criterion' }) criterion!: string;
  @Field(() => EvaluationFindingSeverity, { description: '严重程度 | Severity' }) severity!: string;
  @Field(() => String, { description: '问题说明 | What was found' }) description!: string;
  @Field(() => EvaluationRectificationState, { description: '整改状态 | Rectification state' }) rectification!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '整改期限 | Rectification deadline' }) rectificationDeadline!: string | null;
  @Field(() => Date, { description: '发现时间 | When recorded' }) createdAt!: string;
  @Field(() => Date, { nullable: true, description: '关闭时间 | When closed' }) closedAt!: string | null;
  @Field(() => String, { nullable: true, description: '关闭说明 | Closure note' }) closureNote!: string | null;
}

@ObjectType({ description: '平台数据预填的年度事实 | Facts of the year, prefilled from the platform’s own data' })
export class OperatorEvaluationFacts {
  @Field(() => Int, { description: '挂牌产品数 | Products listed' }) listedProducts!: number;
  @Field(() => String, { description: '用量 | Usage units' }) usageUnits!: string;
  @Field(() => Int, { description: '使用协议数 | Usage agreements' }) usageAgreements!: number;
  @Field(() => Int, { description: '安全事件数 | Security incidents' }) securityIncidents!: number;
  @Field(() => Int, { description: '已通过的运营报告数 | Operating reports accepted' }) reportsAccepted!: number;
  @Field(() => Int, { description: '逾期的运营报告数 | Operating reports overdue' }) reportsOverdue!: number;
  @Field(() => Int, { description: '信息披露数 | Disclosures' }) disclosures!: number;
  @Field(() => Int, { description: '逾期的安全义务数（演练、评估报告、评估整改）| Security duties overdue: drills, assessment reports and follow-ups' }) securityDutiesOverdue!: number;
  @Field(() => Int, { description: '年度约谈次数 | Formal talks (约谈) held in the year' }) formalTalks!: number;
}

@ObjectType({ description: '运营机构年度评估 | Operator annual evaluation' })
export class OperatorEvaluation {
  @Field(() => ID, { description: '评价标识 | Id of the evaluation' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => ID, { description: '运营机构标识 | Id of the operator' }) operatorId!: string;
  @Field(() => Organization, { description: '运营机构 | The operator' }) operator!: Organization;
  @Field(() => ID, { nullable: true, description: '授权运营协议标识 | Id of the authorization agreement' }) agreementId!: string | null;
  @Field(() => Int, { description: '评价年度 | Year evaluated' }) year!: number;
  @Field(() => String, { description: '评价状态：OPEN 进行中 / FINALIZED 已定稿 | Status: OPEN or FINALIZED' }) status!: string;
  @Field(() => DecimalScalar, { nullable: true, description: '总分 | Total score' }) total!: string | null;
  @Field(() => OperatorEvaluationConclusion, { nullable: true, description: '评价结论 | Conclusion' }) conclusion!: string | null;
  @Field(() => String, { nullable: true, description: '结论说明 | Note on the conclusion' }) conclusionNote!: string | null;
  @Field(() => Date, { description: '开始时间 | When opened' }) openedAt!: string;
  @Field(() => Date, { nullable: true, description: '定稿时间 | When finalized' }) finalizedAt!: string | null;
}

@ObjectType({ description: '运营评价分页列表 | Page of operator evaluations' })
export class OperatorEvaluationConnection extends Connection(OperatorEvaluation) {}

@InputType({ description: '开展运营机构年度评价 | Open an operator\'s yearly evaluation' })
export class OpenOperatorEvaluationInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => ID, { description: '运营机构标识 | Id of the operator' }) operatorId!: string;
  @Field(() => Int, { description: '评价年度 | Year evaluated' }) year!: number;
}

@InputType({ description: '对一项指标评分 | Score one criterion' })
export class ScoreOperatorEvaluationInput {
  @Field(() => ID, { description: '评价标识 | Id of the evaluation' }) evaluationId!: string;
  @Field(() => OperatorEvaluationCriterion, { description: '评价指标 | Criterion' }) criterion!: OperatorEvaluationCriterion;
  @Field(() => DecimalScalar, { description: '0–100，最多两位小数 | 0–100, at most 2 decimals' }) score!: Decimal;
  @Field(() => String, { nullable: true, description: '评语 | Comment' }) comment?: string | null;
}

@InputType({ description: '记录评价发现的问题 | Record a finding of an evaluation' })
export class AddEvaluationFindingInput {
  @Field(() => ID, { description: '评价标识 | Id of the evaluation' }) evaluationId!: string;
  @Field(() => OperatorEvaluationCriterion, { description: '评价指标 | Criterion' }) criterion!: OperatorEvaluationCriterion;
  @Field(() => EvaluationFindingSeverity, { description: '严重程度 | Severity' }) severity!: EvaluationFindingSeverity;
  @Field(() => String, { description: '问题说明 | What was found' }) description!: string;
  @Field(() => Boolean, { defaultValue: false, description: '要求整改（仅数据主管部门）| Ask licensing to open a rectification (AUTHORITY only)' }) requestRectification!: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: '整改期限 | Rectification deadline' }) rectificationDeadline?: string | null;
}

@InputType({ description: '评价定稿 | Finalize an evaluation' })
export class FinalizeOperatorEvaluationInput {
  @Field(() => ID, { description: '评价标识 | Id of the evaluation' }) evaluationId!: string;
  @Field(() => OperatorEvaluationConclusion, { description: '评价结论 | Conclusion' }) conclusion!: OperatorEvaluationConclusion;
  @Field(() => String, { nullable: true, description: '结论说明 | Note on the conclusion' }) note?: string | null;
}

const toEvaluation = (r: EvaluationRow): OperatorEvaluation => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  operatorId: r.operator_id,
  operator: orgRef(r.operator_id)!,
  agreementId: r.agreement_id,
  year: r.year,
  status: r.status,
  total: r.total,
  conclusion: r.conclusion,
  conclusionNote: r.conclusion_note,
  openedAt: r.opened_at,
  finalizedAt: r.finalized_at,
});

export const toFinding = (f: FindingRow): EvaluationFinding => ({
  id: f.id,
  criterion: f.criterion,
  severity: f.severity,
  description: f.description,
  rectification: f.rectification,
  rectificationDeadline: f.rectification_deadline,
  createdAt: f.created_at,
  closedAt: f.closed_at,
  closureNote: f.closure_note,
});

@Resolver(() => OperatorEvaluation)
export class OperatorEvaluationResolver {
  @Query(() => OperatorEvaluationConnection, { description: '运营机构年度评估 | Operator evaluations (authority/expert: jurisdiction; operator: own)' })
  async operatorEvaluations(
    @Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string,
    @Arg('operatorId', () => ID, { nullable: true, description: '只看该运营机构 | Only this operator' }) operatorId: string | null,
    @Arg('year', () => Int, { nullable: true, description: '只看该年度 | Only this year' }) year: number | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return connectionOf(page, (window) => evaluations.operatorEvaluations(ctx, { jurisdiction, operatorId, year, window }), toEvaluation);
  }

  @Query(() => OperatorEvaluation, { nullable: true, description: '运营评价 | An operator evaluation' })
  async operatorEvaluation(@Arg('id', () => ID, { description: '评价标识 | Id of the evaluation' }) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await evaluations.operatorEvaluation(ctx, { id });
    return r ? toEvaluation(r) : null;
  }

  @FieldResolver(() => [OperatorEvaluationScore], { description: '各评分人的评分 | Scores given' })
  async scores(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.evaluationScores.load(e.id)).map((s) => ({ criterion: s.criterion, scorerRole: s.scorer_role, scorer: s.scorer_sub, score: s.score, comment: s.comment, scoredAt: s.scored_at }));
  }

  @FieldResolver(() => [OperatorCriterionAverage], { description: '各指标平均分 | Average per criterion' })
  async criterionAverages(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return criterionAverages(await ctx.loaders.evaluationScores.load(e.id));
  }

  @FieldResolver(() => [EvaluationFinding], { description: '发现的问题 | Findings' })
  async findings(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.findings.load(e.id)).map(toFinding);
  }

  @FieldResolver(() => OperatorEvaluationFacts, { description: '平台数据预填 | Prefilled from the platform’s data' })
  async facts(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return evaluations.evaluationFactsOf(ctx, e);
  }

  @Mutation(() => OperatorEvaluation, { description: '发起年度评估 | Open an operator’s annual evaluation' })
  async openOperatorEvaluation(@Arg('input', () => OpenOperatorEvaluationInput, { description: '评价对象与年度 | Operator and year' }) input: OpenOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toEvaluation(await evaluations.openOperatorEvaluation(ctx, input));
  }

  @Mutation(() => OperatorEvaluation, { description: '专家或主管部门打分 | Score a criterion (EXPERT / AUTHORITY)' })
  async scoreOperatorEvaluation(@Arg('input', () => ScoreOperatorEvaluationInput, { description: '评分 | The score' }) input: ScoreOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toEvaluation(await evaluations.scoreOperatorEvaluation(ctx, input));
  }

  @Mutation(() => EvaluationFinding, { description: '登记评估发现，可要求整改 | Record a finding; may request rectification' })
  async addEvaluationFinding(@Arg('input', () => AddEvaluationFindingInput, { description: '问题 | The finding' }) input: AddEvaluationFindingInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toFinding(await evaluations.addEvaluationFinding(ctx, input));
  }

  @Mutation(() => EvaluationFinding, { description: '整改完成，关闭发现并公开 | Close a rectification; disclosed publicly' })
  async closeEvaluationFinding(@Arg('findingId', () => ID, { description: '问题标识 | Id of the finding' }) findingId: string, @Arg('note', () => String, { description: '关闭说明 | Closure note' }) note: string, @Ctx() ctx: RequestContext<Loaders>) {
    return toFinding(await evaluations.closeEvaluationFinding(ctx, { findingId, note }));
  }

  @Mutation(() => OperatorEvaluation, { description: '评估定稿并公开结果 | Finalize: total, conclusion, public result' })
  async finalizeOperatorEvaluation(@Arg('input', () => FinalizeOperatorEvaluationInput, { description: '结论 | The conclusion' }) input: FinalizeOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toEvaluation(await evaluations.finalizeOperatorEvaluation(ctx, input));
  }
}
