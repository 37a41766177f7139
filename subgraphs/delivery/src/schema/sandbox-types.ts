import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, GraphQLJSON } from '@pdo/platform';
import { DataProduct, RecipeOutput, RecipeOutputInput, RecipeParameterInput, RecipeSubjectInput } from './recipe-types.js';

export enum SandboxJobStatus {
  PENDING_REVIEW = 'PENDING_REVIEW',
  RELEASED = 'RELEASED',
  REFUSED = 'REFUSED',
}
registerEnumType(SandboxJobStatus, {
  name: 'SandboxJobStatus',
  description: '沙箱作业状态（成果审核）| Sandbox job status (output review)',
  valuesConfig: { PENDING_REVIEW: { description: '待审核 | Waiting for output review' }, RELEASED: { description: '已发布，可下载 | Released; downloadable' }, REFUSED: { description: '不予发布 | Refused; never leaves' } },
});

export enum SandboxReviewDecision {
  RELEASED = 'RELEASED',
  REFUSED = 'REFUSED',
}
registerEnumType(SandboxReviewDecision, { name: 'SandboxReviewDecision', description: '成果审核结论 | Output review decision' });

@ObjectType({ description: '开发处理环境（沙箱）作业 | A job in the development environment (sandbox)' })
export class SandboxJob {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => DataProduct) product!: DataProduct;
  @Field(() => Int) version!: number;
  @Field(() => SandboxJobStatus) status!: SandboxJobStatus;
  @Field(() => String, { description: '提交的分析查询 | The analysis query as submitted' }) sql!: string;
  @Field(() => String) sqlSha256!: string;
  @Field(() => String, { description: '每个聚合列的 ε | ε per noised column' }) epsilon!: string;
  @Field(() => String, { description: '本作业计入的 ε | ε charged to the budget' }) chargedEpsilon!: string;
  @Field(() => Int, { description: '声明的敏感度 | Declared sensitivity' }) sensitivity!: number;
  @Field(() => [RecipeOutput]) columns!: RecipeOutput[];
  @Field(() => [Int], { description: '各发布分组的主体数（均不少于 k）| Distinct subjects of each released group (each ≥ k)' }) groupSizes!: number[];
  @Field(() => Int, { description: '因少于 k 而隐去的分组数 | Groups withheld below k' }) suppressedGroups!: number;
  @Field(() => Boolean) truncated!: boolean;
  @Field(() => [String], { description: '提请审核人注意的标记 | Flags for the reviewer' }) flags!: string[];
  @Field(() => String, { description: 'OPERATOR | AGENCY' }) reviewerRole!: string;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => Date, { nullable: true }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true }) reviewNote!: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: '加噪后的结果：审核人可见；开发者仅在发布后可见 | The noised result: the reviewer sees it; the developer only once released' })
  rows!: unknown;
  @Field(() => String, { nullable: true, description: '已发布结果的 CSV（仅开发者）| The released result as CSV (the developer only)' })
  resultCsv!: string | null;
}

@ObjectType()
export class SandboxJobConnection extends Connection(SandboxJob) {}

@ObjectType({ description: '应用协议本月的隐私预算 | The usage agreement’s privacy budget this month' })
export class PrivacyBudget {
  @Field(() => ID) entitlementId!: string;
  @Field(() => String, { description: 'YYYY-MM' }) period!: string;
  @Field(() => String) limitEpsilon!: string;
  @Field(() => String) spentEpsilon!: string;
  @Field(() => String) remainingEpsilon!: string;
  @Field(() => String, { description: '预算的依据 | Source of the budget setting' }) source!: string;
}

@InputType({ description: '提交沙箱分析作业 | Submit a sandbox analysis job' })
export class SubmitSandboxJobInput {
  @Field(() => ID) entitlementId!: string;
  @Field(() => String) sql!: string;
  @Field(() => [RecipeParameterInput], { defaultValue: [] }) parameters!: RecipeParameterInput[];
  @Field(() => GraphQLJSON, { nullable: true, description: '参数取值（按名称）| Parameter values by name' }) parameterValues?: unknown;
  @Field(() => [RecipeOutputInput]) outputs!: RecipeOutputInput[];
  @Field(() => [RecipeSubjectInput]) subjects!: RecipeSubjectInput[];
  @Field(() => String, { defaultValue: '0.1', description: '每个聚合列的 ε（十进制）| ε per aggregate column (decimal)' }) epsilon!: string;
  @Field(() => Int, { defaultValue: 1, description: '一个主体对聚合值的最大影响 | Most one subject changes an aggregate' }) sensitivity!: number;
}

@InputType({ description: '成果审核 | Review a sandbox result' })
export class ReviewSandboxJobInput {
  @Field(() => ID) jobId!: string;
  @Field(() => SandboxReviewDecision) decision!: SandboxReviewDecision;
  @Field(() => String, { nullable: true }) note?: string | null;
}
