import { defineEntity, p } from '@mikro-orm/core';
import { sql, type RawBuilder } from 'kysely';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';
import type { ResourceField } from '../domain/taxonomy.js';
import type { ReturnedOrigin } from '../domain/resource.js';

/**
 * The catalog's tables as MikroORM entities, declared as the driver returns them (docs/architecture.md, "Typed data
 * access"): dates and instants as text, bigint and numeric as decimal strings, jsonb parsed. The migrations stay the
 * source of the DDL; test/tables/tables.test.ts compares these declarations with the migrated tables.
 */
export const DataResourceTable = defineEntity({
  name: 'DataResource',
  tableName: 'data_resource',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    code: p.text(),
    nameZh: p.text(),
    descriptionZh: p.text().default(''),
    sector: p.text(),
    sourceAgencyId: p.uuid(),
    fields: p.json<ResourceField[]>().default('[]'),
    classification: p.text().nullable(),
    grade: p.text().nullable(),
    openness: p.text(),
    prohibitedReason: p.text().nullable(),
    sharedFromAgencyId: p.uuid().nullable(),
    sharingConsent: p.boolean().default(false),
    updateFrequency: p.text(),
    recordCount: p.bigint('string').default(0),
    lastDataUpdateAt: p.string().columnType('timestamptz').nullable(),
    qualityCompleteness: p.string().columnType('numeric(5,2)').default(0),
    qualityConsistency: p.string().columnType('numeric(5,2)').default(0),
    qualityAccuracy: p.string().columnType('numeric(5,2)').default(0),
    qualityTimeliness: p.string().columnType('numeric(5,2)').default(0),
    status: p.text().default('ACTIVE'),
    version: p.integer().default(1),
    registered: p.boolean().default(false),
    authorizable: p.boolean().default(false),
    authorizableReasons: p.json<string[]>().default('[]'),
    searchText: p.text().default(''),
    createdBy: p.text().default('system'),
    createdAt: p.string().columnType('timestamptz').defaultRaw('now()'),
    updatedAt: p.string().columnType('timestamptz').defaultRaw('now()'),
    withdrawnAt: p.string().columnType('timestamptz').nullable(),
    returnedOrigin: p.json<ReturnedOrigin>().nullable(),
  },
});

/** Immutable versions of a resource (a trigger refuses UPDATE and DELETE). */
export const DataResourceVersionTable = defineEntity({
  name: 'DataResourceVersion',
  tableName: 'data_resource_version',
  properties: {
    id: p.uuid().primary(),
    resourceId: p.uuid(),
    version: p.integer(),
    action: p.text(),
    snapshot: p.json<Record<string, unknown>>(),
    changes: p.json<Record<string, unknown>>().default('{}'),
    changedBy: p.text(),
    changedByOrg: p.uuid().nullable(),
    changedAt: p.string().columnType('timestamptz'),
    note: p.text().nullable(),
  },
});

export const ResourceRegistrationTable = defineEntity({
  name: 'ResourceRegistration',
  tableName: 'resource_registration',
  properties: {
    id: p.uuid().primary(),
    resourceId: p.uuid(),
    jurisdiction: p.text(),
    type: p.text(),
    state: p.text(),
    registrantOrgId: p.uuid().nullable(),
    providedOn: p.string().columnType('date').nullable(),
    applicationDueOn: p.string().columnType('date').nullable(),
    submittedOn: p.string().columnType('date'),
    acceptedOn: p.string().columnType('date').nullable(),
    noticeStartedOn: p.string().columnType('date').nullable(),
    codedOn: p.string().columnType('date').nullable(),
    validUntil: p.string().columnType('date').nullable(),
    registrationCode: p.text().nullable(),
    awaiting: p.text().nullable(),
    dueOn: p.string().columnType('date').nullable(),
    lastReason: p.text().nullable(),
    summary: p.text().default(''),
    createdAt: p.string().columnType('timestamptz'),
    updatedAt: p.string().columnType('timestamptz'),
  },
});

