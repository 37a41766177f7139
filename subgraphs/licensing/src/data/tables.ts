import { defineEntity, p } from '@mikro-orm/core';
import { sql } from 'kysely';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';

/**
 * Licensing's tables as MikroORM entities, declared as the driver returns them (packages/platform/src/db/kysely.ts):
 * dates and instants as text, numeric as text, bigint as decimal strings, jsonb parsed. Migrations stay the source of
 * the DDL; test/tables/tables.test.ts compares these declarations with the migrated tables.
 */
const date = () => p.string().columnType('date');
const instant = () => p.string().columnType('timestamptz');
const texts = () => p.array<string>().columnType('text[]');
const uuids = () => p.array<string>().columnType('uuid[]');

export const OrganizationTable = defineEntity({
  name: 'Organization',
  tableName: 'organization',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    name: p.text(),
    createdAt: instant().defaultRaw('now()'),
    nameEn: p.text().nullable(),
    kinds: texts().defaultRaw(`'{}'`),
    creditCode: p.text().nullable(),
    foundedOn: date().nullable(),
    taxGrades: p.json<{ year: number; grade: string }[]>().defaultRaw(`'[]'`),
    penalties: p.json<{ date: string; severity: 'MINOR' | 'SERIOUS'; description?: string | null }[]>().defaultRaw(`'[]'`),
    dishonestListEntries: p.json<{ list: string; listedOn: string; removedOn?: string | null }[]>().defaultRaw(`'[]'`),
    securityIncidents: p.json<{ date: string; severity: 'MINOR' | 'MAJOR'; description?: string | null; incidentId?: string | null }[]>().defaultRaw(`'[]'`),
    mlps3Experience: p.boolean().fieldName('mlps3_experience').defaultRaw('false'),
    commercialCryptoExperience: p.boolean().defaultRaw('false'),
    securityDepartment: p.text().nullable(),
    securityHead: p.text().nullable(),
    updatedAt: instant().defaultRaw('now()'),
  },
});

