import { Arg, Args, Ctx, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, connectionOf, PageArgs, type RequestContext } from '@pdo/platform';
import { RevenuePartyKind, RevenueShare, RevenueShareFilter, RevenueStatement, RevenueSummaryGroup, RevenueSummaryRow } from './types.js';
import { revenueShares, shareSummary } from '../services/shares.js';
import { statement, statements } from '../services/statements.js';
import { toShare } from './map.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType({ description: '收益分成分页列表 | Page of revenue shares' })
export class RevenueShareConnection extends Connection(RevenueShare) {}
@ObjectType({ description: '对账单分页列表 | Page of statements' })
export class RevenueStatementConnection extends Connection(RevenueStatement) {}

type Ctx = RequestContext<Loaders>;

@Resolver()
export class ShareResolver {
  @Query(() => RevenueShareConnection, { description: '收益分成：财务看本辖区，数据提供单位/运营机构只看本单位 | Revenue shares in scope' })
  async revenueShares(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('filter', () => RevenueShareFilter, { nullable: true, description: '筛选条件 | Filter' }) filter?: RevenueShareFilter) {
    return connectionOf(args, (win) => revenueShares(ctx, filter ?? {}, win), toShare);
  }

  @Query(() => [RevenueSummaryRow], { description: '按分配方/产品/运营机构/辖区/期间汇总的收益 | Revenue shares totalled by a dimension' })
  async revenueShareSummary(@Arg('groupBy', () => RevenueSummaryGroup, { description: '汇总维度 | Grouping' }) groupBy: RevenueSummaryGroup, @Ctx() ctx: Ctx, @Arg('filter', () => RevenueShareFilter, { nullable: true, description: '筛选条件 | Filter' }) filter?: RevenueShareFilter) {
    return shareSummary(ctx, groupBy, filter);
  }

  @Query(() => RevenueStatement, { description: '对账单 | Statement of one party for one settlement (with CSV)' })
  async revenueStatement(@Arg('settlementId', () => ID, { description: '结算标识 | Id of the settlement' }) settlementId: string, @Arg('partyId', () => String, { description: '分配方标识 | Id of the party' }) partyId: string, @Ctx() ctx: Ctx, @Arg('partyKind', () => RevenuePartyKind, { nullable: true, description: '分配方类型（标识可能重复时指定）| Kind of party, when the id alone is ambiguous' }) partyKind?: RevenuePartyKind) {
    return statement(ctx.em, ctx.identity, settlementId, partyId, partyKind);
  }

  @Query(() => RevenueStatementConnection, { description: '某次结算各分配方的对账单（财务、主管部门）| Every party\'s statement of a settlement (FINANCE/AUTHORITY)' })
  async revenueStatements(@Arg('settlementId', () => ID, { description: '结算标识 | Id of the settlement' }) settlementId: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    return connectionOf(args, (win) => statements(ctx, settlementId, win));
  }
}
