import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, LocalDateScalar } from '@pdo/platform';
import { CorrectionOutcome, CorrectionRequestState, DataResource, DataResourcePatchInput, Organization } from './types.js';

@ObjectType({ description: '数据校核申请 | Correction request (HN Art 16)' })
export class CorrectionRequest {
  @Field(() => ID, { description: '校核申请标识 | Id of the correction request' }) id!: string;
  @Field(() => DataResource, { nullable: true, description: '被申请校核的数据资源 | The resource concerned' }) resource!: DataResource | null;
  @Field({ description: '所属辖区 | Jurisdiction of the resource' }) jurisdiction!: string;
  @Field(() => Organization, { description: '负责答复的数源单位 | Source unit that must answer' }) sourceAgency!: Organization;
  @Field({ description: '提出人（用户标识）| Who raised the request (subject)' }) raisedBy!: string;
  @Field(() => Organization, { nullable: true, description: '提出人所属主体 | Organization of the person who raised it' }) raisedByOrganization!: Organization | null;
  @Field(() => [String], { description: '有问题的数据项 | Fields concerned' }) fieldNames!: string[];
  @Field({ description: '问题描述 | What is wrong' }) problem!: string;
  @Field(() => String, { nullable: true, description: '证据 | Evidence offered' }) evidence!: string | null;
  @Field(() => LocalDateScalar, { description: '提出日 | Day the request was raised' }) raisedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '答复截止日（提出当日不计）| Answer due (the day of the request not counted)' }) dueOn!: string | null;
  @Field(() => String, { nullable: true, description: '期限依据 | Source of the deadline' }) dueRule!: string | null;
  @Field(() => CorrectionRequestState, { description: '办理状态 | Where the request stands' }) state!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '答复日 | Day it was answered' }) answeredOn!: string | null;
  @Field(() => String, { nullable: true, description: '答复理由 | Reason given with the answer' }) answerReason!: string | null;
  @Field(() => Int, { nullable: true, description: '更正后的资源版本 | Resource version created by the correction' }) correctedVersion!: number | null;
  @Field(() => Boolean, { nullable: true, description: '是否按期答复 | Answered on time' }) onTime!: boolean | null;
  @Field({ description: '是否逾期未答复 | Open past its due date' }) overdue!: boolean;
  @Field(() => Date, { description: '创建时间 | When it was recorded' }) createdAt!: Date;
}

@ObjectType({ description: '校核申请分页列表 | Page of correction requests' })
export class CorrectionRequestConnection extends Connection(CorrectionRequest) {}

@ObjectType({ description: '校核答复及时性（供数据贡献评价）| Answer timeliness for the contribution evaluation' })
export class CorrectionTimeliness {
  @Field(() => ID, { description: '数源单位标识 | Id of the source unit' }) sourceAgencyId!: string;
  @Field(() => Int, { description: '期间内收到的申请数 | Requests raised in the period' }) raised!: number;
  @Field(() => Int, { description: '已答复数 | Requests answered' }) answered!: number;
  @Field(() => Int, { description: '按期答复数 | Answered on time' }) answeredOnTime!: number;
  @Field(() => Int, { description: '逾期答复数 | Answered late' }) answeredLate!: number;
  @Field(() => Int, { description: '逾期仍未答复数 | Still open past their due date' }) openOverdue!: number;
}

@InputType({ description: '提出数据校核申请（HN第16条）| Raise a correction request (HN Art 16)' })
export class RaiseCorrectionRequestInput {
  @Field(() => ID, { description: '被申请校核的数据资源 | Resource concerned' }) resourceId!: string;
  @Field(() => [String], { description: '有问题的数据项 | Fields concerned' }) fieldNames!: string[];
  @Field({ description: '问题描述 | What is wrong' }) problem!: string;
  @Field({ nullable: true, description: '证据 | Evidence' }) evidence?: string;
}

@InputType({ description: '答复数据校核申请 | Answer a correction request' })
export class AnswerCorrectionRequestInput {
  @Field(() => ID, { description: '校核申请标识 | Id of the correction request' }) id!: string;
  @Field(() => CorrectionOutcome, { description: '答复结果 | Outcome of the answer' }) outcome!: string;
  @Field({ nullable: true, description: '理由（不予更正时必填）| Reason (required to reject)' }) reason?: string;
  @Field(() => DataResourcePatchInput, { nullable: true, description: '更正内容（产生新版本）| Corrected values (a new version)' }) correction?: DataResourcePatchInput;
}

@InputType({ description: '校核申请筛选条件 | Filter for correction requests' })
export class CorrectionRequestFilter {
  @Field(() => ID, { nullable: true, description: '数据资源 | Only requests about this resource' }) resourceId?: string;
  @Field(() => ID, { nullable: true, description: '数源单位 | Only requests to this source unit' }) sourceAgencyId?: string;
  @Field(() => [CorrectionRequestState], { nullable: true, description: '办理状态（任一）| Any of these states' }) states?: string[];
}
