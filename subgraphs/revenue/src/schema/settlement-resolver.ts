import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { assertInScope, Connection, forbidden, inTransaction, LocalDateScalar, PageArgs, pageRows, pageWindow, requireRole, sql, sqlOne, toConnection, type RequestContext } from '@pdo/platform';
import {
  LedgerBalance,
  LedgerEntry,
  PostLedgerAdjustmentInput,
  RevenuePartyKind,
  RevenueShare,
  RevenueShareFilter,
  RevenueStatement,
  RevenueSummaryGroup,
  RevenueSummaryRow,
  ReverseLedgerEntryInput,
  RunSettlementInput,
  Settlement,
  SettlementChargeLine,
  SettlementProduct,
  SettlementReconciliation,
  SettlementStep,
} from './types.js';
import { runSettlement, startSettlement } from '../data/settlement.js';
import { shareSummary, shareWhere } from '../data/share-summary.js';
import { statement, statementParties } from '../data/statements.js';
import { postLedgerAdjustment, reverseLedgerEntry } from '../data/ledger.js';
import { SETTLEMENT_COLS, SHARE_COLS, toAccount, toSettlement, toShare } from '../data/rows.js';
import { isFinance, partyScope, requireFinance, REVENUE_SCOPE } from '../domain/access.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType()
export class SettlementConnection extends Connection(Settlement) {}
@ObjectType()
export class RevenueShareConnection extends Connection(RevenueShare) {}
@ObjectType()
export class RevenueStatementConnection extends Connection(RevenueStatement) {}
@ObjectType()
export class LedgerEntryConnection extends Connection(LedgerEntry) {}
@ObjectType()
export class LedgerBalanceConnection extends Connection(LedgerBalance) {}

type Ctx = RequestContext<Loaders>;

@Resolver(() => Settlement)
export class SettlementResolver {
  @Mutation(() => Settlement, { description: '结算（幂等：同一期间重复执行返回首次结果）| Settle a closed month or quarter (idempotent)' })
  async runSettlement(@Arg('input', () => RunSettlementInput) input: RunSettlementInput, @Ctx() ctx: Ctx) {
    return runSettlement(ctx, input);
  }

  @Mutation(() => Settlement, {
    description: '开始结算（后台任务，立即返回；进度与结果见 settlement(id)）| Start settling a period as a job: returns the RUNNING settlement at once; read its status, progress and result with settlement(id). Idempotent like runSettlement',
  })
  async startSettlement(@Arg('input', () => RunSettlementInput) input: RunSettlementInput, @Ctx() ctx: Ctx) {
    return startSettlement(ctx, input);
  }

  @Query(() => Settlement, { nullable: true })
  async settlement(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx) {
    const r = await sqlOne(ctx.em, `select ${SETTLEMENT_COLS} from settlement where id = $1`, [id]);
    if (!r) return null;
    const s = toSettlement(r);
    requireRole(ctx.identity, 'FINANCE', 'AUTHORITY', 'OPERATOR', 'SOURCE_UNIT', 'AGENCY', 'DEVELOPER');
    if (isFinance(ctx.identity)) {
      assertInScope(ctx.identity, { jurisdiction: s.jurisdiction }, { ...REVENUE_SCOPE, entity: ['结算', 'Settlement'], id });
      return s;
    }
    // A party sees the header of a settlement it takes part in, nothing else.
    const party = await sqlOne(
      ctx.em,
      `select 1 from revenue_share where settlement_id = $1 and party_id = $2 union all select 1 from settlement_line where settlement_id = $1 and developer_id::text = $2 limit 1`,
      [id, ctx.identity.org ?? ''],
    );
    if (!party) throw forbidden();
    return s;
  }

  @Query(() => SettlementConnection, { description: 'Settlements of the caller\'s jurisdiction, newest period first' })
  async settlements(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    requireRole(ctx.identity, 'FINANCE', 'AUTHORITY');
    const win = pageWindow(args);
    const { rows, totalCount } = await pageRows(ctx.em, { select: SETTLEMENT_COLS, from: `settlement where jurisdiction = $1`, orderBy: `period_start desc, period_end desc`, params: [ctx.identity.jurisdiction] }, win);
    return toConnection(rows.map(toSettlement), totalCount, win);
  }

