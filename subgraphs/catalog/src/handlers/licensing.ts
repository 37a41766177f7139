import { projectPolicyProfile, type EventHandlers } from '@pdo/platform';
import type { LicensingEvents } from '@pdo/events';
import { changeAgreementStatus, upsertAgreementFacts, upsertGrant, upsertOrganization } from '../data/projections.js';

/**
 * The licensing facts the catalog keeps (data/projections.ts): organizations (a resource's owner must be a source
 * unit of the jurisdiction), agreements and access grants (withdrawal is refused while one is in force; the first
 * grant starts the first-registration clock) and the jurisdiction's policy profile. Each handler is one upsert that
 * tolerates repeats and out-of-order arrival.
 */
const statusChange: NonNullable<EventHandlers['AgreementTerminated']> = (em, e) => {
  const p = e.payload as LicensingEvents.AgreementStatusChanged;
  return changeAgreementStatus(em, p, p.effectiveAt ?? e.occurredAt);
};

export const licensingHandlers: EventHandlers = {
  PolicyProfileChanged: (em, e) => projectPolicyProfile(em, e.payload as LicensingEvents.PolicyProfileChanged, e.occurredAt),
  OrganizationRegistered: (em, e) => upsertOrganization(em, e.payload as LicensingEvents.OrganizationRegistered, e.occurredAt),
  AgreementSigned: (em, e) => upsertAgreementFacts(em, e.payload as LicensingEvents.AgreementFacts, e.occurredAt),
  AgreementActivated: (em, e) => upsertAgreementFacts(em, e.payload as LicensingEvents.AgreementFacts, e.occurredAt),
  AgreementRenewed: (em, e) => upsertAgreementFacts(em, e.payload as LicensingEvents.AgreementFacts, e.occurredAt),
  AgreementSuspended: statusChange,
  AgreementReinstated: statusChange,
  AgreementTerminated: statusChange,
  AgreementExpired: statusChange,
  AccessGranted: (em, e) => upsertGrant(em, e.payload as LicensingEvents.AccessGranted),
  AccessRevoked: (em, e) => upsertGrant(em, e.payload as LicensingEvents.AccessRevoked),
};
