import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@pdo/platform';
import { BondYield, LoadBondYieldInput } from './types.js';
import { bondYields, loadBondYield } from '../services/bond-yields.js';
import { toBondYield } from './map.js';
import type { Loaders } from '../loaders/index.js';

type Ctx = RequestContext<Loaders>;

@Resolver(() => BondYield)
export class BondYieldResolver {
  @Query(() => [BondYield], { description: '本辖区已载入的十年期国债年平均收益率（全部版本，新者在前）| The bond yields loaded in your jurisdiction, every version, newest first' })
  async bondYields(@Ctx() ctx: Ctx, @Arg('year', () => Int, { nullable: true, description: '年度（默认全部）| Year (default: all)' }) year?: number | null) {
    return (await bondYields(ctx, year ?? null)).map(toBondYield);
  }

  @Mutation(() => BondYield, { description: '载入或更正某年度十年期国债平均收益率（主管部门）| Load or correct a year\'s average 10-year bond yield (AUTHORITY); a new version each time' })
  async loadBondYield(@Arg('input', () => LoadBondYieldInput, { description: '收益率与来源 | Yield and its source' }) input: LoadBondYieldInput, @Ctx() ctx: Ctx) {
    return toBondYield(await loadBondYield(ctx, input));
  }
}
