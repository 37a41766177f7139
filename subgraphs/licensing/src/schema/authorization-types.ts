import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection, GraphQLJSON, LocalDateScalar } from '@pdo/platform';
import { AccessGrantStatus, AssetDispositionKind, AuthorizationAgreementStatus, AuthorizationModeKind, DataScenarioCategory, DataScenarioStatus, OperatorApplicationStatus, OperatorSelectionMethod, ReadinessKind, RectificationCause, RectificationStatus, RenewalRequestStatus, ScenarioResourceDecision } from './enums.js';
import { DataResource } from './party-types.js';

/** Calls and applications, agreements with their gates, rectifications and renewals, scenarios and access grants. */
// ── calls and applications ──────────────────────────────────────────────────
@ObjectType({ description: '评分规则 | Scoring rule' })
export class ScoringRule {
  @Field(() => String, { description: '评分项 | What is scored' }) criterion!: string;
  @Field(() => Int, { description: '权重（正整数，合计 100）| Weight, a positive integer; the weights sum to 100' }) weight!: number;
}

@ObjectType({ description: '授权运营公告 | Call for operator applications (公告)' })
export class AuthorizationCall {
  @Field(() => ID, { description: '公告标识 | Id of the call' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '公告标题 | Title' }) title!: string;
  @Field(() => AuthorizationModeKind, { description: '授权方式 | Authorization mode' }) mode!: string;
  @Field(() => OperatorSelectionMethod, { description: '遴选方式 | How the operator is selected' }) selectionMethod!: string;
  @Field(() => [ID], { description: '拟授权的数据资源 | Resources offered' }) resourceIds!: string[];
  @Field(() => [String], { description: '拟授权的领域 | Sectors offered' }) sectors!: string[];
  @Field(() => String, { nullable: true, description: '资格条件说明 | Eligibility notes' }) eligibilityNotes!: string | null;
  @Field(() => [ScoringRule], { description: '评分规则 | Scoring rules' }) scoringRules!: ScoringRule[];
  @Field(() => LocalDateScalar, { description: '申请开始日 | Applications open' }) opensOn!: string;
  @Field(() => LocalDateScalar, { description: '申请截止日 | Applications close' }) closesOn!: string;
  @Field(() => Int, { description: '公示期（工作日）| Publicity period, working days' }) publicityWorkingDays!: number;
  @Field(() => [ID], { description: '受邀单位（邀请招标）| Invited companies (invited tender); empty otherwise' }) invitees!: string[];
  @Field(() => String, { description: '公告状态 | Status of the call' }) status!: string;
  @Field(() => Int, { description: '发布时所依据的政策配置版本 | Policy profile version the call was published under' }) profileVersion!: number;
  @Field(() => Date, { description: '创建时间 | When it was recorded' }) createdAt!: Date;
}
@ObjectType({ description: '授权运营公告分页列表 | Page of calls for applications' })
export class AuthorizationCallConnection extends Connection(AuthorizationCall) {}

@ObjectType({ description: '申请材料（哈希存证） | Application document (hash)' })
export class ApplicationDocument {
  @Field(() => String, { description: '材料类型 | Kind of document' }) kind!: string;
  @Field(() => String, { description: '文件名 | File name' }) name!: string;
  @Field(() => String, { description: '文件 SHA-256 哈希（存证）| SHA-256 of the file, as evidence' }) sha256!: string;
}
@ObjectType({ description: '公示异议 | Objection during publicity' })
export class ApplicationObjection {
  @Field(() => Int, { description: '异议序号 | Number of the objection' }) index!: number;
  @Field(() => String, { description: '提出人（用户标识）| Who raised it (subject)' }) raisedBy!: string;
  @Field(() => String, { description: '异议内容 | What is objected' }) text!: string;
  @Field(() => LocalDateScalar, { description: '提出日 | Day raised' }) raisedOn!: string;
  @Field(() => String, { description: '处理状态 | Where it stands' }) status!: string;
  @Field(() => String, { nullable: true, description: '处理结论 | Resolution' }) resolution!: string | null;
}
@ObjectType({ description: '逐项评分 | Score of one criterion' })
export class CriterionScore {
  @Field(() => String, { description: '评分项（公告评分规则之一）| Criterion, one of the call\'s scoring rules' }) criterion!: string;
  @Field(() => String, { description: '得分（0–100，十进制字符串）| Score 0–100, a decimal string' }) score!: string;
}
@ObjectType({ description: '专家评审 | Expert review' })
export class ExpertReview {
  @Field(() => ID, { description: '评审标识 | Id of the review' }) id!: string;
  @Field(() => String, { description: '评审专家（用户标识）| The expert (subject)' }) expertSub!: string;
  @Field(() => String, { description: '加权总分（两位小数）| Weighted total, 2 decimals' }) score!: string;
  @Field(() => String, { description: '加权总分（精确，四位小数，用于排名）| Exact weighted total, 4 decimals, which ranks' }) weightedScore!: string;
  @Field(() => [CriterionScore], { description: '逐项评分 | Score per criterion' }) criterionScores!: CriterionScore[];
  @Field(() => String, { description: '评审意见 | Opinion' }) opinion!: string;
  @Field(() => Date, { description: '评审时间 | When it was given' }) createdAt!: Date;
}

