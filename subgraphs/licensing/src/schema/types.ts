import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, GraphQLJSON, LocalDateScalar } from '@pdo/platform';

export enum OrgKind {
  AUTHORITY = 'AUTHORITY',
  IMPLEMENTING_AGENCY = 'IMPLEMENTING_AGENCY',
  SOURCE_AGENCY = 'SOURCE_AGENCY',
  OPERATOR = 'OPERATOR',
  DEVELOPER = 'DEVELOPER',
  SERVICE_PROVIDER = 'SERVICE_PROVIDER',
  EXPERT_BODY = 'EXPERT_BODY',
}
registerEnumType(OrgKind, {
  name: 'OrgKind',
  description: '主体类型 | Party kind',
  valuesConfig: {
    AUTHORITY: { description: '数据主管部门 | Data authority' },
    IMPLEMENTING_AGENCY: { description: '实施机构 | Implementing agency' },
    SOURCE_AGENCY: { description: '数据提供单位 | Source agency' },
    OPERATOR: { description: '授权运营主体 | Authorized operator' },
    DEVELOPER: { description: '二次开发者 | Secondary developer' },
    SERVICE_PROVIDER: { description: '服务商 | Service provider' },
    EXPERT_BODY: { description: '专家机构 | Expert body' },
  },
});

export enum AuthorizationModeKind { WHOLE = 'WHOLE', BY_DOMAIN = 'BY_DOMAIN', BY_SCENARIO = 'BY_SCENARIO' }
registerEnumType(AuthorizationModeKind, {
  name: 'AuthorizationModeKind',
  description: '授权方式 | Authorization mode',
  valuesConfig: { WHOLE: { description: '整体授权 | Whole scope' }, BY_DOMAIN: { description: '分领域授权 | By domain' }, BY_SCENARIO: { description: '依场景授权 | By scenario' } },
});

export enum OperatorSelectionMethod { OPEN_TENDER = 'OPEN_TENDER', INVITED_TENDER = 'INVITED_TENDER', NEGOTIATION = 'NEGOTIATION', EXPERT_REVIEW = 'EXPERT_REVIEW' }
registerEnumType(OperatorSelectionMethod, {
  name: 'OperatorSelectionMethod',
  description: '遴选方式 | Selection method',
  valuesConfig: { OPEN_TENDER: { description: '公开招标 | Open tender' }, INVITED_TENDER: { description: '邀请招标 | Invited tender' }, NEGOTIATION: { description: '竞争性谈判/磋商 | Negotiation' }, EXPERT_REVIEW: { description: '专家评审 | Expert review' } },
});

export enum OperatorApplicationStatus {
  SUBMITTED = 'SUBMITTED', SUPPLEMENT_REQUESTED = 'SUPPLEMENT_REQUESTED', EXPERT_REVIEW = 'EXPERT_REVIEW', PUBLICITY = 'PUBLICITY', FILED = 'FILED', APPROVED = 'APPROVED', SIGNED = 'SIGNED', REJECTED = 'REJECTED',
}
registerEnumType(OperatorApplicationStatus, {
  name: 'OperatorApplicationStatus',
  description: '运营主体申请状态 | Operator application status',
  valuesConfig: {
    SUBMITTED: { description: '已申请/预审中 | Submitted, in pre-check' },
    SUPPLEMENT_REQUESTED: { description: '待补正 | Supplement requested' },
    EXPERT_REVIEW: { description: '专家评审 | Expert review' },
    PUBLICITY: { description: '公示 | Publicity' },
    FILED: { description: '已报备 | Filed with the government' },
    APPROVED: { description: '三重一大已批准 | Major decision approved' },
    SIGNED: { description: '已签约 | Signed' },
    REJECTED: { description: '未通过 | Rejected' },
  },
});

export enum AuthorizationAgreementStatus { SIGNED = 'SIGNED', ACTIVE = 'ACTIVE', SUSPENDED = 'SUSPENDED', TERMINATED = 'TERMINATED', EXPIRED = 'EXPIRED', EXITED = 'EXITED' }
registerEnumType(AuthorizationAgreementStatus, {
  name: 'AuthorizationAgreementStatus',
  description: '授权协议状态 | Agreement status',
  valuesConfig: {
    SIGNED: { description: '已签署 | Signed' }, ACTIVE: { description: '生效 | Active' }, SUSPENDED: { description: '暂停（整改） | Suspended for rectification' },
    TERMINATED: { description: '终止 | Terminated' }, EXPIRED: { description: '到期 | Expired' }, EXITED: { description: '已退出 | Exited' },
  },
});

