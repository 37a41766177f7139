import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { forbidden, inTransaction, requireRole, type RequestContext } from '@pdo/platform';
import { BondYield, LoadBondYieldInput } from './types.js';
import { bondYieldHistory, loadBondYield } from '../data/bond-yields.js';
import type { Loaders } from '../loaders/index.js';

type Ctx = RequestContext<Loaders>;

const ownJurisdiction = (ctx: Ctx): string => {
  const j = ctx.identity.jurisdiction;
  if (!j) throw forbidden('账号未关联辖区', 'Your account has no jurisdiction');
  return j;
};

@Resolver(() => BondYield)
export class BondYieldResolver {
  @Query(() => [BondYield], { description: '本辖区已载入的十年期国债年平均收益率（全部版本，新者在前）| The bond yields loaded in your jurisdiction, every version, newest first' })
  async bondYields(@Ctx() ctx: Ctx, @Arg('year', () => Int, { nullable: true }) year?: number | null) {
    requireRole(ctx.identity, 'FINANCE', 'AUTHORITY', 'OPERATOR');
    return bondYieldHistory(ctx.em, ownJurisdiction(ctx), year ?? null);
  }

  @Mutation(() => BondYield, { description: '载入或更正某年度十年期国债平均收益率（主管部门）| Load or correct a year\'s average 10-year bond yield (AUTHORITY); a new version each time' })
  async loadBondYield(@Arg('input', () => LoadBondYieldInput) input: LoadBondYieldInput, @Ctx() ctx: Ctx) {
    requireRole(ctx.identity, 'AUTHORITY');
    const j = ownJurisdiction(ctx);
    return inTransaction(ctx, (uow) => loadBondYield(uow, ctx.identity, j, input, ctx.now));
  }
}
