import { badInput, conflict, inTransaction, newId, notFound, requireOrg, type RequestContext } from '@pdo/platform';
import type { RevenueEvents } from '@pdo/events';
import { todayInShanghai, toShanghaiDate } from '@pdo/policy';
import { checkCap, checkCapsWithinMar, checkPrice, isTrialCap } from '../domain/rules.js';
import { profileOf } from '../data/profile.js';
import { requireFinance } from '../access.js';
import { capInForce, forecastRevenuesFen, insertCap, insertPriceVersion, priceInForce, pricePage, productFacts, surveyForCaps, type PriceCapRow, type PriceRow } from '../data/pricing.js';
import type { Em } from '@pdo/platform';
import { ruled } from './refusal.js';

type Ctx = RequestContext<unknown>;

export interface SetPriceCapsInput {
  costSurveyId: string;
  effectiveFrom: string;
  caps: { productId: string; chargingUnit: string; cap: bigint; forecastUnits: string }[];
}

export interface SetProductPriceInput {
  productId: string;
  chargingUnit: string;
  price: bigint;
  effectiveFrom: string;
}

async function product(em: Em, id: string) {
  const p = await productFacts(em, id);
  if (!p) throw notFound('数据产品', 'Data product', id);
  return p;
}

/**
 * 上限收费标准 (PN §2(2)): set by the authorizing body within the operator's MAR; a trial price (PN §2) when the survey
 * covers less than a full year of operation and the profile has the trial standard.
 */
export function setPriceCaps(ctx: Ctx, input: SetPriceCapsInput): Promise<PriceCapRow[]> {
  return inTransaction(ctx, async (uow) => {
    const { tx } = uow;
    const survey = await surveyForCaps(tx, input.costSurveyId);
    if (!survey) throw notFound('成本调查', 'Cost survey', input.costSurveyId);
    requireFinance(ctx.identity, survey.jurisdiction);
    if (input.caps.length === 0) throw badInput('至少设定一个上限', 'Set at least one cap', { field: 'input.caps' });
    if (input.effectiveFrom > survey.period_end) throw badInput('生效日期须在成本调查期内', 'The caps must take effect within the survey period', { field: 'input.effectiveFrom' });
    const trial = isTrialCap(await profileOf(tx, survey.jurisdiction), survey.period_start, survey.period_end);
    const seen = new Set<string>();
    const out: PriceCapRow[] = [];
    for (const [i, c] of input.caps.entries()) {
      const field = `input.caps.${i}`;
      const key = `${c.productId}:${c.chargingUnit}`;
      if (seen.has(key)) throw badInput('同一产品与计费单位只能设定一次', 'A product and charging unit may appear once', { field });
      seen.add(key);
      if (!/^\d+$/.test(c.forecastUnits)) throw badInput('预测量须为非负整数', 'The forecast volume must be a non-negative integer', { field: `${field}.forecastUnits` });
      const p = await product(tx, c.productId);
      if (p.operator_id !== survey.operator_id) throw badInput('产品不属于该运营机构', "The product is not the surveyed operator's", { field: `${field}.productId` });
      ruled(() => checkCap(p.category, c.cap, `${field}.cap`));
      const row = await insertCap(tx, { id: newId(), costSurveyId: survey.id, productId: c.productId, operatorId: survey.operator_id, jurisdiction: survey.jurisdiction, chargingUnit: c.chargingUnit, capFen: c.cap.toString(), forecastUnits: c.forecastUnits, effectiveFrom: input.effectiveFrom, createdBy: ctx.identity.sub, trial });
      if (!row) throw conflict('该产品与计费单位在此日期已有上限', 'A cap for this product and charging unit already takes effect on that date', { field });
      out.push(row);
    }
    // Computed after the new caps are written, in the same transaction, so a refusal rolls them back.
    const forecast = (await forecastRevenuesFen(tx, [survey.id])).get(survey.id) ?? 0n;
    ruled(() => checkCapsWithinMar(forecast, BigInt(survey.effective_mar_fen)));
    for (const c of out) {
      uow.audit({ entityType: 'PriceCap', entityId: c.id, action: 'SET', changes: { productId: c.product_id, chargingUnit: c.charging_unit, capFen: c.cap_fen, forecastUnits: c.forecast_units, effectiveFrom: c.effective_from, trial: c.trial } });
      await uow.publish('PriceCapSet', { capId: c.id, productId: c.product_id, operatorId: c.operator_id, jurisdiction: c.jurisdiction, chargingUnit: c.charging_unit, capFen: c.cap_fen, effectiveFrom: c.effective_from } satisfies RevenueEvents.PriceCapSet, c.jurisdiction);
    }
    return out;
  });
}

/**
 * The operator prices at or below the cap in force on the effective date (PN §2(3)); a free product only at zero.
 * Prices are versioned and never rewritten: a change is a new version from a date not in the past, so charges
 * already made keep the price they were made at.
 */
export function setProductPrice(ctx: Ctx, input: SetProductPriceInput): Promise<PriceRow> {
  return inTransaction(ctx, async (uow) => {
    const { tx } = uow;
    const p = await product(tx, input.productId);
    requireOrg(ctx.identity, p.operator_id);
    if (input.effectiveFrom < todayInShanghai(ctx.now)) throw badInput('价格不能追溯生效', 'A price cannot take effect in the past', { field: 'input.effectiveFrom' });
    const cap = p.category === 'FREE' ? null : await capInForce(tx, p.id, input.chargingUnit, input.effectiveFrom);
    ruled(() => checkPrice(p.category, input.price, cap ? BigInt(cap.cap_fen) : null));
    const price = await insertPriceVersion(tx, { id: newId(), productId: p.id, operatorId: p.operator_id, jurisdiction: p.jurisdiction, chargingUnit: input.chargingUnit, priceFen: input.price.toString(), capId: cap?.id ?? null, effectiveFrom: input.effectiveFrom, createdBy: ctx.identity.sub });
    if (!price) throw conflict('该日期已有价格版本', 'A price version already takes effect on that date', { field: 'input.effectiveFrom' });
    uow.audit({ entityType: 'ProductPrice', entityId: price.id, action: 'SET', changes: { productId: p.id, chargingUnit: input.chargingUnit, priceFen: input.price.toString(), effectiveFrom: input.effectiveFrom, version: price.version } });
    await uow.publish('PriceSet', { priceId: price.id, productId: p.id, operatorId: p.operator_id, jurisdiction: p.jurisdiction, chargingUnit: input.chargingUnit, priceFen: input.price.toString(), effectiveFrom: input.effectiveFrom } satisfies RevenueEvents.PriceSet, p.jurisdiction);
    return price;
  });
}

/** The price in force at an instant (its day in Asia/Shanghai); public (PN §5). */
export function priceAt(ctx: Ctx, productId: string, unit: string, at: Date) {
  return priceInForce(ctx.em, productId, unit, toShanghaiDate(at));
}

/** Price versions of a product, newest first; public (PN §5). */
export function prices(ctx: Ctx, productId: string, window: { limit: number; offset: number }) {
  return pricePage(ctx.em, productId, window);
}
