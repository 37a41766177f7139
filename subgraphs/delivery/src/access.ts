import { SUPERVISOR_ROLES, type AccessRule, type EntityAccessRule } from '@pdo/platform';

/**
 * Delivery's use of the platform's scope (packages/platform/src/access/scope.ts): the AGENCY and
 * the AUTHORITY of a jurisdiction (national ones: every jurisdiction) see its load batches, a
 * source agency (数源单位) its own. Batches are facts about loads, never the data.
 */
export const DELIVERY_SCOPE = { officials: SUPERVISOR_ROLES, national: true } as const;

const BATCH_VIEWERS = ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT'] as const;

/**
 * The data plane's objects (keys, call log, metered quota) belong to the developer who holds the
 * usage agreement and the operator whose product it is; the AGENCY and AUTHORITY of the
 * jurisdiction supervise them (national ones: every jurisdiction).
 */
export const DELIVERY_PARTY_SCOPE = { officials: SUPERVISOR_ROLES, national: true } as const;
const DATA_PLANE_VIEWERS = ['DEVELOPER', 'OPERATOR', 'AGENCY', 'AUTHORITY'] as const;

/**
 * The role gate of every root field (the platform refuses other roles before the resolver runs).
 * Object-level checks — own agency's resource, own jurisdiction — stay in the services and
 * resolvers through DELIVERY_SCOPE.
 */
export const access: Record<string, AccessRule> = {
  rawDataBatch: BATCH_VIEWERS,
  currentRawDataBatch: BATCH_VIEWERS,
  rawDataBatches: BATCH_VIEWERS,
  // Only the resource's own source agency loads its data (services/load-service.ts).
  loadRawData: ['SOURCE_UNIT'],
  // The product's operator, and the reviewers of its jurisdiction (object scope in the resolver).
  recipe: ['OPERATOR', 'AGENCY', 'AUTHORITY'],
  // Only the product's own operator (services/recipe-service.ts).
  submitRecipe: ['OPERATOR'],
  // The data plane (services/credential-service.ts): keys are the developer's own; the agency and
  // the authority may revoke one as a security measure.
  apiCredentials: DATA_PLANE_VIEWERS,
  callLog: DATA_PLANE_VIEWERS,
  dataPlaneQuota: DATA_PLANE_VIEWERS,
  createApiCredential: ['DEVELOPER'],
  rotateApiCredential: ['DEVELOPER'],
  revokeApiCredential: ['DEVELOPER', 'AGENCY', 'AUTHORITY'],
  // The developer its own jobs; the reviewer (operator or agency) and the supervisors of the jurisdiction (resolver scope).
  sandboxJob: ['DEVELOPER', 'OPERATOR', 'AGENCY', 'AUTHORITY'],
  sandboxJobs: ['DEVELOPER', 'OPERATOR', 'AGENCY', 'AUTHORITY'],
  privacyBudget: ['DEVELOPER', 'OPERATOR', 'AGENCY', 'AUTHORITY'],
  // Only the entitlement's developer submits; the reviewer the profile names decides (services/sandbox-service.ts).
  submitSandboxJob: ['DEVELOPER'],
  reviewSandboxJob: ['OPERATOR', 'AGENCY'],
  // Webhooks (services/webhook-endpoints.ts): a developer's own endpoints only.
  webhookEndpoints: ['DEVELOPER'],
  webhookDeliveries: ['DEVELOPER'],
  createWebhookEndpoint: ['DEVELOPER'],
  rotateWebhookSecret: ['DEVELOPER'],
  updateWebhookEndpoint: ['DEVELOPER'],
  sendTestWebhook: ['DEVELOPER'],
};

/** Delivery resolves no entity type of its own yet (batches are reached through its queries). */
export const entityAccess: Record<string, EntityAccessRule> = {};
