import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, notFound, requireOrg, requireRole, sql, sqlOne, type Identity, type UnitOfWork } from '@pdo/platform';
import type { RevenueEvents } from '@pdo/events';
import { todayInShanghai } from '@pdo/policy';
import { checkCap, checkCapsWithinMar, checkPrice } from '../domain/rules.js';
import { requireFinance } from '../domain/access.js';
import { uuidv7 } from '../domain/ids.js';
import { PRICE_CAP_COLS, PRICE_COLS, toPriceCap, toPrice } from './rows.js';
import type { PriceCap, ProductPrice, SetPriceCapsInput, SetProductPriceInput } from '../schema/types.js';

interface ProductRow {
  id: string;
  jurisdiction: string;
  operator_id: string;
  category: 'FREE' | 'PAID';
  status: string;
}

export async function productOf(em: EntityManager, id: string): Promise<ProductRow> {
  const p = await sqlOne<ProductRow>(em, `select id, jurisdiction, operator_id, category, status from product_view where id = $1`, [id]);
  if (!p) throw notFound('数据产品', 'Data product', id);
  return p;
}

/**
 * Σ cap × forecast over the caps in force for a survey: for each product and charging unit the
 * cap with the latest effective date. Computed in SQL after the new caps are written, inside the
 * same transaction, so a refusal rolls the new caps back.
 */
export async function forecastRevenueFen(em: EntityManager, costSurveyId: string): Promise<bigint> {
  const r = await sqlOne<{ s: string }>(
    em,
    `select coalesce(sum(cap_fen * forecast_units), 0)::text as s from (
       select distinct on (product_id, charging_unit) cap_fen, forecast_units from price_cap where cost_survey_id = $1
       order by product_id, charging_unit, effective_from desc) c`,
    [costSurveyId],
  );
  return BigInt(r!.s);
}

/** 上限收费标准 (PN §2(2)): set by the authorizing body within the operator's MAR. */
export async function setPriceCaps(uow: UnitOfWork, identity: Identity, input: SetPriceCapsInput): Promise<PriceCap[]> {
  const { tx } = uow;
  const survey = await sqlOne<{ id: string; jurisdiction: string; operator_id: string; effective_mar_fen: string; period_end: string }>(
    tx,
    `select id, jurisdiction, operator_id, effective_mar_fen, period_end::text from cost_survey where id = $1 for update`,
    [input.costSurveyId],
  );
  if (!survey) throw notFound('成本调查', 'Cost survey', input.costSurveyId);
  requireFinance(identity, survey.jurisdiction);
  if (input.caps.length === 0) throw badInput('至少设定一个上限', 'Set at least one cap', { field: 'input.caps' });
  if (input.effectiveFrom > survey.period_end) throw badInput('生效日期须在成本调查期内', 'The caps must take effect within the survey period', { field: 'input.effectiveFrom' });
  const seen = new Set<string>();
  const out: PriceCap[] = [];
  for (const [i, c] of input.caps.entries()) {
    const field = `input.caps.${i}`;
    const key = `${c.productId}:${c.chargingUnit}`;
    if (seen.has(key)) throw badInput('同一产品与计费单位只能设定一次', 'A product and charging unit may appear once', { field });
    seen.add(key);
    if (!/^\d+$/.test(c.forecastUnits)) throw badInput('预测量须为非负整数', 'The forecast volume must be a non-negative integer', { field: `${field}.forecastUnits` });
    const p = await productOf(tx, c.productId);
    if (p.operator_id !== survey.operator_id) throw badInput('产品不属于该运营机构', "The product is not the surveyed operator's", { field: `${field}.productId` });
    checkCap(p.category, c.cap, `${field}.cap`);
    const id = uuidv7();
    const [row] = await sql(
      tx,
      `insert into price_cap (id, cost_survey_id, product_id, operator_id, jurisdiction, charging_unit, cap_fen, forecast_units, effective_from, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::date, $10)
       on conflict (product_id, charging_unit, effective_from) do nothing
       returning ${PRICE_CAP_COLS}`,
      [id, survey.id, c.productId, survey.operator_id, survey.jurisdiction, c.chargingUnit, c.cap.toString(), c.forecastUnits, input.effectiveFrom, identity.sub],
    );
    if (!row) throw conflict('该产品与计费单位在此日期已有上限', 'A cap for this product and charging unit already takes effect on that date', { field });
    out.push(toPriceCap(row));
  }
  checkCapsWithinMar(await forecastRevenueFen(tx, survey.id), BigInt(survey.effective_mar_fen));
  for (const c of out) {
    uow.audit({ entityType: 'PriceCap', entityId: c.id, action: 'SET', changes: { productId: c.productId, chargingUnit: c.chargingUnit, capFen: c.cap.toString(), forecastUnits: c.forecastUnits, effectiveFrom: c.effectiveFrom } });
    await uow.publish('PriceCapSet', { capId: c.id, productId: c.productId, operatorId: c.operatorId, jurisdiction: c.jurisdiction, chargingUnit: c.chargingUnit, capFen: c.cap.toString(), effectiveFrom: c.effectiveFrom } satisfies RevenueEvents.PriceCapSet, c.jurisdiction);
  }
  return out;
}

