import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection, LocalDateScalar } from '@pdo/platform';
import { DataResource, Organization, ResourceRegistrationState, ResourceRegistrationType } from './types.js';

@ObjectType({ description: '登记步骤记录 | One step of a registration' })
export class ResourceRegistrationStep {
  @Field() action!: string;
  @Field(() => ResourceRegistrationState, { nullable: true }) fromState!: string | null;
  @Field(() => ResourceRegistrationState) toState!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field() actorSub!: string;
  @Field() actorRole!: string;
  @Field(() => LocalDateScalar) onDate!: string;
  @Field(() => Date) at!: Date;
}

@ObjectType({ description: '数据资源登记 (RG) | Resource registration' })
export class ResourceRegistration {
  @Field(() => ID) id!: string;
  @Field(() => DataResource, { nullable: true }) resource!: DataResource | null;
  @Field() jurisdiction!: string;
  @Field(() => ResourceRegistrationType) type!: string;
  @Field(() => ResourceRegistrationState) state!: string;
  @Field(() => Organization, { nullable: true }) registrant!: Organization | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '数据提供日 | When the data was provided' }) providedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '首次登记申请截止日（提供后 20 个工作日）| First application due' }) applicationDueOn!: string | null;
  @Field({ nullable: true, description: '首次登记是否逾期申请 | Applied after the first-application deadline' }) appliedLate!: boolean;
  @Field(() => LocalDateScalar) submittedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) acceptedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) noticeStartedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) codedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validUntil!: string | null;
  @Field(() => String, { nullable: true, description: '登记编码 | Registration code' }) registrationCode!: string | null;
  @Field(() => String, { nullable: true, description: '等待的环节 | What is awaited now' }) awaiting!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '当前环节到期日（工作日）| Due date of the awaited step' }) dueOn!: string | null;
  @Field({ description: '是否逾期 | Overdue today' }) overdue!: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: '可申请续期起始日 | Renewal window opens' }) renewalOpensOn!: string | null;
  @Field(() => String, { nullable: true }) lastReason!: string | null;
  @Field() summary!: string;
  @Field(() => [ResourceRegistrationStep]) steps!: ResourceRegistrationStep[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType()
export class ResourceRegistrationConnection extends Connection(ResourceRegistration) {}

@ObjectType({ description: '已提供数据但逾期未申请首次登记的资源（应登未登）| Data provided, first registration never applied for, past its due date' })
export class CatalogUnappliedRegistration {
  @Field(() => DataResource, { nullable: true }) resource!: DataResource | null;
  @Field() jurisdiction!: string;
  @Field(() => Organization) sourceAgency!: Organization;
  @Field(() => LocalDateScalar, { description: '数据提供日（首次授权使用之日）| Data provided on (first access grant)' }) providedOn!: string;
  @Field(() => LocalDateScalar, { description: '首次登记申请截止日 | First application was due' }) applicationDueOn!: string;
  @Field({ description: '依据 | Rule' }) rule!: string;
}

@ObjectType()
export class CatalogUnappliedRegistrationConnection extends Connection(CatalogUnappliedRegistration) {}

@InputType()
export class ApplyResourceRegistrationInput {
  @Field(() => ID) resourceId!: string;
  @Field(() => ResourceRegistrationType) type!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '数据提供日（首次登记 20 个工作日时限起算）| When the data was provided' }) providedOn?: string;
  @Field({ nullable: true }) summary?: string;
}

@InputType()
export class ResourceRegistrationFilter {
  @Field(() => ID, { nullable: true }) resourceId?: string;
  @Field({ nullable: true }) jurisdiction?: string;
  @Field(() => [ResourceRegistrationState], { nullable: true }) states?: string[];
}

