import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, GraphQLJSON, LocalDateScalar } from '@pdo/platform';
import { OrgIncidentSeverity, OrgKind, PenaltySeverity } from './enums.js';

/** Jurisdictions, policy profiles and parties (organizations with their facts and fact history). */
// ── referenced entities of other subgraphs ──────────────────────────────────
@ObjectType({ description: '数据资源（由 catalog 子图提供）| Data resource (owned by catalog)' })
@Directive('@key(fields: "id", resolvable: false)')
export class DataResource {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) id!: string;
}

// ── policy ──────────────────────────────────────────────────────────────────
@ObjectType({ description: '政策配置项（含依据） | A profile setting with its source' })
export class PolicySetting {
  @Field(() => String, { description: '配置项名称 | Setting name' }) name!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'null：文件未设定 | null: not set by the documents' }) value!: unknown;
  @Field(() => String, { description: '依据文件及条款 | Document and article' }) source!: string;
}

@ObjectType({ description: '辖区政策配置 | Jurisdiction policy profile' })
export class PolicyProfile {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Int, { description: '版本（1 = 文件原始设置） | Version (1 = the documents\' own settings)' }) version!: number;
  @Field(() => [PolicySetting], { description: '配置项及其依据 | Settings with their sources' }) settings!: PolicySetting[];
}

@ObjectType({ description: '政策配置修改记录 | A profile edit' })
export class PolicyProfileVersion {
  @Field(() => String, { description: '辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => Int, { description: '修改后的版本 | Version after the edit' }) version!: number;
  @Field(() => [String], { description: '修改的配置项 | Settings changed' }) changedFields!: string[];
  @Field(() => String, { nullable: true, description: '修改说明 | Note on the edit' }) note!: string | null;
  @Field(() => String, { description: '修改人 | Who edited' }) editedBy!: string;
  @Field(() => Date, { description: '修改时间 | When' }) createdAt!: Date;
}

@ObjectType({ description: '辖区 | Jurisdiction' })
export class Jurisdiction {
  @Field(() => String, { description: '辖区代码 | Jurisdiction code' }) code!: string;
  @Field(() => String, { description: '中文名称 | Name in Chinese' }) nameZh!: string;
  @Field(() => String, { description: '英文名称 | Name in English' }) nameEn!: string;
  @Field(() => String, { description: '层级：NATIONAL 国家 / PROVINCE 省 / CITY 市 / COUNTY 县 | Level: NATIONAL, PROVINCE, CITY or COUNTY' }) level!: string;
}

// ── organizations ───────────────────────────────────────────────────────────
@ObjectType({ description: '纳税信用等级 | Tax credit grade of a year' })
export class TaxCreditGrade {
  @Field(() => Int, { description: '评价年度 | Year rated' }) year!: number;
  @Field(() => String, { description: '等级（A/B/M/C/D）| Grade (A, B, M, C, D)' }) grade!: string;
}
@ObjectType({ description: '行政处罚 | Administrative penalty' })
export class AdministrativePenalty {
  @Field(() => LocalDateScalar, { description: '处罚日期 | Day of the penalty' }) date!: string;
  @Field(() => PenaltySeverity, { description: '严重程度 | Severity' }) severity!: PenaltySeverity;
  @Field(() => String, { nullable: true, description: '处罚说明 | What it was for' }) description?: string | null;
}
@ObjectType({ description: '失信名单记录 | Dishonesty-list entry' })
export class DishonestListEntry {
  @Field(() => String, { description: '名单名称 | Which list' }) list!: string;
  @Field(() => LocalDateScalar, { description: '列入日 | Day listed' }) listedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '移出日 | Day removed' }) removedOn?: string | null;
}
@ObjectType({ description: '网络/数据安全事件记录 | Security incident on record' })
export class OrgSecurityIncident {
  @Field(() => LocalDateScalar, { description: '事件日期 | Day of the incident' }) date!: string;
  @Field(() => OrgIncidentSeverity, { description: '严重程度 | Severity' }) severity!: OrgIncidentSeverity;
  @Field(() => String, { nullable: true, description: '事件说明 | What happened' }) description?: string | null;
}

@ObjectType({ description: '主体 | Organization (every party)' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) id!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  // Shareable: products and catalog answer it from their projections wherever they return an organization (the listing's names).
  @Directive('@shareable')
  @Field(() => String, { description: '名称 | Name (Chinese)' }) name!: string;
  @Field(() => String, { nullable: true, description: '英文名称 | Name in English' }) nameEn!: string | null;
  @Field(() => [OrgKind], { description: '主体类型（可多项）| Kinds of party' }) kinds!: OrgKind[];
  @Field(() => String, { nullable: true, description: '统一社会信用代码 | Unified social credit code' }) creditCode!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '成立日期 | Founding date' }) foundedOn!: string | null;
  @Field(() => Date, { description: '登记时间 | When it was registered' }) createdAt!: Date;
}

