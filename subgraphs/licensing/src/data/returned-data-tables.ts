import { defineEntity, p } from '@mikro-orm/core';
import { date, instant, uuids } from './columns.js';

/** A higher level's consent to grant returned data, as the data authority recorded it (migration 0009; append-only). */
export const ReturnedDataConsentTable = defineEntity({
  name: 'ReturnedDataConsent',
  tableName: 'returned_data_consent',
  properties: {
    id: p.uuid().primary(),
    seq: p.bigint('string').defaultRaw('identity'),
    jurisdiction: p.text(),
    consentingBody: p.text(),
    documentNumber: p.text(),
    consentedOn: date(),
    validUntil: date().nullable(),
    resourceIds: uuids(),
    operatorId: p.uuid().nullable(),
    agreementId: p.uuid().nullable(),
    scenarioId: p.uuid().nullable(),
    attachmentRef: p.text().nullable(),
    note: p.text().nullable(),
    recordedBy: p.text(),
    recordedByOrg: p.uuid().nullable(),
    recordedAt: instant(),
  },
});

/** The day a consent stopped holding, with the document that revoked it (append-only). */
export const ReturnedDataConsentRevocationTable = defineEntity({
  name: 'ReturnedDataConsentRevocation',
  tableName: 'returned_data_consent_revocation',
  properties: {
    consentId: p.uuid().primary(),
    revokedOn: date(),
    documentNumber: p.text(),
    reason: p.text(),
    recordedBy: p.text(),
    recordedByOrg: p.uuid().nullable(),
    recordedAt: instant(),
  },
});
