import { pageOf, sql, type Em } from '@pdo/platform';
import { db } from './tables.js';

export type PriceCapRow = NonNullable<Awaited<ReturnType<typeof capsOfSurveys>>>[number];
export type PriceRow = NonNullable<Awaited<ReturnType<typeof priceInForce>>>;

/** A product as revenue's projection knows it. */
export function productFacts(em: Em, id: string) {
  return db(em).selectFrom('product_projection').select(['id', 'jurisdiction', 'operator_id', 'agreement_id', 'category', 'status']).where('id', '=', id).executeTakeFirst();
}

/** The survey a set of caps is for, locked: caps of one survey are checked against its MAR one writer at a time. */
export function surveyForCaps(tx: Em, id: string) {
  return db(tx).selectFrom('cost_survey').select(['id', 'jurisdiction', 'operator_id', 'effective_mar_fen', 'period_start', 'period_end']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Inserts a cap; undefined when one already takes effect on that date for the product and unit. */
export function insertCap(tx: Em, c: { id: string; costSurveyId: string; productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; capFen: string; forecastUnits: string; effectiveFrom: string; createdBy: string; trial: boolean }) {
  return db(tx)
    .insertInto('price_cap')
    .values({ id: c.id, cost_survey_id: c.costSurveyId, product_id: c.productId, operator_id: c.operatorId, jurisdiction: c.jurisdiction, charging_unit: c.chargingUnit, cap_fen: c.capFen, forecast_units: c.forecastUnits, effective_from: c.effectiveFrom, created_by: c.createdBy, trial: c.trial })
    .onConflict((oc) => oc.columns(['product_id', 'charging_unit', 'effective_from']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function capsOfSurveys(em: Em, surveyIds: readonly string[]) {
  return db(em).selectFrom('price_cap').selectAll().where('cost_survey_id', 'in', surveyIds).orderBy('product_id').orderBy('charging_unit').orderBy('effective_from').execute();
}

/**
 * Σ cap × forecast over the caps in force of each survey: for each product and charging unit the cap with the latest
 * effective date. Hand-written: DISTINCT ON per survey, product and unit, then a sum, in one statement for a page.
 */
export async function forecastRevenuesFen(em: Em, surveyIds: readonly string[]): Promise<Map<string, bigint>> {
  const rows = await sql<{ id: string; s: string }>(
    em,
    `select cost_survey_id as id, sum(cap_fen * forecast_units)::text as s from (
       select distinct on (cost_survey_id, product_id, charging_unit) cost_survey_id, cap_fen, forecast_units from price_cap where cost_survey_id = any($1::uuid[])
       order by cost_survey_id, product_id, charging_unit, effective_from desc) c group by cost_survey_id`,
    [surveyIds],
  );
  return new Map(rows.map((r) => [r.id, BigInt(r.s)]));
}

export function capInForce(em: Em, productId: string, unit: string, on: string) {
  return db(em).selectFrom('price_cap').select(['id', 'cap_fen', 'effective_from']).where('product_id', '=', productId).where('charging_unit', '=', unit).where('effective_from', '<=', on).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
}

/**
 * Inserts the next price version of the product and unit; undefined when a version already takes effect that day.
 * Hand-written: the version is the next after the highest in the same statement, under a transaction-scoped advisory
 * lock on (product, unit) so two writers never number the same version.
 */
export async function insertPriceVersion(tx: Em, p: { id: string; productId: string; operatorId: string; jurisdiction: string; chargingUnit: string; priceFen: string; capId: string | null; effectiveFrom: string; createdBy: string }) {
  await sql(tx, `select pg_advisory_xact_lock(hashtext('price:' || $1 || ':' || $2))`, [p.productId, p.chargingUnit]);
  const [row] = await sql<PriceRow>(
    tx,
    `insert into price (id, product_id, operator_id, jurisdiction, charging_unit, price_fen, cap_id, effective_from, version, created_by)
     select $1, $2, $3, $4, $5, $6, $7, $8::date, coalesce(max(version), 0) + 1, $9 from price where product_id = $2 and charging_unit = $5
     on conflict (product_id, charging_unit, effective_from) do nothing
     returning *`,
    [p.id, p.productId, p.operatorId, p.jurisdiction, p.chargingUnit, p.priceFen, p.capId, p.effectiveFrom, p.createdBy],
  );
  return row;
}

/** Price versions of a product, newest first. */
export function pricePage(em: Em, productId: string, window: { limit: number; offset: number }) {
  const k = db(em);
  return pageOf(k, k.selectFrom('price').selectAll().where('product_id', '=', productId).orderBy('effective_from', 'desc').orderBy('charging_unit'), window);
}

/** The price in force on a day (Asia/Shanghai) for the product and unit. */
export function priceInForce(em: Em, productId: string, unit: string, day: string) {
  return db(em).selectFrom('price').selectAll().where('product_id', '=', productId).where('charging_unit', '=', unit).where('effective_from', '<=', day).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
}
