import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, connectionOf, PageArgs, type RequestContext } from '@pdo/platform';
import { LedgerEntry, RunSettlementInput, Settlement, SettlementChargeLine, SettlementProduct, SettlementReconciliation, SettlementStep } from './types.js';
import { runSettlement, startSettlement } from '../services/settlement-runs.js';
import { readSettlement, reconciliation, requireSettlementDetails, settlements } from '../services/settlement-reads.js';
import { toEntry, toSettlement } from './map.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType({ description: '结算分页列表 | Page of settlements' })
export class SettlementConnection extends Connection(Settlement) {}

type Ctx = RequestContext<Loaders>;

@Resolver(() => Settlement)
export class SettlementResolver {
  @Mutation(() => Settlement, { description: '结算（幂等：同一期间重复执行返回首次结果）| Settle a closed month or quarter (idempotent)' })
  async runSettlement(@Arg('input', () => RunSettlementInput, { description: '结算辖区与期间 | Jurisdiction and period to settle' }) input: RunSettlementInput, @Ctx() ctx: Ctx) {
    return toSettlement(await runSettlement(ctx, input));
  }

  @Mutation(() => Settlement, {
    description: '开始结算（后台任务，立即返回；进度与结果见 settlement(id)）| Start settling a period as a job: returns the RUNNING settlement at once; read its status, progress and result with settlement(id). Idempotent like runSettlement',
  })
  async startSettlement(@Arg('input', () => RunSettlementInput, { description: '结算辖区与期间 | Jurisdiction and period to settle' }) input: RunSettlementInput, @Ctx() ctx: Ctx) {
    return toSettlement(await startSettlement(ctx, input));
  }

  @Query(() => Settlement, { nullable: true, description: '结算 | A settlement' })
  async settlement(@Arg('id', () => ID, { description: '结算标识 | Id of the settlement' }) id: string, @Ctx() ctx: Ctx) {
    const s = await readSettlement(ctx, id);
    return s ? toSettlement(s) : null;
  }

  @Query(() => SettlementConnection, { description: '本辖区的结算（最新期间在前）| Settlements of the caller\'s jurisdiction, newest period first' })
  async settlements(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    return connectionOf(args, (win) => settlements(ctx, win), toSettlement);
  }

  @FieldResolver(() => [SettlementProduct], { description: '结算中的各产品 | Products of the settlement' })
  async products(@Root() s: Settlement, @Ctx() ctx: Ctx): Promise<SettlementProduct[]> {
    requireSettlementDetails(ctx, s);
    return (await ctx.loaders.productsBySettlement.load(s.id)).map((r) => ({ productId: r.product_id, planId: r.plan_id, planVersion: r.plan_version, revenue: BigInt(r.revenue_fen), chargeCount: String(r.charge_count), units: String(r.units) }));
  }

  @FieldResolver(() => [SettlementStep], { description: '结算进度 | Progress steps of every attempt, oldest first (QUEUED when started as a job)' })
  async progress(@Root() s: Settlement, @Ctx() ctx: Ctx): Promise<SettlementStep[]> {
    requireSettlementDetails(ctx, s);
    return (await ctx.loaders.stepsBySettlement.load(s.id)).map((r) => ({ attempt: r.attempt, step: r.step, detail: r.detail, at: new Date(r.at) }));
  }

  @FieldResolver(() => [SettlementChargeLine], { description: '按产品与开发主体汇总的费用（迟到费用单列）| Charges per product and developer; late charges carried from a settled period are separate lines' })
  async lines(@Root() s: Settlement, @Ctx() ctx: Ctx): Promise<SettlementChargeLine[]> {
    requireSettlementDetails(ctx, s);
    return (await ctx.loaders.linesBySettlement.load(s.id)).map((r) => ({
      productId: r.product_id,
      developerId: r.developer_id,
      revenue: BigInt(r.revenue_fen),
      chargeCount: String(r.charge_count),
      units: String(r.units),
      carriedFrom: r.carried_from,
      carriedFromPeriodStart: r.from_start,
      carriedFromPeriodEnd: r.from_end,
    }));
  }

  @FieldResolver(() => LedgerEntry, { nullable: true, description: '结算记账凭证 | Ledger entry the settlement posted' })
  async ledgerEntry(@Root() s: Settlement, @Ctx() ctx: Ctx) {
    requireSettlementDetails(ctx, s);
    const e = s.ledgerEntryId ? await ctx.loaders.ledgerEntryById.load(s.ledgerEntryId) : null;
    return e ? toEntry(e) : null;
  }

  @FieldResolver(() => SettlementReconciliation, { description: '对账：费用（重算）= 已结算 = 分成 = 借方 = 贷方 | charges (recomputed) = settled = shares = ledger debits = ledger credits' })
  async reconciliation(@Root() s: Settlement, @Ctx() ctx: Ctx): Promise<SettlementReconciliation> {
    return reconciliation(ctx, s);
  }
}