@ObjectType({ description: '运营主体申请 | Operator application' })
export class OperatorApplication {
  @Field(() => ID, { description: '申请标识 | Id of the application' }) id!: string;
  @Field(() => ID, { nullable: true, description: '所申请的公告（续期重新申请无公告）| Id of the call applied to; none for a re-application for renewal' }) callId!: string | null;
  @Field(() => ID, { nullable: true, description: '拟续签的原协议（续期重新申请）| Agreement a re-application for renewal would succeed' }) renewsAgreementId!: string | null;
  @Field(() => ID, { description: '申请主体 | Id of the applicant' }) applicantId!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => OperatorApplicationStatus, { description: '申请状态 | Where the application stands' }) status!: string;
  @Field(() => [ApplicationDocument], { description: '申请材料 | Documents filed' }) documents!: ApplicationDocument[];
  @Field(() => LocalDateScalar, { description: '申请日 | Day submitted' }) submittedOn!: string;
  @Field(() => String, { nullable: true, description: '补正要求 | What must be supplemented' }) supplementRequest!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '公示截止日 | Publicity ends on' }) publicityEndsOn!: string | null;
  @Field(() => [ApplicationObjection], { description: '公示期异议 | Objections during publicity' }) objections!: ApplicationObjection[];
  @Field(() => String, { nullable: true, description: '决定说明 | Note on the decision' }) decisionNote!: string | null;
  @Field(() => ID, { nullable: true, description: '签订的协议（入选后）| Agreement signed, once selected' }) agreementId!: string | null;
  @Field(() => Date, { description: '创建时间 | When it was recorded' }) createdAt!: Date;
}
@ObjectType({ description: '运营主体申请分页列表 | Page of operator applications' })
export class OperatorApplicationConnection extends Connection(OperatorApplication) {}

