import { Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLJSON, LocalDateScalar } from '@pdo/platform';
import { AccessGrantStatus, AuthorizationAgreementStatus, AuthorizationModeKind, DataScenarioCategory, DataScenarioStatus, OperatorSelectionMethod, OrgIncidentSeverity, OrgKind, PenaltySeverity, RecordableReadinessKind, RectificationCause } from './enums.js';
import { OrganizationPersonInput } from './integrity-types.js';
import { OrganizationChangeProposalStatus } from './party-types.js';

/** The input objects of licensing's mutations and list filters. */
// ── inputs ──────────────────────────────────────────────────────────────────
@InputType({ description: '纳税信用等级 | Tax credit grade of a year' })
export class TaxCreditGradeInput {
  @Field(() => Int, { description: '评价年度 | Year rated' }) year!: number;
  @Field(() => String, { description: '等级（A/B/M/C/D）| Grade (A, B, M, C, D)' }) grade!: string;
}
@InputType({ description: '行政处罚 | Administrative penalty' })
export class AdministrativePenaltyInput {
  @Field(() => LocalDateScalar, { description: '处罚日期 | Day of the penalty' }) date!: string;
  @Field(() => PenaltySeverity, { description: '严重程度 | Severity' }) severity!: 'MINOR' | 'SERIOUS';
  @Field(() => String, { nullable: true, description: '处罚说明 | What it was for' }) description?: string | null;
}
@InputType({ description: '失信名单记录 | Entry on a dishonesty list' })
export class DishonestListEntryInput {
  @Field(() => String, { description: '名单名称 | Which list' }) list!: string;
  @Field(() => LocalDateScalar, { description: '列入日 | Day listed' }) listedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '移出日 | Day removed' }) removedOn?: string | null;
}
@InputType({ description: '网络与数据安全事件 | Network or data security incident' })
export class OrgSecurityIncidentInput {
  @Field(() => LocalDateScalar, { description: '事件日期 | Day of the incident' }) date!: string;
  @Field(() => OrgIncidentSeverity, { description: '严重程度 | Severity' }) severity!: 'MINOR' | 'MAJOR';
  @Field(() => String, { nullable: true, description: '事件说明 | What happened' }) description?: string | null;
}

@InputType({ description: '主体信用与安全事实 | Credit and security facts' })
export class OrganizationFactsInput {
  @Field(() => String, { nullable: true, description: '名称 | Name' }) name?: string | null;
  @Field(() => String, { nullable: true, description: '英文名称 | Name in English' }) nameEn?: string | null;
  @Field(() => String, { nullable: true, description: '统一社会信用代码 | Unified social credit code' }) creditCode?: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '成立日期 | Day founded' }) foundedOn?: string | null;
  @Field(() => [TaxCreditGradeInput], { nullable: true, description: '纳税信用等级 | Tax credit grades' }) taxGrades?: TaxCreditGradeInput[];
  @Field(() => [AdministrativePenaltyInput], { nullable: true, description: '行政处罚 | Administrative penalties' }) penalties?: AdministrativePenaltyInput[];
  @Field(() => [DishonestListEntryInput], { nullable: true, description: '失信名单记录 | Dishonesty list entries' }) dishonestListEntries?: DishonestListEntryInput[];
  @Field(() => [OrgSecurityIncidentInput], { nullable: true, description: '网络与数据安全事件 | Security incidents' }) securityIncidents?: OrgSecurityIncidentInput[];
  @Field(() => Boolean, { nullable: true, description: '是否具有等保三级系统运营经验 | Has run systems at MLPS level 3' }) mlps3Experience?: boolean;
  @Field(() => Boolean, { nullable: true, description: '是否具有商用密码应用经验 | Has applied commercial cryptography' }) commercialCryptoExperience?: boolean;
  @Field(() => String, { nullable: true, description: '数据安全管理部门 | Data security department' }) securityDepartment?: string | null;
  @Field(() => String, { nullable: true, description: '数据安全负责人 | Person responsible for data security' }) securityHead?: string | null;
}

