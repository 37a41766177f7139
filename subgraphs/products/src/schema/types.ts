import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON, LocalDateScalar, Money } from '@pdo/platform';
import { CHARGING_UNITS, COMPLIANCE_ITEMS, DELIVERY_METHODS, OUTPUT_FIELD_KINDS, PRODUCT_FORMS } from '../domain/rules.js';
import { REGISTRATION_ACTIONS, REGISTRATION_STATES } from '@pdo/registration';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const ProductForm = asEnum(PRODUCT_FORMS);
export const ProductCategory = asEnum(['FREE', 'PAID'] as const);
export const ProductChargingUnit = asEnum(CHARGING_UNITS);
export const ProductDeliveryMethod = asEnum(DELIVERY_METHODS);
export const ProductOutputFieldKind = asEnum(OUTPUT_FIELD_KINDS);
export const ProductListingStatus = asEnum(['UNLISTED', 'LISTED', 'SUSPENDED', 'DELISTED', 'WITHDRAWN'] as const);
export const ProductVersionStatus = asEnum(['DRAFT', 'SUBMITTED', 'APPROVED', 'REFUSED'] as const);
export const ProductComplianceItem = asEnum(COMPLIANCE_ITEMS);
export const ProductCheckResult = asEnum(['PASS', 'FAIL'] as const);
export const ProductReviewDecision = asEnum(['APPROVED', 'REFUSED'] as const);
export const ProductRegistrationState = asEnum(REGISTRATION_STATES);
export const ProductRegistrationAction = asEnum(REGISTRATION_ACTIONS);
export const ProductSort = asEnum(['RELEVANCE', 'NEWEST', 'MOST_USED', 'PRICE_ASC', 'PRICE_DESC'] as const);
export const UsageApplicationStatus = asEnum(['APPLIED', 'ASSESSED', 'APPROVED', 'REFUSED'] as const);
export const UsageAgreementStatus = asEnum(['PENDING_ACCEPTANCE', 'SIGNED', 'ENDED'] as const);
export const EntitlementStatus = asEnum(['ACTIVE', 'PAUSED', 'REVOKED', 'EXPIRED'] as const);
export const UsageSecurityRisk = asEnum(['LOW', 'MEDIUM', 'HIGH'] as const);

registerEnumType(ProductForm, { name: 'ProductForm', description: '产品形态：数据包、接口、模型、核验、报告、业务服务 | Product form' });
registerEnumType(ProductCategory, { name: 'ProductCategory', description: 'FREE 公共治理/公益（免费）；PAID 产业/行业发展（收费）| Free or paid' });
export enum UsePurpose {
  PUBLIC_GOVERNANCE = 'PUBLIC_GOVERNANCE',
  PUBLIC_WELFARE = 'PUBLIC_WELFARE',
  INDUSTRY = 'INDUSTRY',
}
registerEnumType(UsePurpose, { name: 'UsePurpose', description: '用途类别：公共治理、公益事业、产业/行业发展（PN §1）| Purpose class of a use' });
registerEnumType(ProductChargingUnit, { name: 'ProductChargingUnit', description: '计费单位 | Charging unit' });
registerEnumType(ProductDeliveryMethod, { name: 'ProductDeliveryMethod', description: '交付方式 | Delivery method' });
registerEnumType(ProductOutputFieldKind, { name: 'ProductOutputFieldKind', description: '输出字段性质（无原始数据选项）| Output field kind (there is no raw kind)' });
registerEnumType(ProductListingStatus, { name: 'ProductListingStatus', description: '挂牌状态 | Listing status' });
registerEnumType(ProductVersionStatus, { name: 'ProductVersionStatus', description: '版本状态 | Version status' });
registerEnumType(ProductComplianceItem, { name: 'ProductComplianceItem', description: '合规审核项（HN Art 15）| Compliance review item' });
registerEnumType(ProductCheckResult, { name: 'ProductCheckResult' });
registerEnumType(ProductReviewDecision, { name: 'ProductReviewDecision' });
registerEnumType(ProductRegistrationState, { name: 'ProductRegistrationState', description: '产品登记状态（RG）| Product registration state' });
registerEnumType(ProductRegistrationAction, { name: 'ProductRegistrationAction' });
registerEnumType(ProductSort, { name: 'ProductSort' });
registerEnumType(UsageApplicationStatus, { name: 'UsageApplicationStatus' });
registerEnumType(UsageAgreementStatus, { name: 'UsageAgreementStatus' });
registerEnumType(EntitlementStatus, { name: 'EntitlementStatus' });
registerEnumType(UsageSecurityRisk, { name: 'UsageSecurityRisk' });

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