export enum ReadinessKind { TRAINING = 'TRAINING', SECURITY_REVIEW = 'SECURITY_REVIEW', EMERGENCY_PLAN = 'EMERGENCY_PLAN' }
registerEnumType(ReadinessKind, { name: 'ReadinessKind', description: '准入条件记录类型：岗前培训、安全审查、应急预案 | Training, security review, emergency plan' });

export enum RectificationCause {
  SECURITY_DUTIES_NOT_PERFORMED = 'SECURITY_DUTIES_NOT_PERFORMED', UNLAWFUL_USE_CAUSING_LOSS = 'UNLAWFUL_USE_CAUSING_LOSS', MAJOR_RISK = 'MAJOR_RISK',
  USE_OUTSIDE_SCOPE = 'USE_OUTSIDE_SCOPE', OTHER_BREACH = 'OTHER_BREACH', EVALUATION_FINDING = 'EVALUATION_FINDING', SECURITY_ASSESSMENT = 'SECURITY_ASSESSMENT',
}
registerEnumType(RectificationCause, { name: 'RectificationCause', description: '整改事由（泰州第29条等） | Rectification cause (TZ Art 29, evaluation, security assessment)' });

export enum RectificationStatus { OPEN = 'OPEN', PLAN_SUBMITTED = 'PLAN_SUBMITTED', PASSED = 'PASSED', FAILED = 'FAILED' }
registerEnumType(RectificationStatus, { name: 'RectificationStatus', description: '整改状态 | Rectification status' });

export enum RenewalRequestStatus { PENDING = 'PENDING', APPROVED = 'APPROVED', REFUSED = 'REFUSED' }
registerEnumType(RenewalRequestStatus, { name: 'RenewalRequestStatus', description: '续期申请状态 | Renewal request status' });

export enum DataScenarioCategory { PUBLIC_WELFARE = 'PUBLIC_WELFARE', INDUSTRY = 'INDUSTRY' }
registerEnumType(DataScenarioCategory, {
  name: 'DataScenarioCategory',
  description: '场景类别 | Scenario category',
  valuesConfig: { PUBLIC_WELFARE: { description: '公共治理、公益事业（免费） | Public governance / welfare (free)' }, INDUSTRY: { description: '产业、行业发展（有偿） | Industry / sector development (paid)' } },
});

export enum DataScenarioStatus { SUBMITTED = 'SUBMITTED', APPROVED = 'APPROVED', REFUSED = 'REFUSED' }
registerEnumType(DataScenarioStatus, { name: 'DataScenarioStatus', description: '场景审核状态 | Scenario review status' });

export enum ScenarioResourceDecision { PENDING = 'PENDING', APPROVED = 'APPROVED', REFUSED = 'REFUSED' }
registerEnumType(ScenarioResourceDecision, { name: 'ScenarioResourceDecision', description: '来源部门审核意见 | Source agency decision' });

export enum AccessGrantStatus { ACTIVE = 'ACTIVE', PAUSED = 'PAUSED', REVOKED = 'REVOKED' }
registerEnumType(AccessGrantStatus, { name: 'AccessGrantStatus', description: '访问授权状态 | Access grant status', valuesConfig: { ACTIVE: { description: '有效 | Active' }, PAUSED: { description: '暂停 | Paused' }, REVOKED: { description: '撤销 | Revoked' } } });

export enum PenaltySeverity { MINOR = 'MINOR', SERIOUS = 'SERIOUS' }
registerEnumType(PenaltySeverity, { name: 'PenaltySeverity', description: '行政处罚严重程度 | Penalty severity' });
export enum OrgIncidentSeverity { MINOR = 'MINOR', MAJOR = 'MAJOR' }
registerEnumType(OrgIncidentSeverity, { name: 'OrgIncidentSeverity', description: '安全事件影响程度 | Incident severity (MAJOR: relatively large impact)' });
export enum AssetDispositionKind { TRANSFER = 'TRANSFER', DESTROY = 'DESTROY' }
registerEnumType(AssetDispositionKind, { name: 'AssetDispositionKind', description: '资产处置：移交或销毁 | Asset disposition: transfer or destroy' });

