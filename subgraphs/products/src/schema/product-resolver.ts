import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, GraphQLJSON, LocalDateScalar, MoneyAmountScalar, PageArgs, pageRows, pageWindow, scopeSql, sql, toConnection, type RequestContext } from '@pdo/platform';
import { PRODUCT_SCOPE_COLUMNS, PRODUCTS_SCOPE } from '../domain/scope.js';
import type { RegistrationAction } from '@pdo/registration';
import { toShanghaiDate } from '@pdo/policy';
import { PRODUCT_COLS, REGISTRATION_COLS, type ProductRow, type RegistrationRow } from '../data/rows.js';
import { searchMarketplace, type MarketSort } from '../data/marketplace.js';
import { canSeeUnlisted, todayOf } from '../domain/context.js';
import * as products from '../domain/products-service.js';
import * as registration from '../domain/registration-service.js';
import type { Loaders } from '../loaders/index.js';
import {
  DataProduct,
  DataResource,
  Organization,
  ProductCategory,
  ProductChargingUnit,
  ProductCheckResult,
  ProductComplianceItem,
  ProductComplianceReview,
  ProductDeliveryMethod,
  ProductForm,
  ProductHold,
  ProductListingPrice,
  ProductListingStatus,
  ProductOutputFieldInput,
  ProductRegistration,
  ProductRegistrationAction,
  ProductReviewDecision,
  ProductSort,
  ProductUsageStats,
  ProductVersion,
} from './types.js';

type Ctx = RequestContext<Loaders>;

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
  @Field(() => ProductForm) form!: products.CreateProductInput['form'];
  @Field(() => ProductChargingUnit) chargingUnit!: products.CreateProductInput['chargingUnit'];
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
  @Field(() => ProductComplianceItem) item!: products.ReviewInput['checklist'][number]['item'];
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

const visible = (ctx: Ctx, p: ProductRow | null) => (p && (p.listedAt !== null || canSeeUnlisted(ctx.identity, p)) ? p : null);

@Resolver(() => DataProduct)
export class DataProductResolver {
  @Query(() => DataProduct, { nullable: true, description: '产品页（挂牌过的产品公开）| Product page' })
  async dataProduct(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    return visible(ctx, await ctx.loaders.byId.load(id));
  }

  @Query(() => ProductMarketplacePage, { description: '数据产品市场：检索、筛选、分面、排序（匿名可见）| The public marketplace' })
  async productMarketplace(@Args(() => ProductMarketplaceArgs) args: ProductMarketplaceArgs, @Ctx() ctx: Ctx) {
    const win = pageWindow(args);
    const f = args.filter ?? {};
    const sort: MarketSort = args.sort ?? (args.search?.trim() ? 'RELEVANCE' : 'NEWEST');
    const { rows, total, facets } = await searchMarketplace(ctx.em, todayOf(ctx), { ...f, minPriceFen: f.minPrice, maxPriceFen: f.maxPrice }, args.search ?? null, sort, win.limit, win.offset);
    const pick = (name: string) => facets.filter((x) => x.facet === name).map(({ value, count }) => ({ value, count }));
    return {
      ...toConnection(rows, total, win),
      facets: { jurisdiction: pick('jurisdiction'), form: pick('form'), category: pick('category'), operator: pick('operator'), sector: pick('sector'), sourceAgency: pick('sourceAgency') },
    };
  }

  @Query(() => DataProductConnection, { description: '产品管理列表：运营机构看本单位，实施机构看本辖区，公众只看挂牌过的 | Back-office product list' })
  async dataProducts(@Args(() => DataProductsArgs) args: DataProductsArgs, @Ctx() ctx: Ctx) {
    const win = pageWindow(args);
    const id = ctx.identity;
    const params: unknown[] = [];
    const add = (v: unknown) => `$${params.push(v)}`;
    // Scope: what this caller may see beyond the public market (packages/platform/src/access/scope.ts).
    const conds: string[] = [scopeSql(id, { ...PRODUCT_SCOPE_COLUMNS, public: 'p.listed_at is not null' }, params, PRODUCTS_SCOPE)];
    if (args.operatorId) conds.push(`p.operator_id = ${add(args.operatorId)}`);
    if (args.jurisdiction) conds.push(`p.jurisdiction = ${add(args.jurisdiction)}`);
    if (args.listingStatus) conds.push(`p.listing_status = ${add(args.listingStatus)}`);
    if (args.versionStatus) conds.push(`exists (select 1 from product_version v where v.product_id = p.id and v.version = p.latest_version and v.status = ${add(args.versionStatus)})`);
    const { rows, totalCount } = await pageRows<ProductRow>(
      ctx.em,
      { select: PRODUCT_COLS, from: `data_product p ${conds.length ? `where ${conds.join(' and ')}` : ''}`, orderBy: `p.created_at desc, p.id`, params },
      win,
    );
    return toConnection(rows, totalCount, win);
  }

