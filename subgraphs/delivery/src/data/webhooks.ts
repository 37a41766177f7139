/**
 * Queries of the webhook tables (docs/operating-domain/webhooks.md). The fan-out of a fact to the
 * endpoints that want it, and the claim of due deliveries, are each one statement.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Insertable, type Selectable } from 'kysely';
import { newId } from '@pdo/platform';
import { db, type WebhookDB } from './webhook-tables.js';
import { db as deliveryDb } from './entities.js';
import { db as dataPlaneDb } from './data-plane-tables.js';

export type EndpointRow = Selectable<WebhookDB['webhook_endpoint']>;
export type WebhookDeliveryRow = Selectable<WebhookDB['webhook_delivery']>;
export type WebhookAttemptRow = Selectable<WebhookDB['webhook_attempt']>;

export async function insertEndpoint(tx: EntityManager, row: Insertable<WebhookDB['webhook_endpoint']>): Promise<void> {
  await db(tx).insertInto('webhook_endpoint').values(row).execute();
}

export async function endpointById(em: EntityManager, id: string, forUpdate = false): Promise<EndpointRow | undefined> {
  let q = db(em).selectFrom('webhook_endpoint').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updateEndpoint(tx: EntityManager, id: string, set: Partial<Insertable<WebhookDB['webhook_endpoint']>>): Promise<void> {
  await db(tx).updateTable('webhook_endpoint').set(set).where('id', '=', id).execute();
}

/** A developer's endpoints, newest first. */
export async function endpointPage(em: EntityManager, developerId: string, win: { limit: number; offset: number }): Promise<{ rows: EndpointRow[]; totalCount: number }> {
  const base = db(em).selectFrom('webhook_endpoint').where('developer_id', '=', developerId);
  const rows = win.limit > 0 ? await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(win.limit).offset(win.offset).execute() : [];
  const c = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return { rows, totalCount: Number(c?.n ?? 0) };
}

/** The delivery log of one endpoint, newest first. */
export async function deliveryPage(em: EntityManager, endpointId: string, win: { limit: number; offset: number }): Promise<{ rows: WebhookDeliveryRow[]; totalCount: number }> {
  const base = db(em).selectFrom('webhook_delivery').where('endpoint_id', '=', endpointId);
  const rows = win.limit > 0 ? await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(win.limit).offset(win.offset).execute() : [];
  const c = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirst();
  return { rows, totalCount: Number(c?.n ?? 0) };
}

/** Attempts of many deliveries in one statement (the loader of `WebhookDelivery.attemptLog`). */
export async function attemptsOf(em: EntityManager, deliveryIds: readonly string[]): Promise<WebhookAttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return db(em).selectFrom('webhook_attempt').selectAll().where('delivery_id', 'in', [...deliveryIds]).orderBy('attempt').execute();
}