@ObjectType({ description: '主体分页列表 | Page of organizations' })
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
  @Field(() => String, { nullable: true, description: '补充说明 | Note' }) note!: string | null;
}

@ObjectType({ description: '主体事实变更记录（谁、何时、依据、原值→新值） | One recorded change of a party\'s facts: who, when, evidence, old → new' })
export class OrganizationFactChange {
  @Field(() => ID, { description: '记录标识 | Id of the record' }) id!: string;
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) organizationId!: string;
  @Field(() => OrganizationFactChangeKind, { description: '变更来源 | How the change came about' }) kind!: string;
  @Field(() => [String], { description: '变更的事实 | Facts that changed' }) fields!: string[];
  @Field(() => GraphQLJSON, { description: '原值 | Values before' }) oldValues!: Record<string, unknown>;
  @Field(() => GraphQLJSON, { description: '新值 | Values after' }) newValues!: Record<string, unknown>;
  @Field(() => FactEvidence, { description: '证明材料 | Evidence' }) evidence!: FactEvidence;
  @Field(() => String, { description: '登记人 | Recorded by (user)' }) recordedBy!: string;
  @Field(() => String, { description: '登记人角色 | Role of the person who recorded it' }) recordedByRole!: string;
  @Field(() => ID, { nullable: true, description: '登记人所属主体 | Organization of the person who recorded it' }) recordedByOrganizationId!: string | null;
  @Field(() => Date, { description: '登记时间 | When it was recorded' }) recordedAt!: Date;
  @Field(() => ID, { nullable: true, description: '来源申请 | The proposal it came from' }) proposalId!: string | null;
}
@ObjectType({ description: '主体事实变更记录分页列表 | Page of fact changes' })
export class OrganizationFactChangeConnection extends Connection(OrganizationFactChange) {}

@ObjectType({ description: '主体事实变更申请 | A party\'s proposed change of its facts, with evidence' })
export class OrganizationChangeProposal {
  @Field(() => ID, { description: '变更申请标识 | Id of the proposal' }) id!: string;
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) organizationId!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => GraphQLJSON, { description: '申请的新值 | Proposed values' }) changes!: Record<string, unknown>;
  @Field(() => FactEvidence, { description: '证明材料 | Evidence' }) evidence!: FactEvidence;
  @Field(() => OrganizationChangeProposalStatus, { description: '审核状态 | Status' }) status!: string;
  @Field(() => String, { description: '申请人（用户标识）| Who proposed (subject)' }) proposedBy!: string;
  @Field(() => String, { description: '申请人角色 | Role of the proposer' }) proposedByRole!: string;
  @Field(() => Date, { description: '申请时间 | When proposed' }) proposedAt!: Date;
  @Field(() => String, { nullable: true, description: '审核人（用户标识）| Who decided (subject)' }) decidedBy!: string | null;
  @Field(() => String, { nullable: true, description: '审核人角色 | Role of the decider' }) decidedByRole!: string | null;
  @Field(() => Date, { nullable: true, description: '审核时间 | When decided' }) decidedAt!: Date | null;
  @Field(() => String, { nullable: true, description: '驳回理由或采纳说明 | Reason of a rejection, note of an acceptance' }) decisionReason!: string | null;
}
@ObjectType({ description: '主体事实变更申请分页列表 | Page of proposed fact changes' })
export class OrganizationChangeProposalConnection extends Connection(OrganizationChangeProposal) {}

@ObjectType({ description: '资格条件逐项结果 | One eligibility criterion with its result and reason' })
export class EligibilityCriterion {
  @Field(() => String, { description: '资格条件 | Criterion' }) criterion!: string;
  @Field(() => Boolean, { description: '是否满足 | Whether it is met' }) passed!: boolean;
  @Field(() => String, { description: '中文说明 | Reason in Chinese' }) reasonZh!: string;
  @Field(() => String, { description: '英文说明 | Reason in English' }) reasonEn!: string;
  @Field(() => String, { description: '依据 | Source of the criterion' }) source!: string;
}
@ObjectType({ description: '资格审查结果 | Eligibility result' })
export class EligibilityResult {
  @Field(() => Boolean, { description: '是否具备申请资格 | Whether the organization is eligible' }) eligible!: boolean;
  @Field(() => LocalDateScalar, { description: '审查基准日 | Day the check was made for' }) asOf!: string;
  @Field(() => Int, { description: '所用政策配置版本 | Policy profile version used' }) profileVersion!: number;
  @Field(() => [EligibilityCriterion], { description: '逐项结果 | Result per criterion' }) criteria!: EligibilityCriterion[];
}
