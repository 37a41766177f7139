/** Reads of the developer's live usage feed (docs/live-feeds.md): calls in commit-ish order, with the quota they count against. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { db } from './data-plane-tables.js';
import { db as deliveryDb } from './entities.js';

/** A developer's calls at or after `since`, oldest first, with the agreement's metered units and quota (three statements). */
export async function developerCallsSince(em: EntityManager, developerId: string, since: Date, limit: number) {
  const calls = await db(em).selectFrom('call_log')
    .select(['id', 'usage_agreement_id', 'product_id', 'product_version', 'outcome', 'http_status', 'metered', 'rows_returned', 'called_at'])
    .where('developer_id', '=', developerId).where('called_at', '>=', since)
    .orderBy('called_at').orderBy('id').limit(limit).execute();
  const agreements = [...new Set(calls.map((c) => c.usage_agreement_id))];
  if (agreements.length === 0) return [];
  const [used, quotas] = await Promise.all([
    db(em).selectFrom('metered_units').select(['usage_agreement_id', 'used_units']).where('usage_agreement_id', 'in', agreements).execute(),
    deliveryDb(em).selectFrom('entitlement_projection').select(['usage_agreement_id', 'quota_units']).where('usage_agreement_id', 'in', agreements).execute(),
  ]);
  const usedOf = new Map(used.map((u) => [u.usage_agreement_id, u.used_units]));
  const quotaOf = new Map(quotas.map((q) => [q.usage_agreement_id, q.quota_units]));
  return calls.map((c) => ({ ...c, used_units: usedOf.get(c.usage_agreement_id) ?? '0', quota_units: quotaOf.get(c.usage_agreement_id) ?? null }));
}

/** When the developer's call was logged (where a reconnecting client resumes), or null for another's. */
export async function developerCallAt(em: EntityManager, developerId: string, callId: string): Promise<Date | string | null> {
  const r = await db(em).selectFrom('call_log').select('called_at').where('id', '=', callId).where('developer_id', '=', developerId).executeTakeFirst();
  return r?.called_at ?? null;
}
