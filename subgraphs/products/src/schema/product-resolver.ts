import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateScalar, type RequestContext } from '@pdo/platform';
import { toShanghaiDate } from '@pdo/policy';
import { canSeeUnlisted } from '../access.js';
import * as review from '../services/compliance-review.js';
import * as drafts from '../services/product-drafts.js';
import * as listing from '../services/listing.js';
import * as queries from '../services/product-queries.js';
import * as registration from '../services/registration-service.js';
import type { Loaders } from '../loaders/index.js';
import {
  AdvanceProductRegistrationInput,
  CreateDataProductInput,
  DataProductConnection,
  DataProductsArgs,
  ProductMarketplaceArgs,
  ProductMarketplacePage,
  ResourceProductsArgs,
  ReviewProductInput,
  UpdateProductDraftInput,
} from './product-inputs.js';
import {
  DataProduct,
  DataResource,
  Organization,
  ProductComplianceReview,
  ProductHold,
  ProductListingPrice,
  ProductRegistration,
  ProductUsageStats,
  ProductVersion,
} from './types.js';

type Ctx = RequestContext<Loaders>;

@Resolver(() => DataProduct)
export class DataProductResolver {
  @Query(() => DataProduct, { nullable: true, description: '产品页（挂牌过的产品公开）| Product page' })
  dataProduct(@Arg('id', () => ID, { description: '产品标识 | Id of the product' }) id: string, @Ctx() ctx: Ctx) {
    return queries.productFor(ctx, id);
  }

  @Query(() => ProductMarketplacePage, { description: '数据产品市场：检索、筛选、分面、排序（匿名可见）| The public marketplace' })
  async productMarketplace(@Args(() => ProductMarketplaceArgs) args: ProductMarketplaceArgs, @Ctx() ctx: Ctx) {
    const f = args.filter ?? {};
    const { page, facets } = await queries.marketplace(ctx, { ...args, filter: { ...f, sourceUnitIds: f.sourceAgencyIds, minPriceFen: f.minPrice, maxPriceFen: f.maxPrice } });
    const pick = (name: string) => facets.filter((x) => x.facet === name).map(({ value, count }) => ({ value, count }));
    return {
      ...page,
      facets: { jurisdiction: pick('jurisdiction'), form: pick('form'), category: pick('category'), operator: pick('operator'), sector: pick('sector'), sourceAgency: pick('sourceAgency') },
    };
  }

  @Query(() => DataProductConnection, { description: '产品管理列表：运营机构看本单位，实施机构看本辖区，公众只看挂牌过的 | Back-office product list' })
  dataProducts(@Args(() => DataProductsArgs) args: DataProductsArgs, @Ctx() ctx: Ctx) {
    return queries.productList(ctx, args);
  }

  // ── fields ────────────────────────────────────────────────────────────────
  @FieldResolver(() => Organization, { description: '运营机构（一级开发主体）| Operator' })
  operator(@Root() p: DataProduct & { operatorName?: string }) {
    // Read with the product where the statement could (data/rows.ts, operatorName); else the name loader answers.
    return p.operatorName === undefined ? { id: p.operatorId } : { id: p.operatorId, name: p.operatorName };
  }

  @FieldResolver(() => [DataResource], { description: '所用的目录资源（调用方可见的）| Catalog resources used (those the caller may see)' })
  resources(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    return queries.resourcesOf(ctx, p.resourceIds);
  }

  @FieldResolver(() => [Organization], { description: '数据来源单位 | Source units' })
  sourceAgencies(@Root() p: DataProduct) {
    return p.sourceUnitIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [ProductVersion], { description: '版本（公众只见挂牌版本）| Versions (the public sees the listed one)' })
  async versions(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    const all = await ctx.loaders.versions.load(p.id);
    return canSeeUnlisted(ctx.identity, p) ? all : all.filter((v) => v.version === p.listedVersion);
  }

  @FieldResolver(() => ProductVersion, { nullable: true, description: '挂牌版本，未挂牌时为最新版本 | Listed version, else the latest' })
  async currentVersion(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    const all = await ctx.loaders.versions.load(p.id);
    const want = p.listedVersion ?? (canSeeUnlisted(ctx.identity, p) ? p.latestVersion : null);
    return all.find((v) => v.version === want) ?? null;
  }

  @FieldResolver(() => ProductComplianceReview, { nullable: true, description: '当前版本的合规审核结果 | Review of the current version' })
  async review(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    const v = p.listedVersion ?? (canSeeUnlisted(ctx.identity, p) ? p.latestVersion : null);
    return v === null ? null : ctx.loaders.review.load(`${p.id}:${v}`);
  }

