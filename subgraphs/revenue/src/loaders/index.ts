import DataLoader from 'dataloader';
import { profileLoader, type Em } from '@pdo/platform';
import { endOfDayShanghai, startOfDayShanghai } from '@pdo/policy';
import { actualRevenuesFen, costSurveysById, type CostSurveyRow } from '../data/cost-surveys.js';
import { capsOfSurveys, forecastRevenuesFen, type PriceCapRow } from '../data/pricing.js';
import { entriesByIds, type EntryRecord } from '../data/ledger.js';
import { linesOf, productsOf, stepsOf } from '../data/settlements.js';
import { orgNames, productNames } from '../data/statements.js';

const grouped = <R, K>(ids: readonly K[], rows: R[], key: (r: R) => K): R[][] => {
  const by = new Map<K, R[]>();
  for (const r of rows) {
    const list = by.get(key(r));
    if (list) list.push(r);
    else by.set(key(r), [r]);
  }
  return ids.map((id) => by.get(id) ?? []);
};

/** Fresh per request: each batches one tick's lookups into one statement. Rows are plain; schema/ maps them. */
export function createLoaders(em: Em) {
  return {
    /** Effective policy profile per jurisdiction (the authority's edits projected from licensing), one query per batch. */
    profile: profileLoader(em),
    costSurveyById: new DataLoader<string, CostSurveyRow | null>(async (ids) => {
      const byId = new Map((await costSurveysById(em, ids)).map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    capsBySurvey: new DataLoader<string, PriceCapRow[]>(async (ids) => grouped(ids, await capsOfSurveys(em, ids), (r) => r.cost_survey_id)),
    /** Σ cap × forecast per survey (caps in force), one query for every survey on the page. */
    forecastRevenueBySurvey: new DataLoader<string, bigint>(async (ids) => {
      const m = await forecastRevenuesFen(em, ids);
      return ids.map((id) => m.get(id) ?? 0n);
    }),
    /** Actual revenue of an operator over the calendar days of a period (Asia/Shanghai), keyed `operatorId|start|end`: one query per page. */
    actualRevenue: new DataLoader<string, bigint>(async (keys) =>
      actualRevenuesFen(
        em,
        keys.map((k) => {
          const [operatorId, start, end] = k.split('|') as [string, string, string];
          return { operatorId, from: startOfDayShanghai(start).toISOString(), to: endOfDayShanghai(end).toISOString() };
        }),
      ),
    ),
    productsBySettlement: new DataLoader(async (ids: readonly string[]) => grouped(ids, await productsOf(em, ids), (r) => r.settlement_id)),
    stepsBySettlement: new DataLoader(async (ids: readonly string[]) => grouped(ids, await stepsOf(em, ids), (r) => r.settlement_id)),
    linesBySettlement: new DataLoader(async (ids: readonly string[]) => grouped(ids, await linesOf(em, ids), (r) => r.settlement_id)),
    /** Organisation names from revenue's projection of the registry: one query per tick. */
    orgNameById: new DataLoader<string, string | null>(async (ids) => {
      const byId = new Map((await orgNames(em, ids)).map((r) => [r.id, r.name_zh]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    productById: new DataLoader<string, { code: string; nameZh: string } | null>(async (ids) => {
      const byId = new Map((await productNames(em, ids)).map((r) => [r.id, { code: r.code ?? '', nameZh: r.name_zh ?? '' }]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ledgerEntryById: new DataLoader<string, EntryRecord | null>(async (ids) => {
      const byId = new Map((await entriesByIds(em, ids)).map((e) => [e.id, e]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