// ── agreements ──────────────────────────────────────────────────────────────
@ObjectType({ description: '准入条件记录 | Readiness record (training, security review, emergency plan)' })
export class ReadinessRecord {
  @Field(() => ID, { description: '记录标识 | Id of the record' }) id!: string;
  @Field(() => ReadinessKind, { description: '条件类型 | Kind of readiness condition' }) kind!: string;
  @Field(() => String, { description: '事项（如培训主题、审查机构）| Subject, e.g. the training or the reviewer' }) subject!: string;
  @Field(() => Boolean, { description: '是否通过 | Whether it was passed' }) passed!: boolean;
  @Field(() => LocalDateScalar, { description: '完成日 | Day done' }) doneOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '备案日 | Day filed with the authority' }) filedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '有效期至（安全审查） | Valid until (security review)' }) validUntil!: string | null;
  @Field(() => String, { nullable: true, description: '证明文件哈希 | Hash of the supporting document' }) documentHash!: string | null;
}
@ObjectType({ description: '准入条件（按辖区配置） | A readiness gate of the profile' })
export class ReadinessGate {
  @Field(() => String, { description: '条件名称 | Name of the gate' }) gate!: string;
  @Field(() => Boolean, { description: '本辖区是否要求 | Required in this jurisdiction' }) required!: boolean;
  @Field(() => Boolean, { description: '是否已满足 | Whether it is met' }) satisfied!: boolean;
  @Field(() => String, { description: '说明 | Detail' }) detail!: string;
  @Field(() => String, { description: '依据 | Source of the requirement' }) source!: string;
}
@ObjectType({ description: '整改 | Rectification' })
export class Rectification {
  @Field(() => ID, { description: '整改标识 | Id of the rectification' }) id!: string;
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) agreementId!: string;
  @Field(() => RectificationCause, { description: '整改原因 | Cause' }) cause!: string;
  @Field(() => String, { description: '下达来源：AUTHORITY（主管部门）或 EVALUATION（运营评价）| Who ordered it: AUTHORITY or EVALUATION' }) origin!: string;
  @Field(() => String, { description: '整改事项 | What must be rectified' }) description!: string;
  @Field(() => String, { nullable: true, description: '来源评价发现（如有）| Evaluation finding that caused it, if any' }) findingId!: string | null;
  @Field(() => String, { nullable: true, description: '运营主体提交的整改方案 | The operator\'s plan' }) plan!: string | null;
  @Field(() => LocalDateScalar, { description: '整改期限 | Deadline' }) deadline!: string;
  @Field(() => RectificationStatus, { description: '整改状态 | Where it stands' }) status!: string;
  @Field(() => String, { nullable: true, description: '验收意见 | Conclusion note' }) outcomeNote!: string | null;
  @Field(() => Date, { description: '下达时间 | When it was ordered' }) openedAt!: Date;
  @Field(() => Date, { nullable: true, description: '结束时间 | When it was closed' }) closedAt!: Date | null;
}
@ObjectType({ description: '续期申请 | Renewal request' })
export class RenewalRequest {
  @Field(() => ID, { description: '续期申请标识 | Id of the renewal request' }) id!: string;
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) agreementId!: string;
  @Field(() => LocalDateScalar, { description: '申请日 | Day requested' }) requestedOn!: string;
  @Field(() => LocalDateScalar, { description: '拟续期至 | Proposed new end date' }) proposedEndDate!: string;
  @Field(() => RenewalRequestStatus, { description: '申请状态 | Where it stands' }) status!: string;
  @Field(() => String, { nullable: true, description: '决定说明 | Note on the decision' }) decisionNote!: string | null;
}
@ObjectType({ description: '资产处置记录 | Asset disposition on exit' })
export class AssetDisposition {
  @Field(() => AssetDispositionKind, { description: '处置方式 | Transfer or destroy' }) kind!: string;
  @Field(() => ID, { nullable: true, description: '承接主体 | Successor organization' }) successorId!: string | null;
  @Field(() => String, { description: '处置说明 | Note' }) note!: string;
  @Field(() => LocalDateScalar, { description: '记录日 | Day recorded' }) recordedOn!: string;
}

@ObjectType({ description: '授权运营协议 | Authorization agreement' })
@Directive('@key(fields: "id")')
export class AuthorizationAgreement {
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) id!: string;
  @Field(() => String, { description: '协议编号 | Agreement number' }) number!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => ID, { description: '运营主体 | Id of the operator' }) operatorId!: string;
  @Field(() => ID, { nullable: true, description: '来源申请 | Id of the application it came from' }) applicationId!: string | null;
  @Field(() => AuthorizationModeKind, { description: '授权方式 | Authorization mode' }) mode!: string;
  @Field(() => AuthorizationAgreementStatus, { description: '协议状态 | Where the agreement stands' }) status!: string;
  @Field(() => LocalDateScalar, { description: '生效日 | First day of the agreement' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: '最后一日 | Last day of the term' }) endDate!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '试运行期末日 | Last day of the trial' }) trialEndDate!: string | null;
  @Field(() => [ID], { description: '授权的数据资源 | Resources authorized' }) resourceIds!: string[];
  @Field(() => [String], { description: '授权的领域 | Sectors authorized' }) sectors!: string[];
  @Field(() => GraphQLJSON, { description: '协议内容（NS第14条） | Contents per NS Art 14' }) contents!: unknown;
  @Field(() => Int, { description: '签署时的政策配置版本 | Profile version it was signed under' }) profileVersion!: number;
  @Field(() => LocalDateScalar, { description: '签订日 | Day signed' }) signedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '备案日 | Day filed with the authority' }) filedOn!: string | null;
  @Field(() => Date, { nullable: true, description: '启用时间 | When it was activated' }) activatedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '当前状态的原因 | Reason for the current status' }) statusReason!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '提前终止通知日 | Day early termination was requested' }) terminationNoticeOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '提前终止生效日 | Day early termination takes effect' }) terminationEffectiveOn!: string | null;
  @Field(() => Boolean, { description: '对方是否同意提前终止 | Whether the other side consented to end early' }) terminationConsented!: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: '结束日 | Day the agreement ended' }) endedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '数据删除完成日 | Day the data was deleted' }) dataDeletedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '日志最早可清除日 | Earliest log purge date' }) logPurgeEarliest!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '日志清除日 | Day the logs were purged' }) logsPurgedOn!: string | null;
  @Field(() => AssetDisposition, { nullable: true, description: '资产处置记录 | Asset disposition on exit' }) assetDisposition!: AssetDisposition | null;
}
@ObjectType({ description: '授权运营协议分页列表 | Page of authorization agreements' })
export class AuthorizationAgreementConnection extends Connection(AuthorizationAgreement) {}

