import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSON, LocalDateScalar, Money } from '@pdo/platform';
import type { OUTPUT_FIELD_KINDS } from '../domain/rules.js';
import { CatalogSector, UsePurpose, UsageSource, ProductHoldKind, ProductForm, ProductCategory, ProductChargingUnit, ProductDeliveryMethod, ProductOutputFieldKind, ProductListingStatus, ProductVersionStatus, ProductComplianceItem, ProductCheckResult, ProductReviewDecision, ProductRegistrationState, ProductRegistrationAction, ProductSort, UsageApplicationStatus, UsageAgreementStatus, EntitlementStatus, UsageSecurityRisk } from './enums.js';
import { ProductRecipeEvidence } from './recipe-evidence-types.js';

export * from './enums.js';

// ── stubs of other subgraphs' entities ───────────────────────────────────────
@ObjectType({ description: '主体（由 licensing 子图提供）| Organization (owned by licensing)' })
@Directive('@key(fields: "id", resolvable: false)')
export class Organization {
  @Field(() => ID, { description: '主体标识 | Id of the organization' }) id!: string;
  /**
   * Licensing's field, shared: products answers it from its organization_projection (OrganizationNameResolver), so a
   * product's operator and a usage's developer need no call to licensing, and products composes without licensing.
   */
  @Directive('@shareable')
  @Field(() => String, { description: '名称 | Name (Chinese)' }) name?: string;
}

/**
 * Catalog's resource; products contributes `DataResource.products` (resolved here by id) and shares the catalog's name,
 * sector and source unit, answered from its resource_projection (services/product-queries.ts, resourcesOf), so the listing and the
 * product page need no call to the catalog and products composes without the catalog.
 */
@ObjectType({ description: '数据资源（由 catalog 子图提供）| Data resource (owned by catalog)' })
@Directive('@key(fields: "id")')
export class DataResource {
  @Field(() => ID, { description: '数据资源标识 | Id of the resource' }) id!: string;
  @Directive('@shareable')
  @Field(() => String, { description: '名称 | Name (Chinese)' }) nameZh?: string;
  @Directive('@shareable')
  @Field(() => CatalogSector, { description: '所属领域 | Sector' }) sector?: string;
  @Directive('@shareable')
  @Field(() => Organization, { description: '数源单位 | The source unit that owns the resource' }) sourceAgency?: Organization | null;
}

// ── products ─────────────────────────────────────────────────────────────────
@ObjectType('ProductOutputField', { description: '产品输出字段 | A field of a product\'s output' })
export class ProductOutputField {
  @Field(() => String, { description: '字段名 | Field name' }) name!: string;
  @Field(() => String, { description: '数据类型 | Data type' }) type!: string;
  @Field(() => ProductOutputFieldKind, { description: '字段性质（不得为原始数据）| Kind of value (never raw data)' }) kind!: string;
  @Field(() => String, { description: '字段说明 | What the field holds' }) descriptionZh!: string;
}

@InputType('ProductOutputFieldInput', { description: '产品输出字段 | A field of a product\'s output' })
export class ProductOutputFieldInput {
  @Field(() => String, { description: '字段名 | Field name' }) name!: string;
  @Field(() => String, { description: '数据类型 | Data type' }) type!: string;
  @Field(() => ProductOutputFieldKind, { description: '字段性质（不得为原始数据）| Kind of value (never raw data)' }) kind!: (typeof OUTPUT_FIELD_KINDS)[number];
  @Field(() => String, { description: '字段说明 | What the field holds' }) descriptionZh!: string;
}

@ObjectType('ProductChecklistEntry', { description: '合规审核清单中的一项 | One item of the compliance checklist' })
export class ProductChecklistEntry {
  @Field(() => ProductComplianceItem, { description: '审核项 | Item reviewed' }) item!: string;
  @Field(() => ProductCheckResult, { description: '结论 | Result' }) result!: string;
  @Field(() => String, { description: '审核依据或证据 | Evidence for the result' }) evidence!: string;
  @Field(() => ProductRecipeEvidence, { nullable: true, description: '“原始数据不出域”项：审核时所见的运营域配方分析 | RAW_DATA_STAYS_IN_DOMAIN: the recipe analysis the reviewer saw' })
  recipeAnalysis?: ProductRecipeEvidence | null;
}

