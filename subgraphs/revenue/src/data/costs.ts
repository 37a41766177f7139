import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, sql, sqlOne, type UnitOfWork, type Identity } from '@pdo/platform';
import { Decimal, deviation, formatYuan, endOfDayShanghai, startOfDayShanghai, type EffectiveProfile } from '@pdo/policy';
import { computeMar, type CostItemKey } from '../domain/rules.js';
import { profileOf } from './profile.js';
import { bondYieldInForce } from './bond-yields.js';
import { uuidv7 } from '../domain/ids.js';
import { COST_SURVEY_COLS, toCostSurvey } from './rows.js';
import type { CostSurvey, RecordCostSurveyInput, RevenueDeviation } from '../schema/types.js';
import { RevenueDeviationAction } from '../schema/types.js';

/** Actual revenue of an operator: its charges in [start, end] (calendar days, Asia/Shanghai). */
export async function actualRevenueFen(em: EntityManager, operatorId: string, start: string, end: string): Promise<bigint> {
  return (await actualRevenuesFen(em, [{ operatorId, start, end }]))[0]!;
}

/** Actual revenue of many (operator, period) pairs in one statement, in the order asked. */
export async function actualRevenuesFen(em: EntityManager, keys: readonly { operatorId: string; start: string; end: string }[]): Promise<bigint[]> {
  if (keys.length === 0) return [];
  const rows = await sql<{ i: string; s: string }>(
    em,
    `select k.i, coalesce((select sum(c.amount_fen) from charge c where c.operator_id = k.op and c.occurred_at >= k.s and c.occurred_at <= k.e), 0)::text as s
     from unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) with ordinality as k(op, s, e, i)`,
    [keys.map((k) => k.operatorId), keys.map((k) => startOfDayShanghai(k.start).toISOString()), keys.map((k) => endOfDayShanghai(k.end).toISOString())],
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), BigInt(r.s)]));
  return keys.map((_, i) => byIndex.get(i + 1) ?? 0n);
}

/**
 * Σ cap × forecast over the caps in force of each survey: for each product and charging unit the
 * cap with the latest effective date.
 */
export async function forecastRevenuesFen(em: EntityManager, surveyIds: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await sql<{ id: string; s: string }>(
    em,
    `select cost_survey_id as id, sum(cap_fen * forecast_units)::text as s from (
       select distinct on (cost_survey_id, product_id, charging_unit) cost_survey_id, cap_fen, forecast_units from price_cap where cost_survey_id = any($1::uuid[])
       order by cost_survey_id, product_id, charging_unit, effective_from desc) c group by cost_survey_id`,
    [surveyIds],
  );
  return new Map(rows.map((r) => [r.id, BigInt(r.s)]));
}

/**
 * Records a cost survey and its MAR. Revenue above the MAR in the operator's previous cycle (and
 * whatever was still carried from before) is deducted here, spread over `spreadCycles` (PN §4).
 */