// ── scenarios and grants ────────────────────────────────────────────────────
@ObjectType({ description: '场景申请的数据资源 | A resource requested by a scenario' })
export class ScenarioResource {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) resourceId!: string;
  @Field(() => DataResource, { description: '数据资源 | The resource' }) resource!: DataResource;
  @Field(() => ID, { description: '数源单位 | The source unit that owns the resource' }) sourceAgencyId!: string;
  @Field(() => String, { description: '最小必要理由 | Minimum-necessity justification' }) justification!: string;
  @Field(() => [String], { description: '申请的数据项 | Fields requested' }) fields!: string[];
  @Field(() => ScenarioResourceDecision, { description: '审核结论 | Decision on this resource' }) decision!: string;
  @Field(() => String, { nullable: true, description: '不予授权的理由 | Reason for refusing it' }) reason!: string | null;
}

@ObjectType({ description: '访问授权 | Access grant' })
@Directive('@key(fields: "id")')
export class AccessGrant {
  @Field(() => ID, { description: '访问授权标识 | Id of the grant' }) id!: string;
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) agreementId!: string;
  @Field(() => ID, { description: '应用场景标识 | Id of the scenario' }) scenarioId!: string;
  @Field(() => ID, { description: '运营主体标识 | Id of the operator' }) operatorId!: string;
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) resourceId!: string;
  @Field(() => DataResource, { description: '被授权访问的数据资源 | The resource granted' }) resource!: DataResource;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => LocalDateScalar, { description: '到期日 | Day the grant expires' }) expiresOn!: string;
  @Field(() => AccessGrantStatus, { description: '授权状态 | Grant status' }) status!: string;
  @Field(() => String, { nullable: true, description: '暂停或撤销的原因 | Reason for pausing or revoking' }) reason!: string | null;
  @Field(() => Date, { description: '更新时间 | Last change' }) updatedAt!: Date;
}
@ObjectType({ description: '访问授权分页列表 | Page of access grants' })
export class AccessGrantConnection extends Connection(AccessGrant) {}

@ObjectType({ description: '应用场景（一场景一申请一审核） | Scenario and its data request' })
@Directive('@key(fields: "id")')
export class DataScenario {
  @Field(() => ID, { description: '场景标识 | Id of the scenario' }) id!: string;
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) agreementId!: string;
  @Field(() => ID, { description: '运营主体标识 | Id of the operator' }) operatorId!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '场景名称 | Scenario name' }) nameZh!: string;
  @Field(() => String, { description: '场景说明 | What the scenario does' }) description!: string;
  @Field(() => DataScenarioCategory, { description: '场景类别 | Category' }) category!: string;
  @Field(() => String, { nullable: true, description: '预期价值 | Expected value' }) expectedValue!: string | null;
  @Field(() => String, { nullable: true, description: '实施方案 | Implementation plan' }) plan!: string | null;
  @Field(() => DataScenarioStatus, { description: '审核状态 | Where the scenario stands' }) status!: string;
  @Field(() => LocalDateScalar, { description: '申请日 | Day submitted' }) submittedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '审核期限（依据未规定时为空）| Review due; null where no rule sets one' }) reviewDueOn!: string | null;
  @Field(() => [String], { description: '不予通过的理由 | Reasons for refusal' }) refusalReasons!: string[];
  @Field(() => Date, { nullable: true, description: '审核决定时间 | When it was decided' }) decidedAt!: Date | null;
}
@ObjectType({ description: '应用场景分页列表 | Page of scenarios' })
export class DataScenarioConnection extends Connection(DataScenario) {}
