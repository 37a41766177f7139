import { Arg, Args, Ctx, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Connection, connectionOf, LocalDateScalar, PageArgs, type RequestContext } from '@pdo/platform';
import { LedgerBalance, LedgerEntry, PostLedgerAdjustmentInput, ReverseLedgerEntryInput } from './types.js';
import { ledgerBalances, ledgerEntryIds, postLedgerAdjustment, reverseLedgerEntry } from '../services/ledger.js';
import { toAccount, toEntry } from './map.js';
import type { Loaders } from '../loaders/index.js';

@ObjectType({ description: '记账凭证分页列表 | Page of ledger entries' })
export class LedgerEntryConnection extends Connection(LedgerEntry) {}
@ObjectType({ description: '科目余额分页列表 | Page of account balances' })
export class LedgerBalanceConnection extends Connection(LedgerBalance) {}

type Ctx = RequestContext<Loaders>;

@Resolver()
export class LedgerResolver {
  @Mutation(() => LedgerEntry, { description: '手工记账（须借贷平衡）| Post a balanced manual entry (FINANCE/AUTHORITY)' })
  async postLedgerAdjustment(@Arg('input', () => PostLedgerAdjustmentInput, { description: '调整凭证 | The adjusting entry' }) input: PostLedgerAdjustmentInput, @Ctx() ctx: Ctx) {
    return toEntry(await postLedgerAdjustment(ctx, input));
  }

  @Mutation(() => LedgerEntry, { description: '冲销凭证 | Reverse an entry (corrections never edit the ledger)' })
  async reverseLedgerEntry(@Arg('input', () => ReverseLedgerEntryInput, { description: '冲销内容 | What to reverse, and why' }) input: ReverseLedgerEntryInput, @Ctx() ctx: Ctx) {
    return toEntry(await reverseLedgerEntry(ctx, input));
  }

  @Query(() => LedgerEntryConnection, { description: '记账凭证 | Ledger entries of the jurisdiction, newest first' })
  async ledgerEntries(@Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx) {
    return connectionOf(args, async (win) => {
      const page = await ledgerEntryIds(ctx, win);
      const entries = await ctx.loaders.ledgerEntryById.loadMany(page.rows.map((r) => r.id));
      return { rows: entries.filter((e) => e && !(e instanceof Error)), totalCount: page.totalCount };
    }, (e) => toEntry(e as NonNullable<Awaited<ReturnType<Loaders['ledgerEntryById']['load']>>>));
  }

  @Query(() => LedgerBalanceConnection, { description: '科目余额（截至某日）| Account balances as of a date; a party sees its own' })
  async ledgerBalances(@Arg('jurisdiction', () => String, { description: '辖区 | Jurisdiction' }) jurisdiction: string, @Arg('asOf', () => LocalDateScalar, { description: '余额基准日 | Balances as of this day' }) asOf: string, @Args(() => PageArgs) args: PageArgs, @Ctx() ctx: Ctx, @Arg('partyId', () => String, { nullable: true, description: '只看该分配方 | Only this party\'s accounts' }) partyId?: string) {
    return connectionOf(args, (win) => ledgerBalances(ctx, jurisdiction, asOf, partyId ?? null, win), (r) => ({
      account: toAccount(r),
      asOf,
      debit: BigInt(r.debit),
      credit: BigInt(r.credit),
      balance: BigInt(r.debit) - BigInt(r.credit),
    }));
  }
}