@ObjectType({ description: '合规审核结果 | Compliance review result' })
export class ProductComplianceReview {
  @Field(() => ID, { description: '审核记录标识 | Id of the review' }) id!: string;
  @Field(() => Int, { description: '被审核的版本 | Version reviewed' }) version!: number;
  @Field(() => ProductReviewDecision, { description: '审核决定 | Decision' }) decision!: string;
  @Field(() => [ProductChecklistEntry], { description: '审核清单 | Checklist' }) checklist!: ProductChecklistEntry[];
  @Field(() => [String], { description: '不予通过的理由 | Reasons for refusing' }) reasons!: string[];
  @Field(() => String, { nullable: true, description: '法律依据 | Legal basis' }) legalBasis!: string | null;
  @Field(() => Date, { description: '审核时间 | When reviewed' }) reviewedAt!: string;
}

@ObjectType({ description: '产品版本（已交付版本不可修改）| Product version (a delivered version is immutable)' })
export class ProductVersion {
  productId!: string;
  @Field(() => Int, { description: '版本号 | Version number' }) version!: number;
  @Field(() => ProductVersionStatus, { description: '版本状态 | Status of the version' }) status!: string;
  resourceIds!: string[];
  @Field(() => ProductDeliveryMethod, { description: '交付方式 | Delivery method' }) deliveryMethod!: string;
  @Field(() => [ProductOutputField], { description: '输出字段 | Output fields' }) outputSchema!: ProductOutputField[];
  @Field(() => GraphQLJSON, { description: '样例输出（不得含原始数据）| Sample outputs (never raw records)' }) sampleOutputs!: unknown;
  @Field(() => String, { nullable: true, description: '版本说明 | What changed in this version' }) changeNote!: string | null;
  @Field(() => Date, { nullable: true, description: '提交审核时间 | When submitted for review' }) submittedAt!: string | null;
  @Field(() => Date, { nullable: true, description: '首次交付时间 | When first delivered' }) deliveredAt!: string | null;
  @Field(() => Boolean, { description: '已交付（不可再修改）| Delivered (immutable)' }) delivered!: boolean;
}

@ObjectType({ description: '产品登记（RG）| Product registration' })
export class ProductRegistration {
  @Field(() => ID, { description: '登记标识 | Id of the registration' }) id!: string;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => Int, { description: '登记的产品版本 | Product version registered' }) version!: number;
  @Field(() => ProductRegistrationState, { description: '登记状态 | Registration state' }) state!: string;
  @Field(() => String, { description: '登记类型 | Kind of registration' }) type!: string;
  @Field(() => LocalDateScalar, { description: '申请日 | Day of the application' }) submittedOn!: string;
  @Field(() => LocalDateScalar, { nullable: true, description: '受理日 | Day accepted' }) acceptedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '公示开始日 | First day of the public notice' }) noticeStartedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '赋码日 | Day the registration code was issued' }) codedOn!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '登记有效期至 | Registration valid until' }) validUntil!: string | null;
  @Field(() => String, { nullable: true, description: '登记编码 | Registration code' }) registrationCode!: string | null;
  @Field(() => String, { nullable: true, description: '最近一次退回或驳回的理由 | Reason of the latest return or rejection' }) lastReason!: string | null;
  @Field(() => String, { nullable: true, description: '当前等待的环节 | What is awaited now' }) awaiting!: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '当前环节到期日（工作日）| Due date of the awaited step' }) dueOn!: string | null;
  @Field(() => Boolean, { description: '当前环节是否逾期 | Whether the awaited step is overdue' }) overdue!: boolean;
  jurisdiction!: string;
  operatorId!: string;
  providedOn!: string | null;
  agreementEnd!: string | null;
}

