import { Arg, Args, Ctx, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, connectionOf, PageArgs, type RequestContext } from '@pdo/platform';
import { Charge, ChargeFilter, DistributionPlan, PriceCap, ProductPrice, RevenueChargingUnit, SetDistributionPlanInput, SetPriceCapsInput, SetProductPriceInput } from './types.js';
import { priceAt, prices, setPriceCaps, setProductPrice } from '../services/pricing.js';
import { distributionPlans, setDistributionPlan } from '../services/plans.js';
import { charges } from '../services/charges.js';
import { toCharge, toPlan, toPrice, toPriceCap } from './map.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class ProductPriceConnection extends Connection(ProductPrice) {}
@ObjectType()
export class ChargeConnection extends Connection(Charge) {}
@ObjectType()
export class DistributionPlanConnection extends Connection(DistributionPlan) {}

type Ctx = RequestContext<Loaders>;

@Resolver()
export class PricingResolver {
  @Mutation(() => [PriceCap], { description: '设定上限收费标准 | Set price caps within the MAR (AUTHORITY/FINANCE)' })
  async setPriceCaps(@Arg('input', () => SetPriceCapsInput) input: SetPriceCapsInput, @Ctx() ctx: Ctx) {
    return (await setPriceCaps(ctx, input)).map(toPriceCap);
  }

  @Mutation(() => ProductPrice, { description: '运营机构定价（不高于上限）| The operator sets a price at or below the cap' })
  async setProductPrice(@Arg('input', () => SetProductPriceInput) input: SetProductPriceInput, @Ctx() ctx: Ctx) {
    return toPrice(await setProductPrice(ctx, input));
  }

  @Mutation(() => DistributionPlan, { description: '新版本收益分配方案 | A new version of a distribution plan (FINANCE/AUTHORITY)' })
  async setDistributionPlan(@Arg('input', () => SetDistributionPlanInput) input: SetDistributionPlanInput, @Ctx() ctx: Ctx) {
    return toPlan(await setDistributionPlan(ctx, input));
  }

  /** Prices are public: the operator must disclose them (PN §5). */
  @Query(() => ProductPriceConnection, { description: '产品价格版本 | Price versions of a product, newest first' })
  async productPrices(@Arg('productId', () => ID) productId: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    return connectionOf(args, (win) => prices(ctx, productId, win), toPrice);
  }

  @Query(() => ProductPrice, { nullable: true, description: '某时点生效的价格 | The price in force at an instant' })
  async priceInForce(@Arg('productId', () => ID) productId: string, @Arg('chargingUnit', () => RevenueChargingUnit) unit: string, @Arg('at', () => Date) at: Date, @Ctx() ctx: Ctx) {
    const row = await priceAt(ctx, productId, unit, at);
    return row ? toPrice(row) : null;
  }

  @Query(() => ChargeConnection, { description: '费用：开发者看本单位，运营机构看本单位产品，财务看本辖区 | Charges in scope' })
  async charges(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('filter', () => ChargeFilter, { nullable: true }) filter?: ChargeFilter) {
    return connectionOf(args, (win) => charges(ctx, filter ?? {}, win), toCharge);
  }

  @Query(() => DistributionPlanConnection, { description: '收益分配方案（各版本）| Distribution plans, all versions' })
  async distributionPlans(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('agreementId', () => ID, { nullable: true }) agreementId?: string) {
    return connectionOf(args, (win) => distributionPlans(ctx, agreementId ?? null, win), toPlan);
  }
}
