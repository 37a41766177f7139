import { sql, type Em } from '@pdo/platform';
import { db } from './tables.js';

/** The average 10-year government bond yield of a year (PN §3(1)), loaded by the pricing authority; versions kept. */
export type BondYieldRow = Awaited<ReturnType<typeof bondYieldHistory>>[number];

/** The latest version loaded for a year in a jurisdiction. */
export function latestBondYield(em: Em, jurisdiction: string, year: number) {
  return db(em).selectFrom('bond_yield').selectAll().where('jurisdiction', '=', jurisdiction).where('year', '=', year).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** Every version loaded in a jurisdiction (optionally of one year), newest year and version first. */
export function bondYieldHistory(em: Em, jurisdiction: string, year: number | null) {
  let q = db(em).selectFrom('bond_yield').selectAll().where('jurisdiction', '=', jurisdiction).orderBy('year', 'desc').orderBy('version', 'desc');
  if (year !== null) q = q.where('year', '=', year);
  return q.execute();
}

/** Loads of one (jurisdiction, year) one after another (a transaction-scoped advisory lock on the key), so versions never clash. */
export async function serialiseLoads(tx: Em, jurisdiction: string, year: number): Promise<void> {
  await sql(tx, `select pg_advisory_xact_lock(hashtext('bond_yield:' || $1 || ':' || $2::text))`, [jurisdiction, year]);
}

export function insertBondYield(tx: Em, row: { id: string; jurisdiction: string; year: number; version: number; yield_percent: string; source_document: string; illustrative: boolean; loaded_by: string }) {
  return db(tx).insertInto('bond_yield').values(row).onConflict((oc) => oc.doNothing()).returningAll().executeTakeFirst();
}
