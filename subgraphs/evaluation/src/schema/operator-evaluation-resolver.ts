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
registerEnumType(OperatorEvaluationCriterion, { name: 'OperatorEvaluationCriterion', description: '运营评估指标 | Operator evaluation criterion' });

/** What the result means for the authorization: the basis for renewal or termination. */
export enum OperatorEvaluationConclusion {
  RENEWAL_RECOMMENDED = 'RENEWAL_RECOMMENDED',
  RECTIFICATION_REQUIRED = 'RECTIFICATION_REQUIRED',
  TERMINATION_RECOMMENDED = 'TERMINATION_RECOMMENDED',
}
registerEnumType(OperatorEvaluationConclusion, { name: 'OperatorEvaluationConclusion' });

export enum EvaluationFindingSeverity {
  MINOR = 'MINOR',
  MAJOR = 'MAJOR',
  CRITICAL = 'CRITICAL',
}
registerEnumType(EvaluationFindingSeverity, { name: 'EvaluationFindingSeverity' });

export enum EvaluationRectificationState {
  NONE = 'NONE',
  REQUESTED = 'REQUESTED',
  CLOSED = 'CLOSED',
}
registerEnumType(EvaluationRectificationState, { name: 'EvaluationRectificationState' });

@ObjectType({ description: '评估打分 | One scorer’s score on one criterion' })
export class OperatorEvaluationScore {
  @Field(() => OperatorEvaluationCriterion) criterion!: string;
  @Field(() => String) scorerRole!: string;
  @Field(() => String) scorer!: string;
  @Field(() => DecimalScalar) score!: string;
  @Field(() => String, { nullable: true }) comment!: string | null;
  @Field(() => Date) scoredAt!: string;
}

@ObjectType()
export class OperatorCriterionAverage {
  @Field(() => OperatorEvaluationCriterion) criterion!: string;
  @Field(() => DecimalScalar, { nullable: true }) average!: string | null;
  @Field(() => Int) scorerCount!: number;
}

@ObjectType({ description: '评估发现 | Evaluation finding' })
export class EvaluationFinding {
  @Field(() => ID) id!: string;
  @Field(() => OperatorEvaluationCriterion) criterion!: string;
  @Field(() => EvaluationFindingSeverity) severity!: string;
  @Field(() => String) description!: string;
  @Field(() => EvaluationRectificationState) rectification!: string;
  @Field(() => LocalDateScalar, { nullable: true }) rectificationDeadline!: string | null;
  @Field(() => Date) createdAt!: string;
  @Field(() => Date, { nullable: true }) closedAt!: string | null;
  @Field(() => String, { nullable: true }) closureNote!: string | null;
}

@ObjectType({ description: '平台数据预填的年度事实 | Facts of the year, prefilled from the platform’s own data' })
export class OperatorEvaluationFacts {
  @Field(() => Int) listedProducts!: number;
  @Field(() => String) usageUnits!: string;
  @Field(() => Int) usageAgreements!: number;
  @Field(() => Int) securityIncidents!: number;
  @Field(() => Int) reportsAccepted!: number;
  @Field(() => Int) reportsOverdue!: number;
  @Field(() => Int) disclosures!: number;
}

@ObjectType({ description: '运营机构年度评估 | Operator annual evaluation' })
export class OperatorEvaluation {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => Organization) operator!: Organization;
  @Field(() => ID, { nullable: true }) agreementId!: string | null;
  @Field(() => Int) year!: number;
  @Field(() => String, { description: 'OPEN | FINALIZED' }) status!: string;
  @Field(() => DecimalScalar, { nullable: true }) total!: string | null;
  @Field(() => OperatorEvaluationConclusion, { nullable: true }) conclusion!: string | null;
  @Field(() => String, { nullable: true }) conclusionNote!: string | null;
  @Field(() => Date) openedAt!: string;
  @Field(() => Date, { nullable: true }) finalizedAt!: string | null;
}

@ObjectType()
export class OperatorEvaluationConnection extends Connection(OperatorEvaluation) {}

@InputType()
export class OpenOperatorEvaluationInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => Int) year!: number;
}

