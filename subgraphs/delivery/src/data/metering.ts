import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@pdo/platform';

/** A metered call waiting in the outbox, as ExecutionMetered describes it. */
export interface QueuedCall {
  callId: string;
  productId: string;
  version: number;
  entitlementId: string;
  usageAgreementId: string;
  developerId: string;
  operatorId: string;
  jurisdiction: string;
  units: string;
  rowsReturned: number;
  durationMs: number;
  counted: boolean;
  occurredAt: string;
}

/**
 * Takes up to `limit` queued calls, oldest first, deleting them in the caller's transaction: they
 * are gone only if the batch event that carries them commits with the deletion. SKIP LOCKED lets
 * two flushers (two processes, or a timer and a drain) take disjoint batches. Hand-written: a
 * DELETE … RETURNING over a locked sub-select is one round trip.
 */
export async function takeQueuedCalls(tx: EntityManager, limit: number): Promise<QueuedCall[]> {
  return sql<QueuedCall>(
    tx,
    `delete from metering_outbox where call_id in (select call_id from metering_outbox order by occurred_at, call_id limit $1 for update skip locked)
     returning call_id as "callId", product_id as "productId", version, entitlement_id as "entitlementId", usage_agreement_id as "usageAgreementId",
       developer_id as "developerId", operator_id as "operatorId", jurisdiction, units::text as units, rows_returned as "rowsReturned",
       duration_ms as "durationMs", counted, to_json(occurred_at)#>>'{}' as "occurredAt"`,
    [limit],
  );
}

/**
 * Adds the units of calls that did not take theirs at call time (agreements without a quota) to
 * `metered_units`, one upsert per batch — the counter the console shows, without a per-call lock.
 */
export async function countUnits(tx: EntityManager, calls: readonly QueuedCall[], at: Date): Promise<void> {
  const sums = new Map<string, bigint>();
  for (const c of calls) if (!c.counted) sums.set(c.usageAgreementId, (sums.get(c.usageAgreementId) ?? 0n) + BigInt(c.units));
  if (sums.size === 0) return;
  await sql(
    tx,
    `insert into metered_units (usage_agreement_id, used_units, updated_at)
     select a, u, $3 from unnest($1::uuid[], $2::bigint[]) as s(a, u) order by a
     on conflict (usage_agreement_id) do update set used_units = metered_units.used_units + excluded.used_units, updated_at = excluded.updated_at`,
    [[...sums.keys()], [...sums.values()].map(String), at],
  );
}

/** Calls metered but not yet published (for a drain and for tests). */
export async function queuedCallCount(em: EntityManager): Promise<number> {
  const [r] = await sql<{ n: number }>(em, `select count(*)::int as n from metering_outbox`);
  return r?.n ?? 0;
}