  @FieldResolver(() => ProductRegistration, { nullable: true, description: '最新的产品登记 | Latest registration' })
  registration(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    return ctx.loaders.latestRegistration.load(p.id);
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: '首次登记申请截止日（交付后 20 个工作日，RG Art 9）| First registration due' })
  async registrationDueOn(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    if (!p.listedAt) return null;
    return registration.firstRegistrationDue(await ctx.loaders.profile.load(p.jurisdiction), toShanghaiDate(new Date(p.listedAt)));
  }

  @FieldResolver(() => ProductListingPrice, { nullable: true, description: '挂牌价格（收费标准与定价来自收益子图的事件）| Listing price' })
  async listingPrice(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    if (p.category === 'FREE') return { chargingUnit: p.chargingUnit, price: 0n, cap: 0n, effectiveFrom: null, free: true };
    const pr = await ctx.loaders.price.load(p.id);
    return pr ? { ...pr, free: false } : null;
  }

  @FieldResolver(() => [ProductHold], { nullable: true, description: '暂停原因（运营机构、实施机构可见）| Holds on the product (operator, agency)' })
  async holds(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    return canSeeUnlisted(ctx.identity, p) ? ctx.loaders.holds.load(p.id) : null;
  }

  @FieldResolver(() => ProductUsageStats, { description: '使用情况（公开）| Usage statistics' })
  usageStats(@Root() p: DataProduct, @Ctx() ctx: Ctx) {
    return ctx.loaders.usageStats.load(p.id);
  }

  // ── mutations ─────────────────────────────────────────────────────────────
  @Mutation(() => DataProduct, { description: '基于已审核通过的场景创建产品（草稿）| Create a product from an approved scenario' })
  async createDataProduct(@Arg('input', () => CreateDataProductInput, { description: '新产品（草稿）| The product to create, as a draft' }) input: CreateDataProductInput, @Ctx() ctx: Ctx) {
    const id = await drafts.createDataProduct(ctx, input);
    return ctx.loaders.byId.load(id);
  }

  @Mutation(() => DataProduct, { description: '修改产品草稿 | Change the draft of a product' })
  async updateProductDraft(@Arg('input', () => UpdateProductDraftInput, { description: '修改内容 | The changes' }) input: UpdateProductDraftInput, @Ctx() ctx: Ctx) {
    await drafts.updateProductDraft(ctx, input);
    return ctx.loaders.byId.load(input.productId);
  }

  @Mutation(() => DataProduct, { description: '开启新版本（已交付版本不可修改）| Open a new version' })
  async createProductVersion(@Arg('productId', () => ID, { description: '产品标识 | Id of the product' }) productId: string, @Arg('changeNote', () => String, { description: '新版本说明 | What the new version changes' }) changeNote: string, @Ctx() ctx: Ctx) {
    await drafts.createProductVersion(ctx, { productId, changeNote });
    return ctx.loaders.byId.load(productId);
  }

  @Mutation(() => DataProduct, { description: '提交合规审核 | Submit for compliance review' })
  async submitProductForReview(@Arg('productId', () => ID, { description: '产品标识 | Id of the product' }) productId: string, @Ctx() ctx: Ctx) {
    await drafts.submitProductForReview(ctx, { productId });
    return ctx.loaders.byId.load(productId);
  }

  @Mutation(() => ProductComplianceReview, { description: '合规审核（实施机构）| Compliance review (agency)' })
  reviewProduct(@Arg('input', () => ReviewProductInput, { description: '审核结论与清单 | Decision and checklist' }) input: ReviewProductInput, @Ctx() ctx: Ctx) {
    return review.reviewProduct(ctx, input);
  }

  @Mutation(() => DataProduct, { description: '挂牌 | List on the marketplace' })
  async listProduct(
    @Arg('productId', () => ID, { description: '产品标识 | Id of the product' }) productId: string,
    @Ctx() ctx: Ctx,
    @Arg('exchangeListingRef', () => String, { nullable: true, description: '在指定交易场所的挂牌编号（秦皇岛、新昌须填）| Listing reference at the designated exchange or zone (required in QHD and ZJC)' }) exchangeListingRef?: string | null,
    @Arg('exchangeVenue', () => String, { nullable: true, description: '交易场所（默认为辖区指定的）| Exchange or zone (default: the designated one)' }) exchangeVenue?: string | null,
  ) {
    await listing.listProduct(ctx, { productId, exchangeListingRef, exchangeVenue });
    return ctx.loaders.byId.load(productId);
  }

  @Mutation(() => DataProduct, { description: '摘牌 | Delist' })
  async delistProduct(@Arg('productId', () => ID, { description: '产品标识 | Id of the product' }) productId: string, @Arg('reason', () => String, { description: '摘牌理由 | Reason for delisting' }) reason: string, @Ctx() ctx: Ctx) {
    await listing.delistProduct(ctx, { productId, reason });
    return ctx.loaders.byId.load(productId);
  }

  @Mutation(() => ProductRegistration, { description: '申请产品登记 | Apply for product registration' })
  async applyProductRegistration(@Arg('productId', () => ID, { description: '产品标识 | Id of the product' }) productId: string, @Ctx() ctx: Ctx) {
    const id = await registration.applyProductRegistration(ctx, { productId });
    return queries.registrationFor(ctx, id);
  }

  @Mutation(() => ProductRegistration, { description: '登记流转（受理、审核、公示、赋码、续期…）| Advance a registration' })
  async advanceProductRegistration(@Arg('input', () => AdvanceProductRegistrationInput, { description: '办理的环节 | The step to take' }) input: AdvanceProductRegistrationInput, @Ctx() ctx: Ctx) {
    await registration.advanceProductRegistration(ctx, input);
    return queries.registrationFor(ctx, input.registrationId);
  }
}

/** Contributes `DataResource.products` to catalog's entity: the products built on a resource. */
@Resolver(() => DataResource)
export class DataResourceProductsResolver {
  @FieldResolver(() => DataProductConnection, { description: '基于该资源开发的数据产品（公众只见挂牌中的）| Products built on this resource' })
  products(@Root() r: DataResource, @Args(() => ResourceProductsArgs) args: ResourceProductsArgs, @Ctx() ctx: Ctx) {
    return queries.productsOfResource(ctx, r.id, args);
  }
}
