import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { profileLoader, sql } from '@pdo/platform';
import { PRICE_CAP_COLS, toCostSurvey, toPriceCap } from '../data/rows.js';
import { costSurveysById } from '../data/cost-surveys.js';
import { loadEntries } from '../data/ledger.js';
import { actualRevenuesFen, forecastRevenuesFen } from '../data/costs.js';
import type { CostSurvey, LedgerEntry, PriceCap, SettlementChargeLine, SettlementProduct, SettlementStep } from '../schema/types.js';

/** Fresh per request: each batches one tick's lookups into one `= any($1)` query. */
export function createLoaders(em: EntityManager) {
  return {
    /** Effective policy profile per jurisdiction (the authority's edits projected from licensing), one query per batch. */
    profile: profileLoader(em),
    costSurveyById: new DataLoader<string, CostSurvey | null>(async (ids) => {
      const rows = await costSurveysById(em, ids);
      const byId = new Map(rows.map((r) => [r.id, toCostSurvey(r)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    capsBySurvey: new DataLoader<string, PriceCap[]>(async (ids) => {
      const rows = await sql(em, `select ${PRICE_CAP_COLS} from price_cap where cost_survey_id = any($1::uuid[]) order by product_id, charging_unit, effective_from`, [ids]);
      return ids.map((id) => rows.filter((r: any) => r.cost_survey_id === id).map(toPriceCap));
    }),
    /** Σ cap × forecast per survey (caps in force), one query for every survey on the page. */
    forecastRevenueBySurvey: new DataLoader<string, bigint>(async (ids) => {
      const m = await forecastRevenuesFen(em, ids);
      return ids.map((id) => m.get(id) ?? 0n);
    }),
    /** Actual revenue of an operator over a period, keyed `operatorId|start|end`: one query per page. */
    actualRevenue: new DataLoader<string, bigint>(async (keys) => actualRevenuesFen(em, keys.map((k) => { const [operatorId, start, end] = k.split('|') as [string, string, string]; return { operatorId, start, end }; }))),
    productsBySettlement: new DataLoader<string, SettlementProduct[]>(async (ids) => {
      const rows = await sql(em, `select settlement_id, product_id, plan_id, plan_version, revenue_fen, charge_count, units from settlement_product where settlement_id = any($1::uuid[]) order by product_id`, [ids]);
      return ids.map((id) =>
        rows
          .filter((r: any) => r.settlement_id === id)
          .map((r: any) => ({ productId: r.product_id, planId: r.plan_id, planVersion: r.plan_version, revenue: BigInt(r.revenue_fen), chargeCount: String(r.charge_count), units: String(r.units) })),
      );
    }),
    stepsBySettlement: new DataLoader<string, SettlementStep[]>(async (ids) => {
      const rows = await sql<any>(em, `select settlement_id, attempt, step, detail, at from settlement_step where settlement_id = any($1::uuid[]) order by id`, [ids]);
      return ids.map((id) => rows.filter((r) => r.settlement_id === id).map((r) => ({ attempt: r.attempt, step: r.step, detail: r.detail, at: new Date(r.at) })));
    }),
    linesBySettlement: new DataLoader<string, SettlementChargeLine[]>(async (ids) => {
      const rows = await sql<any>(
        em,
        `select sl.settlement_id, sl.product_id, sl.developer_id, sl.revenue_fen, sl.charge_count, sl.units, sl.carried_from, f.period_start::text as from_start, f.period_end::text as from_end
         from settlement_line sl left join settlement f on f.id = sl.carried_from
         where sl.settlement_id = any($1::uuid[]) order by sl.product_id, sl.developer_id, f.period_start nulls first`,
        [ids],
      );
      return ids.map((id) =>
        rows
          .filter((r) => r.settlement_id === id)
          .map((r) => ({ productId: r.product_id, developerId: r.developer_id, revenue: BigInt(r.revenue_fen), chargeCount: String(r.charge_count), units: String(r.units), carriedFrom: r.carried_from, carriedFromPeriodStart: r.from_start, carriedFromPeriodEnd: r.from_end })),
      );
    }),
    /** Organisation names from revenue's projection of the registry (`org_view`): one query per tick. */
    orgNameById: new DataLoader<string, string | null>(async (ids) => {
      const rows = await sql<{ id: string; name_zh: string }>(em, `select id::text, name_zh from org_view where id::text = any($1::text[])`, [ids]);
      const byId = new Map(rows.map((r) => [r.id, r.name_zh]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    productById: new DataLoader<string, { code: string; nameZh: string } | null>(async (ids) => {
      const rows = await sql<{ id: string; code: string | null; name_zh: string | null }>(em, `select id::text, code, name_zh from product_view where id::text = any($1::text[])`, [ids]);
      const byId = new Map(rows.map((r) => [r.id, { code: r.code ?? '', nameZh: r.name_zh ?? '' }]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ledgerEntryById: new DataLoader<string, LedgerEntry | null>(async (ids) => {
      const entries = await loadEntries(em, ids);
      const byId = new Map(entries.map((e) => [e.id, e]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