export interface WebhookFact {
  developerId: string;
  type: string;
  /** What makes this fact one delivery per endpoint however often it is noticed. */
  key: string;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/**
 * Queues each fact for every active endpoint of its developer that subscribed to its type; a fact
 * already queued for an endpoint is left as it is (the unique key). Returns the deliveries made.
 */
export async function enqueueFacts(tx: EntityManager, facts: readonly WebhookFact[], now: Date): Promise<number> {
  if (facts.length === 0) return 0;
  const developers = [...new Set(facts.map((f) => f.developerId))];
  const endpoints = await db(tx).selectFrom('webhook_endpoint').select(['id', 'developer_id', 'event_types'])
    .where('developer_id', 'in', developers).where('status', '=', 'ACTIVE').execute();
  const rows: Insertable<WebhookDB['webhook_delivery']>[] = [];
  for (const f of facts) {
    for (const e of endpoints) {
      if (e.developer_id !== f.developerId || !e.event_types.includes(f.type)) continue;
      rows.push(deliveryRow(e.id, f, now));
    }
  }
  return insertDeliveries(tx, rows);
}

export function deliveryRow(endpointId: string, f: WebhookFact, now: Date): Insertable<WebhookDB['webhook_delivery']> {
  const id = newId();
  return {
    id, endpoint_id: endpointId, developer_id: f.developerId, event_type: f.type, event_key: f.key,
    // The body every attempt sends: the scheme's envelope (type, timestamp, data).
    payload: JSON.stringify({ type: f.type, timestamp: f.occurredAt.toISOString(), data: f.data }) as never,
    status: 'PENDING', attempts: 0, next_attempt_at: now, last_attempt_at: null, last_response_code: null, last_error: null, delivered_at: null, created_at: now,
  };
}

export async function insertDeliveries(tx: EntityManager, rows: Insertable<WebhookDB['webhook_delivery']>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await db(tx).insertInto('webhook_delivery').values(rows).onConflict((oc) => oc.columns(['endpoint_id', 'event_key']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | string | null;
  payload: Record<string, unknown>;
  attempts: number;
  createdAt: Date | string;
}

/**
 * Claims up to `limit` due deliveries for this worker: their next attempt moves `leaseSeconds`
 * ahead, so another replica skips them (SKIP LOCKED) and a worker that dies mid-attempt leaves
 * them to be tried again when the lease runs out — at least once, never lost.
 */
export async function claimDue(tx: EntityManager, now: Date, limit: number, leaseSeconds: number): Promise<ClaimedDelivery[]> {
  const due = await db(tx).selectFrom('webhook_delivery').select('id')
    .where('status', '=', 'PENDING').where('next_attempt_at', '<=', now)
    // A disabled endpoint's deliveries wait; they go out if it is enabled again.
    .where('endpoint_id', 'in', (eb) => eb.selectFrom('webhook_endpoint').select('id').where('status', '=', 'ACTIVE'))
    .orderBy('next_attempt_at').limit(limit).forUpdate().skipLocked().execute();
  if (due.length === 0) return [];
  const ids = due.map((d) => d.id);
  await db(tx).updateTable('webhook_delivery').set({ next_attempt_at: new Date(now.getTime() + leaseSeconds * 1000) }).where('id', 'in', ids).execute();
  const rows = await db(tx).selectFrom('webhook_delivery as d').innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
    .select(['d.id', 'd.endpoint_id', 'e.url', 'e.secret', 'e.previous_secret', 'e.previous_secret_expires_at', 'd.payload', 'd.attempts', 'd.created_at'])
    .where('d.id', 'in', ids).execute();
  return rows.map((r) => ({
    id: r.id, endpointId: r.endpoint_id, url: r.url, secret: r.secret, previousSecret: r.previous_secret, previousSecretExpiresAt: r.previous_secret_expires_at,
    payload: r.payload, attempts: r.attempts, createdAt: r.created_at,
  }));
}

/** Records one attempt and the delivery's new state, in the caller's transaction. */
export async function recordAttempt(
  tx: EntityManager,
  a: { deliveryId: string; attempt: number; at: Date; responseCode: number | null; durationMs: number; error: string | null; outcome: 'DELIVERED' | 'PENDING' | 'FAILED'; nextAttemptAt: Date | null },
): Promise<void> {
  await db(tx).insertInto('webhook_attempt').values({ id: newId(), delivery_id: a.deliveryId, attempt: a.attempt, attempted_at: a.at, response_code: a.responseCode, duration_ms: a.durationMs, error: a.error })
    .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing()).execute();
  await db(tx).updateTable('webhook_delivery').set({
    attempts: a.attempt, status: a.outcome, last_attempt_at: a.at, last_response_code: a.responseCode, last_error: a.error,
    delivered_at: a.outcome === 'DELIVERED' ? a.at : null,
    next_attempt_at: a.nextAttemptAt ?? a.at,
  }).where('id', '=', a.deliveryId).where('status', '=', 'PENDING').execute();
}

/** Metered usage and quota of the agreements metered since `since` (two statements, however many agreements). */
export async function quotaStandings(em: EntityManager, since: Date): Promise<{ entitlementId: string; usageAgreementId: string; productId: string; developerId: string; quotaUnits: string; usedUnits: string }[]> {
  const mu = await dataPlaneDb(em).selectFrom('metered_units').select(['usage_agreement_id', 'used_units']).where('used_units', '>', '0').where('updated_at', '>=', since).execute();
  if (mu.length === 0) return [];
  const used = new Map(mu.map((m) => [m.usage_agreement_id, m.used_units]));
  const ents = await deliveryDb(em).selectFrom('entitlement_projection').select(['entitlement_id', 'usage_agreement_id', 'product_id', 'developer_id', 'quota_units'])
    .where('quota_units', 'is not', null).where('usage_agreement_id', 'in', [...used.keys()])
    .where('status', '<>', 'REVOKED').execute();
  return ents.map((e) => ({ entitlementId: e.entitlement_id, usageAgreementId: e.usage_agreement_id, productId: e.product_id, developerId: e.developer_id, quotaUnits: e.quota_units!, usedUnits: used.get(e.usage_agreement_id)! }));
}

/** Active entitlements whose last day falls between `from` and `to` (inclusive). */
export async function entitlementsEnding(em: EntityManager, from: string, to: string) {
  return deliveryDb(em).selectFrom('entitlement_projection').select(['entitlement_id', 'usage_agreement_id', 'product_id', 'developer_id', sql<string>`end_date::text`.as('end_date')])
    .where('status', '=', 'ACTIVE').where('end_date', '>=', from).where('end_date', '<=', to).execute();
}

/** Developers holding a live entitlement to a product (who hear of its versions). */
export async function developersOfProduct(em: EntityManager, productId: string): Promise<string[]> {
  const rows = await deliveryDb(em).selectFrom('entitlement_projection').select('developer_id').distinct()
    .where('product_id', '=', productId).where('status', '<>', 'REVOKED').execute();
  return rows.map((r) => r.developer_id);
}

export async function entitlementById(em: EntityManager, entitlementId: string) {
  return deliveryDb(em).selectFrom('entitlement_projection').selectAll().where('entitlement_id', '=', entitlementId).executeTakeFirst();
}

/**
 * Endpoints whose secret (or previous secret) is not sealed under the current key — stored before
 * sealing, or sealed before a key rotation — locked for the reseal job (services/webhook-secrets.ts).
 */
export async function endpointsToReseal(tx: EntityManager, currentPrefix: string, limit: number): Promise<Pick<EndpointRow, 'id' | 'secret' | 'previous_secret'>[]> {
  const sealed = `${currentPrefix}%`;
  return db(tx).selectFrom('webhook_endpoint').select(['id', 'secret', 'previous_secret'])
    .where((eb) => eb.or([eb('secret', 'not like', sealed), eb.and([eb('previous_secret', 'is not', null), eb('previous_secret', 'not like', sealed)])]))
    .orderBy('id').limit(limit).forUpdate().skipLocked().execute();
}