export const PolicyProfileVersionTable = defineEntity({
  name: 'PolicyProfileVersion',
  tableName: 'policy_profile_version',
  properties: {
    jurisdiction: p.text().primary(),
    version: p.integer().primary(),
    overrides: p.json<Record<string, unknown>>(),
    changedFields: texts(),
    note: p.text().nullable(),
    editedBy: p.text(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const OperationCallTable = defineEntity({
  name: 'OperationCall',
  tableName: 'operation_call',
  properties: {
    id: p.uuid().primary(),
    jurisdiction: p.text(),
    title: p.text(),
    mode: p.text(),
    selectionMethod: p.text(),
    resourceIds: uuids().defaultRaw(`'{}'`),
    sectors: texts().defaultRaw(`'{}'`),
    eligibilityNotes: p.text().nullable(),
    scoringRules: p.json<{ criterion: string; weight: number }[]>().defaultRaw(`'[]'`),
    opensOn: date(),
    closesOn: date(),
    publicityWorkingDays: p.integer(),
    status: p.text(),
    profileVersion: p.integer(),
    publishedBy: p.uuid(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export interface Objection {
  index: number;
  raisedBy: string;
  text: string;
  raisedOn: string;
  status: 'PENDING' | 'UPHELD' | 'DISMISSED';
  resolution: string | null;
}
export interface Eligibility {
  eligible: boolean;
  asOf: string;
  profileVersion: number;
  criteria: { criterion: string; passed: boolean; reasonZh: string; reasonEn: string; source: string }[];
}
export interface ApplicationDocument {
  kind: string;
  name: string;
  sha256: string;
}

export const OperatorApplicationTable = defineEntity({
  name: 'OperatorApplication',
  tableName: 'operator_application',
  properties: {
    id: p.uuid().primary(),
    callId: p.uuid(),
    applicantId: p.uuid(),
    jurisdiction: p.text(),
    status: p.text(),
    documents: p.json<ApplicationDocument[]>(),
    eligibility: p.json<Eligibility>(),
    submittedOn: date(),
    supplementRequest: p.text().nullable(),
    publicityEndsOn: date().nullable(),
    objections: p.json<Objection[]>().defaultRaw(`'[]'`),
    decisionNote: p.text().nullable(),
    agreementId: p.uuid().nullable(),
    createdAt: instant().defaultRaw('now()'),
    updatedAt: instant().defaultRaw('now()'),
  },
});

export const ExpertReviewTable = defineEntity({
  name: 'ExpertReview',
  tableName: 'expert_review',
  properties: {
    id: p.uuid().primary(),
    applicationId: p.uuid(),
    expertSub: p.text(),
    expertOrg: p.uuid().nullable(),
    score: p.string().columnType('numeric(5,2)'),
    opinion: p.text(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export interface AssetDisposition {
  kind: string;
  successorId: string | null;
  note: string;
  recordedOn: string;
}

export const AgreementTable = defineEntity({
  name: 'Agreement',
  tableName: 'agreement',
  properties: {
    id: p.uuid().primary(),
    number: p.text(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    applicationId: p.uuid().nullable(),
    mode: p.text(),
    status: p.text(),
    startDate: date(),
    endDate: date(),
    trialEndDate: date().nullable(),
    resourceIds: uuids().defaultRaw(`'{}'`),
    sectors: texts().defaultRaw(`'{}'`),
    contents: p.json<Record<string, string>>().defaultRaw(`'{}'`),
    profileVersion: p.integer(),
    signedOn: date(),
    filedOn: date().nullable(),
    activatedAt: instant().nullable(),
    statusReason: p.text().nullable(),
    statusChangedAt: instant().defaultRaw('now()'),
    terminationNoticeOn: date().nullable(),
    terminationEffectiveOn: date().nullable(),
    terminationConsented: p.boolean().defaultRaw('false'),
    endedOn: date().nullable(),
    dataDeletedOn: date().nullable(),
    logPurgeEarliest: date().nullable(),
    logsPurgedOn: date().nullable(),
    assetDisposition: p.json<AssetDisposition>().nullable(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const ReadinessRecordTable = defineEntity({
  name: 'ReadinessRecord',
  tableName: 'readiness_record',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    kind: p.text(),
    subject: p.text(),
    passed: p.boolean(),
    doneOn: date(),
    filedOn: date().nullable(),
    validUntil: date().nullable(),
    documentHash: p.text().nullable(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const RenewalRequestTable = defineEntity({
  name: 'RenewalRequest',
  tableName: 'renewal_request',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    requestedOn: date(),
    proposedEndDate: date(),
    status: p.text(),
    decisionNote: p.text().nullable(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const RectificationTable = defineEntity({
  name: 'Rectification',
  tableName: 'rectification',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    cause: p.text(),
    origin: p.text(),
    description: p.text(),
    findingId: p.text().nullable(),
    plan: p.text().nullable(),
    deadline: date(),
    status: p.text(),
    outcomeNote: p.text().nullable(),
    openedAt: instant().defaultRaw('now()'),
    closedAt: instant().nullable(),
  },
});

export const ScenarioTable = defineEntity({
  name: 'Scenario',
  tableName: 'scenario',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    operatorId: p.uuid(),
    jurisdiction: p.text(),
    nameZh: p.text(),
    description: p.text(),
    category: p.text(),
    expectedValue: p.text().nullable(),
    plan: p.text().nullable(),
    status: p.text(),
    submittedOn: date(),
    reviewDueOn: date().nullable(),
    agencyDecision: p.text().nullable(),
    refusalReasons: texts().defaultRaw(`'{}'`),
    decidedAt: instant().nullable(),
    createdAt: instant().defaultRaw('now()'),
  },
});

export const ScenarioResourceTable = defineEntity({
  name: 'ScenarioResource',
  tableName: 'scenario_resource',
  properties: {
    scenarioId: p.uuid().primary(),
    resourceId: p.uuid().primary(),
    sourceAgencyId: p.uuid(),
    justification: p.text(),
    fields: texts().defaultRaw(`'{}'`),
    decision: p.text().defaultRaw(`'PENDING'`),
    reason: p.text().nullable(),
    decidedBy: p.text().nullable(),
  },
});

export const AccessGrantTable = defineEntity({
  name: 'AccessGrant',
  tableName: 'access_grant',
  properties: {
    id: p.uuid().primary(),
    agreementId: p.uuid(),
    scenarioId: p.uuid(),
    operatorId: p.uuid(),
    resourceId: p.uuid(),
    jurisdiction: p.text(),
    expiresOn: date(),
    status: p.text(),
    reason: p.text().nullable(),
    updatedAt: instant().defaultRaw('now()'),
  },
});

/** Catalog's resources as licensing last heard of them (events ResourcePublished/Changed/…), version-guarded. */
export const ResourceProjectionTable = defineEntity({
  name: 'ResourceProjection',
  tableName: 'resource_projection',
  properties: {
    resourceId: p.uuid().primary(),
    jurisdiction: p.text(),
    code: p.text(),
    nameZh: p.text(),
    sector: p.text(),
    sourceAgencyId: p.uuid(),
    openness: p.text(),
    authorizable: p.boolean(),
    authorizableReasons: texts().defaultRaw(`'{}'`),
    status: p.text(),
    version: p.integer(),
  },
});

export const OrganizationFactProposalTable = defineEntity({
  name: 'OrganizationFactProposal',
  tableName: 'organization_fact_proposal',
  properties: {
    id: p.uuid().primary(),
    seq: p.bigint('string').defaultRaw('identity'),
    organizationId: p.uuid(),
    jurisdiction: p.text(),
    changes: p.json<Record<string, unknown>>(),
    documentRef: p.text(),
    documentDate: date(),
    evidenceNote: p.text().nullable(),
    status: p.text(),
    proposedBy: p.text(),
    proposedByRole: p.text(),
    proposedByOrg: p.uuid(),
    proposedAt: instant(),
    decidedBy: p.text().nullable(),
    decidedByRole: p.text().nullable(),
    decidedByOrg: p.uuid().nullable(),
    decidedAt: instant().nullable(),
    decisionReason: p.text().nullable(),
  },
});

export const OrganizationFactChangeTable = defineEntity({
  name: 'OrganizationFactChange',
  tableName: 'organization_fact_change',
  properties: {
    id: p.uuid().primary(),
    seq: p.bigint('string').defaultRaw('identity'),
    organizationId: p.uuid(),
    jurisdiction: p.text(),
    kind: p.text(),
    fields: texts(),
    oldValues: p.json<Record<string, unknown>>(),
    newValues: p.json<Record<string, unknown>>(),
    documentRef: p.text(),
    documentDate: date(),
    evidenceNote: p.text().nullable(),
    recordedBy: p.text(),
    recordedByRole: p.text(),
    recordedByOrg: p.uuid().nullable(),
    recordedAt: instant(),
    proposalId: p.uuid().nullable(),
  },
});

export const tables = [
  OrganizationTable,
  PolicyProfileVersionTable,
  OperationCallTable,
  OperatorApplicationTable,
  ExpertReviewTable,
  AgreementTable,
  ReadinessRecordTable,
  RenewalRequestTable,
  RectificationTable,
  ScenarioTable,
  ScenarioResourceTable,
  AccessGrantTable,
  ResourceProjectionTable,
  OrganizationFactProposalTable,
  OrganizationFactChangeTable,
] as const;
export type DB = DatabaseOf<typeof tables>;
/** The subgraph's typed Kysely, inside the entity manager's transaction when it has one. */
export const db = (em: Em) => typedDb<DB>(em);

/**
 * A jsonb value as a parameter: the driver would send a JS array as a PostgreSQL array, so the value travels as
 * JSON text cast to jsonb.
 */
export const jsonb = <T>(value: T) => sql<T>`cast(${JSON.stringify(value)} as jsonb)`;
