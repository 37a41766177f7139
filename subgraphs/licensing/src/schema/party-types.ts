import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, GraphQLJSON, LocalDateScalar } from '@pdo/platform';
import { OrgIncidentSeverity, OrgKind, PenaltySeverity } from './enums.js';

/** Jurisdictions, policy profiles and parties (organizations with their facts and fact history). */
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
