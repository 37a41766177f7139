import { assertInScope, badInput, conflict, inTransaction, newId, type Em, type RequestContext } from '@pdo/platform';
import { Decimal, deviation, endOfDayShanghai, formatYuan, startOfDayShanghai, type EffectiveProfile } from '@pdo/policy';
import { computeMar, type CostItemKey } from '../domain/rules.js';
import { costSurveyTarget, MAR_SCOPE, requirePricingPart } from '../access.js';
import { actualRevenuesFen, costSurveyPage, insertCostSurvey, overlappingSurvey, previousSurvey, type CostSurveyRow } from '../data/cost-surveys.js';
import { profileOf } from '../data/profile.js';
import { bondYieldInForce } from './bond-yields.js';
import { ruled } from './refusal.js';

type Ctx = RequestContext<unknown>;

export interface RecordCostSurveyInput {
  operatorId: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  surveyYear: number;
  costItems: Record<CostItemKey, bigint>;
  subsidies: bigint;
  taxes: bigint;
  markupPp: Decimal;
  spreadCycles?: number | null;
}

/** Actual revenue of (operator, period) pairs: the operator's charges over the calendar days [start, end] (Asia/Shanghai). */
export function actualRevenues(em: Em, keys: readonly { operatorId: string; start: string; end: string }[]): Promise<bigint[]> {
  return actualRevenuesFen(em, keys.map((k) => ({ operatorId: k.operatorId, from: startOfDayShanghai(k.start).toISOString(), to: endOfDayShanghai(k.end).toISOString() })));
}

/** One survey the caller may read (finance of the jurisdiction, or the operator surveyed); null when there is none. */
export function readableSurvey<S extends { jurisdiction: string; operatorId: string } | null>(ctx: Ctx, id: string, survey: S): S {
  if (survey) assertInScope(ctx.identity, costSurveyTarget(survey), { ...MAR_SCOPE, entity: ['成本调查', 'Cost survey'], id });
  return survey;
}

/** A page of the surveys the caller may read, optionally of one operator. */
export function costSurveys(ctx: Ctx, operatorId: string | null, window: { limit: number; offset: number }) {
  return costSurveyPage(ctx.em, ctx.identity, MAR_SCOPE, operatorId, window);
}

/**
 * Records a cost survey and its MAR (PN §3(1)) in the caller's jurisdiction. Revenue above the MAR in the operator's
 * previous cycle (and whatever was still carried from before) is deducted here, spread over `spreadCycles` (PN §4).
 */