// ── referenced entities of other subgraphs ──────────────────────────────────
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class DataResource {
  @Field(() => ID) id!: string;
}

// ── policy ──────────────────────────────────────────────────────────────────
@ObjectType({ description: '政策配置项（含依据） | A profile setting with its source' })
export class PolicySetting {
  @Field(() => String) name!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'null：文件未设定 | null: not set by the documents' }) value!: unknown;
  @Field(() => String, { description: '依据文件及条款 | Document and article' }) source!: string;
}

@ObjectType({ description: '辖区政策配置 | Jurisdiction policy profile' })
export class PolicyProfile {
  @Field(() => String) jurisdiction!: string;
  @Field(() => Int, { description: '版本（1 = 文件原始设置） | Version (1 = the documents\' own settings)' }) version!: number;
  @Field(() => [PolicySetting]) settings!: PolicySetting[];
}

@ObjectType({ description: '政策配置修改记录 | A profile edit' })
export class PolicyProfileVersion {
  @Field(() => String) jurisdiction!: string;
  @Field(() => Int) version!: number;
  @Field(() => [String]) changedFields!: string[];
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => String) editedBy!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: '辖区 | Jurisdiction' })
export class Jurisdiction {
  @Field(() => String) code!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String) nameEn!: string;
  @Field(() => String) level!: string;
}

// ── organizations ───────────────────────────────────────────────────────────
@ObjectType({ description: '纳税信用等级 | Tax credit grade of a year' })
export class TaxCreditGrade {
  @Field(() => Int) year!: number;
  @Field(() => String) grade!: string;
}
@ObjectType({ description: '行政处罚 | Administrative penalty' })
export class AdministrativePenalty {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => PenaltySeverity) severity!: PenaltySeverity;
  @Field(() => String, { nullable: true }) description?: string | null;
}
@ObjectType({ description: '失信名单记录 | Dishonesty-list entry' })
export class DishonestListEntry {
  @Field(() => String) list!: string;
  @Field(() => LocalDateScalar) listedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) removedOn?: string | null;
}
@ObjectType({ description: '网络/数据安全事件记录 | Security incident on record' })
export class OrgSecurityIncident {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => OrgIncidentSeverity) severity!: OrgIncidentSeverity;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType({ description: '主体 | Organization (every party)' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String, { description: '名称 | Name (Chinese)' }) name!: string;
  @Field(() => String, { nullable: true }) nameEn!: string | null;
  @Field(() => [OrgKind]) kinds!: OrgKind[];
  @Field(() => String, { nullable: true, description: '统一社会信用代码 | Unified social credit code' }) creditCode!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '成立日期 | Founding date' }) foundedOn!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType()
export class OrganizationConnection extends Connection(Organization) {}

export enum OrganizationChangeProposalStatus { PENDING = 'PENDING', ACCEPTED = 'ACCEPTED', REJECTED = 'REJECTED', WITHDRAWN = 'WITHDRAWN' }
registerEnumType(OrganizationChangeProposalStatus, {
  name: 'OrganizationChangeProposalStatus',
  description: '主体事实变更申请状态 | Status of a proposed change of a party\'s facts',
  valuesConfig: {
    PENDING: { description: '待审核 | Pending' },
    ACCEPTED: { description: '已采纳 | Accepted (the facts changed)' },
    REJECTED: { description: '已驳回 | Rejected with a reason' },
    WITHDRAWN: { description: '已撤回 | Withdrawn by the proposer' },
  },
});
export enum OrganizationFactChangeKind { REGISTERED = 'REGISTERED', RECORDED = 'RECORDED', PROPOSAL_ACCEPTED = 'PROPOSAL_ACCEPTED', INCIDENT_REPORTED = 'INCIDENT_REPORTED' }
registerEnumType(OrganizationFactChangeKind, {
  name: 'OrganizationFactChangeKind',
  description: '主体事实变更来源 | How a fact change came about',
  valuesConfig: {
    REGISTERED: { description: '登记 | Registration' },
    RECORDED: { description: '主管部门直接登记 | Recorded by an official' },
    PROPOSAL_ACCEPTED: { description: '采纳主体申请 | A proposal accepted by an official' },
    INCIDENT_REPORTED: { description: '安全事件报送 | A security incident reported in evaluation' },
  },
});