@ObjectType({ description: '配方读取的资源表 | A resource table the recipe reads' })
export class ProductRecipeTable {
  @Field(() => String) name!: string;
  @Field(() => ID) resourceId!: string;
}

@ObjectType({ description: '配方输出列及其类别 | An output column of the recipe with its kind' })
export class ProductRecipeColumn {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'AGGREGATE | SCORE | LABEL | FLAG | MASKED | DERIVED' }) kind!: string;
  @Field(() => [String]) sources!: string[];
  @Field(() => Boolean) aggregated!: boolean;
  @Field(() => Boolean) masked!: boolean;
}

@ObjectType({ description: '运营域对配方的分析（“原始数据不出域”的证据，HN Art 15）| The operating domain\'s analysis of the recipe: evidence of RAW_DATA_STAYS_IN_DOMAIN' })
export class ProductRecipeEvidence {
  @Field(() => ID) recipeId!: string;
  @Field(() => String, { description: 'ACCEPTED | REFUSED' }) outcome!: string;
  @Field(() => String) sqlSha256!: string;
  @Field(() => Int, { description: '最小分组规模 | Least distinct subjects per released group' }) k!: number;
  @Field(() => Boolean) aggregate!: boolean;
  @Field(() => [ProductRecipeTable]) tables!: ProductRecipeTable[];
  @Field(() => [ProductRecipeColumn]) columns!: ProductRecipeColumn[];
  @Field(() => [String]) filters!: string[];
  @Field(() => [String]) reviewNotes!: string[];
  @Field(() => [String], { description: '未通过时的违规代码 | Violation codes of a refused analysis' }) violations!: string[];
  @Field(() => String) analysedAt!: string;
}

@ObjectType('ProductChecklistEntry')
export class ProductChecklistEntry {
  @Field(() => ProductComplianceItem) item!: string;
  @Field(() => ProductCheckResult) result!: string;
  @Field(() => String) evidence!: string;
  @Field(() => ProductRecipeEvidence, { nullable: true, description: '“原始数据不出域”项：审核时所见的运营域配方分析 | RAW_DATA_STAYS_IN_DOMAIN: the recipe analysis the reviewer saw' })
  recipeAnalysis?: ProductRecipeEvidence | null;
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
  @Field(() => Money, { nullable: true }) price!: bigint | null;
  @Field(() => Money, { nullable: true, description: '上限收费标准 | Price cap' }) cap!: bigint | null;
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
  @Field(() => UsePurpose, { nullable: true }) usePurpose!: string | null;
  @Field(() => Boolean, { nullable: true }) nonProfit!: boolean | null;
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
  @Field(() => UsePurpose, { nullable: true }) usePurpose!: string | null;
  @Field(() => Boolean, { nullable: true }) nonProfit!: boolean | null;
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

export const UsageSource = asEnum(['METERED', 'DECLARED'] as const);
registerEnumType(UsageSource, { name: 'UsageSource', description: '用量来源：平台计量（运营域执行）或运营机构申报 | Metered by the platform (executed in the operating domain) or declared by the operator' });

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
  @Field(() => UsageSource, { description: '平台计量或运营机构申报 | Metered by the platform or declared by the operator' }) source!: string;
  developerId!: string;
  operatorId!: string;
  jurisdiction!: string;
}

export const ProductHoldKind = asEnum(['AGREEMENT_SUSPENDED', 'ACCESS_REVOKED', 'SECURITY_INCIDENT'] as const);
registerEnumType(ProductHoldKind, { name: 'ProductHoldKind', description: '暂停原因：授权暂停、访问授权暂停/撤销、安全事件 | Why a product is held' });

@ObjectType('ProductHold', { description: '产品暂停原因：全部解除后恢复挂牌与使用权 | A reason the product is held; it resumes when none is left' })
export class ProductHold {
  @Field(() => ProductHoldKind) kind!: string;
  @Field(() => String, { description: '来源，如 AGREEMENT:<id>、GRANT:<id>、INCIDENT:<id>' }) source!: string;
  @Field(() => String) reason!: string;
  @Field(() => Date) since!: string;
}
