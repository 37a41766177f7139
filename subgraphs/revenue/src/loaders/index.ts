import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';
import { COST_SURVEY_COLS, PRICE_CAP_COLS, toCostSurvey, toPriceCap } from '../data/rows.js';
import { loadEntries } from '../data/ledger.js';
import type { CostSurvey, LedgerEntry, PriceCap, SettlementProduct } from '../schema/types.js';

/** Fresh per request: each batches one tick's lookups into one `= any($1)` query. */
export function createLoaders(em: EntityManager) {
  return {
    costSurveyById: new DataLoader<string, CostSurvey | null>(async (ids) => {
      const rows = await sql(em, `select ${COST_SURVEY_COLS} from cost_survey where id = any($1::uuid[])`, [ids]);
      const byId = new Map(rows.map((r: any) => [r.id, toCostSurvey(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    capsBySurvey: new DataLoader<string, PriceCap[]>(async (ids) => {
      const rows = await sql(em, `select ${PRICE_CAP_COLS} from price_cap where cost_survey_id = any($1::uuid[]) order by product_id, charging_unit, effective_from`, [ids]);
      return ids.map((id) => rows.filter((r: any) => r.cost_survey_id === id).map(toPriceCap));
    }),
    productsBySettlement: new DataLoader<string, SettlementProduct[]>(async (ids) => {
      const rows = await sql(em, `select settlement_id, product_id, plan_id, plan_version, revenue_fen, charge_count, units from settlement_product where settlement_id = any($1::uuid[]) order by product_id`, [ids]);
      return ids.map((id) =>
        rows
          .filter((r: any) => r.settlement_id === id)
          .map((r: any) => ({ productId: r.product_id, planId: r.plan_id, planVersion: r.plan_version, revenue: BigInt(r.revenue_fen), chargeCount: String(r.charge_count), units: String(r.units) })),
      );
    }),
    ledgerEntryById: new DataLoader<string, LedgerEntry | null>(async (ids) => {
      const entries = await loadEntries(em, ids);
      const byId = new Map(entries.map((e) => [e.id, e]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
