import { defineEntity, p } from '@mikro-orm/core';
import { dateColumn as date, instantColumn as instant, bigintColumn as fen } from '@pdo/platform';

/** Distribution plans, settlement runs and their results, and the double-entry ledger (declared as in tables.ts). */

export const DistributionPlanTable = defineEntity({
  name: 'DistributionPlan',
  tableName: 'distribution_plan',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    productId: p.uuid().nullable(),
    jurisdiction: p.text(),
    version: p.integer(),
    sourceBasis: p.text().$type<'RESOURCE_USAGE' | 'CONTRIBUTION'>(),
    createdBy: p.text(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const DistributionPlanPartyTable = defineEntity({
  name: 'DistributionPlanParty',
  tableName: 'distribution_plan_party',
  properties: {
    planId: p.uuid().primary(),
    ordinal: p.integer().primary(),
    partyKind: p.text().$type<'OPERATOR' | 'SERVICE_PROVIDER' | 'JURISDICTION' | 'SOURCE_AGENCIES' | 'SOURCE_AGENCY'>(),
    partyId: p.text().nullable(),
    weight: p.string().columnType('numeric'),
  },
});

export const SettlementTable = defineEntity({
  name: 'Settlement',
  tableName: 'settlement',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    periodStart: date(),
    periodEnd: date(),
    status: p.text().$type<'RUNNING' | 'COMPLETED' | 'FAILED'>(),
    totalFen: fen().default(0),
    chargeCount: fen().default(0),
    productCount: p.integer().default(0),
    contributionAssessmentId: p.uuid().nullable(),
    ledgerEntryId: p.uuid().nullable(),
    createdBy: p.text(),
    startedAt: instant(),
    completedAt: instant().nullable(),
    failureReason: p.text().nullable(),
    failedAt: instant().nullable(),
    attempt: p.integer().default(1),
    carriedFen: fen().default(0),
    carriedCount: fen().default(0),
    watermark: fen().nullable(),
  },
});

export const SettlementLineTable = defineEntity({
  name: 'SettlementLine',
  tableName: 'settlement_line',
  properties: {
    settlementId: p.uuid().primary(),
    productId: p.uuid().primary(),
    developerId: p.uuid().primary(),
    revenueFen: fen(),
    chargeCount: fen(),
    units: fen(),
    carriedFrom: p.uuid().nullable(),
  },
});

export const SettlementProductTable = defineEntity({
  name: 'SettlementProduct',
  tableName: 'settlement_product',
  properties: {
    settlementId: p.uuid().primary(),
    productId: p.uuid().primary(),
    planId: p.uuid().nullable(),
    planVersion: p.integer().nullable(),
    revenueFen: fen(),
    chargeCount: fen(),
    units: fen(),
  },
});

export const SettlementTakeTable = defineEntity({
  name: 'SettlementTake',
  tableName: 'settlement_take',
  properties: {
    settlementId: p.uuid().primary(),
    jurisdiction: p.text(),
    fromDate: date().primary(),
    toDate: date(),
    seqAfter: fen().primary(),
    seqUpto: fen(),
    carriedFrom: p.uuid().nullable(),
  },
});

export const SettlementStepTable = defineEntity({
  name: 'SettlementStep',
  tableName: 'settlement_step',
  properties: {
    id: fen().primary().autoincrement(),
    settlementId: p.uuid(),
    attempt: p.integer(),
    step: p.text(),
    detail: p.text(),
    at: instant().defaultRaw('clock_timestamp()'),
  },
});

/** Per-charge rows of the settlements completed before migration 0004, kept read-only (read through the view settled_charge). */
export const SettledCharge0003Table = defineEntity({
  name: 'SettledCharge0003',
  tableName: 'settled_charge_0003',
  properties: {
    chargeId: p.uuid().primary(),
    settlementId: p.uuid(),
    carriedFrom: p.uuid().nullable(),
  },
});

export const RevenueShareTable = defineEntity({
  name: 'RevenueShare',
  tableName: 'revenue_share',
  properties: {
    id: p.uuid().primary(),
    settlementId: p.uuid(),
    productId: p.uuid(),
    partyKind: p.text().$type<'OPERATOR' | 'SERVICE_PROVIDER' | 'JURISDICTION' | 'SOURCE_AGENCY'>(),
    partyId: p.text(),
    ordinal: p.integer(),
    weight: p.text(),
    amountFen: fen(),
    basis: p.text(),
  },
});

export const LedgerAccountTable = defineEntity({
  name: 'LedgerAccount',
  tableName: 'ledger_account',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    partyKind: p.text(),
    partyId: p.text(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const LedgerEntryTable = defineEntity({
  name: 'LedgerEntry',
  tableName: 'ledger_entry',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    entryDate: date(),
    memo: p.text(),
    settlementId: p.uuid().nullable(),
    reversesEntryId: p.uuid().nullable(),
    createdBy: p.text(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const LedgerLineTable = defineEntity({
  name: 'LedgerLine',
  tableName: 'ledger_line',
  properties: {
    id: fen().primary().autoincrement(),
    entryId: p.uuid(),
    accountId: p.uuid(),
    debitFen: fen().default(0),
    creditFen: fen().default(0),
  },
});
