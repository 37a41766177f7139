import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON, LocalDateScalar, MoneyScalar } from '@pdo/platform';
import type { OUTPUT_FIELD_KINDS } from '../domain/rules.js';
import { ProductHoldKind, ProductForm, ProductCategory, ProductChargingUnit, ProductDeliveryMethod, ProductOutputFieldKind, ProductListingStatus, ProductVersionStatus, ProductComplianceItem, ProductCheckResult, ProductReviewDecision, ProductRegistrationState, ProductRegistrationAction, ProductSort, UsageApplicationStatus, UsageAgreementStatus, EntitlementStatus, UsageSecurityRisk } from './enums.js';

export * from './enums.js';

// ── stubs of other subgraphs' entities ───────────────────────────────────────
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID) id!: string;
}

/** Catalog's resource; products contributes `DataResource.products` (resolved here by id). */
@ObjectType()
@Directive('@key(fields: "id")')
export class DataResource {
  @Field(() => ID) id!: string;
}

// ── products ─────────────────────────────────────────────────────────────────
@ObjectType('ProductOutputField')
export class ProductOutputField {
  @Field(() => String) name!: string;
  @Field(() => String) type!: string;
  @Field(() => ProductOutputFieldKind) kind!: string;
  @Field(() => String) descriptionZh!: string;
}

@InputType('ProductOutputFieldInput')
export class ProductOutputFieldInput {
  @Field(() => String) name!: string;
  @Field(() => String) type!: string;
  @Field(() => ProductOutputFieldKind) kind!: (typeof OUTPUT_FIELD_KINDS)[number];
  @Field(() => String) descriptionZh!: string;
}

@ObjectType('ProductChecklistEntry')
export class ProductChecklistEntry {
  @Field(() => ProductComplianceItem) item!: string;
  @Field(() => ProductCheckResult) result!: string;
  @Field(() => String) evidence!: string;
}

@ObjectType({ description: '合规审核结果 | Compliance review result' })
export class ProductComplianceReview {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => ProductReviewDecision) decision!: string;
  @Field(() => [ProductChecklistEntry]) checklist!: ProductChecklistEntry[];
  @Field(() => [String]) reasons!: string[];
  @Field(() => String, { nullable: true }) legalBasis!: string | null;
  @Field(() => Date) reviewedAt!: string;
}

@ObjectType({ description: '产品版本（已交付版本不可修改）| Product version (a delivered version is immutable)' })
export class ProductVersion {
  productId!: string;
  @Field(() => Int) version!: number;
  @Field(() => ProductVersionStatus) status!: string;
  resourceIds!: string[];
  @Field(() => ProductDeliveryMethod) deliveryMethod!: string;
  @Field(() => [ProductOutputField]) outputSchema!: ProductOutputField[];
  @Field(() => GraphQLJSON, { description: '样例输出（不得含原始数据）| Sample outputs (never raw records)' }) sampleOutputs!: unknown;
  @Field(() => String, { nullable: true }) changeNote!: string | null;
  @Field(() => Date, { nullable: true }) submittedAt!: string | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: string | null;
  @Field(() => Boolean, { description: '已交付（不可再修改）| Delivered (immutable)' }) delivered!: boolean;
}

@ObjectType({ description: '产品登记（RG）| Product registration' })
export class ProductRegistration {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => Int) version!: number;
  @Field(() => ProductRegistrationState) state!: string;
  @Field(() => String) type!: string;
  @Field(() => LocalDateScalar) submittedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true }) acceptedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) noticeStartedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) codedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) validUntil!: string | null;
  @Field(() => String, { nullable: true, description: '登记编码 | Registration code' }) registrationCode!: string | null;
  @Field(() => String, { nullable: true }) lastReason!: string | null;
  @Field(() => String, { nullable: true, description: '当前等待的环节 | What is awaited now' }) awaiting!: string | null;
  @Field(() => LocalDateScalar, { nullable: true }) dueOn!: string | null;
  @Field(() => Boolean) overdue!: boolean;
  jurisdiction!: string;
  operatorId!: string;
  providedOn!: string | null;
  agreementEnd!: string | null;
}

@ObjectType({ description: '挂牌价格（来自收费标准与定价事件）| Listing price (from revenue events)' })
export class ProductListingPrice {
  @Field(() => ProductChargingUnit) chargingUnit!: string;
  @Field(() => MoneyScalar, { nullable: true }) price!: bigint | null;
  @Field(() => MoneyScalar, { nullable: true, description: '上限收费标准 | Price cap' }) cap!: bigint | null;
  @Field(() => LocalDateScalar, { nullable: true }) effectiveFrom!: string | null;
  @Field(() => Boolean) free!: boolean;
}

@ObjectType({ description: '使用情况（公开披露）| Usage statistics (public)' })
export class ProductUsageStats {
  @Field(() => String, { description: '累计用量（整数）| Total units' }) totalUnits!: string;
  @Field(() => Int) usageRecords!: number;
  @Field(() => Int) activeAgreements!: number;
  @Field(() => Int) developers!: number;
}