@ObjectType({ description: '挂牌价格（来自收费标准与定价事件）| Listing price (from revenue events)' })
export class ProductListingPrice {
  @Field(() => ProductChargingUnit, { description: '计费单位 | Charging unit' }) chargingUnit!: string;
  @Field(() => Money, { nullable: true, description: '当前价格（免费产品为空）| Current price (none for a free product)' }) price!: bigint | null;
  @Field(() => Money, { nullable: true, description: '上限收费标准 | Price cap' }) cap!: bigint | null;
  @Field(() => LocalDateScalar, { nullable: true, description: '价格生效日 | Price effective from' }) effectiveFrom!: string | null;
  @Field(() => Boolean, { description: '是否免费 | Whether the product is free' }) free!: boolean;
}

@ObjectType({ description: '使用情况（公开披露）| Usage statistics (public)' })
export class ProductUsageStats {
  @Field(() => String, { description: '累计用量（整数）| Total units' }) totalUnits!: string;
  @Field(() => Int, { description: '用量记录数 | Usage records' }) usageRecords!: number;
  @Field(() => Int, { description: '生效中的使用协议数 | Agreements in force' }) activeAgreements!: number;
  @Field(() => Int, { description: '使用的开发主体数 | Developers using it' }) developers!: number;
}

@ObjectType({ description: '数据产品 | Data product' })
@Directive('@key(fields: "id")')
export class DataProduct {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) id!: string;
  @Field(() => String, { description: '产品编码 | Product code' }) code!: string;
  @Field(() => String, { description: '所属辖区 | Jurisdiction' }) jurisdiction!: string;
  @Field(() => String, { description: '产品名称 | Name' }) name!: string;
  @Field(() => String, { description: '产品说明 | Description' }) description!: string;
  @Field(() => ProductForm, { description: '产品形态 | Form' }) form!: string;
  @Field(() => ProductCategory, { description: '由场景继承 | Inherited from the scenario' }) category!: string;
  @Field(() => ProductChargingUnit, { description: '计费单位 | Charging unit' }) chargingUnit!: string;
  @Field(() => ProductListingStatus, { description: '挂牌状态 | Listing status' }) listingStatus!: string;
  @Field(() => String, { nullable: true, description: '挂牌状态变化的原因 | Reason for the listing status' }) listingReason!: string | null;
  @Field(() => Date, { nullable: true, description: '挂牌时间 | When listed' }) listedAt!: string | null;
  @Field(() => Int, { nullable: true, description: '挂牌的版本 | Version listed' }) listedVersion!: number | null;
  @Field(() => String, { nullable: true, description: '交易场所（秦皇岛、新昌指定）| Exchange or zone it trades through (designated in QHD and ZJC)' }) exchangeVenue!: string | null;
  @Field(() => String, { nullable: true, description: '在交易场所的挂牌编号 | Listing reference at the exchange' }) exchangeListingRef!: string | null;
  @Field(() => Int, { description: '最新版本号 | Latest version' }) latestVersion!: number;
  @Field(() => ID, { description: '所依据的授权运营协议 | Id of the authorization agreement' }) agreementId!: string;
  @Field(() => ID, { description: '所依据的应用场景 | Id of the scenario' }) scenarioId!: string;
  @Field(() => [String], { description: '所用资源的行业领域 | Sectors of the resources used' }) sectors!: string[];
  @Field(() => Date, { description: '创建时间 | When created' }) createdAt!: string;
  operatorId!: string;
  resourceIds!: string[];
  sourceUnitIds!: string[];
  usageUnits!: string;
}

// ── secondary developers ─────────────────────────────────────────────────────
@ObjectType('UsageAssessment', { description: '运营机构评估（HN Art 17）| Operator assessment' })
export class UsageAssessment {
  @Field(() => Boolean, { description: '开发主体能力是否满足 | Developer\'s capability adequate' }) capabilityAdequate!: boolean;
  @Field(() => Boolean, { description: '需求是否合理 | Need reasonable' }) needReasonable!: boolean;
  @Field(() => Boolean, { description: '场景是否合规 | Scenario compliant' }) scenarioCompliant!: boolean;
  @Field(() => UsageSecurityRisk, { description: '安全风险等级 | Security risk' }) securityRisk!: string;
  @Field(() => Boolean, { description: '是否建议同意 | Recommend approval' }) recommend!: boolean;
  @Field(() => String, { description: '评估意见 | Opinion' }) opinion!: string;
  @Field(() => Date, { description: '评估时间 | When assessed' }) assessedAt!: string;
}

