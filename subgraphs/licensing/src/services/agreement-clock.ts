import { writeAudit, type AuditEntry, type Em, type Identity, type SubgraphRuntime } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { agreementsDue, getAgreement } from '../data/agreements.js';
import { endAgreement } from './agreement-steps.js';
import type { Uow } from './checks.js';
import { loadProfile } from './profiles.js';
import { suspendOverdueRectifications } from './rectifications.js';

const SCHEDULER: Identity = { sub: 'system:scheduler', role: 'AUTHORITY', org: null, jurisdiction: null };

/**
 * The agreement clock (scheduled from index.ts): consented early terminations take effect on their day, agreements
 * expire at the end of their last day, and overdue rectifications suspend where the rule says so. One transaction,
 * audited as the scheduler. Idempotent: a second run finds nothing to do.
 */
export async function runAgreementClock(em: Em, rt: Pick<SubgraphRuntime<unknown>, 'events'>, now = new Date()): Promise<{ expired: string[]; terminated: string[]; suspended: string[] }> {
  return em.transactional(async (tx) => {
    const entries: AuditEntry[] = [];
    const uow: Uow = { tx, audit: (e) => void entries.push(e), publish: (name, payload, jurisdiction = null) => rt.events.publish(tx, name, payload, jurisdiction) };
    const out = { expired: [] as string[], terminated: [] as string[], suspended: [] as string[] };
    for (const d of await agreementsDue(tx, todayInShanghai(now))) {
      const a = (await getAgreement(tx, d.id))!;
      const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
      if (d.kind === 'TERMINATED') {
        await endAgreement(uow, a, profile, 'TERMINATED', a.terminationEffectiveOn!, 'early termination on application', now);
        out.terminated.push(a.id);
      } else {
        await endAgreement(uow, a, profile, 'EXPIRED', a.endDate, 'term ended', now);
        out.expired.push(a.id);
      }
    }
    out.suspended = await suspendOverdueRectifications(uow, now);
    await writeAudit(tx, { identity: SCHEDULER, requestId: 'job:agreement-clock' }, entries);
    return out;
  });
}