@InputType({ description: '证明材料 | Evidence: the document a fact rests on' })
export class FactEvidenceInput {
  @Field(() => String, { description: '文件编号或名称（如证书编号、纳税信用评价结果文号）| Document reference (certificate number, notice number …)' }) documentRef!: string;
  @Field(() => LocalDateScalar, { description: '文件日期 | Document date' }) documentDate!: string;
  @Field(() => String, { nullable: true, description: '补充说明 | Note' }) note?: string | null;
}

@InputType({ description: '登记主体 | Register an organization' })
export class RegisterOrganizationInput {
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '名称 | Name' }) name!: string;
  @Field(() => [OrgKind], { description: '主体类型（可多项）| Kinds, one or more' }) kinds!: OrgKind[];
  @Field(() => OrganizationFactsInput, { nullable: true, description: '主体事实（信用与安全）| Facts: credit and security record' }) facts?: OrganizationFactsInput | null;
  @Field(() => FactEvidenceInput, { nullable: true, description: '登记依据（如营业执照），必填 | Evidence of the registered facts (business licence …), required' }) evidence?: FactEvidenceInput | null;
}

@InputType({ description: '主体申请变更本单位事实 | A party proposes a change of its own facts' })
export class ProposeOrganizationChangeInput {
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) organizationId!: string;
  @Field(() => OrganizationFactsInput, { nullable: true, description: '申请变更的事实 | Facts to change' }) changes?: OrganizationFactsInput | null;
  @Field(() => [OrganizationPersonInput], {
    nullable: true,
    description: '申请登记的法定代表人、高级管理人员、控股股东（替换现有登记；须含法定代表人）| Persons to record behind the company, replacing the current set; the legal representative among them (JL §三(二); TZ Art 12(3))',
  })
  persons?: OrganizationPersonInput[] | null;
  @Field(() => FactEvidenceInput, { description: '证明材料 | Evidence' }) evidence!: FactEvidenceInput;
}

@InputType({ description: '主体事实变更申请筛选条件 | Filter for proposed fact changes' })
export class OrganizationChangeProposalFilter {
  @Field(() => ID, { nullable: true, description: '只看该主体 | Only for this organization' }) organizationId?: string | null;
  @Field(() => OrganizationChangeProposalStatus, { nullable: true, description: '只看该状态 | Only in this status' }) status?: OrganizationChangeProposalStatus | null;
}

@InputType({ description: '主体筛选条件 | Filter for organizations' })
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: '辖区 | Jurisdiction' }) jurisdiction?: string | null;
  @Field(() => OrgKind, { nullable: true, description: '主体类型 | Kind of party' }) kind?: OrgKind | null;
  @Field(() => String, { nullable: true, description: '名称包含 | Name contains' }) search?: string | null;
}

@InputType({ description: '政策配置项修改 | A change of one profile setting' })
export class PolicySettingInput {
  @Field(() => String, { description: '配置项名称 | Setting name' }) name!: string;
  @Field(() => GraphQLJSON, { description: '新值 | New value' }) value!: unknown;
  @Field(() => String, { description: '修改依据 | Source cited for the new value' }) source!: string;
}
@InputType({ description: '修改辖区政策配置 | Edit a jurisdiction\'s policy profile' })
export class EditPolicyProfileInput {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => [PolicySettingInput], { description: '修改的配置项 | Settings changed' }) changes!: PolicySettingInput[];
  @Field(() => String, { nullable: true, description: '修改说明 | Note on the edit' }) note?: string | null;
}

