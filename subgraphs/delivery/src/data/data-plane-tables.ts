import { defineEntity, p } from '@mikro-orm/core';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';

/*
 * The data plane's tables (migration 0005_data_plane) declared once; `DataPlaneDB` types every
 * Kysely query over them. Raw driver values: int8 and numeric arrive as strings, and so does
 * timestamptz on MikroORM's pool (it parses dates itself) — read instants through `instant`.
 */

/** A timestamptz as the driver hands it (an ISO string on MikroORM's pool, a Date elsewhere) as a Date. */
export const instant = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

export const ApiCredential = defineEntity({
  name: 'ApiCredential',
  tableName: 'api_credential',
  properties: {
    id: p.uuid().primary(),
    keyPrefix: p.text(),
    secretSha256: p.text().name('secret_sha256'),
    usageAgreementId: p.uuid(),
    entitlementId: p.uuid(),
    productId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    label: p.text(),
    status: p.text(),
    expiresAt: p.datetime(),
    createdBy: p.text(),
    createdAt: p.datetime(),
    rotatedFrom: p.uuid().nullable(),
    revokedAt: p.datetime().nullable(),
    revokedBy: p.text().nullable(),
    revokeReason: p.text().nullable(),
  },
});

export const CallLog = defineEntity({
  name: 'CallLog',
  tableName: 'call_log',
  properties: {
    id: p.uuid().primary(),
    credentialId: p.uuid(),
    usageAgreementId: p.uuid(),
    productId: p.uuid(),
    productVersion: p.integer().nullable(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    parameterSha256: p.text().name('parameter_sha256'),
    idempotencyKey: p.text().nullable(),
    outcome: p.text(),
    httpStatus: p.integer(),
    rowsRead: p.integer(),
    rowsReturned: p.integer(),
    durationMs: p.decimal('string'),
    metered: p.boolean(),
    calledAt: p.datetime(),
  },
});

export const IdempotentAnswer = defineEntity({
  name: 'IdempotentAnswer',
  tableName: 'idempotent_answer',
  properties: {
    usageAgreementId: p.uuid().primary(),
    idempotencyKey: p.text().primary(),
    parameterSha256: p.text().name('parameter_sha256'),
    callId: p.uuid(),
    httpStatus: p.integer(),
    body: p.json<unknown>(),
    createdAt: p.datetime(),
  },
});

export const MeteredUnits = defineEntity({
  name: 'MeteredUnits',
  tableName: 'metered_units',
  properties: {
    usageAgreementId: p.uuid().primary(),
    usedUnits: p.bigint('string'),
    updatedAt: p.datetime(),
  },
});

export const MeteringOutbox = defineEntity({
  name: 'MeteringOutbox',
  tableName: 'metering_outbox',
  properties: {
    callId: p.uuid().primary(),
    productId: p.uuid(),
    version: p.integer(),
    entitlementId: p.uuid(),
    usageAgreementId: p.uuid(),
    developerId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    units: p.bigint('string'),
    rowsReturned: p.integer(),
    durationMs: p.integer(),
    counted: p.boolean(),
    occurredAt: p.datetime(),
  },
});

export const DATA_PLANE_ENTITIES = [ApiCredential, CallLog, IdempotentAnswer, MeteredUnits, MeteringOutbox];

export type DataPlaneDB = DatabaseOf<typeof DATA_PLANE_ENTITIES>;

/** The typed query builder over these tables, inside the EntityManager's transaction when it has one. */
export const db = (em: Em) => typedDb<DataPlaneDB>(em);