@ObjectType({ description: '证明材料 | Evidence of a fact change' })
export class FactEvidence {
  @Field(() => String, { description: '文件编号或名称 | Document reference' }) documentRef!: string;
  @Field(() => LocalDateScalar, { description: '文件日期 | Document date' }) documentDate!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: '主体事实变更记录（谁、何时、依据、原值→新值） | One recorded change of a party\'s facts: who, when, evidence, old → new' })
export class OrganizationFactChange {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => OrganizationFactChangeKind) kind!: string;
  @Field(() => [String], { description: '变更的事实 | Facts that changed' }) fields!: string[];
  @Field(() => GraphQLJSON, { description: '原值 | Values before' }) oldValues!: Record<string, unknown>;
  @Field(() => GraphQLJSON, { description: '新值 | Values after' }) newValues!: Record<string, unknown>;
  @Field(() => FactEvidence) evidence!: FactEvidence;
  @Field(() => String, { description: '登记人 | Recorded by (user)' }) recordedBy!: string;
  @Field(() => String) recordedByRole!: string;
  @Field(() => ID, { nullable: true }) recordedByOrganizationId!: string | null;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => ID, { nullable: true, description: '来源申请 | The proposal it came from' }) proposalId!: string | null;
}
@ObjectType()
export class OrganizationFactChangeConnection extends Connection(OrganizationFactChange) {}

@ObjectType({ description: '主体事实变更申请 | A party\'s proposed change of its facts, with evidence' })
export class OrganizationChangeProposal {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => GraphQLJSON, { description: '申请的新值 | Proposed values' }) changes!: Record<string, unknown>;
  @Field(() => FactEvidence) evidence!: FactEvidence;
  @Field(() => OrganizationChangeProposalStatus) status!: string;
  @Field(() => String) proposedBy!: string;
  @Field(() => String) proposedByRole!: string;
  @Field(() => Date) proposedAt!: Date;
  @Field(() => String, { nullable: true }) decidedBy!: string | null;
  @Field(() => String, { nullable: true }) decidedByRole!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '驳回理由或采纳说明 | Reason of a rejection, note of an acceptance' }) decisionReason!: string | null;
}
@ObjectType()
export class OrganizationChangeProposalConnection extends Connection(OrganizationChangeProposal) {}

@ObjectType({ description: '资格条件逐项结果 | One eligibility criterion with its result and reason' })
export class EligibilityCriterion {
  @Field(() => String) criterion!: string;
  @Field(() => Boolean) passed!: boolean;
  @Field(() => String) reasonZh!: string;
  @Field(() => String) reasonEn!: string;
  @Field(() => String) source!: string;
}
@ObjectType({ description: '资格审查结果 | Eligibility result' })
export class EligibilityResult {
  @Field(() => Boolean) eligible!: boolean;
  @Field(() => LocalDateScalar) asOf!: string;
  @Field(() => Int) profileVersion!: number;
  @Field(() => [EligibilityCriterion]) criteria!: EligibilityCriterion[];
}

// ── calls and applications ──────────────────────────────────────────────────
@ObjectType({ description: '评分规则 | Scoring rule' })
export class ScoringRule {
  @Field(() => String) criterion!: string;
  @Field(() => Int) weight!: number;
}

@ObjectType({ description: '授权运营公告 | Call for operator applications (公告)' })
export class AuthorizationCall {
  @Field(() => ID) id!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) title!: string;
  @Field(() => AuthorizationModeKind) mode!: string;
  @Field(() => OperatorSelectionMethod) selectionMethod!: string;
  @Field(() => [ID]) resourceIds!: string[];
  @Field(() => [String]) sectors!: string[];
  @Field(() => String, { nullable: true }) eligibilityNotes!: string | null;
  @Field(() => [ScoringRule]) scoringRules!: ScoringRule[];
  @Field(() => LocalDateScalar) opensOn!: string;
  @Field(() => LocalDateScalar) closesOn!: string;
  @Field(() => Int) publicityWorkingDays!: number;
  @Field(() => String) status!: string;
  @Field(() => Int) profileVersion!: number;
  @Field(() => Date) createdAt!: Date;
}
@ObjectType()
export class AuthorizationCallConnection extends Connection(AuthorizationCall) {}