  // ── fields ────────────────────────────────────────────────────────────────
  @FieldResolver(() => Organization, { description: '运营机构（一级开发主体）| Operator' })
  operator(@Root() p: ProductRow) {
    return { id: p.operatorId };
  }

  @FieldResolver(() => [DataResource], { description: '所用的目录资源 | Catalog resources used' })
  resources(@Root() p: ProductRow) {
    return p.resourceIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [Organization], { description: '数据来源单位 | Source agencies' })
  sourceAgencies(@Root() p: ProductRow) {
    return p.sourceAgencyIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [ProductVersion], { description: '版本（公众只见挂牌版本）| Versions (the public sees the listed one)' })
  async versions(@Root() p: ProductRow, @Ctx() ctx: Ctx) {
    const all = await ctx.loaders.versions.load(p.id);
    return canSeeUnlisted(ctx.identity, p) ? all : all.filter((v) => v.version === p.listedVersion);
  }

  @FieldResolver(() => ProductVersion, { nullable: true, description: '挂牌版本，未挂牌时为最新版本 | Listed version, else the latest' })
  async currentVersion(@Root() p: ProductRow, @Ctx() ctx: Ctx) {
    const all = await ctx.loaders.versions.load(p.id);
    const want = p.listedVersion ?? (canSeeUnlisted(ctx.identity, p) ? p.latestVersion : null);
    return all.find((v) => v.version === want) ?? null;
  }

  @FieldResolver(() => ProductComplianceReview, { nullable: true, description: '当前版本的合规审核结果 | Review of the current version' })
  async review(@Root() p: ProductRow, @Ctx() ctx: Ctx) {
    const v = p.listedVersion ?? (canSeeUnlisted(ctx.identity, p) ? p.latestVersion : null);
    return v === null ? null : ctx.loaders.review.load(`${p.id}:${v}`);
  }

