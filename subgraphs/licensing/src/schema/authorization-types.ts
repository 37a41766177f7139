import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection, GraphQLJSON, LocalDateScalar } from '@pdo/platform';
import { AccessGrantStatus, AssetDispositionKind, AuthorizationAgreementStatus, AuthorizationModeKind, DataScenarioCategory, DataScenarioStatus, OperatorApplicationStatus, OperatorSelectionMethod, ReadinessKind, RectificationCause, RectificationStatus, RenewalRequestStatus, ScenarioResourceDecision } from './enums.js';
import { DataResource } from './party-types.js';

/** Calls and applications, agreements with their gates, rectifications and renewals, scenarios and access grants. */
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
  @Field(() => ID, { description: '数源单位 | The source unit that owns the resource' }) sourceAgencyId!: string;
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
