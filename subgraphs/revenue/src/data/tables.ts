import { defineEntity, p } from '@mikro-orm/core';
import { dateColumn as date, instantColumn as instant, numericColumn as numeric, bigintColumn as fen } from '@pdo/platform';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';

/**
 * Revenue's tables as MikroORM entities, declared as the driver returns them (packages/platform/src/db/kysely.ts):
 * dates and instants as text, bigint money as decimal strings, numeric as text, jsonb parsed. Migrations stay the
 * source of the DDL; test/tables/tables.test.ts compares these declarations with the migrated tables. The platform's
 * own tables (audit, outbox, policy_profile_projection) are the platform's, and the view `settled_charge` is not a table.
 */

export const CostSurveyTable = defineEntity({
  name: 'CostSurvey',
  tableName: 'cost_survey',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    name: p.text(),
    periodStart: date(),
    periodEnd: date(),
    surveyYear: p.integer(),
    platformFen: fen(),
    dataHandlingFen: fen(),
    personnelFen: fen(),
    dataAcquisitionFen: fen(),
    periodExpensesFen: fen(),
    subsidiesFen: fen(),
    taxesFen: fen(),
    bondYear: p.integer(),
    bondYieldPercent: p.text(),
    bondYieldSource: p.text(),
    markupPp: p.text(),
    ratePercent: p.text(),
    operatingCostFen: fen(),
    permittedProfitFen: fen(),
    marFen: fen(),
    carryInFen: fen().default(0),
    carryOverDeductionFen: fen().default(0),
    carryOutFen: fen().default(0),
    effectiveMarFen: fen(),
    working: p.json<string[]>(),
    policySource: p.text(),
    createdBy: p.text(),
    createdAt: instant().defaultRaw('now()'),
  },
});

// ── projections of other subgraphs' facts (fed by events, handlers/) ─────────
export const ProductProjectionTable = defineEntity({
  name: 'ProductProjection',
  tableName: 'product_projection',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    agreementId: p.uuid(),
    code: p.text(),
    nameZh: p.text(),
    category: p.text().$type<'FREE' | 'PAID'>(),
    status: p.text(),
    version: p.integer().default(0),
    asOf: instant(),
  },
});

export const ProductResourceProjectionTable = defineEntity({
  name: 'ProductResourceProjection',
  tableName: 'product_resource_projection',
  properties: {
    productId: p.uuid().primary(),
    resourceId: p.uuid().primary(),
    sourceUnitId: p.uuid(),
    ordinal: p.integer(),
  },
});

export const UsageAgreementProjectionTable = defineEntity({
  name: 'UsageAgreementProjection',
  tableName: 'usage_agreement_projection',
  properties: {
    id: p.uuid().primary(),
    productId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid().nullable(),
    jurisdiction: p.text(),
    startDate: date().nullable(),
    endDate: date().nullable(),
    category: p.text().nullable(),
    status: p.text(),
    asOf: instant(),
  },
});

export const AgreementProjectionTable = defineEntity({
  name: 'AgreementProjection',
  tableName: 'agreement_projection',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    agreementNumber: p.text().nullable(),
    status: p.text(),
    startDate: date().nullable(),
    endDate: date().nullable(),
    asOf: instant(),
  },
});

export const OrgProjectionTable = defineEntity({
  name: 'OrgProjection',
  tableName: 'org_projection',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text().nullable(),
    nameZh: p.text(),
    kinds: p.array<string>().columnType('text[]').defaultRaw(`'{}'`),
  },
});

export const ContributionScoreProjectionTable = defineEntity({
  name: 'ContributionScoreProjection',
  tableName: 'contribution_score_projection',
  properties: {
    assessmentId: p.uuid().primary(),
    jurisdiction: p.text(),
    periodStart: date(),
    periodEnd: date(),
    sourceUnitId: p.uuid().primary(),
    score: numeric(),
    receivedAt: instant().defaultRaw('now()'),
  },
});

// ── prices and charges ───────────────────────────────────────────────────────
export const PriceCapTable = defineEntity({
  name: 'PriceCap',
  tableName: 'price_cap',
  properties: {
    id: p.uuid().primary(),
    costSurveyId: p.uuid(),
    productId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    chargingUnit: p.text(),
    capFen: fen(),
    forecastUnits: fen(),
    effectiveFrom: date(),
    createdBy: p.text(),
    createdAt: instant().defaultRaw('now()'),
    /** A trial price (试行价格, PN §2), migration 0011. */
    trial: p.boolean().default(false),
  },
});

export const PriceTable = defineEntity({
  name: 'Price',
  tableName: 'price',
  properties: {
    id: p.uuid().primary(),
    productId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    chargingUnit: p.text(),
    priceFen: fen(),
    capId: p.uuid().nullable(),
    effectiveFrom: date(),
    version: p.integer(),
    createdBy: p.text(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const ChargeTable = defineEntity({
  name: 'Charge',
  tableName: 'charge',
  properties: {
    id: p.uuid().primary(),
    usageId: p.uuid(),
    usageAgreementId: p.uuid().nullable(),
    productId: p.uuid(),
    operatorId: p.uuid(),
    developerId: p.uuid(),
    jurisdiction: p.text(),
    category: p.text(),
    chargingUnit: p.text(),
    units: fen(),
    unitPriceFen: fen().nullable(),
    priceId: p.uuid().nullable(),
    amountFen: fen(),
    priced: p.boolean(),
    occurredAt: instant(),
    createdAt: instant().defaultRaw('now()'),
    /** Arrival number (identity, migration 0004): settlements take charges by seq ranges. */
    seq: fen().defaultRaw('identity'),
    /** Why the unit price is not the price in force (free use, cap), migration 0011; null: the price in force. */
    basis: p.text().nullable(),
  },
});

export const BondYieldTable = defineEntity({
  name: 'BondYield',
  tableName: 'bond_yield',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    year: p.integer(),
    version: p.integer(),
    yieldPercent: p.string().columnType('numeric(7,4)'),
    sourceDocument: p.text(),
    illustrative: p.boolean().default(false),
    loadedBy: p.text(),
    loadedAt: instant().defaultRaw('now()'),
  },
});

export { DistributionPlanTable, DistributionPlanPartyTable, SettlementTable, SettlementLineTable, SettlementProductTable, SettlementTakeTable, SettlementStepTable, SettledCharge0003Table, RevenueShareTable, LedgerAccountTable, LedgerEntryTable, LedgerLineTable } from './settlement-tables.js';
import * as settlementTables from './settlement-tables.js';

export const tables = [
  CostSurveyTable,
  ProductProjectionTable,
  ProductResourceProjectionTable,
  UsageAgreementProjectionTable,
  AgreementProjectionTable,
  OrgProjectionTable,
  ContributionScoreProjectionTable,
  PriceCapTable,
  PriceTable,
  ChargeTable,
  BondYieldTable,
  settlementTables.DistributionPlanTable,
  settlementTables.DistributionPlanPartyTable,
  settlementTables.SettlementTable,
  settlementTables.SettlementLineTable,
  settlementTables.SettlementProductTable,
  settlementTables.SettlementTakeTable,
  settlementTables.SettlementStepTable,
  settlementTables.SettledCharge0003Table,
  settlementTables.RevenueShareTable,
  settlementTables.LedgerAccountTable,
  settlementTables.LedgerEntryTable,
  settlementTables.LedgerLineTable,
] as const;
export type DB = DatabaseOf<typeof tables>;
/** The subgraph's typed Kysely, inside the entity manager's transaction when it has one. */
export const db = (em: Em) => typedDb<DB>(em);