@ObjectType({ description: '申请材料（哈希存证） | Application document (hash)' })
export class ApplicationDocument {
  @Field(() => String) kind!: string;
  @Field(() => String) name!: string;
  @Field(() => String) sha256!: string;
}
@ObjectType({ description: '公示异议 | Objection during publicity' })
export class ApplicationObjection {
  @Field(() => Int) index!: number;
  @Field(() => String) raisedBy!: string;
  @Field(() => String) text!: string;
  @Field(() => LocalDateScalar) raisedOn!: string;
  @Field(() => String) status!: string;
  @Field(() => String, { nullable: true }) resolution!: string | null;
}
@ObjectType({ description: '专家评审 | Expert review' })
export class ExpertReview {
  @Field(() => ID) id!: string;
  @Field(() => String) expertSub!: string;
  @Field(() => String) score!: string;
  @Field(() => String) opinion!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: '运营主体申请 | Operator application' })
export class OperatorApplication {
  @Field(() => ID) id!: string;
  @Field(() => ID) callId!: string;
  @Field(() => ID) applicantId!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => OperatorApplicationStatus) status!: string;
  @Field(() => [ApplicationDocument]) documents!: ApplicationDocument[];
  @Field(() => LocalDateScalar) submittedOn!: string;
  @Field(() => String, { nullable: true }) supplementRequest!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) publicityEndsOn!: string | null;
  @Field(() => [ApplicationObjection]) objections!: ApplicationObjection[];
  @Field(() => String, { nullable: true }) decisionNote!: string | null;
  @Field(() => ID, { nullable: true }) agreementId!: string | null;
  @Field(() => Date) createdAt!: Date;
}
@ObjectType()
export class OperatorApplicationConnection extends Connection(OperatorApplication) {}

// ── agreements ──────────────────────────────────────────────────────────────
@ObjectType({ description: '准入条件记录 | Readiness record (training, security review, emergency plan)' })
export class ReadinessRecord {
  @Field(() => ID) id!: string;
  @Field(() => ReadinessKind) kind!: string;
  @Field(() => String) subject!: string;
  @Field(() => Boolean) passed!: boolean;
  @Field(() => LocalDateScalar) doneOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) filedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '有效期至（安全审查） | Valid until (security review)' }) validUntil!: string | null;
  @Field(() => String, { nullable: true }) documentHash!: string | null;
}
@ObjectType({ description: '准入条件（按辖区配置） | A readiness gate of the profile' })
export class ReadinessGate {
  @Field(() => String) gate!: string;
  @Field(() => Boolean) required!: boolean;
  @Field(() => Boolean) satisfied!: boolean;
  @Field(() => String) detail!: string;
  @Field(() => String) source!: string;
}
@ObjectType({ description: '整改 | Rectification' })
export class Rectification {
  @Field(() => ID) id!: string;
  @Field(() => ID) agreementId!: string;
  @Field(() => RectificationCause) cause!: string;
  @Field(() => String, { description: 'AUTHORITY | EVALUATION' }) origin!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true }) findingId!: string | null;
  @Field(() => String, { nullable: true }) plan!: string | null;
  @Field(() => LocalDateScalar) deadline!: string;
  @Field(() => RectificationStatus) status!: string;
  @Field(() => String, { nullable: true }) outcomeNote!: string | null;
  @Field(() => Date) openedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
}
@ObjectType({ description: '续期申请 | Renewal request' })
export class RenewalRequest {
  @Field(() => ID) id!: string;
  @Field(() => ID) agreementId!: string;
  @Field(() => LocalDateScalar) requestedOn!: string;
  @Field(() => LocalDateScalar) proposedEndDate!: string;
  @Field(() => RenewalRequestStatus) status!: string;
  @Field(() => String, { nullable: true }) decisionNote!: string | null;
}
@ObjectType({ description: '资产处置记录 | Asset disposition on exit' })
export class AssetDisposition {
  @Field(() => AssetDispositionKind) kind!: string;
  @Field(() => ID, { nullable: true }) successorId!: string | null;
  @Field(() => String) note!: string;
  @Field(() => LocalDateScalar) recordedOn!: string;
}

