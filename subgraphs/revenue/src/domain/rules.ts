import { Decimal, JURISDICTIONS, addDays, addMonths, allocateLargestRemainder, formatYuan, permittedRevenue, type EffectiveProfile, type LocalDate } from '@pdo/policy';
import { badInput, conflict, policyViolation } from './refusal.js';

/** The cost items of PN §3(1), in the order the notice lists them. */
export const COST_ITEMS = [
  { key: 'platform', zh: '平台建设及运维', en: 'platform build and operation' },
  { key: 'dataHandling', zh: '数据传输、汇聚、存储与治理', en: 'data transmission, aggregation, storage and governance' },
  { key: 'personnel', zh: '人力成本', en: 'human resources' },
  { key: 'dataAcquisition', zh: '获取公共数据支出', en: 'spend on obtaining public data' },
  { key: 'periodExpenses', zh: '期间费用', en: 'period expenses' },
] as const;
export type CostItemKey = (typeof COST_ITEMS)[number]['key'];


/** A jurisdiction's display name (names are not editable profile settings); null when unknown. */
export function jurisdictionName(code: string, lang: 'ZH' | 'EN' = 'ZH'): string | null {
  const j = JURISDICTIONS.find((x) => x.code === code);
  return j ? (lang === 'EN' ? j.nameEn : j.nameZh) : null;
}

/** The average 10-year government bond yield of a year in force (revenue's `bond_yield` table). */
export interface BondYieldInForce {
  year: number;
  percent: string;
  source: string;
}

export interface MarInput {
  /** The effective profile of the survey's jurisdiction (profileOf). */
  profile: EffectiveProfile;
  /** The yield in force for the year before the survey year, or null when none is loaded. */
  bondYield: BondYieldInForce | null;
  surveyYear: number;
  costItemsFen: Record<CostItemKey, bigint>;
  subsidiesFen: bigint;
  taxesFen: bigint;
  markupPp: Decimal;
  /** Revenue above the MAR carried from earlier cycles, still to be deducted (PN §4). */
  carryInFen: bigint;
  /** Over how many cycles (this one included) the carried excess is spread. */
  spreadCycles: number;
}

export interface MarResult {
  bondYear: number;
  bondYieldPercent: string;
  bondYieldSource: string;
  policySource: string;
  operatingCostFen: bigint;
  ratePercent: string;
  permittedProfitFen: bigint;
  marFen: bigint;
  carryOverDeductionFen: bigint;
  carryOutFen: bigint;
  effectiveMarFen: bigint;
  working: string[];
}

/**
 * 最高准许收入 = operating cost (net of subsidies) + cost × (10-year bond yield of the year
 * before the survey + markup) + taxes (PN §3(1)); then minus this cycle's part of any revenue
 * above the MAR of earlier cycles (PN §4). Exact decimals: the only rounding is the profit to
 * the fen, half-up, inside @pdo/policy.
 */
export function computeMar(i: MarInput): MarResult {
  const profile = i.profile;
  const bondYear = i.surveyYear - 1;
  const bond = i.bondYield && i.bondYield.year === bondYear ? { value: i.bondYield.percent, source: i.bondYield.source } : null;
  if (!bond) {
    throw policyViolation('BOND_YIELD_NOT_CONFIGURED', `未载入${bondYear}年十年期国债平均收益率，请主管部门先行载入`, `No average 10-year government bond yield is loaded for ${bondYear}: the authority loads it first (loadBondYield)`, {
      field: 'input.surveyYear',
      details: { bondYear, source: 'PN §3(1)' },
    });
  }
  if (!Number.isInteger(i.spreadCycles) || i.spreadCycles < 1 || i.spreadCycles > profile.pricing.value.evaluationCycleMaxYears) {
    throw badInput(`分摊周期数须在 1 到 ${profile.pricing.value.evaluationCycleMaxYears} 之间`, `spreadCycles must be between 1 and ${profile.pricing.value.evaluationCycleMaxYears}`, { field: 'input.spreadCycles', rule: profile.pricing.source });
  }
  const gross = Object.values(i.costItemsFen).reduce((a, b) => a + b, 0n);
  if (i.subsidiesFen >= gross) {
    throw badInput('政府补助不得大于或等于成本合计', 'Subsidies must be less than the total cost', { field: 'input.subsidies' });
  }
  const r = permittedRevenue({
    costItemsFen: Object.fromEntries(COST_ITEMS.map((c) => [`${c.key} (${c.zh})`, i.costItemsFen[c.key]])),
    subsidiesFen: i.subsidiesFen,
    taxesFen: i.taxesFen,
    bondYieldPercent: Decimal.parse(bond.value),
    markupPp: i.markupPp,
    profile,
  });
  if (!r.ok) throw policyViolation(r.rule, r.messageZh, r.messageEn, { field: 'input.markupPp', details: { source: r.source, maxMarkupPp: profile.pricing.value.maxMarkupPp } });
  // The carried excess is spread by largest remainder so the cycles' deductions add up exactly.
  const parts = allocateLargestRemainder(i.carryInFen, Array.from({ length: i.spreadCycles }, (_, k) => ({ key: String(k), weight: 1n })));
  const deduction = i.carryInFen > 0n ? parts[0]!.amount : 0n;
  const capped = deduction > r.marFen ? r.marFen : deduction;
  const carryOut = i.carryInFen - capped;
  const effective = r.marFen - capped;
  const working = [
    `bond yield: ${bondYear} average 10-year government bond yield ${bond.value}% (${bond.source})`,
    ...r.working,
  ];
  if (i.carryInFen > 0n) {
    working.push(`carried excess revenue ${formatYuan(i.carryInFen)} spread over ${i.spreadCycles} cycle(s): deduct ${formatYuan(capped)} now, carry ${formatYuan(carryOut)} on (PN §4)`);
  }
  working.push(`effective MAR = ${formatYuan(r.marFen)} − ${formatYuan(capped)} = ${formatYuan(effective)}`);
  return {
    bondYear,
    bondYieldPercent: bond.value,
    bondYieldSource: bond.source,
    policySource: profile.pricing.source,
    operatingCostFen: r.operatingCostFen,
    ratePercent: r.ratePercent.toString(),
    permittedProfitFen: r.permittedProfitFen,
    marFen: r.marFen,
    carryOverDeductionFen: capped,
    carryOutFen: carryOut,
    effectiveMarFen: effective,
    working,
  };
}

