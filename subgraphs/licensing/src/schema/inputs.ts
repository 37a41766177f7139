import { Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLJSON, LocalDateScalar } from '@pdo/platform';
import { AccessGrantStatus, AuthorizationAgreementStatus, AuthorizationModeKind, DataScenarioCategory, DataScenarioStatus, OperatorSelectionMethod, OrgIncidentSeverity, OrgKind, PenaltySeverity, ReadinessKind, RectificationCause } from './enums.js';
import { OrganizationChangeProposalStatus } from './party-types.js';

/** The input objects of licensing's mutations and list filters. */
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
