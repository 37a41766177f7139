import { projectPolicyProfile, type EventHandlers } from '@pdo/platform';
import type { LicensingEvents } from '@pdo/events';
import {
  resourceSnapshot,
  resourceWithdrawn,
  registrationCoded,
  registrationCancelled,
  correctionAnswered,
  organizationRegistered,
  agreementSigned,
  agreementRenewed,
  agreementActivated,
  agreementStatus,
  scenarioApproved,
  selectionPublicized,
} from './catalog-licensing.js';
import {
  productApproved,
  productListed,
  productOff,
  usageAgreementSigned,
  usageAgreementEnded,
  usageRecorded,
  usagesRecorded,
  priceFact,
  settlementCompleted,
  auditCheckpointSigned,
} from './products-revenue.js';

/*
 * Local projections of what the other subgraphs decided. Each handler is an idempotent upsert that
 * tolerates re-delivery and out-of-order arrival (versions / effective instants guard overwrites),
 * and public facts are turned into disclosures as they arrive.
 */
export const handlers: EventHandlers = {
  AuditCheckpointSigned: auditCheckpointSigned,
  ResourcePublished: resourceSnapshot,
  ResourceChanged: resourceSnapshot,
  ResourceWithdrawn: resourceWithdrawn,
  ResourceRegistrationCoded: registrationCoded,
  ResourceRegistrationCancelled: registrationCancelled,
  CorrectionAnswered: correctionAnswered,
  OrganizationRegistered: organizationRegistered,
  AgreementSigned: agreementSigned,
  AgreementActivated: agreementActivated,
  AgreementRenewed: agreementRenewed,
  AgreementSuspended: agreementStatus,
  AgreementReinstated: agreementStatus,
  AgreementTerminated: agreementStatus,
  AgreementExpired: agreementStatus,
  ScenarioApproved: scenarioApproved,
  SelectionPublicized: selectionPublicized,
  ProductApproved: productApproved,
  ProductListed: productListed,
  ProductDelisted: productOff,
  ProductSuspended: productOff,
  UsageAgreementSigned: usageAgreementSigned,
  UsageAgreementEnded: usageAgreementEnded,
  UsageRecorded: usageRecorded,
  UsagesRecorded: usagesRecorded,
  PriceCapSet: priceFact('CAP'),
  PriceSet: priceFact('PRICE'),
  SettlementCompleted: settlementCompleted,
  /** The authority's edits: every rule evaluation applies reads the edited profile (data/profile.ts). */
  PolicyProfileChanged: (em, e) => projectPolicyProfile(em, e.payload as LicensingEvents.PolicyProfileChanged, e.occurredAt),
} as EventHandlers;