@InputType({ description: '评分规则 | Scoring rule' })
export class ScoringRuleInput {
  @Field(() => String, { description: '评分项 | What is scored' }) criterion!: string;
  @Field(() => Int, { description: '权重（正整数，合计 100）| Weight, a positive integer; the weights sum to 100' }) weight!: number;
}
@InputType({ description: '发布授权运营公告 | Publish a call for operator applications' })
export class PublishCallInput {
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '公告标题 | Title' }) title!: string;
  @Field(() => AuthorizationModeKind, { description: '授权方式 | Authorization mode' }) mode!: string;
  @Field(() => OperatorSelectionMethod, { description: '遴选方式 | How the operator is selected' }) selectionMethod!: string;
  @Field(() => [ID], { defaultValue: [], description: '拟授权的数据资源 | Resources offered' }) resourceIds!: string[];
  @Field(() => [String], { defaultValue: [], description: '拟授权的领域 | Sectors offered' }) sectors!: string[];
  @Field(() => String, { nullable: true, description: '资格条件说明 | Eligibility notes' }) eligibilityNotes?: string | null;
  @Field(() => [ScoringRuleInput], { description: '评分规则 | Scoring rules' }) scoringRules!: ScoringRuleInput[];
  @Field(() => LocalDateScalar, { description: '申请开始日 | Applications open' }) opensOn!: string;
  @Field(() => LocalDateScalar, { description: '申请截止日 | Applications close' }) closesOn!: string;
  @Field(() => Int, { description: '公示期（工作日）| Publicity period, working days' }) publicityWorkingDays!: number;
  @Field(() => [ID], { nullable: true, description: '受邀单位（邀请招标必填）| Invited companies; required for an invited tender, none otherwise' }) invitees?: string[] | null;
}
@InputType({ description: '申请材料（哈希存证）| Application document, by hash' })
export class ApplicationDocumentInput {
  @Field(() => String, { description: '材料类型：APPLICATION_FORM / AUDIT_AND_FINANCIAL_REPORT / SECURITY_COMMITMENT / RISK_SELF_ASSESSMENT | Kind of document' }) kind!: string;
  @Field(() => String, { description: '文件名 | File name' }) name!: string;
  @Field(() => String, { description: '文件 SHA-256 哈希 | SHA-256 of the file' }) sha256!: string;
}