@ObjectType('UsageAgreementTerms', { description: '拟订的使用协议条款 | Proposed usage agreement terms' })
export class UsageAgreementTerms {
  @Field(() => String, { description: '收益分配条款 | Revenue distribution terms' }) revenueDistribution!: string;
  @Field(() => String, { description: '安全条款 | Security terms' }) securityTerms!: string;
  @Field(() => String, { description: '保密条款 | Confidentiality terms' }) confidentialityTerms!: string;
  @Field(() => String, { nullable: true, description: '用量额度（计费单位数）| Quota, in charging units' }) quotaUnits!: string | null;
}

@ObjectType({ description: '二级开发主体使用申请 | Usage application of a secondary developer' })
export class UsageApplication {
  @Field(() => ID, { description: '申请标识 | Id of the application' }) id!: string;
  @Field(() => ID, { description: '申请的产品 | Id of the product' }) productId!: string;
  @Field(() => UsageApplicationStatus, { description: '申请状态 | Status' }) status!: string;
  @Field(() => String, { description: '使用目的 | Purpose of use' }) purpose!: string;
  @Field(() => UsePurpose, { nullable: true, description: '用途类别（公共治理、公益事业、产业发展；决定免费使用，PN §1）| Purpose class of the use (decides free use, PN §1)' }) usePurpose!: string | null;
  @Field(() => Boolean, { nullable: true, description: '是否非营利使用（HN第21条）| Whether the use is non-profit (HN Art 21)' }) nonProfit!: boolean | null;
  @Field(() => String, { description: '应用场景 | Scenario of use' }) scenario!: string;
  @Field(() => String, { description: '使用范围 | Scope of use' }) scope!: string;
  @Field(() => String, { description: '使用方式 | Method of use' }) method!: string;
  @Field(() => LocalDateScalar, { description: '起始日 | First day' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: '截止日 | Last day' }) endDate!: string;
  @Field(() => String, { nullable: true, description: '申请的用量额度 | Quota requested' }) requestedQuota!: string | null;
  @Field(() => UsageAssessment, { nullable: true, description: '运营机构评估（HN第17条）| Operator\'s assessment (HN Art 17)' }) assessment!: UsageAssessment | null;
  @Field(() => UsageAgreementTerms, { nullable: true, description: '拟订的协议条款 | Proposed terms' }) proposedTerms!: UsageAgreementTerms | null;
  @Field(() => [String], { description: '不予同意的理由 | Reasons for refusing' }) decisionReasons!: string[];
  @Field(() => ID, { nullable: true, description: '签订的使用协议 | Usage agreement signed' }) usageAgreementId!: string | null;
  @Field(() => Date, { description: '申请时间 | When applied' }) createdAt!: string;
  developerId!: string;
  operatorId!: string;
  jurisdiction!: string;
}

@ObjectType({ description: '使用权（不可转让）| Entitlement (non-transferable, JL §九)' })
export class Entitlement {
  @Field(() => ID, { description: '使用权标识 | Id of the entitlement' }) id!: string;
  @Field(() => EntitlementStatus, { description: '使用权状态 | Status' }) status!: string;
  @Field(() => String, { nullable: true, description: '暂停原因 | Why it is paused' }) pauseReason!: string | null;
  @Field(() => LocalDateScalar, { description: '起始日 | First day' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: '截止日 | Last day' }) endDate!: string;
  @Field(() => String, { nullable: true, description: '用量额度（计费单位数，空为不限）| Quota in charging units (none: unlimited)' }) quotaUnits!: string | null;
  @Field(() => String, { description: '已用量 | Units used' }) usedUnits!: string;
  productId!: string;
  developerId!: string;
  operatorId!: string;
  usageAgreementId!: string;
  jurisdiction!: string;
}

