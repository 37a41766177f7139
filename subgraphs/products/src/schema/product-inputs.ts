import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection, GraphQLJSON, MoneyAmountScalar, PageArgs } from '@pdo/platform';
import type { RegistrationAction } from '@pdo/registration';
import type { MarketSort } from '../services/product-queries.js';
import type { CreateProductInput } from '../services/product-drafts.js';
import type { ReviewInput } from '../services/compliance-review.js';
import {
  DataProduct,
  ProductCategory,
  ProductChargingUnit,
  ProductCheckResult,
  ProductComplianceItem,
  ProductDeliveryMethod,
  ProductForm,
  ProductListingStatus,
  ProductOutputFieldInput,
  ProductRegistrationAction,
  ProductReviewDecision,
  ProductSort,
} from './types.js';

/* The arguments, inputs and pages of the product resolvers. */
@ObjectType({ description: '数据产品分页列表 | Page of data products' })
export class DataProductConnection extends Connection(DataProduct) {}

@ObjectType('ProductFacetBucket', { description: '分面中的一个取值及其计数 | One value of a facet, with its count' })
export class ProductFacetBucket {
  @Field(() => String, { description: '取值 | Value' }) value!: string;
  @Field(() => Int, { description: '符合条件的产品数 | Matching products' }) count!: number;
}

@ObjectType('ProductFacets', { description: '分面计数：单值分面（辖区、形态、类别、运营机构）之和等于 totalCount；行业与来源单位为多值 | Facet counts' })
export class ProductFacets {
  @Field(() => [ProductFacetBucket], { description: '按辖区 | By jurisdiction' }) jurisdiction!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket], { description: '按产品形态 | By form' }) form!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket], { description: '按类别（免费/收费）| By free or paid' }) category!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket], { description: '按运营机构 | By operator' }) operator!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket], { description: '多值 | multi-valued' }) sector!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket], { description: '多值 | multi-valued' }) sourceAgency!: ProductFacetBucket[];
}

@ObjectType('ProductMarketplacePage', { description: '数据产品市场检索结果 | Marketplace search result' })
export class ProductMarketplacePage extends DataProductConnection {
  @Field(() => ProductFacets, { description: '分面计数 | Facet counts' }) facets!: ProductFacets;
}

@InputType('ProductMarketplaceFilter', { description: '市场检索条件 | Marketplace filter' })
export class ProductMarketplaceFilter {
  @Field(() => [String], { nullable: true, description: '辖区（任一）| Any of these jurisdictions' }) jurisdictions?: string[] | null;
  @Field(() => [String], { nullable: true, description: '行业领域（任一）| Any of these sectors' }) sectors?: string[] | null;
  @Field(() => [ProductForm], { nullable: true, description: '产品形态（任一）| Any of these forms' }) forms?: string[] | null;
  @Field(() => [ProductCategory], { nullable: true, description: '类别（任一）| Free, paid or both' }) categories?: string[] | null;
  @Field(() => [ID], { nullable: true, description: '运营机构（任一）| Any of these operators' }) operatorIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: '数源单位（任一）| Any of these source units' }) sourceAgencyIds?: string[] | null;
  @Field(() => MoneyAmountScalar, { nullable: true, description: '最低价格 | Lowest price' }) minPrice?: bigint | null;
  @Field(() => MoneyAmountScalar, { nullable: true, description: '最高价格 | Highest price' }) maxPrice?: bigint | null;
}

@ArgsType()
export class ProductMarketplaceArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: '中文全文检索 | Chinese full-text search' }) search?: string | null;
  @Field(() => ProductMarketplaceFilter, { nullable: true, description: '检索条件 | Filter' }) filter?: ProductMarketplaceFilter | null;
  @Field(() => ProductSort, { nullable: true, description: '默认：有检索词按相关度，否则最新 | Default: relevance with a search, else newest' }) sort?: MarketSort | null;
}

@ArgsType()
export class DataProductsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: '运营机构 | Only this operator\'s products' }) operatorId?: string | null;
  @Field(() => String, { nullable: true, description: '辖区 | Only this jurisdiction' }) jurisdiction?: string | null;
  @Field(() => ProductListingStatus, { nullable: true, description: '挂牌状态 | Only in this listing status' }) listingStatus?: string | null;
  @Field(() => String, { nullable: true, description: '最新版本状态，如 SUBMITTED（待审核）| Latest version status' }) versionStatus?: string | null;
}