@ObjectType({ description: '数据产品 | Data product' })
@Directive('@key(fields: "id")')
export class DataProduct {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) jurisdiction!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => ProductForm) form!: string;
  @Field(() => ProductCategory, { description: '由场景继承 | Inherited from the scenario' }) category!: string;
  @Field(() => ProductChargingUnit) chargingUnit!: string;
  @Field(() => ProductListingStatus) listingStatus!: string;
  @Field(() => String, { nullable: true }) listingReason!: string | null;
  @Field(() => Date, { nullable: true }) listedAt!: string | null;
  @Field(() => Int, { nullable: true }) listedVersion!: number | null;
  @Field(() => Int) latestVersion!: number;
  @Field(() => ID) agreementId!: string;
  @Field(() => ID) scenarioId!: string;
  @Field(() => [String], { description: '所用资源的行业领域 | Sectors of the resources used' }) sectors!: string[];
  @Field(() => Date) createdAt!: string;
  operatorId!: string;
  resourceIds!: string[];
  sourceUnitIds!: string[];
  usageUnits!: string;
}

// ── secondary developers ─────────────────────────────────────────────────────
@ObjectType('UsageAssessment', { description: '运营机构评估（HN Art 17）| Operator assessment' })
export class UsageAssessment {
  @Field(() => Boolean) capabilityAdequate!: boolean;
  @Field(() => Boolean) needReasonable!: boolean;
  @Field(() => Boolean) scenarioCompliant!: boolean;
  @Field(() => UsageSecurityRisk) securityRisk!: string;
  @Field(() => Boolean) recommend!: boolean;
  @Field(() => String) opinion!: string;
  @Field(() => Date) assessedAt!: string;
}

@ObjectType('UsageAgreementTerms')
export class UsageAgreementTerms {
  @Field(() => String) revenueDistribution!: string;
  @Field(() => String) securityTerms!: string;
  @Field(() => String) confidentialityTerms!: string;
  @Field(() => String, { nullable: true }) quotaUnits!: string | null;
}

@ObjectType({ description: '二级开发主体使用申请 | Usage application of a secondary developer' })
export class UsageApplication {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => UsageApplicationStatus) status!: string;
  @Field(() => String) purpose!: string;
  @Field(() => String) scenario!: string;
  @Field(() => String) scope!: string;
  @Field(() => String) method!: string;
  @Field(() => LocalDateScalar) startDate!: string;
  @Field(() => LocalDateScalar) endDate!: string;
  @Field(() => String, { nullable: true }) requestedQuota!: string | null;
  @Field(() => UsageAssessment, { nullable: true }) assessment!: UsageAssessment | null;
  @Field(() => UsageAgreementTerms, { nullable: true }) proposedTerms!: UsageAgreementTerms | null;
  @Field(() => [String]) decisionReasons!: string[];
  @Field(() => ID, { nullable: true }) usageAgreementId!: string | null;
  @Field(() => Date) createdAt!: string;
  developerId!: string;
  operatorId!: string;
  jurisdiction!: string;
}

@ObjectType({ description: '使用权（不可转让）| Entitlement (non-transferable, JL §九)' })
export class Entitlement {
  @Field(() => ID) id!: string;
  @Field(() => EntitlementStatus) status!: string;
  @Field(() => String, { nullable: true }) pauseReason!: string | null;
  @Field(() => LocalDateScalar) startDate!: string;
  @Field(() => LocalDateScalar) endDate!: string;
  @Field(() => String, { nullable: true }) quotaUnits!: string | null;
  @Field(() => String) usedUnits!: string;
  productId!: string;
  developerId!: string;
  operatorId!: string;
  usageAgreementId!: string;
  jurisdiction!: string;
}

@ObjectType({ description: '应用协议 | Usage agreement' })
export class UsageAgreement {
  @Field(() => ID) id!: string;
  @Field(() => ID) productId!: string;
  @Field(() => UsageAgreementStatus) status!: string;
  @Field(() => ProductCategory) category!: string;
  @Field(() => String) purpose!: string;
  @Field(() => String) scope!: string;
  @Field(() => String) method!: string;
  @Field(() => LocalDateScalar) startDate!: string;
  @Field(() => LocalDateScalar) endDate!: string;
  @Field(() => String) revenueDistribution!: string;
  @Field(() => String) securityTerms!: string;
  @Field(() => String) confidentialityTerms!: string;
  @Field(() => String, { nullable: true }) quotaUnits!: string | null;
  @Field(() => Date, { nullable: true }) operatorAcceptedAt!: string | null;
  @Field(() => Date, { nullable: true }) developerAcceptedAt!: string | null;
  @Field(() => Date, { nullable: true }) signedAt!: string | null;
  @Field(() => Date, { nullable: true }) endedAt!: string | null;
  @Field(() => String, { nullable: true }) endReason!: string | null;
  developerId!: string;
  operatorId!: string;
  jurisdiction!: string;
}

@ObjectType({ description: '用量记录 | Usage record' })
@Directive('@key(fields: "id")')
export class UsageRecord {
  @Field(() => ID) id!: string;
  @Field(() => ID) entitlementId!: string;
  @Field(() => ID) usageAgreementId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => String) units!: string;
  @Field(() => Date) occurredAt!: string;
  @Field(() => String) idempotencyKey!: string;
  @Field(() => Date) recordedAt!: string;
  @Field(() => Boolean, { description: '重复的幂等键：返回首次结果 | A replayed key: the first result' }) replayed!: boolean;
  developerId!: string;
  operatorId!: string;
  jurisdiction!: string;
}

@ObjectType('ProductHold', { description: '产品暂停原因：全部解除后恢复挂牌与使用权 | A reason the product is held; it resumes when none is left' })
export class ProductHold {
  @Field(() => ProductHoldKind) kind!: string;
  @Field(() => String, { description: '来源，如 AGREEMENT:<id>、GRANT:<id>、INCIDENT:<id> | What caused the hold, e.g. AGREEMENT:<id>' }) source!: string;
  @Field(() => String) reason!: string;
  @Field(() => Date) since!: string;
}
