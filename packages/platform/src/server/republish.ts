import { writeAudit, type AuditEntry } from '../audit/audit.js';
import { sql } from '../db/sql.js';
import type { Identity } from '../identity.js';
import type { SubgraphRuntime } from './subgraph.js';

/**
 * Runs the subgraph's `republish` entries not yet run on this database, each in its own transaction, claimed in
 * seed_runs as `republish:<name>` (so two processes starting together run it once). `seeded`: the demo seed has just
 * published everything, so the entries are only claimed. Returns the names that ran.
 */
export async function republishOnce<L>(rt: SubgraphRuntime<L>, opts: { seeded: boolean }): Promise<string[]> {
  const ran: string[] = [];
  for (const entry of rt.definition.republish ?? []) {
    const done = await rt.orm.em.fork().transactional(async (tx) => {
      const claimed = await sql(tx, `insert into seed_runs (name) values ($1) on conflict do nothing returning name`, [`republish:${entry.name}`]);
      if (claimed.length === 0 || opts.seeded) return false;
      const entries: AuditEntry[] = [];
      const identity: Identity = { sub: 'system:republish', role: 'AUTHORITY', org: null, jurisdiction: null };
      await entry.run({ tx, audit: (e) => void entries.push(e), publish: (name, payload, jurisdiction = null) => rt.events.publish(tx, name, payload, jurisdiction) }, rt);
      await writeAudit(tx, { identity, requestId: `republish:${entry.name}` }, entries);
      return true;
    });
    if (done) ran.push(entry.name);
  }
  return ran;
}