@ObjectType({ description: '应用协议 | Usage agreement' })
export class UsageAgreement {
  @Field(() => ID, { description: '协议标识 | Id of the usage agreement' }) id!: string;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => UsageAgreementStatus, { description: '协议状态 | Status' }) status!: string;
  @Field(() => ProductCategory, { description: '产品类别（免费/收费）| Free or paid' }) category!: string;
  @Field(() => String, { description: '使用目的 | Purpose of use' }) purpose!: string;
  @Field(() => UsePurpose, { nullable: true, description: '用途类别（公共治理、公益事业、产业发展；决定免费使用，PN §1）| Purpose class of the use (decides free use, PN §1)' }) usePurpose!: string | null;
  @Field(() => Boolean, { nullable: true, description: '是否非营利使用（HN第21条）| Whether the use is non-profit (HN Art 21)' }) nonProfit!: boolean | null;
  @Field(() => String, { description: '使用范围 | Scope of use' }) scope!: string;
  @Field(() => String, { description: '使用方式 | Method of use' }) method!: string;
  @Field(() => LocalDateScalar, { description: '起始日 | First day' }) startDate!: string;
  @Field(() => LocalDateScalar, { description: '截止日 | Last day' }) endDate!: string;
  @Field(() => String, { description: '收益分配条款 | Revenue distribution terms' }) revenueDistribution!: string;
  @Field(() => String, { description: '安全条款 | Security terms' }) securityTerms!: string;
  @Field(() => String, { description: '保密条款 | Confidentiality terms' }) confidentialityTerms!: string;
  @Field(() => String, { nullable: true, description: '用量额度（计费单位数）| Quota, in charging units' }) quotaUnits!: string | null;
  @Field(() => Date, { nullable: true, description: '运营机构确认时间 | When the operator accepted' }) operatorAcceptedAt!: string | null;
  @Field(() => Date, { nullable: true, description: '开发主体确认时间 | When the developer accepted' }) developerAcceptedAt!: string | null;
  @Field(() => Date, { nullable: true, description: '签订时间 | When signed' }) signedAt!: string | null;
  @Field(() => Date, { nullable: true, description: '结束时间 | When it ended' }) endedAt!: string | null;
  @Field(() => String, { nullable: true, description: '结束原因 | Why it ended' }) endReason!: string | null;
  developerId!: string;
  operatorId!: string;
  jurisdiction!: string;
}

@ObjectType({ description: '用量记录 | Usage record' })
@Directive('@key(fields: "id")')
export class UsageRecord {
  @Field(() => ID, { description: '用量记录标识 | Id of the record' }) id!: string;
  @Field(() => ID, { description: '使用权标识 | Id of the entitlement' }) entitlementId!: string;
  @Field(() => ID, { description: '使用协议标识 | Id of the usage agreement' }) usageAgreementId!: string;
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => String, { description: '用量（计费单位数）| Units used' }) units!: string;
  @Field(() => Date, { description: '发生时间 | When the use happened' }) occurredAt!: string;
  @Field(() => String, { description: '幂等键（同键只记一次）| Idempotency key; a key is counted once' }) idempotencyKey!: string;
  @Field(() => Date, { description: '记录时间 | When recorded' }) recordedAt!: string;
  @Field(() => Boolean, { description: '重复的幂等键：返回首次结果 | A replayed key: the first result' }) replayed!: boolean;
  @Field(() => UsageSource, { description: '平台计量或运营机构申报 | Metered by the platform or declared by the operator' }) source!: string;
  developerId!: string;
  operatorId!: string;
  jurisdiction!: string;
}

@ObjectType('ProductHold', { description: '产品暂停原因：全部解除后恢复挂牌与使用权 | A reason the product is held; it resumes when none is left' })
export class ProductHold {
  @Field(() => ProductHoldKind, { description: '暂停原因类型 | Kind of hold' }) kind!: string;
  @Field(() => String, { description: '来源，如 AGREEMENT:<id>、GRANT:<id>、INCIDENT:<id> | What caused the hold, e.g. AGREEMENT:<id>' }) source!: string;
  @Field(() => String, { description: '暂停原因说明 | Reason' }) reason!: string;
  @Field(() => Date, { description: '暂停开始时间 | Held since' }) since!: string;
}
