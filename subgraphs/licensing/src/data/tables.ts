import { defineEntity, p } from '@mikro-orm/core';
import { date, instant, texts, uuids } from './columns.js';
import { ScenarioOpinionTable } from './scenario-opinion-table.js';
import { ReturnedDataConsentRevocationTable, ReturnedDataConsentTable } from './returned-data-tables.js';
import { AccessGrantTable, AgreementTable, ReadinessRecordTable, RectificationTable, RenewalRequestTable, EmergencyPlanProjectionTable, ResourceProjectionTable, ScenarioResourceTable, ScenarioTable } from './agreement-tables.js';
import { ExitDutyTable, ImplementationPlanTable } from './plan-tables.js';
import { IntegrityRecordLiftingTable, IntegrityRecordTable, OperatorEvaluationProjectionTable, OrganizationPersonTable } from './integrity-tables.js';
import { sql } from 'kysely';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';

/**
 * Licensing's tables as MikroORM entities, declared as the driver returns them (packages/platform/src/db/kysely.ts):
 * dates and instants as text, numeric as text, bigint as decimal strings, jsonb parsed. Migrations stay the source of
 * the DDL; test/tables/tables.test.ts compares these declarations with the migrated tables. Parties, profiles, calls and
 * applications here; agreements, scenarios, grants and the resource projection in agreement-tables.ts.
 */
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
    invitees: uuids().defaultRaw(`'{}'`),
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
    callId: p.uuid().nullable(),
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
    renewsAgreementId: p.uuid().nullable(),
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
    criterionScores: p.json<{ criterion: string; score: string }[]>().defaultRaw(`'[]'`),
    weightedScore: p.string().columnType('numeric(7,4)'),
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
  EmergencyPlanProjectionTable,
  OrganizationFactProposalTable,
  OrganizationFactChangeTable,
  ImplementationPlanTable,
  ExitDutyTable,
  OrganizationPersonTable,
  IntegrityRecordTable,
  IntegrityRecordLiftingTable,
  OperatorEvaluationProjectionTable,
  ScenarioOpinionTable,
  ReturnedDataConsentTable,
  ReturnedDataConsentRevocationTable,
] as const;
export type DB = DatabaseOf<typeof tables>;
export type { AssetDisposition } from './agreement-tables.js';
/** The subgraph's typed Kysely, inside the entity manager's transaction when it has one. */
export const db = (em: Em) => typedDb<DB>(em);

/** jsonb values for Kysely writes: one definition for every subgraph (packages/platform/src/db/kysely.ts). */
export { jsonb } from '@pdo/platform';
