import { defineEntity, p } from '@mikro-orm/core';
import { typedDb, type DatabaseOf, type Em } from '@pdo/platform';

/*
 * The webhook tables (migration 0008_webhooks) declared once; `WebhookDB` types every Kysely query
 * over them. Raw driver values as elsewhere in delivery (data-plane-tables.ts): timestamptz may
 * arrive as a string on MikroORM's pool, read it through `instant`.
 */

export const WebhookEndpoint = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'webhook_endpoint',
  properties: {
    id: p.uuid().primary(),
    developerId: p.uuid(),
    jurisdiction: p.text().nullable(),
    url: p.text(),
    description: p.text(),
    eventTypes: p.type('text[]').$type<string[]>(),
    status: p.text(),
    secret: p.text(),
    previousSecret: p.text().nullable(),
    previousSecretExpiresAt: p.datetime().nullable(),
    createdBy: p.text(),
    createdAt: p.datetime(),
    rotatedAt: p.datetime().nullable(),
    disabledAt: p.datetime().nullable(),
  },
});

export const WebhookDelivery = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  properties: {
    id: p.uuid().primary(),
    endpointId: p.uuid(),
    developerId: p.uuid(),
    eventType: p.text(),
    eventKey: p.text(),
    payload: p.json<Record<string, unknown>>(),
    status: p.text(),
    attempts: p.integer(),
    nextAttemptAt: p.datetime(),
    lastAttemptAt: p.datetime().nullable(),
    lastResponseCode: p.integer().nullable(),
    lastError: p.text().nullable(),
    deliveredAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});

export const WebhookAttempt = defineEntity({
  name: 'WebhookAttempt',
  tableName: 'webhook_attempt',
  properties: {
    id: p.uuid().primary(),
    deliveryId: p.uuid(),
    attempt: p.integer(),
    attemptedAt: p.datetime(),
    responseCode: p.integer().nullable(),
    durationMs: p.integer(),
    error: p.text().nullable(),
  },
});

export const WEBHOOK_ENTITIES = [WebhookEndpoint, WebhookDelivery, WebhookAttempt];
export type WebhookDB = DatabaseOf<typeof WEBHOOK_ENTITIES>;
export const db = (em: Em) => typedDb<WebhookDB>(em);
