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
registerEnumType(SandboxReviewDecision, { name: 'SandboxReviewDecision', description: '成果审核结论 | Output review decision', valuesConfig: { RELEASED: { description: '准予导出结果 | Result released' }, REFUSED: { description: '不予导出 | Result refused' } } });

@ObjectType({ description: '开发处理环境（沙箱）作业 | A job in the development environment (sandbox)' })
export class SandboxJob {
  @Field(() => ID, { description: '作业标识 | Id of the job' }) id!: string;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => DataProduct, { description: '所用产品 | The product' }) product!: DataProduct;
  @Field(() => Int, { description: '产品版本 | Product version' }) version!: number;
  @Field(() => SandboxJobStatus, { description: '作业状态 | Status' }) status!: SandboxJobStatus;
  @Field(() => String, { description: '提交的分析查询 | The analysis query as submitted' }) sql!: string;
  @Field(() => String, { description: 'SQL 的 SHA-256 | SHA-256 of the SQL' }) sqlSha256!: string;
  @Field(() => String, { description: '每个聚合列的 ε | ε per noised column' }) epsilon!: string;
  @Field(() => String, { description: '本作业计入的 ε | ε charged to the budget' }) chargedEpsilon!: string;
  @Field(() => Int, { description: '声明的敏感度 | Declared sensitivity' }) sensitivity!: number;
  @Field(() => [RecipeOutput], { description: '输出列 | Output columns' }) columns!: RecipeOutput[];
  @Field(() => [Int], { description: '各发布分组的主体数（均不少于 k）| Distinct subjects of each released group (each ≥ k)' }) groupSizes!: number[];
  @Field(() => Int, { description: '因少于 k 而隐去的分组数 | Groups withheld below k' }) suppressedGroups!: number;
  @Field(() => Boolean, { description: '结果是否被截断 | Whether the result was cut short' }) truncated!: boolean;
  @Field(() => [String], { description: '提请审核人注意的标记 | Flags for the reviewer' }) flags!: string[];
  @Field(() => String, { description: '审核方角色：OPERATOR 运营机构 / AGENCY 主管部门 | Who reviews: OPERATOR or AGENCY' }) reviewerRole!: string;
  @Field(() => Date, { description: '提交时间 | When submitted' }) submittedAt!: Date;
  @Field(() => Date, { nullable: true, description: '审核时间 | When reviewed' }) reviewedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '审核意见 | Review note' }) reviewNote!: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: '加噪后的结果：审核人可见；开发者仅在发布后可见 | The noised result: the reviewer sees it; the developer only once released' })
  rows!: unknown;
  @Field(() => String, { nullable: true, description: '已发布结果的 CSV（仅开发者）| The released result as CSV (the developer only)' })
  resultCsv!: string | null;
}

@ObjectType({ description: '沙箱作业分页列表 | Page of sandbox jobs' })
export class SandboxJobConnection extends Connection(SandboxJob) {}

@ObjectType({ description: '应用协议本月的隐私预算 | The usage agreement’s privacy budget this month' })
export class PrivacyBudget {
  @Field(() => ID, { description: '使用权标识 | Id of the entitlement' }) entitlementId!: string;
  @Field(() => String, { description: '月份（YYYY-MM）| Month, YYYY-MM' }) period!: string;
  @Field(() => String, { description: '本月预算上限（ε）| Budget this month (ε)' }) limitEpsilon!: string;
  @Field(() => String, { description: '已用预算（ε）| Budget spent (ε)' }) spentEpsilon!: string;
  @Field(() => String, { description: '剩余预算（ε）| Budget left (ε)' }) remainingEpsilon!: string;
  @Field(() => String, { description: '预算的依据 | Source of the budget setting' }) source!: string;
}

@InputType({ description: '提交沙箱分析作业 | Submit a sandbox analysis job' })
export class SubmitSandboxJobInput {
  @Field(() => ID, { description: '使用权标识 | Id of the entitlement' }) entitlementId!: string;
  @Field(() => String, { description: '分析 SQL | The analysis SQL' }) sql!: string;
  @Field(() => [RecipeParameterInput], { defaultValue: [], description: '参数 | Parameters' }) parameters!: RecipeParameterInput[];
  @Field(() => GraphQLJSON, { nullable: true, description: '参数取值（按名称）| Parameter values by name' }) parameterValues?: unknown;
  @Field(() => [RecipeOutputInput], { description: '声明的输出列 | Declared output columns' }) outputs!: RecipeOutputInput[];
  @Field(() => [RecipeSubjectInput], { description: '主体字段 | Subject fields' }) subjects!: RecipeSubjectInput[];
  @Field(() => String, { defaultValue: '0.1', description: '每个聚合列的 ε（十进制）| ε per aggregate column (decimal)' }) epsilon!: string;
  @Field(() => Int, { defaultValue: 1, description: '一个主体对聚合值的最大影响 | Most one subject changes an aggregate' }) sensitivity!: number;
}

@InputType({ description: '成果审核 | Review a sandbox result' })
export class ReviewSandboxJobInput {
  @Field(() => ID, { description: '作业标识 | Id of the job' }) jobId!: string;
  @Field(() => SandboxReviewDecision, { description: '审核决定 | Decision' }) decision!: SandboxReviewDecision;
  @Field(() => String, { nullable: true, description: '审核意见 | Review note' }) note?: string | null;
}