export async function recordCostSurvey(ctx: Ctx, input: RecordCostSurveyInput): Promise<CostSurveyRow> {
  const jurisdiction = ctx.identity.jurisdiction ?? '';
  requirePricingPart(ctx.identity, jurisdiction, (await profileOf(ctx.em, jurisdiction)).pricingAuthority, 'setsMaximumRevenue');
  const name = input.name.trim();
  if (!name) throw badInput('名称不能为空', 'The name is required', { field: 'input.name' });
  if (input.periodEnd < input.periodStart) throw badInput('期末不能早于期初', 'The period must end after it starts', { field: 'input.periodEnd' });
  return inTransaction(ctx, async (uow) => {
    const { tx } = uow;
    const overlap = await overlappingSurvey(tx, input.operatorId, input.periodStart, input.periodEnd);
    if (overlap) throw conflict('该运营机构在此期间已有成本调查', 'The operator already has a cost survey for an overlapping period', { field: 'input.periodStart', details: { costSurveyId: overlap.id } });
    const prev = await previousSurvey(tx, input.operatorId, input.periodStart);
    let carryIn = 0n;
    if (prev) {
      const [actual] = await actualRevenues(tx, [{ operatorId: input.operatorId, start: prev.period_start, end: prev.period_end }]);
      const excess = actual! - BigInt(prev.effective_mar_fen);
      carryIn = (excess > 0n ? excess : 0n) + BigInt(prev.carry_out_fen);
    }
    for (const v of Object.values(input.costItems)) if (v < 0n) throw badInput('成本项不能为负', 'Cost items cannot be negative', { field: 'input.costItems' });
    if (input.subsidies < 0n || input.taxes < 0n) throw badInput('补助与税金不能为负', 'Subsidies and taxes cannot be negative', { field: 'input.taxes' });
    const c = input.costItems;
    const profile = await profileOf(tx, jurisdiction);
    const bondYield = await bondYieldInForce(tx, jurisdiction, input.surveyYear - 1);
    const mar = ruled(() =>
      computeMar({
        profile,
        bondYield,
        surveyYear: input.surveyYear,
        costItemsFen: { platform: c.platform, dataHandling: c.dataHandling, personnel: c.personnel, dataAcquisition: c.dataAcquisition, periodExpenses: c.periodExpenses },
        subsidiesFen: input.subsidies,
        taxesFen: input.taxes,
        markupPp: input.markupPp,
        carryInFen: carryIn,
        spreadCycles: input.spreadCycles ?? 1,
      }),
    );
    if (prev && carryIn > 0n) mar.working.unshift(`previous cycle ${prev.period_start}–${prev.period_end} (cost survey ${prev.id}): revenue above its MAR and earlier carry total ${formatYuan(carryIn)}`);
    const id = newId();
    const row = await insertCostSurvey(tx, {
      id,
      jurisdiction,
      operator_id: input.operatorId,
      name,
      period_start: input.periodStart,
      period_end: input.periodEnd,
      survey_year: input.surveyYear,
      platform_fen: c.platform.toString(),
      data_handling_fen: c.dataHandling.toString(),
      personnel_fen: c.personnel.toString(),
      data_acquisition_fen: c.dataAcquisition.toString(),
      period_expenses_fen: c.periodExpenses.toString(),
      subsidies_fen: input.subsidies.toString(),
      taxes_fen: input.taxes.toString(),
      bond_year: mar.bondYear,
      bond_yield_percent: mar.bondYieldPercent,
      bond_yield_source: mar.bondYieldSource,
      markup_pp: input.markupPp.toString(),
      rate_percent: mar.ratePercent,
      operating_cost_fen: mar.operatingCostFen.toString(),
      permitted_profit_fen: mar.permittedProfitFen.toString(),
      mar_fen: mar.marFen.toString(),
      carry_in_fen: carryIn.toString(),
      carry_over_deduction_fen: mar.carryOverDeductionFen.toString(),
      carry_out_fen: mar.carryOutFen.toString(),
      effective_mar_fen: mar.effectiveMarFen.toString(),
      working: mar.working,
      policy_source: mar.policySource,
      created_by: ctx.identity.sub,
    });
    uow.audit({ entityType: 'CostSurvey', entityId: id, action: 'RECORDED', changes: { operatorId: input.operatorId, period: [input.periodStart, input.periodEnd], marFen: mar.marFen.toString(), effectiveMarFen: mar.effectiveMarFen.toString(), working: mar.working } });
    return row;
  });
}

export type DeviationAction = 'NONE' | 'OPERATOR_ADJUSTS_PRICES' | 'AUTHORITY_RESETS_CAP';

/** PN §4: actual revenue of the survey's period (to date) against its effective MAR. */
export function revenueDeviation(effectiveMar: bigint, actual: bigint, profile: EffectiveProfile) {
  const band = profile.pricing.value.deviationBandPercent;
  const d = deviation(actual, effectiveMar, band);
  const diff = actual - effectiveMar;
  const direction = diff > 0n ? 'ABOVE' : diff < 0n ? 'BELOW' : 'EQUAL';
  const action: DeviationAction = d.action;
  const what = action === 'NONE' ? 'no action' : action === 'OPERATOR_ADJUSTS_PRICES' ? 'within the band: the operator adjusts its prices' : 'beyond the band: the authority resets the caps';
  return {
    actual,
    mar: effectiveMar,
    difference: diff,
    deviationPercent: d.deviationPercent,
    direction,
    bandPercent: Decimal.parse(band),
    action,
    source: profile.pricing.source,
    explanation: `actual ${formatYuan(actual)} vs MAR ${formatYuan(effectiveMar)}: ${direction.toLowerCase()} by ${d.deviationPercent.toString()}% (band ${band}%) — ${what}`,
  };
}
