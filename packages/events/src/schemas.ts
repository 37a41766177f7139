/**
 * The payload schema of every event (zod), checked at both ends of the queue: `EventPublisher.publish`
 * refuses a payload that does not match before anything is written, and a consumer dead-letters
 * one that does not parse before its handler runs (packages/platform/src/events/bus.ts). The
 * payload types in `payloads/` are inferred from these schemas, so a schema and its type cannot
 * drift. Objects are not strict: a field added later (optional, no version bump) passes through
 * to consumers that know it and is ignored by the others.
 */
import type { z } from 'zod';
import * as catalog from './payloads/catalog.js';
import * as licensing from './payloads/licensing.js';
import * as products from './payloads/products.js';
import * as revenue from './payloads/revenue.js';
import * as evaluation from './payloads/evaluation.js';
import * as delivery from './payloads/delivery.js';
import * as platform from './payloads/platform.js';

/** The schema of each event's current version (`EVENTS[name].version`). */
export const EVENT_PAYLOADS = {
  ResourcePublished: catalog.ResourcePublishedSchema,
  ResourceChanged: catalog.ResourceChangedSchema,
  ResourceWithdrawn: catalog.ResourceWithdrawnSchema,
  ResourceAuthorizabilityChanged: catalog.ResourceAuthorizabilityChangedSchema,
  ResourceRegistrationCoded: catalog.ResourceRegistrationCodedSchema,
  ResourceRegistrationCancelled: catalog.ResourceRegistrationCancelledSchema,
  CorrectionAnswered: catalog.CorrectionAnsweredSchema,
  OrganizationRegistered: licensing.OrganizationRegisteredSchema,
  PolicyProfileChanged: licensing.PolicyProfileChangedSchema,
  AgreementSigned: licensing.AgreementSignedSchema,
  AgreementActivated: licensing.AgreementActivatedSchema,
  AgreementSuspended: licensing.AgreementStatusChangedSchema,
  AgreementReinstated: licensing.AgreementStatusChangedSchema,
  AgreementTerminated: licensing.AgreementStatusChangedSchema,
  AgreementExpired: licensing.AgreementStatusChangedSchema,
  AgreementRenewed: licensing.AgreementRenewedSchema,
  ScenarioApproved: licensing.ScenarioApprovedSchema,
  ScenarioRefused: licensing.ScenarioRefusedSchema,
  AccessGranted: licensing.AccessGrantedSchema,
  AccessRevoked: licensing.AccessRevokedSchema,
  SelectionPublicized: licensing.SelectionPublicizedSchema,
  ProductApproved: products.ProductApprovedSchema,
  ProductListed: products.ProductListedSchema,
  ProductDelisted: products.ProductDelistedSchema,
  ProductSuspended: products.ProductSuspendedSchema,
  UsageAgreementSigned: products.UsageAgreementSignedSchema,
  UsageAgreementEnded: products.UsageAgreementEndedSchema,
  ProductVersionChanged: products.ProductVersionChangedSchema,
  EntitlementChanged: products.EntitlementChangedSchema,
  UsageRecorded: products.UsageRecordedSchema,
  UsagesRecorded: products.UsagesRecordedSchema,
  PriceCapSet: revenue.PriceCapSetSchema,
  PriceSet: revenue.PriceSetSchema,
  SettlementCompleted: revenue.SettlementCompletedSchema,
  ContributionAssessed: evaluation.ContributionAssessedSchema,
  RectificationRequested: evaluation.RectificationRequestedSchema,
  SecurityIncidentReported: evaluation.SecurityIncidentReportedSchema,
  SecurityIncidentClosed: evaluation.SecurityIncidentClosedSchema,
  OperatorEvaluationFinalized: evaluation.OperatorEvaluationFinalizedSchema,
  EmergencyPlanChanged: evaluation.EmergencyPlanChangedSchema,
  RawDataLoaded: delivery.RawDataLoadedSchema,
  RecipeAnalysed: delivery.RecipeAnalysedSchema,
  ExecutionMetered: delivery.ExecutionMeteredSchema,
  ExecutionsMetered: delivery.ExecutionsMeteredSchema,
  AuditCheckpointSigned: platform.AuditCheckpointSignedSchema,
};

/** Older versions consumers still read (events queued before an upgrade arrive after it). */
export const EARLIER_PAYLOADS: Partial<Record<keyof typeof EVENT_PAYLOADS, Record<number, z.ZodType>>> = {
  SettlementCompleted: { 1: revenue.SettlementCompletedV1Schema },
};

/** The payload type of an event's current version. */
export type EventPayload<N extends keyof typeof EVENT_PAYLOADS> = z.infer<(typeof EVENT_PAYLOADS)[N]>;
