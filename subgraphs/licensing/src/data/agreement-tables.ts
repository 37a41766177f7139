import { defineEntity, p } from '@mikro-orm/core';
import { date, instant, texts, uuids } from './columns.js';

/** Agreements with their readiness records, renewals and rectifications; scenarios, their resources and access grants. */
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
    planId: p.uuid().nullable(),
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
    /** Catalog's returned-data mark ({ level, from, reference }); null: own data, or not yet heard of. */
    returnedOrigin: p.json<{ level: string; from: string; reference: string | null }>().nullable(),
  },
});


/** Evaluation's emergency plans as licensing last heard of them (EmergencyPlanChanged), version-guarded. */
export const EmergencyPlanProjectionTable = defineEntity({
  name: 'EmergencyPlanProjection',
  tableName: 'emergency_plan_projection',
  properties: {
    planId: p.uuid().primary(),
    jurisdiction: p.text(),
    holderOrgId: p.uuid(),
    holderKind: p.text(),
    agreementId: p.uuid().nullable(),
    status: p.text(),
    version: p.integer(),
    adoptedOn: date(),
    updatedAt: instant(),
  },
});