export async function recordCostSurvey(uow: UnitOfWork, identity: Identity, jurisdiction: string, input: RecordCostSurveyInput): Promise<CostSurvey> {
  const { tx } = uow;
  const name = input.name.trim();
  if (!name) throw badInput('名称不能为空', 'The name is required', { field: 'input.name' });
  if (input.periodEnd < input.periodStart) throw badInput('期末不能早于期初', 'The period must end after it starts', { field: 'input.periodEnd' });
  const overlap = await sqlOne(tx, `select id from cost_survey where operator_id = $1 and period_start <= $3::date and period_end >= $2::date limit 1`, [input.operatorId, input.periodStart, input.periodEnd]);
  if (overlap) throw conflict('该运营机构在此期间已有成本调查', 'The operator already has a cost survey for an overlapping period', { field: 'input.periodStart', details: { costSurveyId: overlap.id } });
  const prev = await sqlOne<{ id: string; period_start: string; period_end: string; effective_mar_fen: string; carry_out_fen: string }>(
    tx,
    `select id, period_start::text, period_end::text, effective_mar_fen, carry_out_fen from cost_survey where operator_id = $1 and period_end < $2::date order by period_end desc limit 1`,
    [input.operatorId, input.periodStart],
  );
  let carryIn = 0n;
  if (prev) {
    const actual = await actualRevenueFen(tx, input.operatorId, prev.period_start, prev.period_end);
    const excess = actual - BigInt(prev.effective_mar_fen);
    carryIn = (excess > 0n ? excess : 0n) + BigInt(prev.carry_out_fen);
  }
  const costItemsFen = { ...input.costItems } as unknown as Record<CostItemKey, bigint>;
  for (const v of Object.values(costItemsFen)) if (v < 0n) throw badInput('成本项不能为负', 'Cost items cannot be negative', { field: 'input.costItems' });
  if (input.subsidies < 0n || input.taxes < 0n) throw badInput('补助与税金不能为负', 'Subsidies and taxes cannot be negative', { field: 'input.taxes' });
  const mar = computeMar({
    profile: await profileOf(tx, jurisdiction),
    bondYield: await bondYieldInForce(tx, jurisdiction, input.surveyYear - 1),
    surveyYear: input.surveyYear,
    costItemsFen: { platform: input.costItems.platform, dataHandling: input.costItems.dataHandling, personnel: input.costItems.personnel, dataAcquisition: input.costItems.dataAcquisition, periodExpenses: input.costItems.periodExpenses },
    subsidiesFen: input.subsidies,
    taxesFen: input.taxes,
    markupPp: input.markupPp,
    carryInFen: carryIn,
    spreadCycles: input.spreadCycles ?? 1,
  });
  if (prev && carryIn > 0n) mar.working.unshift(`previous cycle ${prev.period_start}–${prev.period_end} (cost survey ${prev.id}): revenue above its MAR and earlier carry total ${formatYuan(carryIn)}`);
  const id = uuidv7();
  const c = input.costItems;
  const [row] = await sql(
    tx,
    `insert into cost_survey (id, jurisdiction, operator_id, name, period_start, period_end, survey_year, platform_fen, data_handling_fen, personnel_fen,
       data_acquisition_fen, period_expenses_fen, subsidies_fen, taxes_fen, bond_year, bond_yield_percent, bond_yield_source, markup_pp, rate_percent,
       operating_cost_fen, permitted_profit_fen, mar_fen, carry_in_fen, carry_over_deduction_fen, carry_out_fen, effective_mar_fen, working, policy_source, created_by)
     values ($1,$2,$3,$4,$5::date,$6::date,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27::jsonb,$28,$29)
     returning ${COST_SURVEY_COLS}`,
    [
      id, jurisdiction, input.operatorId, name, input.periodStart, input.periodEnd, input.surveyYear,
      c.platform.toString(), c.dataHandling.toString(), c.personnel.toString(), c.dataAcquisition.toString(), c.periodExpenses.toString(),
      input.subsidies.toString(), input.taxes.toString(), mar.bondYear, mar.bondYieldPercent, mar.bondYieldSource, input.markupPp.toString(), mar.ratePercent,
      mar.operatingCostFen.toString(), mar.permittedProfitFen.toString(), mar.marFen.toString(), carryIn.toString(), mar.carryOverDeductionFen.toString(), mar.carryOutFen.toString(),
      mar.effectiveMarFen.toString(), JSON.stringify(mar.working), mar.policySource, identity.sub,
    ],
  );
  uow.audit({ entityType: 'CostSurvey', entityId: id, action: 'RECORDED', changes: { operatorId: input.operatorId, period: [input.periodStart, input.periodEnd], marFen: mar.marFen.toString(), effectiveMarFen: mar.effectiveMarFen.toString(), working: mar.working } });
  return toCostSurvey(row!);
}

/** PN §4: actual revenue of the survey's period (to date) against its effective MAR. */
export function revenueDeviation(s: CostSurvey, actual: bigint, profile: EffectiveProfile): RevenueDeviation {
  const band = profile.pricing.value.deviationBandPercent;
  const d = deviation(actual, s.effectiveMar, band);
  const diff = actual - s.effectiveMar;
  const direction = diff > 0n ? 'ABOVE' : diff < 0n ? 'BELOW' : 'EQUAL';
  const action = d.action as RevenueDeviationAction;
  const what = action === 'NONE' ? 'no action' : action === 'OPERATOR_ADJUSTS_PRICES' ? 'within the band: the operator adjusts its prices' : 'beyond the band: the authority resets the caps';
  return {
    actual,
    mar: s.effectiveMar,
    difference: diff,
    deviationPercent: d.deviationPercent,
    direction,
    bandPercent: Decimal.parse(band),
    action,
    source: profile.pricing.source,
    explanation: `actual ${formatYuan(actual)} vs MAR ${formatYuan(s.effectiveMar)}: ${direction.toLowerCase()} by ${d.deviationPercent.toString()}% (band ${band}%) — ${what}`,
  };
}
