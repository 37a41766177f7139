import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, writeAudit, type AuditEntry, type Identity, type SubgraphRuntime } from '@pdo/platform';
import type { EventName } from '@pdo/events';
import { runAgreementClock } from '../domain/agreements.js';

const SYSTEM: Identity = { sub: 'system:scheduler', role: 'AUTHORITY', org: null, jurisdiction: null };

/** Publishes what event handlers deferred (they have no publisher), in order, once. */
export async function relayDeferredEvents(em: EntityManager, rt: Pick<SubgraphRuntime, 'events'>): Promise<number> {
  return em.transactional(async (tx) => {
    const rows = await sql<{ id: string; name: EventName; payload: object; jurisdiction: string | null }>(
      tx,
      `select id::text, name, payload, jurisdiction from deferred_event order by id limit 500 for update skip locked`,
    );
    for (const r of rows) await rt.events.publish(tx, r.name, r.payload, r.jurisdiction);
    if (rows.length) await sql(tx, `delete from deferred_event where id = any($1::bigint[])`, [rows.map((r) => r.id)]);
    return rows.length;
  });
}

/** Expiry at the end of the last day, and consented early terminations on their day. */
export async function runAgreementClockJob(em: EntityManager, rt: Pick<SubgraphRuntime, 'events'>, now = new Date()) {
  return em.transactional(async (tx) => {
    const entries: AuditEntry[] = [];
    const result = await runAgreementClock(tx, now, (name, payload, jurisdiction = null) => rt.events.publish(tx, name, payload, jurisdiction), (e) => void entries.push(e));
    await writeAudit(tx, { identity: SYSTEM, requestId: 'job:agreement-clock' }, entries);
    return result;
  });
}

export const jobs = [
  { name: 'relay-deferred-events', everySeconds: 2, run: async (em: EntityManager, rt: SubgraphRuntime<any>) => void (await relayDeferredEvents(em, rt)) },
  { name: 'agreement-clock', everySeconds: 60, run: async (em: EntityManager, rt: SubgraphRuntime<any>) => void (await runAgreementClockJob(em, rt)) },
];