/** Steps of a registration (append-only, like the versions). */
export const ResourceRegistrationStepTable = defineEntity({
  name: 'ResourceRegistrationStep',
  tableName: 'resource_registration_step',
  properties: {
    id: p.uuid().primary(),
    registrationId: p.uuid(),
    action: p.text(),
    fromState: p.text().nullable(),
    toState: p.text(),
    reason: p.text().nullable(),
    actorSub: p.text(),
    actorRole: p.text(),
    onDate: p.string().columnType('date'),
    at: p.string().columnType('timestamptz'),
  },
});

export const CorrectionRequestTable = defineEntity({
  name: 'CorrectionRequest',
  tableName: 'correction_request',
  properties: {
    id: p.uuid().primary(),
    resourceId: p.uuid(),
    jurisdiction: p.text(),
    sourceAgencyId: p.uuid(),
    raisedBySub: p.text(),
    raisedByOrg: p.uuid().nullable(),
    fieldNames: p.json<string[]>().default('[]'),
    problem: p.text(),
    evidence: p.text().nullable(),
    raisedOn: p.string().columnType('date'),
    dueOn: p.string().columnType('date').nullable(),
    dueRule: p.text().nullable(),
    state: p.text().default('OPEN'),
    answeredOn: p.string().columnType('date').nullable(),
    answeredBy: p.text().nullable(),
    answerReason: p.text().nullable(),
    correctedVersion: p.integer().nullable(),
    onTime: p.boolean().nullable(),
    createdAt: p.string().columnType('timestamptz'),
  },
});

/** Licensing's agreements, projected: which agreements use a resource (AgreementSigned … AgreementExpired). */
export const AgreementProjectionTable = defineEntity({
  name: 'AgreementProjection',
  tableName: 'agreement_projection',
  properties: {
    agreementId: p.uuid().primary(),
    agreementNumber: p.text().default(''),
    jurisdiction: p.text(),
    status: p.text(),
    resourceIds: p.json<string[]>().default('[]'),
    effectiveAt: p.string().columnType('timestamptz'),
  },
});

/** Licensing's access grants, projected: which grants use a resource, and when data was first provided. */
export const AccessGrantProjectionTable = defineEntity({
  name: 'AccessGrantProjection',
  tableName: 'access_grant_projection',
  properties: {
    grantId: p.uuid().primary(),
    agreementId: p.uuid(),
    resourceId: p.uuid(),
    status: p.text(),
    effectiveAt: p.string().columnType('timestamptz'),
    firstGrantedAt: p.string().columnType('timestamptz').nullable(),
  },
});

/** Licensing's organizations, projected: kind and jurisdiction of a source unit (OrganizationRegistered). */
export const OrganizationProjectionTable = defineEntity({
  name: 'OrganizationProjection',
  tableName: 'organization_projection',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    kinds: p.json<string[]>().default('[]'),
    nameZh: p.text().default(''),
    occurredAt: p.string().columnType('timestamptz'),
  },
});

/** The jurisdiction's policy profile edits (PolicyProfileChanged), written and read by the platform's profile projection. */
export const PolicyProfileProjectionTable = defineEntity({
  name: 'PolicyProfileProjection',
  tableName: 'policy_profile_projection',
  properties: {
    jurisdiction: p.text().primary(),
    version: p.integer(),
    overrides: p.json<Record<string, unknown>>().nullable(),
    changedFields: p.json<string[]>().default('[]'),
    occurredAt: p.string().columnType('timestamptz'),
  },
});

export const tables = [
  DataResourceTable,
  DataResourceVersionTable,
  ResourceRegistrationTable,
  ResourceRegistrationStepTable,
  CorrectionRequestTable,
  AgreementProjectionTable,
  AccessGrantProjectionTable,
  OrganizationProjectionTable,
  PolicyProfileProjectionTable,
] as const;
export type DB = DatabaseOf<typeof tables>;
/** The catalog's typed Kysely, inside the entity manager's transaction when it has one. */
export const db = (em: Em) => typedDb<DB>(em);

/** jsonb values for Kysely writes: one definition for every subgraph (packages/platform/src/db/kysely.ts). */
export { jsonb } from '@pdo/platform';

/** An instant for a timestamptz column (the entities declare instants as the driver's text). */
export const instant = (d: Date): string => d.toISOString();
