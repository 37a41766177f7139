import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, LocalDateScalar } from '@pdo/platform';
import { CorrectionOutcome, CorrectionRequestState, DataResource, DataResourcePatchInput, Organization } from './types.js';

@ObjectType({ description: '数据校核申请 | Correction request (HN Art 16)' })
export class CorrectionRequest {
  @Field(() => ID) id!: string;
  @Field(() => DataResource, { nullable: true }) resource!: DataResource | null;
  @Field() jurisdiction!: string;
  @Field(() => Organization) sourceAgency!: Organization;
  @Field() raisedBy!: string;
  @Field(() => Organization, { nullable: true }) raisedByOrganization!: Organization | null;
  @Field(() => [String]) fieldNames!: string[];
  @Field() problem!: string;
  @Field(() => String, { nullable: true }) evidence!: string | null;
  @Field(() => LocalDateScalar) raisedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '答复截止日（提出当日不计）| Answer due (the day of the request not counted)' }) dueOn!: string | null;
  @Field(() => String, { nullable: true, description: '期限依据 | Source of the deadline' }) dueRule!: string | null;
  @Field(() => CorrectionRequestState) state!: string;
  @Field(() => LocalDateScalar, { nullable: true }) answeredOn!: string | null;
  @Field(() => String, { nullable: true }) answerReason!: string | null;
  @Field(() => Int, { nullable: true, description: '更正后的资源版本 | Resource version created by the correction' }) correctedVersion!: number | null;
  @Field(() => Boolean, { nullable: true, description: '是否按期答复 | Answered on time' }) onTime!: boolean | null;
  @Field({ description: '是否逾期未答复 | Open past its due date' }) overdue!: boolean;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class CorrectionRequestConnection extends Connection(CorrectionRequest) {}

@ObjectType({ description: '校核答复及时性（供数据贡献评价）| Answer timeliness for the contribution evaluation' })
export class CorrectionTimeliness {
  @Field(() => ID) sourceAgencyId!: string;
  @Field(() => Int) raised!: number;
  @Field(() => Int) answered!: number;
  @Field(() => Int) answeredOnTime!: number;
  @Field(() => Int) answeredLate!: number;
  @Field(() => Int) openOverdue!: number;
}

@InputType()
export class RaiseCorrectionRequestInput {
  @Field(() => ID) resourceId!: string;
  @Field(() => [String], { description: '有问题的数据项 | Fields concerned' }) fieldNames!: string[];
  @Field({ description: '问题描述 | What is wrong' }) problem!: string;
  @Field({ nullable: true, description: '证据 | Evidence' }) evidence?: string;
}

@InputType()
export class AnswerCorrectionRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => CorrectionOutcome) outcome!: string;
  @Field({ nullable: true, description: '理由（不予更正时必填）| Reason (required to reject)' }) reason?: string;
  @Field(() => DataResourcePatchInput, { nullable: true, description: '更正内容（产生新版本）| Corrected values (a new version)' }) correction?: DataResourcePatchInput;
}

@InputType()
export class CorrectionRequestFilter {
  @Field(() => ID, { nullable: true }) resourceId?: string;
  @Field(() => ID, { nullable: true }) sourceAgencyId?: string;
  @Field(() => [CorrectionRequestState], { nullable: true }) states?: string[];
}
