/**
 * A developer's webhook endpoints (docs/operating-domain/webhooks.md): registered with a URL that
 * cannot reach into the platform (SSRF), a secret shown once and rotatable, the delivery log, and a
 * test event. Every change is one transaction with its audit record; the secret never enters the
 * audit trail or any answer after the one that issued it.
 */
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { badInput, conflict, forbidden, inTransaction, newId, notFound, requireRole, setting, type RequestContext } from '@pdo/platform';
import { endpointDescription, isPublicAddress, TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES, webhookUrlProblem, type UrlRefusal } from '../domain/webhooks.js';
import { deliveryRow, endpointById, insertDeliveries, insertEndpoint, updateEndpoint, type EndpointRow, type WebhookDeliveryRow } from '../data/webhooks.js';
import { db } from '../data/webhook-tables.js';
import { sealSecret } from './webhook-secrets.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const URL_MESSAGES: Record<UrlRefusal | 'UNRESOLVABLE', [string, string]> = {
  NOT_A_URL: ['不是合法的网址', 'Not a valid absolute URL'],
  SCHEME: ['接收地址须使用 https', 'The endpoint must use https'],
  CREDENTIALS: ['网址中不得含用户名或密码', 'The URL must not carry a user name or password'],
  PRIVATE_ADDRESS: ['接收地址不得指向内网、本机或保留地址', 'The endpoint must not point at a loopback, private or reserved address'],
  TOO_LONG: ['网址过长（最多 2000 字符）', 'The URL is too long (at most 2000 characters)'],
  UNRESOLVABLE: ['接收地址的主机名无法解析', 'The endpoint\'s host name does not resolve'],
};

/** A new signing secret: 24 random bytes, the scheme's `whsec_` + base64 form. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

async function checkUrl(raw: string): Promise<string> {
  const url = raw.trim();
  const allowPrivate = setting('WEBHOOK_ALLOW_PRIVATE_TARGETS');
  let problem: UrlRefusal | 'UNRESOLVABLE' | null = webhookUrlProblem(url, { allowPrivate });
  if (!problem && !allowPrivate) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (!isIP(host)) {
      // Checked again at every attempt (webhook-sender.ts): a name may be pointed elsewhere later.
      const addresses = await lookup(host, { all: true }).catch(() => null);
      if (!addresses || addresses.length === 0) problem = 'UNRESOLVABLE';
      else if (!addresses.every((a) => isPublicAddress(a.address))) problem = 'PRIVATE_ADDRESS';
    }
  }
  if (problem) throw badInput(URL_MESSAGES[problem][0], URL_MESSAGES[problem][1], { field: 'input.url', details: { reason: problem } });
  return url;
}

function checkTypes(types: readonly string[] | null | undefined): string[] {
  const list = [...new Set(types ?? [])];
  if (list.length === 0 || !list.every((t) => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(t))) {
    throw badInput('须订阅至少一种事件类型', 'Subscribe to at least one event type', { field: 'input.eventTypes' });
  }
  return list;
}

function checkDescription(v: string | null | undefined): string {
  const d = endpointDescription(v);
  if (d === null) throw badInput('说明最多 200 字', 'The description is at most 200 characters', { field: 'input.description' });
  return d;
}

export interface IssuedEndpoint {
  endpoint: EndpointRow;
  /** The signing secret: in this answer only. */
  secret: string;
}

export async function createWebhookEndpoint(ctx: RequestContext<any>, input: { url: string; eventTypes: string[]; description?: string | null }): Promise<IssuedEndpoint> {
  requireRole(ctx.identity, 'DEVELOPER');
  if (!ctx.identity.org) throw forbidden('须以开发主体身份登记接收地址', 'Only a developer organization registers endpoints');
  const url = await checkUrl(input.url);
  const eventTypes = checkTypes(input.eventTypes);
  const description = checkDescription(input.description);
  const secret = newWebhookSecret();
  return inTransaction(ctx, async ({ tx, audit }) => {
    const id = newId();
    await insertEndpoint(tx, {
      id, developer_id: ctx.identity.org!, jurisdiction: ctx.identity.jurisdiction, url, description, event_types: eventTypes, status: 'ACTIVE', secret: sealSecret(secret, id),
      previous_secret: null, previous_secret_expires_at: null, created_by: ctx.identity.sub, created_at: ctx.now, rotated_at: null, disabled_at: null,
    });
    audit({ entityType: 'WebhookEndpoint', entityId: id, action: 'REGISTERED', changes: { url, eventTypes, description } });
    return { endpoint: (await endpointById(tx, id))!, secret };
  });
}

