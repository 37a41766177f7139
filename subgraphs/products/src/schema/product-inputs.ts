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
@ObjectType()
export class DataProductConnection extends Connection(DataProduct) {}

@ObjectType('ProductFacetBucket')
export class ProductFacetBucket {
  @Field(() => String) value!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('ProductFacets', { description: '分面计数：单值分面（辖区、形态、类别、运营机构）之和等于 totalCount；行业与来源单位为多值 | Facet counts' })
export class ProductFacets {
  @Field(() => [ProductFacetBucket]) jurisdiction!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket]) form!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket]) category!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket]) operator!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket], { description: '多值 | multi-valued' }) sector!: ProductFacetBucket[];
  @Field(() => [ProductFacetBucket], { description: '多值 | multi-valued' }) sourceAgency!: ProductFacetBucket[];
}

@ObjectType('ProductMarketplacePage')
export class ProductMarketplacePage extends DataProductConnection {
  @Field(() => ProductFacets) facets!: ProductFacets;
}

@InputType('ProductMarketplaceFilter')
export class ProductMarketplaceFilter {
  @Field(() => [String], { nullable: true }) jurisdictions?: string[] | null;
  @Field(() => [String], { nullable: true }) sectors?: string[] | null;
  @Field(() => [ProductForm], { nullable: true }) forms?: string[] | null;
  @Field(() => [ProductCategory], { nullable: true }) categories?: string[] | null;
  @Field(() => [ID], { nullable: true }) operatorIds?: string[] | null;
  @Field(() => [ID], { nullable: true }) sourceAgencyIds?: string[] | null;
  @Field(() => MoneyAmountScalar, { nullable: true }) minPrice?: bigint | null;
  @Field(() => MoneyAmountScalar, { nullable: true }) maxPrice?: bigint | null;
}

@ArgsType()
export class ProductMarketplaceArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: '中文全文检索 | Chinese full-text search' }) search?: string | null;
  @Field(() => ProductMarketplaceFilter, { nullable: true }) filter?: ProductMarketplaceFilter | null;
  @Field(() => ProductSort, { nullable: true, description: '默认：有检索词按相关度，否则最新 | Default: relevance with a search, else newest' }) sort?: MarketSort | null;
}

@ArgsType()
export class DataProductsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) operatorId?: string | null;
  @Field(() => String, { nullable: true }) jurisdiction?: string | null;
  @Field(() => ProductListingStatus, { nullable: true }) listingStatus?: string | null;
  @Field(() => String, { nullable: true, description: '最新版本状态，如 SUBMITTED（待审核）| Latest version status' }) versionStatus?: string | null;
}

@InputType('CreateDataProductInput')
export class CreateDataProductInput {
  @Field(() => ID) scenarioId!: string;
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
  @Field(() => ProductForm) form!: CreateProductInput['form'];
  @Field(() => ProductChargingUnit) chargingUnit!: CreateProductInput['chargingUnit'];
  @Field(() => ProductDeliveryMethod) deliveryMethod!: string;
  @Field(() => [ID]) resourceIds!: string[];
  @Field(() => [ProductOutputFieldInput]) outputSchema!: ProductOutputFieldInput[];
  @Field(() => [GraphQLJSON]) sampleOutputs!: Record<string, unknown>[];
}

@InputType('UpdateProductDraftInput')
export class UpdateProductDraftInput {
  @Field(() => ID) productId!: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => ProductDeliveryMethod, { nullable: true }) deliveryMethod?: string;
  @Field(() => [ID], { nullable: true }) resourceIds?: string[];
  @Field(() => [ProductOutputFieldInput], { nullable: true }) outputSchema?: ProductOutputFieldInput[];
  @Field(() => [GraphQLJSON], { nullable: true }) sampleOutputs?: Record<string, unknown>[];
  @Field(() => String, { nullable: true }) changeNote?: string | null;
}

@InputType('ProductChecklistInput')
export class ProductChecklistInput {
  @Field(() => ProductComplianceItem) item!: ReviewInput['checklist'][number]['item'];
  @Field(() => ProductCheckResult) result!: 'PASS' | 'FAIL';
  @Field(() => String) evidence!: string;
}

@InputType('ReviewProductInput')
export class ReviewProductInput {
  @Field(() => ID) productId!: string;
  @Field(() => Int) version!: number;
  @Field(() => ProductReviewDecision) decision!: 'APPROVED' | 'REFUSED';
  @Field(() => [ProductChecklistInput]) checklist!: ProductChecklistInput[];
  @Field(() => [String], { nullable: true }) reasons?: string[] | null;
  @Field(() => String, { nullable: true, description: '不通过的法律依据 | Legal basis of a refusal' }) legalBasis?: string | null;
}

@InputType('AdvanceProductRegistrationInput')
export class AdvanceProductRegistrationInput {
  @Field(() => ID) registrationId!: string;
  @Field(() => ProductRegistrationAction) action!: RegistrationAction;
  @Field(() => String, { nullable: true }) reason?: string | null;
}


@ArgsType()
export class ResourceProductsArgs extends PageArgs {}