@ObjectType({ description: '授权运营协议 | Authorization agreement' })
@Directive('@key(fields: "id")')
export class AuthorizationAgreement {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: '协议编号 | Agreement number' }) number!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => ID, { nullable: true }) applicationId!: string | null;
  @Field(() => AuthorizationModeKind) mode!: string;
  @Field(() => AuthorizationAgreementStatus) status!: string;
  @Field(() => LocalDateScalar) startDate!: string;
  @Field(() => LocalDateScalar, { description: '最后一日 | Last day of the term' }) endDate!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '试运行期末日 | Last day of the trial' }) trialEndDate!: string | null;
  @Field(() => [ID]) resourceIds!: string[];
  @Field(() => [String]) sectors!: string[];
  @Field(() => GraphQLJSON, { description: '协议内容（NS第14条） | Contents per NS Art 14' }) contents!: unknown;
  @Field(() => Int, { description: '签署时的政策配置版本 | Profile version it was signed under' }) profileVersion!: number;
  @Field(() => LocalDateScalar) signedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) filedOn!: string | null;
  @Field(() => Date, { nullable: true }) activatedAt!: Date | null;
  @Field(() => String, { nullable: true }) statusReason!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) terminationNoticeOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) terminationEffectiveOn!: string | null;
  @Field(() => Boolean) terminationConsented!: boolean;
  @Field(() => LocalDateScalar, { nullable: true }) endedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) dataDeletedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '日志最早可清除日 | Earliest log purge date' }) logPurgeEarliest!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) logsPurgedOn!: string | null;
  @Field(() => AssetDisposition, { nullable: true }) assetDisposition!: AssetDisposition | null;
}
@ObjectType()
export class AuthorizationAgreementConnection extends Connection(AuthorizationAgreement) {}

// ── scenarios and grants ────────────────────────────────────────────────────
@ObjectType({ description: '场景申请的数据资源 | A resource requested by a scenario' })
export class ScenarioResource {
  @Field(() => ID) resourceId!: string;
  @Field(() => DataResource) resource!: DataResource;
  @Field(() => ID) sourceAgencyId!: string;
  @Field(() => String, { description: '最小必要理由 | Minimum-necessity justification' }) justification!: string;
  @Field(() => [String]) fields!: string[];
  @Field(() => ScenarioResourceDecision) decision!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType({ description: '访问授权 | Access grant' })
@Directive('@key(fields: "id")')
export class AccessGrant {
  @Field(() => ID) id!: string;
  @Field(() => ID) agreementId!: string;
  @Field(() => ID) scenarioId!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => ID) resourceId!: string;
  @Field(() => DataResource) resource!: DataResource;
  @Field(() => String) jurisdiction!: string;
  @Field(() => LocalDateScalar) expiresOn!: string;
  @Field(() => AccessGrantStatus) status!: string;
  @Field(() => String, { nullable: true }) reason!: string | null;
  @Field(() => Date) updatedAt!: Date;
}
@ObjectType()
export class AccessGrantConnection extends Connection(AccessGrant) {}

@ObjectType({ description: '应用场景（一场景一申请一审核） | Scenario and its data request' })
@Directive('@key(fields: "id")')
export class DataScenario {
  @Field(() => ID) id!: string;
  @Field(() => ID) agreementId!: string;
  @Field(() => ID) operatorId!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String) description!: string;
  @Field(() => DataScenarioCategory) category!: string;
  @Field(() => String, { nullable: true }) expectedValue!: string | null;
  @Field(() => String, { nullable: true }) plan!: string | null;
  @Field(() => DataScenarioStatus) status!: string;
  @Field(() => LocalDateScalar) submittedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '审核期限（依据未规定时为空）| Review due; null where no rule sets one' }) reviewDueOn!: string | null;
  @Field(() => [String]) refusalReasons!: string[];
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
}
@ObjectType()
export class DataScenarioConnection extends Connection(DataScenario) {}