  @FieldResolver(() => [SettlementProduct])
  async products(@Root() s: Settlement, @Ctx() ctx: Ctx) {
    requireFinance(ctx.identity, s.jurisdiction);
    return ctx.loaders.productsBySettlement.load(s.id);
  }

  @FieldResolver(() => [SettlementStep], { description: '结算进度 | Progress steps of every attempt, oldest first (QUEUED when started as a job)' })
  async progress(@Root() s: Settlement, @Ctx() ctx: Ctx) {
    requireFinance(ctx.identity, s.jurisdiction);
    return ctx.loaders.stepsBySettlement.load(s.id);
  }

  @FieldResolver(() => [SettlementChargeLine], { description: 'Charges per product and developer; late charges carried from a settled period are separate lines' })
  async lines(@Root() s: Settlement, @Ctx() ctx: Ctx) {
    requireFinance(ctx.identity, s.jurisdiction);
    return ctx.loaders.linesBySettlement.load(s.id);
  }

  @FieldResolver(() => LedgerEntry, { nullable: true })
  async ledgerEntry(@Root() s: Settlement, @Ctx() ctx: Ctx) {
    requireFinance(ctx.identity, s.jurisdiction);
    return s.ledgerEntryId ? ctx.loaders.ledgerEntryById.load(s.ledgerEntryId) : null;
  }

  @FieldResolver(() => SettlementReconciliation, { description: 'charges (recomputed) = settled = shares = ledger debits = ledger credits' })
  async reconciliation(@Root() s: Settlement, @Ctx() ctx: Ctx): Promise<SettlementReconciliation> {
    requireFinance(ctx.identity, s.jurisdiction);
    const r = (await sqlOne<Record<string, string>>(
      ctx.em,
      `select
         (select coalesce(sum(amount_fen), 0) from settled_charge where settlement_id = $1)::text as charges,
         (select coalesce(sum(amount_fen), 0) from revenue_share where settlement_id = $1)::text as shares,
         (select coalesce(sum(l.debit_fen), 0) from ledger_line l join ledger_entry e on e.id = l.entry_id where e.settlement_id = $1)::text as debits,
         (select coalesce(sum(l.credit_fen), 0) from ledger_line l join ledger_entry e on e.id = l.entry_id where e.settlement_id = $1)::text as credits`,
      [s.id],
    ))!;
    const v = { charges: BigInt(r.charges!), settled: s.total, shares: BigInt(r.shares!), ledgerDebits: BigInt(r.debits!), ledgerCredits: BigInt(r.credits!) };
    return { ...v, reconciled: v.charges === v.settled && v.settled === v.shares && v.shares === v.ledgerDebits && v.ledgerDebits === v.ledgerCredits };
  }

  @Query(() => RevenueShareConnection, { description: '收益分成：财务看本辖区，数据提供单位/运营机构只看本单位 | Revenue shares in scope' })
  async revenueShares(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('filter', () => RevenueShareFilter, { nullable: true }) filter?: RevenueShareFilter) {
    const win = pageWindow(args);
    const { where, params } = shareWhere(ctx, filter ?? {});
    const { rows, totalCount } = await pageRows(
      ctx.em,
      { select: SHARE_COLS, from: `revenue_share s join settlement st on st.id = s.settlement_id where ${where}`, orderBy: `st.period_start desc, s.product_id, s.ordinal`, params },
      win,
    );
    return toConnection(rows.map(toShare), totalCount, win);
  }

  @Query(() => [RevenueSummaryRow], { description: '按分配方/产品/运营机构/辖区/期间汇总的收益 | Revenue shares totalled by a dimension' })
  async revenueShareSummary(@Arg('groupBy', () => RevenueSummaryGroup) groupBy: RevenueSummaryGroup, @Ctx() ctx: Ctx, @Arg('filter', () => RevenueShareFilter, { nullable: true }) filter?: RevenueShareFilter) {
    return shareSummary(ctx, groupBy, filter);
  }

