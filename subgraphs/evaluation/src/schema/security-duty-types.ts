import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, LocalDateScalar } from '@pdo/platform';
import { Organization } from './common.js';

export enum EmergencyPlanHolderKind {
  OPERATOR = 'OPERATOR',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
}
registerEnumType(EmergencyPlanHolderKind, { name: 'EmergencyPlanHolderKind', description: '应急预案的制定主体 | Who keeps an emergency plan', valuesConfig: { OPERATOR: { description: '运营机构 | The operator' }, SERVICE_PROVIDER: { description: '数据服务商（JL §八(三)）| A data service provider (JL §8(3))' } } });

export enum SecurityRiskLevel {
  LOW = 'LOW',
  SIGNIFICANT = 'SIGNIFICANT',
  MAJOR = 'MAJOR',
}
registerEnumType(SecurityRiskLevel, { name: 'SecurityRiskLevel', description: '安全评估发现的风险等级 | Risk an assessment found', valuesConfig: { LOW: { description: '一般风险 | Low' }, SIGNIFICANT: { description: '较大安全风险（TZ 第27条）| Significant (TZ Art 27)' }, MAJOR: { description: '重大安全风险 | Major' } } });

export enum SecurityAssessmentStatus {
  COMMISSIONED = 'COMMISSIONED',
  REPORTED = 'REPORTED',
  FOLLOWED_UP = 'FOLLOWED_UP',
}
registerEnumType(SecurityAssessmentStatus, { name: 'SecurityAssessmentStatus', description: '第三方安全评估状态 | Status of a third-party security assessment', valuesConfig: { COMMISSIONED: { description: '已委托，待出报告 | Commissioned, report awaited' }, REPORTED: { description: '已出报告，待整改 | Reported, follow-up open' }, FOLLOWED_UP: { description: '已完成（整改已评估或无需整改）| Done: follow-up assessed, or none needed' } } });

export enum FormalTalkGround {
  ASSESSMENT_RISK = 'ASSESSMENT_RISK',
  MAJOR_RISK = 'MAJOR_RISK',
  OVERDUE_RECTIFICATION = 'OVERDUE_RECTIFICATION',
  OTHER = 'OTHER',
}
registerEnumType(FormalTalkGround, { name: 'FormalTalkGround', description: '约谈情形 | Ground of a formal talk', valuesConfig: { ASSESSMENT_RISK: { description: '安全评估发现较大安全风险（TZ 第27条）| An assessment found a significant risk (TZ Art 27)' }, MAJOR_RISK: { description: '评价发现重大安全风险（HN 第22条）| An evaluation found a major risk (HN Art 22)' }, OVERDUE_RECTIFICATION: { description: '未按期整改到位（HN 第22条）| Rectification overdue (HN Art 22)' }, OTHER: { description: '其他（须注明依据）| Other: the authority cites its basis' } } });

export enum SecurityDutyKind {
  DRILL_OVERDUE = 'DRILL_OVERDUE',
  ASSESSMENT_REPORT_OVERDUE = 'ASSESSMENT_REPORT_OVERDUE',
  ASSESSMENT_FOLLOW_UP_OVERDUE = 'ASSESSMENT_FOLLOW_UP_OVERDUE',
  EMERGENCY_PLAN_MISSING = 'EMERGENCY_PLAN_MISSING',
}
registerEnumType(SecurityDutyKind, { name: 'SecurityDutyKind', description: '逾期的安全义务 | Kind of overdue security duty', valuesConfig: { DRILL_OVERDUE: { description: '应急演练逾期 | Emergency drill overdue' }, ASSESSMENT_REPORT_OVERDUE: { description: '第三方安全评估报告逾期 | Assessment report overdue' }, ASSESSMENT_FOLLOW_UP_OVERDUE: { description: '安全评估整改逾期 | Assessment follow-up overdue' }, EMERGENCY_PLAN_MISSING: { description: '授权缺少应急预案（一授权一预案）| An authorization without its emergency plan' } } });

