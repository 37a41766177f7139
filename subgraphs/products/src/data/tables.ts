import { defineEntity, p } from '@mikro-orm/core';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';
import { date, instant, texts, uuids } from './columns.js';
import {
  AccessGrantProjection,
  AgreementProjection,
  IncidentProjection,
  OrganizationProjection,
  PolicyProfileProjection,
  RecipeAnalysisProjection,
  PriceProjection,
  ResourceProjection,
  ScenarioProjection,
} from './projection-tables.js';
import { MarketListingTable, MarketListingVersionTable, MarketSearchTable } from './market-tables.js';

/**
 * Products' tables as MikroORM entities, declared as the driver returns them (packages/platform/src/db/kysely.ts):
 * dates and instants as text, bigint counters and money as decimal strings, jsonb parsed. Migrations stay the source
 * of the DDL; test/tables/tables.test.ts compares these declarations with the migrated tables. The projections of
 * other subgraphs' facts are declared in data/projection-tables.ts.
 */

export const DataProductTable = defineEntity({
  name: 'DataProduct',
  tableName: 'data_product',
  properties: {
    id: p.uuid().primary(),
    code: p.text(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    agreementId: p.uuid(),
    scenarioId: p.uuid(),
    name: p.text(),
    description: p.text().default(''),
    form: p.text(),
    category: p.text(),
    chargingUnit: p.text(),
    latestVersion: p.integer().default(1),
    listingStatus: p.text().default('UNLISTED'),
    listedVersion: p.integer().nullable(),
    listedAt: instant().nullable(),
    listingReason: p.text().nullable(),
    exchangeVenue: p.text().nullable(),
    exchangeListingRef: p.text().nullable(),
    // the resources / sectors / source units of the listed (or latest) version, denormalised for search and facets
    resourceIds: uuids().defaultRaw("'{}'"),
    sectors: texts().defaultRaw("'{}'"),
    sourceAgencyIds: uuids().defaultRaw("'{}'"),
    searchText: p.text().default(''),
    searchGrams: texts().defaultRaw("'{}'"),
    usageUnits: p.bigint('string').default(0),
    // usage records of the product, kept with usage_units (migration 0013): the listing's usage figure without a count
    usageRecords: p.integer().default(0),
    createdAt: instant().defaultRaw('now()'),
    updatedAt: instant().defaultRaw('now()'),
  },
});

export const ProductVersionTable = defineEntity({
  name: 'ProductVersion',
  tableName: 'product_version',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer().primary(),
    status: p.text(),
    resourceIds: uuids(),
    deliveryMethod: p.text(),
    outputSchema: p.json<unknown[]>(),
    sampleOutputs: p.json<unknown[]>(),
    changeNote: p.text().nullable(),
    submittedAt: instant().nullable(),
    deliveredAt: instant().nullable(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const ComplianceReviewTable = defineEntity({
  name: 'ComplianceReview',
  tableName: 'compliance_review',
  properties: {
    id: p.uuid().primary(),
    productId: p.uuid(),
    version: p.integer(),
    jurisdiction: p.text(),
    decision: p.text(),
    checklist: p.json<unknown[]>(),
    reasons: texts().defaultRaw("'{}'"),
    legalBasis: p.text().nullable(),
    reviewerSub: p.text(),
    reviewerOrg: p.uuid().nullable(),
    reviewedAt: instant(),
  },
});

export const ProductRegistrationTable = defineEntity({
  name: 'ProductRegistration',
  tableName: 'product_registration',
  properties: {
    id: p.uuid().primary(),
    productId: p.uuid(),
    version: p.integer(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    type: p.text().default('FIRST'),
    state: p.text(),
    submittedOn: date(),
    providedOn: date().nullable(),
    acceptedOn: date().nullable(),
    noticeStartedOn: date().nullable(),
    codedOn: date().nullable(),
    validUntil: date().nullable(),
    agreementEnd: date().nullable(),
    registrationCode: p.text().nullable(),
    lastReason: p.text().nullable(),
    history: p.json<unknown[]>().defaultRaw("'[]'"),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const UsageApplicationTable = defineEntity({
  name: 'UsageApplication',
  tableName: 'usage_application',
  properties: {
    id: p.uuid().primary(),
    productId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    purpose: p.text(),
    /** Migration 0009: the purpose class and non-profit declaration a free-use rule decides by. */
    usePurpose: p.text().$type<'PUBLIC_GOVERNANCE' | 'PUBLIC_WELFARE' | 'INDUSTRY'>().nullable(),
    nonProfit: p.boolean().nullable(),
    scenario: p.text(),
    scope: p.text(),
    method: p.text(),
    startDate: date(),
    endDate: date(),
    requestedQuota: p.bigint('string').nullable(),
    status: p.text(),
    assessment: p.json<object>().nullable(),
    proposedTerms: p.json<object>().nullable(),
    decisionReasons: texts().defaultRaw("'{}'"),
    usageAgreementId: p.uuid().nullable(),
    createdAt: instant().defaultRaw('now()'),
    updatedAt: instant().defaultRaw('now()'),
  },
});

export const UsageAgreementTable = defineEntity({
  name: 'UsageAgreement',
  tableName: 'usage_agreement',
  properties: {
    id: p.uuid().primary(),
    applicationId: p.uuid().nullable(),
    productId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    category: p.text(),
    purpose: p.text(),
    /** Migration 0009: copied from the application. */
    usePurpose: p.text().$type<'PUBLIC_GOVERNANCE' | 'PUBLIC_WELFARE' | 'INDUSTRY'>().nullable(),
    nonProfit: p.boolean().nullable(),
    scope: p.text(),
    method: p.text(),
    startDate: date(),
    endDate: date(),
    revenueDistribution: p.text(),
    securityTerms: p.text(),
    confidentialityTerms: p.text(),
    quotaUnits: p.bigint('string').nullable(),
    status: p.text(),
    operatorAcceptedAt: instant().nullable(),
    developerAcceptedAt: instant().nullable(),
    signedAt: instant().nullable(),
    endedAt: instant().nullable(),
    endReason: p.text().nullable(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const EntitlementTable = defineEntity({
  name: 'Entitlement',
  tableName: 'entitlement',
  properties: {
    id: p.uuid().primary(),
    usageAgreementId: p.uuid(),
    productId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    status: p.text(),
    pauseReason: p.text().nullable(),
    startDate: date(),
    endDate: date(),
    quotaUnits: p.bigint('string').nullable(),
    usedUnits: p.bigint('string').default(0),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const UsageRecordTable = defineEntity({
  name: 'UsageRecord',
  tableName: 'usage_record',
  properties: {
    id: p.uuid().primary(),
    entitlementId: p.uuid(),
    usageAgreementId: p.uuid(),
    productId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    units: p.bigint('string'),
    occurredAt: instant(),
    idempotencyKey: p.text(),
    contentHash: p.text(),
    recordedAt: instant().defaultRaw('now()'),
    // METERED by the operating domain or DECLARED by the operator (migration 0007).
    source: p.text().default('DECLARED'),
  },
});

/** One row per reason a product is held (暂停原因), keyed by its source; the listing resumes when none is left. */
export const ProductHoldTable = defineEntity({
  name: 'ProductHold',
  tableName: 'product_hold',
  properties: {
    productId: p.uuid().primary(),
    source: p.text().primary(),
    kind: p.text(),
    reason: p.text(),
    since: instant(),
  },
});

export const tables = [
  AgreementProjection,
  ScenarioProjection,
  AccessGrantProjection,
  ResourceProjection,
  PriceProjection,
  IncidentProjection,
  PolicyProfileProjection,
  RecipeAnalysisProjection,
  OrganizationProjection,
  DataProductTable,
  ProductVersionTable,
  ComplianceReviewTable,
  ProductRegistrationTable,
  UsageApplicationTable,
  UsageAgreementTable,
  EntitlementTable,
  UsageRecordTable,
  ProductHoldTable,
  MarketListingTable,
  MarketListingVersionTable,
  MarketSearchTable,
] as const;
export type DB = DatabaseOf<typeof tables>;
/** The subgraph's typed Kysely, inside the entity manager's transaction when it has one. */
export const db = (em: Em) => typedDb<DB>(em);