/** PN §2(2): the caps of an operator's products, times the forecast volumes, stay within its MAR. */
export function checkCapsWithinMar(forecastRevenueFen: bigint, effectiveMarFen: bigint): void {
  if (forecastRevenueFen > effectiveMarFen) {
    throw policyViolation(
      'CAPS_EXCEED_MAR',
      `上限收费标准×预测量合计 ${formatYuan(forecastRevenueFen)} 元超过最高准许收入 ${formatYuan(effectiveMarFen)} 元`,
      `Caps × forecast volumes total ${formatYuan(forecastRevenueFen)} yuan, above the maximum permitted revenue of ${formatYuan(effectiveMarFen)} yuan`,
      { details: { source: 'PN §2(2), §3(2)', forecastRevenueFen: forecastRevenueFen.toString(), marFen: effectiveMarFen.toString() } },
    );
  }
}

/** PN §1: public-welfare products are free; PN §2(3): the operator prices at or below the cap. */
export function checkPrice(category: 'FREE' | 'PAID', priceFen: bigint, capFen: bigint | null): void {
  if (priceFen < 0n) throw badInput('价格不能为负', 'A price cannot be negative', { field: 'input.price' });
  if (category === 'FREE') {
    if (priceFen !== 0n) throw policyViolation('FREE_PRODUCT_PRICED', '公益类产品必须免费，价格只能为 0', 'A free (public-welfare) product can only be priced at zero', { field: 'input.price', details: { source: 'PN §1' } });
    return;
  }
  if (capFen === null) throw policyViolation('NO_PRICE_CAP', '该产品与计费单位尚无生效的上限收费标准', 'No price cap is in force for this product and charging unit', { field: 'input.effectiveFrom', details: { source: 'PN §2(2)' } });
  if (priceFen > capFen) {
    throw policyViolation('PRICE_ABOVE_CAP', `价格 ${formatYuan(priceFen)} 元高于上限 ${formatYuan(capFen)} 元`, `The price ${formatYuan(priceFen)} yuan is above the cap of ${formatYuan(capFen)} yuan`, { field: 'input.price', details: { source: 'PN §2(3)', capFen: capFen.toString() } });
  }
}

/**
 * Whether caps set on a survey are trial prices (试行价格): where the profile has the first-year trial standard and the
 * survey covers less than a full year of operation — the period from `start` does not reach the day before the same
 * date a year later.
 */
export function isTrialCap(profile: Pick<EffectiveProfile, 'trialPriceFirstYear'>, start: LocalDate, end: LocalDate): boolean {
  return profile.trialPriceFirstYear.value && end < addDays(addMonths(start, 12), -1);
}

/** A free product's cap can only be zero too: it may not be charged for at all. */
export function checkCap(category: 'FREE' | 'PAID', capFen: bigint, field: string): void {
  if (capFen < 0n) throw badInput('上限不能为负', 'A cap cannot be negative', { field });
  if (category === 'FREE' && capFen !== 0n) throw policyViolation('FREE_PRODUCT_PRICED', '公益类产品必须免费，上限只能为 0', 'A free (public-welfare) product can only have a zero cap', { field, details: { source: 'PN §1' } });
}

/**
 * A settlement period is one calendar month or one calendar quarter, and it must be over: its
 * last day is before today (Asia/Shanghai), or late usage would be missed.
 */
export function checkSettlementPeriod(start: LocalDate, end: LocalDate, today: LocalDate): 'MONTH' | 'QUARTER' {
  if (start.slice(8) !== '01') throw badInput('结算期须从月初开始', 'A settlement period starts on the first day of a month', { field: 'input.periodStart' });
  const month = Number(start.slice(5, 7));
  let kind: 'MONTH' | 'QUARTER';
  if (end === addDays(addMonths(start, 1), -1)) kind = 'MONTH';
  else if (end === addDays(addMonths(start, 3), -1) && (month - 1) % 3 === 0) kind = 'QUARTER';
  else throw badInput('结算期须为一个自然月或一个自然季度', 'A settlement period is one calendar month or one calendar quarter', { field: 'input.periodEnd' });
  if (end >= today) {
    throw conflict(`结算期尚未结束（${end} 之后才能结算）`, `The period is still open or in the future: it can be settled after ${end}`, { field: 'input.periodEnd', details: { reason: 'PERIOD_OPEN', periodEnd: end, today } });
  }
  return kind;
}

/** Plan weights: decimal strings, none negative, summing to a positive total. */
export function checkWeights(weights: Decimal[]): void {
  if (weights.some((w) => w.isNegative())) throw badInput('权重不能为负', 'Weights cannot be negative', { field: 'input.parties' });
  const sum = weights.reduce((a, b) => a.add(b), Decimal.ZERO);
  if (!sum.gt(Decimal.ZERO)) throw badInput('权重之和必须为正', 'Weights must sum to a positive total', { field: 'input.parties', details: { reason: 'WEIGHTS_NOT_POSITIVE' } });
}