@ObjectType({ description: '应急预案版本 | A version of an emergency plan' })
export class EmergencyPlanVersion {
  @Field(() => Int, { description: '版本号 | Version' }) version!: number;
  @Field(() => String, { description: '预案内容概要 | Summary of the plan' }) summary!: string;
  @Field(() => LocalDateScalar, { description: '发布日期 | Adopted on' }) adoptedOn!: string;
  @Field(() => Int, { nullable: true, description: '预案自定的演练间隔（月）| The plan’s own drill interval in months' }) drillEveryMonths!: number | null;
  @Field(() => Date, { description: '记录时间 | When recorded' }) recordedAt!: string;
}

@ObjectType({ description: '应急演练 | An emergency drill' })
export class EmergencyDrill {
  @Field(() => ID, { description: '演练标识 | Id of the drill' }) id!: string;
  @Field(() => Int, { description: '演练所依预案版本 | Plan version drilled' }) planVersion!: number;
  @Field(() => LocalDateScalar, { description: '演练日期 | Held on' }) heldOn!: string;
  @Field(() => String, { description: '演练场景 | Scenario drilled' }) scenario!: string;
  @Field(() => String, { description: '发现的问题 | Findings' }) findings!: string;
}

@ObjectType({ description: '数据安全事件应急处置预案 | Emergency response plan for data security incidents' })
export class EmergencyPlan {
  @Field(() => ID, { description: '预案标识 | Id of the plan' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Organization, { description: '制定单位 | The organization that keeps it' }) holder!: Organization;
  @Field(() => EmergencyPlanHolderKind, { description: '制定主体类型 | Kind of holder' }) holderKind!: string;
  @Field(() => ID, { nullable: true, description: '对应的授权协议（一授权一预案）| The authorization it is for' }) agreementId!: string | null;
  @Field(() => String, { description: '预案名称 | Title' }) title!: string;
  @Field(() => Int, { description: '现行版本 | Current version' }) currentVersion!: number;
  @Field(() => String, { description: '状态：ACTIVE 有效 / WITHDRAWN 撤销 | Status' }) status!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '下次演练截止日（无演练周期时为空）| Next drill due by; none without a schedule' }) nextDrillDueOn!: string | null;
  @Field(() => Boolean, { description: '演练是否逾期 | Whether the drill is overdue today' }) drillOverdue!: boolean;
}
@ObjectType({ description: '应急预案分页列表 | Page of emergency plans' })
export class EmergencyPlanConnection extends Connection(EmergencyPlan) {}

@ObjectType({ description: '第三方数据安全检测评估（TZ 第27条）| Third-party data security assessment (TZ Art 27)' })
export class SecurityAssessment {
  @Field(() => ID, { description: '评估标识 | Id of the assessment' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Organization, { description: '被评估的运营机构 | The operator assessed' }) operator!: Organization;
  @Field(() => String, { description: '第三方评估机构 | Third-party assessor' }) assessor!: string;
  @Field(() => LocalDateScalar, { description: '委托日期 | Commissioned on' }) commissionedOn!: string;
  @Field(() => LocalDateScalar, { description: '报告截止日 | Report due by' }) reportDueOn!: string;
  @Field(() => SecurityAssessmentStatus, { description: '状态 | Status' }) status!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '评估日期 | Assessed on' }) assessedOn!: string | null;
  @Field(() => SecurityRiskLevel, { nullable: true, description: '风险等级 | Risk found' }) riskLevel!: string | null;
  @Field(() => String, { nullable: true, description: '评估发现 | Findings' }) findings!: string | null;
  @Field(() => String, { nullable: true, description: '整改要求 | Follow-up required' }) followUp!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '整改期限 | Follow-up due by' }) followUpDueOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '整改评估日期 | Follow-up assessed on' }) followedUpOn!: string | null;
  @Field(() => String, { nullable: true, description: '整改结果 | Follow-up result' }) followUpResult!: string | null;
}
@ObjectType({ description: '安全评估分页列表 | Page of security assessments' })
export class SecurityAssessmentConnection extends Connection(SecurityAssessment) {}

