import type { EntityManager } from '@mikro-orm/postgresql';
import { writeAudit, type AuditEntry, type Identity, type SubgraphRuntime } from '@pdo/platform';
import { runAgreementClock } from '../domain/agreements.js';

const SYSTEM: Identity = { sub: 'system:scheduler', role: 'AUTHORITY', org: null, jurisdiction: null };

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
  { name: 'agreement-clock', everySeconds: 60, run: async (em: EntityManager, rt: SubgraphRuntime<any>) => void (await runAgreementClockJob(em, rt)) },
];