/** The caller's own endpoint, locked for a change; another's is NOT_FOUND (its existence is not told). */
async function ownEndpoint(ctx: RequestContext<any>, tx: RequestContext<any>['em'], id: string, forUpdate: boolean): Promise<EndpointRow> {
  const e = UUID_RE.test(id) ? await endpointById(tx, id, forUpdate) : undefined;
  if (!e || e.developer_id !== ctx.identity.org) throw notFound('Webhook 接收地址', 'Webhook endpoint', id);
  return e;
}

export async function readOwnEndpoint(ctx: RequestContext<any>, id: string): Promise<EndpointRow | null> {
  requireRole(ctx.identity, 'DEVELOPER');
  const e = UUID_RE.test(id) ? await endpointById(ctx.em, id) : undefined;
  return e && e.developer_id === ctx.identity.org ? e : null;
}

/** A new secret; the old one keeps signing (beside the new) for WEBHOOK_SECRET_GRACE so the receiver can switch over. */
export async function rotateWebhookSecret(ctx: RequestContext<any>, input: { id: string }): Promise<IssuedEndpoint> {
  requireRole(ctx.identity, 'DEVELOPER');
  const secret = newWebhookSecret();
  return inTransaction(ctx, async ({ tx, audit }) => {
    const e = await ownEndpoint(ctx, tx, input.id, true);
    const graceSeconds = setting('WEBHOOK_SECRET_GRACE');
    await updateEndpoint(tx, e.id, {
      // The previous secret stays as it was stored (sealed, or from before sealing): it still opens.
      secret: sealSecret(secret, e.id), previous_secret: graceSeconds > 0 ? e.secret : null, previous_secret_expires_at: graceSeconds > 0 ? new Date(ctx.now.getTime() + graceSeconds * 1000) : null, rotated_at: ctx.now,
    });
    audit({ entityType: 'WebhookEndpoint', entityId: e.id, action: 'SECRET_ROTATED', changes: { graceSeconds } });
    return { endpoint: (await endpointById(tx, e.id))!, secret };
  });
}

export async function updateWebhookEndpoint(ctx: RequestContext<any>, input: { id: string; url?: string | null; eventTypes?: string[] | null; description?: string | null; enabled?: boolean | null }): Promise<EndpointRow> {
  requireRole(ctx.identity, 'DEVELOPER');
  const url = input.url == null ? null : await checkUrl(input.url);
  const eventTypes = input.eventTypes == null ? null : checkTypes(input.eventTypes);
  const description = input.description == null ? null : checkDescription(input.description);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const e = await ownEndpoint(ctx, tx, input.id, true);
    const changes: Record<string, unknown> = {};
    if (url !== null) changes.url = url;
    if (eventTypes !== null) changes.event_types = eventTypes;
    if (description !== null) changes.description = description;
    if (input.enabled != null && (e.status === 'ACTIVE') !== input.enabled) {
      changes.status = input.enabled ? 'ACTIVE' : 'DISABLED';
      changes.disabled_at = input.enabled ? null : ctx.now;
    }
    if (Object.keys(changes).length === 0) return e;
    await updateEndpoint(tx, e.id, changes);
    audit({ entityType: 'WebhookEndpoint', entityId: e.id, action: 'UPDATED', changes: { ...changes, disabled_at: undefined } });
    return (await endpointById(tx, e.id))!;
  });
}

/** Queues a `webhook.test` delivery to the endpoint now (its own key: every press is a new delivery). */
export async function sendTestWebhook(ctx: RequestContext<any>, input: { id: string }): Promise<WebhookDeliveryRow> {
  requireRole(ctx.identity, 'DEVELOPER');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const e = await ownEndpoint(ctx, tx, input.id, false);
    if (e.status !== 'ACTIVE') throw conflict('接收地址已停用，请先启用', 'The endpoint is disabled; enable it first');
    const key = `${TEST_EVENT_TYPE}:${newId()}`;
    const row = deliveryRow(e.id, { developerId: e.developer_id, type: TEST_EVENT_TYPE, key, data: { endpointId: e.id, message: '测试事件 | Test event' }, occurredAt: ctx.now }, ctx.now);
    await insertDeliveries(tx, [row]);
    audit({ entityType: 'WebhookEndpoint', entityId: e.id, action: 'TEST_SENT', changes: { deliveryId: row.id } });
    return (await db(tx).selectFrom('webhook_delivery').selectAll().where('id', '=', row.id as string).executeTakeFirst())!;
  });
}