@ObjectType({ description: '约谈记录（监管行为）| A formal talk (约谈), a recorded supervisory act' })
export class FormalTalk {
  @Field(() => ID, { description: '约谈标识 | Id of the talk' }) id!: string;
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Organization, { description: '被约谈的运营机构 | The operator' }) operator!: Organization;
  @Field(() => LocalDateScalar, { description: '约谈日期 | Held on' }) heldOn!: string;
  @Field(() => String, { description: '约谈对象 | Who was talked with' }) talkedWith!: string;
  @Field(() => FormalTalkGround, { description: '约谈情形 | Ground' }) ground!: string;
  @Field(() => String, { description: '依据 | Basis (document and article)' }) basis!: string;
  @Field(() => String, { description: '事由 | Reason' }) reason!: string;
  @Field(() => String, { description: '结果 | Outcome' }) outcome!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '整改期限 | Rectification due by' }) rectificationDueOn!: string | null;
  @Field(() => ID, { nullable: true, description: '所依据的安全评估 | The assessment it follows' }) assessmentId!: string | null;
  @Field(() => String, { description: '记录人 | Recorded by' }) recordedBy!: string;
}
@ObjectType({ description: '约谈分页列表 | Page of formal talks' })
export class FormalTalkConnection extends Connection(FormalTalk) {}

@ObjectType({ description: '逾期的安全义务 | An overdue security duty' })
export class SecurityDutyDue {
  @Field(() => SecurityDutyKind, { description: '义务类型 | Kind of duty' }) kind!: string;
  @Field(() => ID, { description: '对象标识（预案、评估或授权）| The plan, assessment or authorization concerned' }) subjectId!: string;
  @Field(() => Organization, { description: '负有义务的单位 | The organization that owes it' }) organization!: Organization;
  @Field(() => ID, { nullable: true, description: '授权协议标识 | Id of the authorization' }) agreementId!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '截止日 | Due by' }) dueOn!: string | null;
  @Field(() => String, { description: '依据 | Where the duty comes from' }) rule!: string;
}
@ObjectType({ description: '逾期安全义务分页列表 | Page of overdue security duties' })
export class SecurityDutyDueConnection extends Connection(SecurityDutyDue) {}

@InputType({ description: '记录应急预案 | Record an emergency plan' })
export class RecordEmergencyPlanInput {
  @Field(() => ID, { nullable: true, description: '制定单位（主管部门代为记录时填写）| Holder, when the authority records it' }) holderOrgId?: string | null;
  @Field(() => EmergencyPlanHolderKind, { nullable: true, description: '制定主体类型（主管部门代为记录时填写）| Kind of holder, when the authority records it' }) holderKind?: EmergencyPlanHolderKind | null;
  @Field(() => ID, { nullable: true, description: '对应的授权协议（一授权一预案时必填）| The authorization (required where one plan per authorization)' }) agreementId?: string | null;
  @Field(() => String, { description: '预案名称 | Title' }) title!: string;
  @Field(() => String, { description: '预案内容概要 | Summary' }) summary!: string;
  @Field(() => LocalDateScalar, { description: '发布日期 | Adopted on' }) adoptedOn!: string;
  @Field(() => Int, { nullable: true, description: '预案自定的演练间隔（月）| The plan’s own drill interval in months' }) drillEveryMonths?: number | null;
}

@InputType({ description: '记录约谈 | Record a formal talk' })
export class RecordFormalTalkInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => ID, { description: '被约谈的运营机构 | The operator' }) operatorId!: string;
  @Field(() => LocalDateScalar, { description: '约谈日期 | Held on' }) heldOn!: string;
  @Field(() => String, { description: '约谈对象（如主要负责人）| Who was talked with (e.g. the principal)' }) talkedWith!: string;
  @Field(() => FormalTalkGround, { description: '约谈情形 | Ground' }) ground!: FormalTalkGround;
  @Field(() => String, { nullable: true, description: '依据（本辖区规定未列该情形时必填）| Basis, where the jurisdiction’s text does not provide the ground' }) basis?: string | null;
  @Field(() => String, { description: '事由 | Reason' }) reason!: string;
  @Field(() => String, { description: '结果 | Outcome' }) outcome!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '整改期限 | Rectification due by' }) rectificationDueOn?: string | null;
  @Field(() => ID, { nullable: true, description: '所依据的安全评估 | The assessment it follows' }) assessmentId?: string | null;
}