@InputType({ description: '协议内容（NS第14条 / HN第14条） | Agreement contents' })
export class AgreementContentsInput {
  @Field(() => String, { description: '授权范围与数据目录 | Scope of authorization and resource catalogue' }) scopeAndCatalog!: string;
  @Field(() => String, { description: '数据产品和服务清单 | Products and services to offer' }) productList!: string;
  @Field(() => String, { description: '运营技术平台 | Technical platform' }) technicalPlatform!: string;
  @Field(() => String, { description: '数据资产权属 | Ownership of data assets' }) assetOwnership!: string;
  @Field(() => String, { description: '信息披露义务 | Disclosure duties' }) disclosureDuties!: string;
  @Field(() => String, { description: '收益核算与分配 | Accounting and revenue distribution' }) accountingAndDistribution!: string;
  @Field(() => String, { description: '安全保障与应急处置 | Security and emergency response' }) securityAndEmergency!: string;
  @Field(() => String, { description: '评价与监督 | Evaluation and supervision' }) evaluation!: string;
  @Field(() => String, { description: '续期与退出 | Renewal and exit' }) renewalAndExit!: string;
  @Field(() => String, { description: '违约责任 | Liability for breach' }) liability!: string;
  @Field(() => String, { description: '争议解决 | Dispute resolution' }) disputes!: string;
  @Field(() => String, { description: '变更与终止 | Amendment and termination' }) amendmentAndTermination!: string;
  @Field(() => String, { nullable: true, description: '其他约定 | Other terms' }) other?: string | null;
}
@InputType({ description: '签订授权运营协议 | Sign an authorization agreement' })
export class SignAgreementInput {
  @Field(() => ID, { description: '入选的运营主体申请 | The selected application' }) applicationId!: string;
  @Field(() => LocalDateScalar, { description: '生效日 | First day' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: '到期日 | Last day' }) endDate!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '试运行截止日 | End of the trial period' }) trialEndDate?: string | null;
  @Field(() => [ID], { nullable: true, description: '授权的数据资源（默认公告所列）| Resources authorized (default: those of the call)' }) resourceIds?: string[] | null;
  @Field(() => AgreementContentsInput, { description: '协议内容 | Contents of the agreement' }) contents!: AgreementContentsInput;
}
@InputType({ description: '登记准入条件 | Record a readiness condition' })
export class RecordReadinessInput {
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) agreementId!: string;
  @Field(() => RecordableReadinessKind, { description: '条件类型（不含应急预案：预案在安全职责中登记）| Kind of condition (not an emergency plan: plans are filed with the security duties)' }) kind!: 'TRAINING' | 'SECURITY_REVIEW';
  @Field(() => String, { description: '受训人员/审查机构/预案名称 | Trainee, reviewer or plan name' }) subject!: string;
  @Field(() => Boolean, { description: '是否通过 | Whether it was passed' }) passed!: boolean;
  @Field(() => LocalDateScalar, { description: '完成日 | Day done' }) doneOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '备案日 | Day filed with the authority' }) filedOn?: string | null;
  @Field(() => String, { nullable: true, description: '证明文件哈希 | Hash of the supporting document' }) documentHash?: string | null;
}
@InputType({ description: '暂停协议或下达整改 | Suspend an agreement or order a rectification' })
export class SuspendAgreementInput {
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) agreementId!: string;
  @Field(() => RectificationCause, { description: '原因 | Cause' }) cause!: string;
  @Field(() => String, { description: '整改事项 | What must be rectified' }) description!: string;
  @Field(() => LocalDateScalar, { description: '整改期限 | Deadline' }) deadline!: string;
}
@InputType({ description: '场景申请的数据资源 | A resource a scenario asks for' })
export class ScenarioResourceInput {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) resourceId!: string;
  @Field(() => String, { description: '最小必要理由 | Minimum-necessity justification' }) justification!: string;
  @Field(() => [String], { defaultValue: [], description: '申请的数据项（空为全部）| Fields asked for (empty: all)' }) fields!: string[];
}
@InputType({ description: '提交应用场景 | Submit a data scenario' })
export class SubmitScenarioInput {
  @Field(() => ID, { description: '协议标识 | Id of the agreement' }) agreementId!: string;
  @Field(() => String, { description: '场景名称 | Scenario name' }) nameZh!: string;
  @Field(() => String, { description: '场景说明 | What the scenario does' }) description!: string;
  @Field(() => DataScenarioCategory, { description: '场景类别 | Category' }) category!: 'PUBLIC_WELFARE' | 'INDUSTRY';
  @Field(() => String, { nullable: true, description: '预期价值 | Expected value' }) expectedValue?: string | null;
  @Field(() => String, { nullable: true, description: '实施方案 | Implementation plan' }) plan?: string | null;
  @Field(() => [ScenarioResourceInput], { description: '申请的数据资源 | Resources asked for' }) resources!: ScenarioResourceInput[];
}

@InputType({ description: '协议筛选条件 | Filter for agreements' })
export class AgreementFilter {
  @Field(() => String, { nullable: true, description: '辖区 | Jurisdiction' }) jurisdiction?: string | null;
  @Field(() => ID, { nullable: true, description: '运营主体 | Operator' }) operatorId?: string | null;
  @Field(() => AuthorizationAgreementStatus, { nullable: true, description: '协议状态 | Status' }) status?: string | null;
}
@InputType({ description: '场景筛选条件 | Filter for scenarios' })
export class ScenarioFilter {
  @Field(() => String, { nullable: true, description: '辖区 | Jurisdiction' }) jurisdiction?: string | null;
  @Field(() => ID, { nullable: true, description: '协议 | Agreement' }) agreementId?: string | null;
  @Field(() => DataScenarioStatus, { nullable: true, description: '审核状态 | Status' }) status?: string | null;
}
@InputType({ description: '访问授权筛选条件 | Filter for access grants' })
export class AccessGrantFilter {
  @Field(() => ID, { nullable: true, description: '协议 | Agreement' }) agreementId?: string | null;
  @Field(() => ID, { nullable: true, description: '应用场景 | Scenario' }) scenarioId?: string | null;
  @Field(() => ID, { nullable: true, description: '数据资源 | Resource' }) resourceId?: string | null;
  @Field(() => AccessGrantStatus, { nullable: true, description: '授权状态 | Status' }) status?: string | null;
}