export async function capInForce(em: EntityManager, productId: string, unit: string, on: string): Promise<{ id: string; cap_fen: string } | null> {
  return sqlOne(em, `select id, cap_fen from price_cap where product_id = $1 and charging_unit = $2 and effective_from <= $3::date order by effective_from desc limit 1`, [productId, unit, on]);
}

/**
 * The operator prices at or below the cap in force on the effective date (PN §2(3)); a free
 * product only at zero. Prices are versioned and never rewritten: a change is a new version
 * from a date not in the past, so charges already made keep the price they were made at.
 */
export async function setProductPrice(uow: UnitOfWork, identity: Identity, now: Date, input: SetProductPriceInput): Promise<ProductPrice> {
  const { tx } = uow;
  requireRole(identity, 'OPERATOR');
  const p = await productOf(tx, input.productId);
  requireOrg(identity, p.operator_id);
  if (input.effectiveFrom < todayInShanghai(now)) throw badInput('价格不能追溯生效', 'A price cannot take effect in the past', { field: 'input.effectiveFrom' });
  const cap = p.category === 'FREE' ? null : await capInForce(tx, p.id, input.chargingUnit, input.effectiveFrom);
  checkPrice(p.category, input.price, cap ? BigInt(cap.cap_fen) : null);
  await sql(tx, `select pg_advisory_xact_lock(hashtext('price:' || $1 || ':' || $2))`, [p.id, input.chargingUnit]);
  const [row] = await sql(
    tx,
    `insert into price (id, product_id, operator_id, jurisdiction, charging_unit, price_fen, cap_id, effective_from, version, created_by)
     select $1, $2, $3, $4, $5, $6, $7, $8::date, coalesce(max(version), 0) + 1, $9 from price where product_id = $2 and charging_unit = $5
     on conflict (product_id, charging_unit, effective_from) do nothing
     returning ${PRICE_COLS}`,
    [uuidv7(), p.id, p.operator_id, p.jurisdiction, input.chargingUnit, input.price.toString(), cap?.id ?? null, input.effectiveFrom, identity.sub],
  );
  if (!row) throw conflict('该日期已有价格版本', 'A price version already takes effect on that date', { field: 'input.effectiveFrom' });
  const price = toPrice(row);
  uow.audit({ entityType: 'ProductPrice', entityId: price.id, action: 'SET', changes: { productId: p.id, chargingUnit: input.chargingUnit, priceFen: input.price.toString(), effectiveFrom: input.effectiveFrom, version: price.version } });
  await uow.publish('PriceSet', { priceId: price.id, productId: p.id, operatorId: p.operator_id, jurisdiction: p.jurisdiction, chargingUnit: input.chargingUnit, priceFen: input.price.toString(), effectiveFrom: input.effectiveFrom } satisfies RevenueEvents.PriceSet, p.jurisdiction);
  return price;
}
