import { defineEntity, p } from '@mikro-orm/core';
import { date, instant } from './columns.js';

/**
 * Who stands behind a company, the integrity records an authority loads, and evaluation's finalized operator
 * evaluations as licensing keeps them (migration 0006). Declared as the driver returns them (data/tables.ts).
 */
export const OrganizationPersonTable = defineEntity({
  name: 'OrganizationPerson',
  tableName: 'organization_person',
  properties: {
    id: p.uuid().primary(),
    organizationId: p.uuid(),
    jurisdiction: p.text(),
    role: p.text(),
    name: p.text(),
    subjectKey: p.text(),
    /** Which key made `subjectKey`: 0 the unkeyed SHA-256 of before, n the HMAC key of that version. */
    subjectKeyVersion: p.integer(),
    /** The unkeyed digest of before, kept only where integrity records filed under it exist (they are append-only). */
    legacySubjectKey: p.text().nullable(),
    documentRef: p.text(),
    documentDate: date(),
    recordedBy: p.text(),
    recordedAt: instant(),
    endedAt: instant().nullable(),
  },
});

export const IntegrityRecordTable = defineEntity({
  name: 'IntegrityRecord',
  tableName: 'integrity_record',
  properties: {
    id: p.uuid().primary(),
    seq: p.bigint('string').defaultRaw('identity'),
    jurisdiction: p.text(),
    subjectKey: p.text(),
    /** Which key made `subjectKey`: 0 the unkeyed SHA-256 of before, n the HMAC key of that version. */
    subjectKeyVersion: p.integer(),
    subjectName: p.text(),
    kind: p.text(),
    effectiveOn: date(),
    source: p.text(),
    sourceDate: date(),
    note: p.text().nullable(),
    recordedBy: p.text(),
    recordedByOrg: p.uuid().nullable(),
    recordedAt: instant(),
  },
});

export const IntegrityRecordLiftingTable = defineEntity({
  name: 'IntegrityRecordLifting',
  tableName: 'integrity_record_lifting',
  properties: {
    recordId: p.uuid().primary(),
    liftedOn: date(),
    source: p.text(),
    recordedBy: p.text(),
    recordedAt: instant(),
  },
});

export const OperatorEvaluationProjectionTable = defineEntity({
  name: 'OperatorEvaluationProjection',
  tableName: 'operator_evaluation_projection',
  properties: {
    evaluationId: p.uuid().primary(),
    jurisdiction: p.text(),
    operatorId: p.uuid(),
    agreementId: p.uuid().nullable(),
    year: p.integer(),
    total: p.text(),
    conclusion: p.text(),
    finalizedAt: instant(),
  },
});