// ── inputs ──────────────────────────────────────────────────────────────────
@InputType()
export class TaxCreditGradeInput {
  @Field(() => Int) year!: number;
  @Field(() => String) grade!: string;
}
@InputType()
export class AdministrativePenaltyInput {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => PenaltySeverity) severity!: 'MINOR' | 'SERIOUS';
  @Field(() => String, { nullable: true }) description?: string | null;
}
@InputType()
export class DishonestListEntryInput {
  @Field(() => String) list!: string;
  @Field(() => LocalDateScalar) listedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) removedOn?: string | null;
}
@InputType()
export class OrgSecurityIncidentInput {
  @Field(() => LocalDateScalar) date!: string;
  @Field(() => OrgIncidentSeverity) severity!: 'MINOR' | 'MAJOR';
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType({ description: '主体信用与安全事实 | Credit and security facts' })
export class OrganizationFactsInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) nameEn?: string | null;
  @Field(() => String, { nullable: true }) creditCode?: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) foundedOn?: string | null;
  @Field(() => [TaxCreditGradeInput], { nullable: true }) taxGrades?: TaxCreditGradeInput[];
  @Field(() => [AdministrativePenaltyInput], { nullable: true }) penalties?: AdministrativePenaltyInput[];
  @Field(() => [DishonestListEntryInput], { nullable: true }) dishonestListEntries?: DishonestListEntryInput[];
  @Field(() => [OrgSecurityIncidentInput], { nullable: true }) securityIncidents?: OrgSecurityIncidentInput[];
  @Field(() => Boolean, { nullable: true }) mlps3Experience?: boolean;
  @Field(() => Boolean, { nullable: true }) commercialCryptoExperience?: boolean;
  @Field(() => String, { nullable: true }) securityDepartment?: string | null;
  @Field(() => String, { nullable: true }) securityHead?: string | null;
}

@InputType({ description: '证明材料 | Evidence: the document a fact rests on' })
export class FactEvidenceInput {
  @Field(() => String, { description: '文件编号或名称（如证书编号、纳税信用评价结果文号）| Document reference (certificate number, notice number …)' }) documentRef!: string;
  @Field(() => LocalDateScalar, { description: '文件日期 | Document date' }) documentDate!: string;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class RegisterOrganizationInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) name!: string;
  @Field(() => [OrgKind]) kinds!: OrgKind[];
  @Field(() => OrganizationFactsInput, { nullable: true }) facts?: OrganizationFactsInput | null;
  @Field(() => FactEvidenceInput, { nullable: true, description: '登记依据（如营业执照），必填 | Evidence of the registered facts (business licence …), required' }) evidence?: FactEvidenceInput | null;
}

@InputType({ description: '主体申请变更本单位事实 | A party proposes a change of its own facts' })
export class ProposeOrganizationChangeInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => OrganizationFactsInput) changes!: OrganizationFactsInput;
  @Field(() => FactEvidenceInput) evidence!: FactEvidenceInput;
}

@InputType()
export class OrganizationChangeProposalFilter {
  @Field(() => ID, { nullable: true }) organizationId?: string | null;
  @Field(() => OrganizationChangeProposalStatus, { nullable: true }) status?: OrganizationChangeProposalStatus | null;
}

@InputType()
export class OrganizationFilter {
  @Field(() => String, { nullable: true }) jurisdiction?: string | null;
  @Field(() => OrgKind, { nullable: true }) kind?: OrgKind | null;
  @Field(() => String, { nullable: true, description: '名称包含 | Name contains' }) search?: string | null;
}

@InputType()
export class PolicySettingInput {
  @Field(() => String) name!: string;
  @Field(() => GraphQLJSON) value!: unknown;
  @Field(() => String, { description: '修改依据 | Source cited for the new value' }) source!: string;
}
@InputType()
export class EditPolicyProfileInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => [PolicySettingInput]) changes!: PolicySettingInput[];
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class ScoringRuleInput {
  @Field(() => String) criterion!: string;
  @Field(() => Int) weight!: number;
}
@InputType()
export class PublishCallInput {
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) title!: string;
  @Field(() => AuthorizationModeKind) mode!: string;
  @Field(() => OperatorSelectionMethod) selectionMethod!: string;
  @Field(() => [ID], { defaultValue: [] }) resourceIds!: string[];
  @Field(() => [String], { defaultValue: [] }) sectors!: string[];
  @Field(() => String, { nullable: true }) eligibilityNotes?: string | null;
  @Field(() => [ScoringRuleInput]) scoringRules!: ScoringRuleInput[];
  @Field(() => LocalDateScalar) opensOn!: string;
  @Field(() => LocalDateScalar) closesOn!: string;
  @Field(() => Int) publicityWorkingDays!: number;
}
@InputType()
export class ApplicationDocumentInput {
  @Field(() => String, { description: 'APPLICATION_FORM | AUDIT_AND_FINANCIAL_REPORT | SECURITY_COMMITMENT | RISK_SELF_ASSESSMENT' }) kind!: string;
  @Field(() => String) name!: string;
  @Field(() => String) sha256!: string;
}

