import { sql, type SubgraphRuntime } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventName } from '@pdo/events';

/**
 * Consumer handlers receive only a transaction, no publisher (platform gap), so the facts a
 * cascade produces (a listing suspended, a usage agreement ended) are queued here in the
 * handler's own transaction and published by `relayPendingEvents`. Nothing is lost: the queue
 * row commits with the cascade or not at all.
 */
export async function queueEvent(tx: EntityManager, name: EventName, payload: object, jurisdiction: string | null): Promise<void> {
  await sql(tx, `insert into pending_event (name, payload, jurisdiction) values ($1, $2::jsonb, $3)`, [name, JSON.stringify(payload), jurisdiction]);
}

/** Publishes queued events through the outbox, oldest first; each batch in one transaction. */
export async function relayPendingEvents(em: EntityManager, rt: SubgraphRuntime<any>): Promise<number> {
  return em.fork().transactional(async (tx) => {
    const rows = await sql<{ seq: string; name: EventName; payload: object; jurisdiction: string | null }>(
      tx,
      `select seq, name, payload, jurisdiction from pending_event order by seq limit 200 for update skip locked`,
    );
    for (const r of rows) await rt.events.publish(tx, r.name, r.payload, r.jurisdiction);
    if (rows.length) await sql(tx, `delete from pending_event where seq = any($1::bigint[])`, [rows.map((r) => r.seq)]);
    return rows.length;
  });
}
