import { Arg, Args, Ctx, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, connectionOf, PageArgs, type RequestContext } from '@pdo/platform';
import { Charge, ChargeFilter, DistributionPlan, PriceCap, ProductPrice, RevenueChargingUnit, SetDistributionPlanInput, SetPriceCapsInput, SetProductPriceInput } from './types.js';
import { priceAt, prices, setPriceCaps, setProductPrice } from '../services/pricing.js';
import { distributionPlans, setDistributionPlan } from '../services/plans.js';
import { charges } from '../services/charges.js';
import { toCharge, toPlan, toPrice, toPriceCap } from './map.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType({ description: '产品价格分页列表 | Page of product prices' })
export class ProductPriceConnection extends Connection(ProductPrice) {}
@ObjectType({ description: '费用分页列表 | Page of charges' })
export class ChargeConnection extends Connection(Charge) {}
@ObjectType({ description: '收益分配方案分页列表 | Page of distribution plans' })
export class DistributionPlanConnection extends Connection(DistributionPlan) {}

type Ctx = RequestContext<Loaders>;

@Resolver()
export class PricingResolver {
  @Mutation(() => [PriceCap], { description: '设定上限收费标准 | Set price caps within the MAR (AUTHORITY/FINANCE)' })
  async setPriceCaps(@Arg('input', () => SetPriceCapsInput, { description: '上限收费标准 | The price caps' }) input: SetPriceCapsInput, @Ctx() ctx: Ctx) {
    return (await setPriceCaps(ctx, input)).map(toPriceCap);
  }

  @Mutation(() => ProductPrice, { description: '运营机构定价（不高于上限）| The operator sets a price at or below the cap' })
  async setProductPrice(@Arg('input', () => SetProductPriceInput, { description: '产品价格 | The price' }) input: SetProductPriceInput, @Ctx() ctx: Ctx) {
    return toPrice(await setProductPrice(ctx, input));
  }

  @Mutation(() => DistributionPlan, { description: '新版本收益分配方案 | A new version of a distribution plan (FINANCE/AUTHORITY)' })
  async setDistributionPlan(@Arg('input', () => SetDistributionPlanInput, { description: '分配方案 | The plan' }) input: SetDistributionPlanInput, @Ctx() ctx: Ctx) {
    return toPlan(await setDistributionPlan(ctx, input));
  }

  /** Prices are public: the operator must disclose them (PN §5). */
  @Query(() => ProductPriceConnection, { description: '产品价格版本 | Price versions of a product, newest first' })
  async productPrices(@Arg('productId', () => ID, { description: '产品标识 | Id of the product' }) productId: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    return connectionOf(args, (win) => prices(ctx, productId, win), toPrice);
  }

  @Query(() => ProductPrice, { nullable: true, description: '某时点生效的价格 | The price in force at an instant' })
  async priceInForce(@Arg('productId', () => ID, { description: '产品标识 | Id of the product' }) productId: string, @Arg('chargingUnit', () => RevenueChargingUnit, { description: '计费单位 | Charging unit' }) unit: string, @Arg('at', () => Date, { description: '时间点 | The instant to price at' }) at: Date, @Ctx() ctx: Ctx) {
    const row = await priceAt(ctx, productId, unit, at);
    return row ? toPrice(row) : null;
  }

  @Query(() => ChargeConnection, { description: '费用：开发者看本单位，运营机构看本单位产品，财务看本辖区 | Charges in scope' })
  async charges(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('filter', () => ChargeFilter, { nullable: true, description: '筛选条件 | Filter' }) filter?: ChargeFilter) {
    return connectionOf(args, (win) => charges(ctx, filter ?? {}, win), toCharge);
  }

  @Query(() => DistributionPlanConnection, { description: '收益分配方案（各版本）| Distribution plans, all versions' })
  async distributionPlans(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('agreementId', () => ID, { nullable: true, description: '只看该授权运营协议 | Only this authorization agreement\'s plans' }) agreementId?: string) {
    return connectionOf(args, (win) => distributionPlans(ctx, agreementId ?? null, win), toPlan);
  }
}