  @FieldResolver(() => ProductRegistration, { nullable: true, description: '最新的产品登记 | Latest registration' })
  async registration(@Root() p: ProductRow, @Ctx() ctx: Ctx) {
    const r = await ctx.loaders.latestRegistration.load(p.id);
    return r;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: '首次登记申请截止日（交付后 20 个工作日，RG Art 9）| First registration due' })
  async registrationDueOn(@Root() p: ProductRow, @Ctx() ctx: Ctx) {
    if (!p.listedAt) return null;
    return registration.firstRegistrationDue(await ctx.loaders.profile.load(p.jurisdiction), toShanghaiDate(new Date(p.listedAt)));
  }

  @FieldResolver(() => ProductListingPrice, { nullable: true, description: '挂牌价格（收费标准与定价来自收益子图的事件）| Listing price' })
  async listingPrice(@Root() p: ProductRow, @Ctx() ctx: Ctx) {
    if (p.category === 'FREE') return { chargingUnit: p.chargingUnit, price: 0n, cap: 0n, effectiveFrom: null, free: true };
    const pr = await ctx.loaders.price.load(p.id);
    return pr ? { ...pr, free: false } : null;
  }

  @FieldResolver(() => [ProductHold], { nullable: true, description: '暂停原因（运营机构、实施机构可见）| Holds on the product (operator, agency)' })
  async holds(@Root() p: ProductRow, @Ctx() ctx: Ctx) {
    return canSeeUnlisted(ctx.identity, p) ? ctx.loaders.holds.load(p.id) : null;
  }

  @FieldResolver(() => ProductUsageStats, { description: '使用情况（公开）| Usage statistics' })
  usageStats(@Root() p: ProductRow, @Ctx() ctx: Ctx) {
    return ctx.loaders.usageStats.load(p.id);
  }

  // ── mutations ─────────────────────────────────────────────────────────────
  @Mutation(() => DataProduct, { description: '基于已审核通过的场景创建产品（草稿）| Create a product from an approved scenario' })
  async createDataProduct(@Arg('input', () => CreateDataProductInput) input: CreateDataProductInput, @Ctx() ctx: Ctx) {
    const id = await products.createDataProduct(ctx, input);
    return ctx.loaders.byId.load(id);
  }

  @Mutation(() => DataProduct)
  async updateProductDraft(@Arg('input', () => UpdateProductDraftInput) input: UpdateProductDraftInput, @Ctx() ctx: Ctx) {
    await products.updateProductDraft(ctx, input);
    return ctx.loaders.byId.load(input.productId);
  }

  @Mutation(() => DataProduct, { description: '开启新版本（已交付版本不可修改）| Open a new version' })
  async createProductVersion(@Arg('productId', () => ID) productId: string, @Arg('changeNote', () => String) changeNote: string, @Ctx() ctx: Ctx) {
    await products.createProductVersion(ctx, productId, changeNote);
    return ctx.loaders.byId.load(productId);
  }

  @Mutation(() => DataProduct, { description: '提交合规审核 | Submit for compliance review' })
  async submitProductForReview(@Arg('productId', () => ID) productId: string, @Ctx() ctx: Ctx) {
    await products.submitProductForReview(ctx, productId);
    return ctx.loaders.byId.load(productId);
  }

  @Mutation(() => ProductComplianceReview, { description: '合规审核（实施机构）| Compliance review (agency)' })
  reviewProduct(@Arg('input', () => ReviewProductInput) input: ReviewProductInput, @Ctx() ctx: Ctx) {
    return products.reviewProduct(ctx, input);
  }

  @Mutation(() => DataProduct, { description: '挂牌 | List on the marketplace' })
  async listProduct(@Arg('productId', () => ID) productId: string, @Ctx() ctx: Ctx) {
    await products.listProduct(ctx, productId);
    return ctx.loaders.byId.load(productId);
  }

  @Mutation(() => DataProduct, { description: '摘牌 | Delist' })
  async delistProduct(@Arg('productId', () => ID) productId: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Ctx) {
    await products.delistProduct(ctx, productId, reason);
    return ctx.loaders.byId.load(productId);
  }

  @Mutation(() => ProductRegistration, { description: '申请产品登记 | Apply for product registration' })
  async applyProductRegistration(@Arg('productId', () => ID) productId: string, @Ctx() ctx: Ctx) {
    const id = await registration.applyProductRegistration(ctx, productId);
    return loadRegistration(ctx, id);
  }

  @Mutation(() => ProductRegistration, { description: '登记流转（受理、审核、公示、赋码、续期…）| Advance a registration' })
  async advanceProductRegistration(@Arg('input', () => AdvanceProductRegistrationInput) input: AdvanceProductRegistrationInput, @Ctx() ctx: Ctx) {
    await registration.advanceProductRegistration(ctx, input.registrationId, input.action, input.reason);
    return loadRegistration(ctx, input.registrationId);
  }
}

async function loadRegistration(ctx: Ctx, id: string) {
  const [r] = await sql<RegistrationRow>(ctx.em, `select ${REGISTRATION_COLS} from product_registration g where g.id = $1`, [id]);
  return r ?? null;
}

@ArgsType()
export class ResourceProductsArgs extends PageArgs {}

/** Contributes `DataResource.products` to catalog's entity: the products built on a resource. */
@Resolver(() => DataResource)
export class DataResourceProductsResolver {
  @FieldResolver(() => DataProductConnection, { description: '基于该资源开发的数据产品（公众只见挂牌中的）| Products built on this resource' })
  async products(@Root() r: DataResource, @Args(() => ResourceProductsArgs) args: ResourceProductsArgs, @Ctx() ctx: Ctx) {
    const win = pageWindow(args);
    const { rows, total } = await ctx.loaders.productsOfResource(win.limit, win.offset).load(r.id);
    return toConnection(rows, total, win);
  }
}
