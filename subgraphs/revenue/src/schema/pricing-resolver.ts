import { Arg, Args, Ctx, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, forbidden, inTransaction, PageArgs, pageRows, pageWindow, requireRole, sql, toConnection, type RequestContext } from '@pdo/platform';
import { Charge, ChargeFilter, DistributionPlan, PriceCap, ProductPrice, RevenueChargingUnit, SetDistributionPlanInput, SetPriceCapsInput, SetProductPriceInput } from './types.js';
import { setPriceCaps, setProductPrice } from '../data/pricing.js';
import { setDistributionPlan } from '../data/plans.js';
import { CHARGE_COLS, PRICE_COLS, toCharge, toPlan, toPrice } from '../data/rows.js';
import { isFinance, requireFinance } from '../domain/access.js';
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
    return inTransaction(ctx, (uow) => setPriceCaps(uow, ctx.identity, input));
  }

  @Mutation(() => ProductPrice, { description: '运营机构定价（不高于上限）| The operator sets a price at or below the cap' })
  async setProductPrice(@Arg('input', () => SetProductPriceInput) input: SetProductPriceInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) => setProductPrice(uow, ctx.identity, ctx.now, input));
  }

  @Mutation(() => DistributionPlan, { description: '新版本收益分配方案 | A new version of a distribution plan (FINANCE/AUTHORITY)' })
  async setDistributionPlan(@Arg('input', () => SetDistributionPlanInput) input: SetDistributionPlanInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) => setDistributionPlan(uow, ctx.identity, input));
  }

  /** Prices are public: the operator must disclose them (PN §5). */
  @Query(() => ProductPriceConnection, { description: '产品价格版本 | Price versions of a product, newest first' })
  async productPrices(@Arg('productId', () => ID) productId: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    const win = pageWindow(args);
    const { rows, totalCount } = await pageRows(ctx.em, { select: PRICE_COLS, from: `price where product_id = $1`, orderBy: `effective_from desc, charging_unit`, params: [productId] }, win);
    return toConnection(rows.map(toPrice), totalCount, win);
  }

  @Query(() => ProductPrice, { nullable: true, description: '某时点生效的价格 | The price in force at an instant' })
  async priceInForce(@Arg('productId', () => ID) productId: string, @Arg('chargingUnit', () => RevenueChargingUnit) unit: string, @Arg('at', () => Date) at: Date, @Ctx() ctx: Ctx) {
    const [row] = await sql(ctx.em, `select ${PRICE_COLS} from price where product_id = $1 and charging_unit = $2 and effective_from <= ($3::timestamptz at time zone 'Asia/Shanghai')::date order by effective_from desc limit 1`, [productId, unit, at.toISOString()]);
    return row ? toPrice(row) : null;
  }

  @Query(() => ChargeConnection, { description: '费用：开发者看本单位，运营机构看本单位产品，财务看本辖区 | Charges in scope' })
  async charges(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('filter', () => ChargeFilter, { nullable: true }) filter?: ChargeFilter) {
    requireRole(ctx.identity, 'FINANCE', 'AUTHORITY', 'OPERATOR', 'DEVELOPER');
    const win = pageWindow(args);
    const f = filter ?? {};
    const id = ctx.identity;
    const params = [
      isFinance(id) ? id.jurisdiction : (f.jurisdiction ?? null),
      id.role === 'DEVELOPER' ? id.org : (f.developerId ?? null),
      id.role === 'OPERATOR' ? id.org : null,
      f.productId ?? null,
      f.from?.toISOString() ?? null,
      f.to?.toISOString() ?? null,
      win.limit,
      win.offset,
    ];
    if (!isFinance(id) && !id.org) throw forbidden();
    const where = `($1::text is null or jurisdiction = $1) and ($2::uuid is null or developer_id = $2) and ($3::uuid is null or operator_id = $3)
      and ($4::uuid is null or product_id = $4) and ($5::timestamptz is null or occurred_at >= $5) and ($6::timestamptz is null or occurred_at < $6)`;
    const rows = await sql(ctx.em, `select ${CHARGE_COLS} from charge where ${where} order by occurred_at desc, id limit $7 offset $8`, params);
    const [{ n }] = (await sql<{ n: string }>(ctx.em, `select count(*) as n from charge where ${where}`, params.slice(0, 6))) as [{ n: string }];
    return toConnection(rows.map(toCharge), Number(n), win);
  }

  @Query(() => DistributionPlanConnection, { description: '收益分配方案（各版本）| Distribution plans, all versions' })
  async distributionPlans(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('agreementId', () => ID, { nullable: true }) agreementId?: string) {
    requireFinance(ctx.identity, ctx.identity.jurisdiction ?? '');
    const win = pageWindow(args);
    const { rows, totalCount } = await pageRows(
      ctx.em,
      {
        select: `id, agreement_id, product_id, jurisdiction, version, source_basis, created_at`,
        from: `distribution_plan where jurisdiction = $1 and ($2::uuid is null or agreement_id = $2)`,
        orderBy: `agreement_id, product_id nulls first, version desc`,
        params: [ctx.identity.jurisdiction, agreementId ?? null],
      },
      win,
    );
    const parties = rows.length ? await sql(ctx.em, `select plan_id, ordinal, party_kind, party_id, weight::text from distribution_plan_party where plan_id = any($1::uuid[]) order by ordinal`, [rows.map((r: any) => r.id)]) : [];
    return toConnection(rows.map((r: any) => toPlan(r, parties.filter((p: any) => p.plan_id === r.id))), totalCount, win);
  }
}