@InputType()
export class ScoreOperatorEvaluationInput {
  @Field(() => ID) evaluationId!: string;
  @Field(() => OperatorEvaluationCriterion) criterion!: OperatorEvaluationCriterion;
  @Field(() => DecimalScalar, { description: '0–100，最多两位小数 | 0–100, at most 2 decimals' }) score!: Decimal;
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@InputType()
export class AddEvaluationFindingInput {
  @Field(() => ID) evaluationId!: string;
  @Field(() => OperatorEvaluationCriterion) criterion!: OperatorEvaluationCriterion;
  @Field(() => EvaluationFindingSeverity) severity!: EvaluationFindingSeverity;
  @Field(() => String) description!: string;
  @Field(() => Boolean, { defaultValue: false, description: '要求整改（仅数据主管部门）| Ask licensing to open a rectification (AUTHORITY only)' }) requestRectification!: boolean;
  @Field(() => LocalDateScalar, { nullable: true }) rectificationDeadline?: string | null;
}

@InputType()
export class FinalizeOperatorEvaluationInput {
  @Field(() => ID) evaluationId!: string;
  @Field(() => OperatorEvaluationConclusion) conclusion!: OperatorEvaluationConclusion;
  @Field(() => String, { nullable: true }) note?: string | null;
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
    @Arg('jurisdiction', () => String) jurisdiction: string,
    @Arg('operatorId', () => ID, { nullable: true }) operatorId: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: RequestContext<Loaders>,
  ) {
    return connectionOf(page, (window) => evaluations.operatorEvaluations(ctx, { jurisdiction, operatorId, year, window }), toEvaluation);
  }

  @Query(() => OperatorEvaluation, { nullable: true })
  async operatorEvaluation(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext<Loaders>) {
    const r = await evaluations.operatorEvaluation(ctx, { id });
    return r ? toEvaluation(r) : null;
  }

  @FieldResolver(() => [OperatorEvaluationScore])
  async scores(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.evaluationScores.load(e.id)).map((s) => ({ criterion: s.criterion, scorerRole: s.scorer_role, scorer: s.scorer_sub, score: s.score, comment: s.comment, scoredAt: s.scored_at }));
  }

  @FieldResolver(() => [OperatorCriterionAverage])
  async criterionAverages(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return criterionAverages(await ctx.loaders.evaluationScores.load(e.id));
  }

  @FieldResolver(() => [EvaluationFinding])
  async findings(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return (await ctx.loaders.findings.load(e.id)).map(toFinding);
  }

  @FieldResolver(() => OperatorEvaluationFacts, { description: '平台数据预填 | Prefilled from the platform’s data' })
  async facts(@Root() e: OperatorEvaluation, @Ctx() ctx: RequestContext<Loaders>) {
    return evaluations.evaluationFactsOf(ctx, e);
  }

  @Mutation(() => OperatorEvaluation, { description: '发起年度评估 | Open an operator’s annual evaluation' })
  async openOperatorEvaluation(@Arg('input', () => OpenOperatorEvaluationInput) input: OpenOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toEvaluation(await evaluations.openOperatorEvaluation(ctx, input));
  }

  @Mutation(() => OperatorEvaluation, { description: '专家或主管部门打分 | Score a criterion (EXPERT / AUTHORITY)' })
  async scoreOperatorEvaluation(@Arg('input', () => ScoreOperatorEvaluationInput) input: ScoreOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toEvaluation(await evaluations.scoreOperatorEvaluation(ctx, input));
  }

  @Mutation(() => EvaluationFinding, { description: '登记评估发现，可要求整改 | Record a finding; may request rectification' })
  async addEvaluationFinding(@Arg('input', () => AddEvaluationFindingInput) input: AddEvaluationFindingInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toFinding(await evaluations.addEvaluationFinding(ctx, input));
  }

  @Mutation(() => EvaluationFinding, { description: '整改完成，关闭发现并公开 | Close a rectification; disclosed publicly' })
  async closeEvaluationFinding(@Arg('findingId', () => ID) findingId: string, @Arg('note', () => String) note: string, @Ctx() ctx: RequestContext<Loaders>) {
    return toFinding(await evaluations.closeEvaluationFinding(ctx, { findingId, note }));
  }

  @Mutation(() => OperatorEvaluation, { description: '评估定稿并公开结果 | Finalize: total, conclusion, public result' })
  async finalizeOperatorEvaluation(@Arg('input', () => FinalizeOperatorEvaluationInput) input: FinalizeOperatorEvaluationInput, @Ctx() ctx: RequestContext<Loaders>) {
    return toEvaluation(await evaluations.finalizeOperatorEvaluation(ctx, input));
  }
}
