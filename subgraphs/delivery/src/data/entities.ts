/**
 * Delivery's own tables as MikroORM entities (one declaration per table; the Kysely types of the
 * queries in data/ are inferred from them, docs/architecture.md). Scalar properties only: the
 * tables of another subgraph never appear here, their facts arrive as projections. The raw store
 * (`raw.*`) is not an entity: no service role may read it; its catalogue (raw_table, load_batch,
 * raw_lookup_key) is.
 */
import { defineEntity, p } from '@mikro-orm/core';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';

export const ResourceProjection = defineEntity({
  name: 'ResourceProjection',
  tableName: 'resource_projection',
  properties: {
    resourceId: p.uuid().primary(),
    jurisdiction: p.text(),
    code: p.text(),
    nameZh: p.text(),
    sourceAgencyId: p.uuid(),
    status: p.text(),
    version: p.integer(),
    fields: p.json<unknown>().nullable(),
    updatedAt: p.datetime(),
    openness: p.text(),
    authorizable: p.boolean(),
  },
});

export const ProductVersionProjection = defineEntity({
  name: 'ProductVersionProjection',
  tableName: 'product_version_projection',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer().primary(),
    code: p.text(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    agreementId: p.uuid(),
    scenarioId: p.uuid(),
    nameZh: p.text(),
    form: p.text(),
    category: p.text(),
    deliveryMethod: p.text(),
    resourceIds: p.type('uuid[]').$type<string[]>(),
    status: p.text(),
    asOf: p.datetime(),
  },
});

export const ProductProjection = defineEntity({
  name: 'ProductProjection',
  tableName: 'product_projection',
  properties: {
    productId: p.uuid().primary(),
    code: p.text().nullable(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    listingStatus: p.text(),
    listedVersion: p.integer().nullable(),
    reason: p.text().nullable(),
    asOf: p.datetime(),
  },
});

export const AgreementProjection = defineEntity({
  name: 'AgreementProjection',
  tableName: 'agreement_projection',
  properties: {
    agreementId: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    status: p.text(),
    endDate: p.date(),
    reason: p.text().nullable(),
    asOf: p.datetime(),
  },
});

export const AccessGrantProjection = defineEntity({
  name: 'AccessGrantProjection',
  tableName: 'access_grant_projection',
  properties: {
    grantId: p.uuid().primary(),
    agreementId: p.uuid(),
    scenarioId: p.uuid(),
    operatorId: p.uuid(),
    resourceId: p.uuid(),
    jurisdiction: p.text(),
    status: p.text(),
    expiresOn: p.date().nullable(),
    asOf: p.datetime(),
  },
});

export const EntitlementProjection = defineEntity({
  name: 'EntitlementProjection',
  tableName: 'entitlement_projection',
  properties: {
    entitlementId: p.uuid().primary(),
    usageAgreementId: p.uuid(),
    productId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    status: p.text(),
    pauseReason: p.text().nullable(),
    startDate: p.date(),
    endDate: p.date(),
    quotaUnits: p.bigint('string').nullable(),
    asOf: p.datetime(),
  },
});

export const Recipe = defineEntity({
  name: 'Recipe',
  tableName: 'recipe',
  properties: {
    id: p.uuid().primary(),
    productId: p.uuid(),
    version: p.integer(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    status: p.text(),
    sql: p.text(),
    sqlSha256: p.text(),
    parameters: p.json<unknown>(),
    outputs: p.json<unknown>(),
    subjects: p.json<unknown>(),
    verification: p.json<unknown>().nullable(),
    k: p.integer(),
    analysis: p.json<unknown>().nullable(),
    violations: p.json<unknown>(),
    submittedBy: p.text(),
    submittedAt: p.datetime(),
  },
});

export const ReaderRole = defineEntity({
  name: 'ReaderRole',
  tableName: 'reader_role',
  properties: {
    productId: p.uuid().primary(),
    version: p.integer().primary(),
    roleName: p.text(),
    views: p.type('text[]').$type<string[]>(),
    syncedAt: p.datetime(),
  },
});

export const SandboxJob = defineEntity({
  name: 'SandboxJob',
  tableName: 'sandbox_job',
  properties: {
    id: p.uuid().primary(),
    entitlementId: p.uuid(),
    usageAgreementId: p.uuid(),
    productId: p.uuid(),
    version: p.integer(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    sql: p.text(),
    sqlSha256: p.text(),
    analysis: p.json<unknown>(),
    epsilonMicro: p.bigint('string'),
    sensitivity: p.integer(),
    chargedMicro: p.bigint('string'),
    columns: p.json<unknown>(),
    result: p.json<unknown>(),
    groupSizes: p.json<unknown>(),
    suppressedGroups: p.integer(),
    truncated: p.boolean(),
    rowsRead: p.integer(),
    durationMs: p.integer(),
    flags: p.type('text[]').$type<string[]>(),
    reviewerRole: p.text(),
    status: p.text(),
    submittedBy: p.text(),
    submittedAt: p.datetime(),
    reviewedBy: p.text().nullable(),
    reviewedAt: p.datetime().nullable(),
    reviewNote: p.text().nullable(),
  },
});

export const PrivacyBudgetCharge = defineEntity({
  name: 'PrivacyBudgetCharge',
  tableName: 'privacy_budget_charge',
  properties: {
    id: p.uuid().primary(),
    usageAgreementId: p.uuid(),
    period: p.text(),
    jobId: p.uuid(),
    microEpsilon: p.bigint('string'),
    chargedAt: p.datetime(),
  },
});

export const RawTable = defineEntity({
  name: 'RawTable',
  tableName: 'raw_table',
  properties: {
    id: p.uuid().primary(),
    resourceId: p.uuid(),
    schemaRev: p.integer(),
    tableName: p.text().unique(),
    signature: p.text(),
    columns: p.json<unknown>(),
    createdAt: p.datetime(),
  },
});

export const LoadBatch = defineEntity({
  name: 'LoadBatch',
  tableName: 'load_batch',
  properties: {
    id: p.uuid().primary(),
    resourceId: p.uuid(),
    jurisdiction: p.text(),
    sourceAgencyId: p.uuid(),
    resourceVersion: p.integer(),
    rawTableId: p.uuid(),
    batchNo: p.integer(),
    format: p.text(),
    sha256: p.text().name('sha256'),
    byteSize: p.bigint('string'),
    rowCount: p.bigint('string'),
    nullRatios: p.json<unknown>(),
    status: p.text(),
    loadedBy: p.text(),
    loadedByOrg: p.uuid().nullable(),
    loadedAt: p.datetime(),
    supersededAt: p.datetime().nullable(),
    supersededByBatchNo: p.integer().nullable(),
  },
});

export const RawLookupKey = defineEntity({
  name: 'RawLookupKey',
  tableName: 'raw_lookup_key',
  properties: {
    resourceId: p.uuid().primary(),
    field: p.text().primary(),
    recipeId: p.uuid(),
    declaredAt: p.datetime(),
  },
});

export const DELIVERY_ENTITIES = [RawTable, LoadBatch, RawLookupKey, SandboxJob, PrivacyBudgetCharge, ResourceProjection, ProductVersionProjection, ProductProjection, AgreementProjection, AccessGrantProjection, EntitlementProjection, Recipe, ReaderRole];

/** The Kysely view of delivery's tables. */
export type DeliveryDB = DatabaseOf<typeof DELIVERY_ENTITIES>;
/** The typed query builder over these tables, inside the EntityManager's transaction when it has one (statements counted). */
export const db = (em: Em) => typedDb<DeliveryDB>(em);