  @Query(() => RevenueStatement, { description: '对账单 | Statement of one party for one settlement (with CSV)' })
  async revenueStatement(@Arg('settlementId', () => ID) settlementId: string, @Arg('partyId', () => String) partyId: string, @Ctx() ctx: Ctx, @Arg('partyKind', () => RevenuePartyKind, { nullable: true }) partyKind?: RevenuePartyKind) {
    return statement(ctx.em, ctx.identity, settlementId, partyId, partyKind);
  }

  @Query(() => RevenueStatementConnection, { description: 'Every party\'s statement of a settlement (FINANCE/AUTHORITY)' })
  async revenueStatements(@Arg('settlementId', () => ID) settlementId: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    const s = await sqlOne<{ jurisdiction: string }>(ctx.em, `select jurisdiction from settlement where id = $1`, [settlementId]);
    requireFinance(ctx.identity, s?.jurisdiction ?? '');
    const win = pageWindow(args);
    const parties = await statementParties(ctx.em, settlementId);
    const page = parties.slice(win.offset, win.offset + win.limit);
    const out: RevenueStatement[] = [];
    for (const p of page) out.push(await statement(ctx.em, ctx.identity, settlementId, p.partyId, p.kind));
    return toConnection(out, parties.length, win);
  }

  @Mutation(() => LedgerEntry, { description: '手工记账（须借贷平衡）| Post a balanced manual entry (FINANCE/AUTHORITY)' })
  async postLedgerAdjustment(@Arg('input', () => PostLedgerAdjustmentInput) input: PostLedgerAdjustmentInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) => postLedgerAdjustment(uow, ctx.identity, input));
  }

  @Mutation(() => LedgerEntry, { description: '冲销凭证 | Reverse an entry (corrections never edit the ledger)' })
  async reverseLedgerEntry(@Arg('input', () => ReverseLedgerEntryInput) input: ReverseLedgerEntryInput, @Ctx() ctx: Ctx) {
    return inTransaction(ctx, (uow) => reverseLedgerEntry(uow, ctx.identity, ctx.now, input));
  }

  @Query(() => LedgerEntryConnection, { description: '记账凭证 | Ledger entries of the jurisdiction, newest first' })
  async ledgerEntries(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    requireFinance(ctx.identity, ctx.identity.jurisdiction ?? '');
    const win = pageWindow(args);
    const { rows, totalCount } = await pageRows<{ id: string }>(ctx.em, { select: `id`, from: `ledger_entry where jurisdiction = $1`, orderBy: `created_at desc, id desc`, params: [ctx.identity.jurisdiction] }, win);
    const entries = await ctx.loaders.ledgerEntryById.loadMany(rows.map((r) => r.id));
    return toConnection(entries as LedgerEntry[], totalCount, win);
  }

  @Query(() => LedgerBalanceConnection, { description: '科目余额（截至某日）| Account balances as of a date; a party sees its own' })
  async ledgerBalances(@Arg('jurisdiction', () => String) jurisdiction: string, @Arg('asOf', () => LocalDateScalar) asOf: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('partyId', () => String, { nullable: true }) partyId?: string) {
    const scope = partyScope(ctx.identity);
    if (scope.jurisdiction && scope.jurisdiction !== jurisdiction) throw forbidden();
    const win = pageWindow(args);
    const { rows, totalCount } = await pageRows(
      ctx.em,
      {
        select: `a.id as account_id, a.jurisdiction, a.party_kind, a.party_id, coalesce(sum(l.debit_fen), 0)::text as debit, coalesce(sum(l.credit_fen), 0)::text as credit`,
        from: `ledger_account a left join ledger_line l on l.account_id = a.id and l.entry_id in (select id from ledger_entry where jurisdiction = $1 and entry_date <= $2::date)
       where a.jurisdiction = $1 and ($3::text is null or a.party_id = $3)
       group by a.id`,
        orderBy: `a.party_kind, a.party_id`,
        params: [jurisdiction, asOf, scope.partyId ?? partyId ?? null],
      },
      win,
    );
    return toConnection(
      rows.map((r: any) => ({ account: toAccount(r), asOf, debit: BigInt(r.debit), credit: BigInt(r.credit), balance: BigInt(r.debit) - BigInt(r.credit) })),
      totalCount,
      win,
    );
  }
}
