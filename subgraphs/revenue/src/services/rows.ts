/** The plain row types the use cases answer with (schema/map.ts maps them to GraphQL shapes). */
export type { CostSurveyRow } from '../data/cost-surveys.js';
export type { PriceCapRow, PriceRow } from '../data/pricing.js';
export type { ChargeRow } from '../data/charges.js';
export type { SettlementRow } from '../data/settlements.js';
export type { ShareRow } from '../data/shares.js';
export type { PlanRecord } from '../data/plans.js';
export type { AccountRow, EntryRecord } from '../data/ledger.js';
export type { BondYieldRow } from '../data/bond-yields.js';
