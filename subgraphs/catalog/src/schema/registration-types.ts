import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection, LocalDateScalar } from '@pdo/platform';
import { DataResource, Organization, ResourceRegistrationState, ResourceRegistrationType } from './types.js';

@ObjectType({ description: '登记步骤记录 | One step of a registration' })
export class ResourceRegistrationStep {
  @Field({ description: '操作 | Step taken' }) action!: string;
  @Field(() => ResourceRegistrationState, { nullable: true, description: '原状态 | State before the step' }) fromState!: string | null;
  @Field(() => ResourceRegistrationState, { description: '新状态 | State after the step' }) toState!: string;
  @Field(() => String, { nullable: true, description: '理由 | Reason given' }) reason!: string | null;
  @Field({ description: '办理人（用户标识）| Who took the step (subject)' }) actorSub!: string;
  @Field({ description: '办理人角色 | Role of the person who took the step' }) actorRole!: string;
  @Field(() => LocalDateScalar, { description: '办理日（北京时间）| Day of the step (Asia/Shanghai)' }) onDate!: string;
  @Field(() => Date, { description: '办理时间 | Instant of the step' }) at!: Date;
}

@ObjectType({ description: '数据资源登记 (RG) | Resource registration' })
export class ResourceRegistration {
  @Field(() => ID, { description: '登记标识 | Id of the registration' }) id!: string;
  @Field(() => DataResource, { nullable: true, description: '登记的数据资源 | Registered resource' }) resource!: DataResource | null;
  @Field({ description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => ResourceRegistrationType, { description: '登记类型 | Kind of registration' }) type!: string;
  @Field(() => ResourceRegistrationState, { description: '登记状态 | Where the registration stands' }) state!: string;
  @Field(() => Organization, { nullable: true, description: '登记申请主体 | Organization that applied' }) registrant!: Organization | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '数据提供日 | When the data was provided' }) providedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '首次登记申请截止日（提供后 20 个工作日）| First application due' }) applicationDueOn!: string | null;
  @Field({ nullable: true, description: '首次登记是否逾期申请 | Applied after the first-application deadline' }) appliedLate!: boolean;
  @Field(() => LocalDateScalar, { description: '申请日 | Day of the application' }) submittedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '受理日 | Day it was accepted' }) acceptedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '公示开始日 | First day of the public notice' }) noticeStartedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '赋码日 | Day the registration code was issued' }) codedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '登记有效期至 | Registration valid until' }) validUntil!: string | null;
  @Field(() => String, { nullable: true, description: '登记编码 | Registration code' }) registrationCode!: string | null;
  @Field(() => String, { nullable: true, description: '等待的环节 | What is awaited now' }) awaiting!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '当前环节到期日（工作日）| Due date of the awaited step' }) dueOn!: string | null;
  @Field({ description: '是否逾期 | Overdue today' }) overdue!: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: '可申请续期起始日 | Renewal window opens' }) renewalOpensOn!: string | null;
  @Field(() => String, { nullable: true, description: '最近一次退回或驳回的理由 | Reason of the latest return or rejection' }) lastReason!: string | null;
  @Field({ description: '登记事项摘要 | Summary of what is registered' }) summary!: string;
  @Field(() => [ResourceRegistrationStep], { description: '办理步骤（按时间）| Steps taken, in order' }) steps!: ResourceRegistrationStep[];
  @Field(() => Date, { description: '创建时间 | When it was recorded' }) createdAt!: Date;
  @Field(() => Date, { description: '更新时间 | Last change' }) updatedAt!: Date;
}

@ObjectType({ description: '资源登记分页列表 | Page of resource registrations' })
export class ResourceRegistrationConnection extends Connection(ResourceRegistration) {}

@ObjectType({ description: '已提供数据但逾期未申请首次登记的资源（应登未登）| Data provided, first registration never applied for, past its due date' })
export class CatalogUnappliedRegistration {
  @Field(() => DataResource, { nullable: true, description: '应登未登的数据资源 | Resource never applied for' }) resource!: DataResource | null;
  @Field({ description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Organization, { description: '数源单位 | Source unit that should apply' }) sourceAgency!: Organization;
  @Field(() => LocalDateScalar, { description: '数据提供日（首次授权使用之日）| Data provided on (first access grant)' }) providedOn!: string;
  @Field(() => LocalDateScalar, { description: '首次登记申请截止日 | First application was due' }) applicationDueOn!: string;
  @Field({ description: '依据 | Rule' }) rule!: string;
}

@ObjectType({ description: '应登未登资源分页列表 | Page of unapplied registrations' })
export class CatalogUnappliedRegistrationConnection extends Connection(CatalogUnappliedRegistration) {}

@InputType({ description: '申请资源登记 | Apply for a resource registration' })
export class ApplyResourceRegistrationInput {
  @Field(() => ID, { description: '数据资源 | Resource to register' }) resourceId!: string;
  @Field(() => ResourceRegistrationType, { description: '登记类型（首次/变更/更正/注销）| Kind of registration (first, change, correction, cancellation)' }) type!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '数据提供日（首次登记 20 个工作日时限起算）| When the data was provided' }) providedOn?: string;
  @Field({ nullable: true, description: '登记事项摘要 | Summary of what is registered' }) summary?: string;
}

@InputType({ description: '资源登记筛选条件 | Filter for resource registrations' })
export class ResourceRegistrationFilter {
  @Field(() => ID, { nullable: true, description: '数据资源 | Only this resource' }) resourceId?: string;
  @Field({ nullable: true, description: '辖区 | Only this jurisdiction' }) jurisdiction?: string;
  @Field(() => [ResourceRegistrationState], { nullable: true, description: '登记状态（任一）| Any of these states' }) states?: string[];
}