@InputType({ description: '协议内容（NS第14条 / HN第14条） | Agreement contents' })
export class AgreementContentsInput {
  @Field(() => String) scopeAndCatalog!: string;
  @Field(() => String) productList!: string;
  @Field(() => String) technicalPlatform!: string;
  @Field(() => String) assetOwnership!: string;
  @Field(() => String) disclosureDuties!: string;
  @Field(() => String) accountingAndDistribution!: string;
  @Field(() => String) securityAndEmergency!: string;
  @Field(() => String) evaluation!: string;
  @Field(() => String) renewalAndExit!: string;
  @Field(() => String) liability!: string;
  @Field(() => String) disputes!: string;
  @Field(() => String) amendmentAndTermination!: string;
  @Field(() => String, { nullable: true }) other?: string | null;
}
@InputType()
export class SignAgreementInput {
  @Field(() => ID) applicationId!: string;
  @Field(() => LocalDateScalar) startDate!: string;
  @Field(() => LocalDateScalar) endDate!: string;
  @Field(() => LocalDateScalar, { nullable: true }) trialEndDate?: string | null;
  @Field(() => [ID], { nullable: true }) resourceIds?: string[] | null;
  @Field(() => AgreementContentsInput) contents!: AgreementContentsInput;
}
@InputType()
export class RecordReadinessInput {
  @Field(() => ID) agreementId!: string;
  @Field(() => ReadinessKind) kind!: 'TRAINING' | 'SECURITY_REVIEW' | 'EMERGENCY_PLAN';
  @Field(() => String, { description: '受训人员/审查机构/预案名称 | Trainee, reviewer or plan name' }) subject!: string;
  @Field(() => Boolean) passed!: boolean;
  @Field(() => LocalDateScalar) doneOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) filedOn?: string | null;
  @Field(() => String, { nullable: true }) documentHash?: string | null;
}
@InputType()
export class SuspendAgreementInput {
  @Field(() => ID) agreementId!: string;
  @Field(() => RectificationCause) cause!: string;
  @Field(() => String) description!: string;
  @Field(() => LocalDateScalar) deadline!: string;
}
@InputType()
export class ScenarioResourceInput {
  @Field(() => ID) resourceId!: string;
  @Field(() => String, { description: '最小必要理由 | Minimum-necessity justification' }) justification!: string;
  @Field(() => [String], { defaultValue: [] }) fields!: string[];
}
@InputType()
export class SubmitScenarioInput {
  @Field(() => ID) agreementId!: string;
  @Field(() => String) nameZh!: string;
  @Field(() => String) description!: string;
  @Field(() => DataScenarioCategory) category!: 'PUBLIC_WELFARE' | 'INDUSTRY';
  @Field(() => String, { nullable: true }) expectedValue?: string | null;
  @Field(() => String, { nullable: true }) plan?: string | null;
  @Field(() => [ScenarioResourceInput]) resources!: ScenarioResourceInput[];
}

@InputType()
export class AgreementFilter {
  @Field(() => String, { nullable: true }) jurisdiction?: string | null;
  @Field(() => ID, { nullable: true }) operatorId?: string | null;
  @Field(() => AuthorizationAgreementStatus, { nullable: true }) status?: string | null;
}
@InputType()
export class ScenarioFilter {
  @Field(() => String, { nullable: true }) jurisdiction?: string | null;
  @Field(() => ID, { nullable: true }) agreementId?: string | null;
  @Field(() => DataScenarioStatus, { nullable: true }) status?: string | null;
}
@InputType()
export class AccessGrantFilter {
  @Field(() => ID, { nullable: true }) agreementId?: string | null;
  @Field(() => ID, { nullable: true }) scenarioId?: string | null;
  @Field(() => ID, { nullable: true }) resourceId?: string | null;
  @Field(() => AccessGrantStatus, { nullable: true }) status?: string | null;
}