@InputType('CreateDataProductInput', { description: '创建数据产品（草稿）| Create a data product as a draft' })
export class CreateDataProductInput {
  @Field(() => ID, { description: '所依据的应用场景（决定免费或收费）| Scenario the product serves; decides free or paid' }) scenarioId!: string;
  @Field(() => String, { description: '产品名称 | Name' }) name!: string;
  @Field(() => String, { description: '产品说明 | Description' }) description!: string;
  @Field(() => ProductForm, { description: '产品形态 | Form' }) form!: CreateProductInput['form'];
  @Field(() => ProductChargingUnit, { description: '计费单位 | Charging unit' }) chargingUnit!: CreateProductInput['chargingUnit'];
  @Field(() => ProductDeliveryMethod, { description: '交付方式 | Delivery method' }) deliveryMethod!: string;
  @Field(() => [ID], { description: '所用数据资源（须在授权范围内）| Resources used, within the authorization' }) resourceIds!: string[];
  @Field(() => [ProductOutputFieldInput], { description: '输出字段 | Output fields' }) outputSchema!: ProductOutputFieldInput[];
  @Field(() => [GraphQLJSON], { description: '样例输出（不得含原始数据）| Sample outputs (never raw records)' }) sampleOutputs!: Record<string, unknown>[];
}

@InputType('UpdateProductDraftInput', { description: '修改产品草稿（未给出的不变）| Change a product draft; what is not given stays' })
export class UpdateProductDraftInput {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => String, { nullable: true, description: '产品名称 | Name' }) name?: string | null;
  @Field(() => String, { nullable: true, description: '产品说明 | Description' }) description?: string | null;
  @Field(() => ProductDeliveryMethod, { nullable: true, description: '交付方式 | Delivery method' }) deliveryMethod?: string;
  @Field(() => [ID], { nullable: true, description: '所用数据资源 | Resources used' }) resourceIds?: string[];
  @Field(() => [ProductOutputFieldInput], { nullable: true, description: '输出字段 | Output fields' }) outputSchema?: ProductOutputFieldInput[];
  @Field(() => [GraphQLJSON], { nullable: true, description: '样例输出（不得含原始数据）| Sample outputs (never raw records)' }) sampleOutputs?: Record<string, unknown>[];
  @Field(() => String, { nullable: true, description: '版本说明 | What changed in this version' }) changeNote?: string | null;
}

@InputType('ProductChecklistInput', { description: '合规审核清单中的一项 | One item of the compliance checklist' })
export class ProductChecklistInput {
  @Field(() => ProductComplianceItem, { description: '审核项 | Item reviewed' }) item!: ReviewInput['checklist'][number]['item'];
  @Field(() => ProductCheckResult, { description: '结论 | Result' }) result!: 'PASS' | 'FAIL';
  @Field(() => String, { description: '审核依据或证据 | Evidence for the result' }) evidence!: string;
}

@InputType('ReviewProductInput', { description: '产品合规审核（HN第15条）| Compliance review of a product (HN Art 15)' })
export class ReviewProductInput {
  @Field(() => ID, { description: '产品标识 | Id of the product' }) productId!: string;
  @Field(() => Int, { description: '被审核的版本 | Version reviewed' }) version!: number;
  @Field(() => ProductReviewDecision, { description: '审核决定 | Decision' }) decision!: 'APPROVED' | 'REFUSED';
  @Field(() => [ProductChecklistInput], { description: '审核清单（须逐项填写）| Checklist, every item' }) checklist!: ProductChecklistInput[];
  @Field(() => [String], { nullable: true, description: '不予通过的理由 | Reasons for refusing' }) reasons?: string[] | null;
  @Field(() => String, { nullable: true, description: '不通过的法律依据 | Legal basis of a refusal' }) legalBasis?: string | null;
}

@InputType('AdvanceProductRegistrationInput', { description: '办理产品登记的一个环节 | Take one step of a product registration' })
export class AdvanceProductRegistrationInput {
  @Field(() => ID, { description: '登记标识 | Id of the registration' }) registrationId!: string;
  @Field(() => ProductRegistrationAction, { description: '要办理的环节 | Step to take' }) action!: RegistrationAction;
  @Field(() => String, { nullable: true, description: '理由（退回、驳回时必填）| Reason (required to return or reject)' }) reason?: string | null;
}


@ArgsType()
export class ResourceProductsArgs extends PageArgs {}
