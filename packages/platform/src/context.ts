import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { EventName, EventEnvelope } from '@pdo/events';
import type { Identity } from './identity.js';
import type { EventPublisher } from './events/bus.js';
import { writeAudit, type AuditEntry } from './audit/audit.js';

/** What every resolver receives. One per request: its own EntityManager fork and DataLoaders. */
export interface RequestContext<L = unknown> {
  em: EntityManager;
  identity: Identity;
  loaders: L;
  requestId: string;
  log: Logger;
  events: EventPublisher;
  /** The request's notion of "now" (real time, or a test clock when ALLOW_CLOCK_OVERRIDE is set). */
  now: Date;
  /** The subgraph's metrics, for domain figures (settlement runs); absent outside a served request. */
  metrics?: import('./observability/metrics.js').ServiceMetrics;
}

export interface UnitOfWork {
  tx: EntityManager;
  /** Queue audit records; they are written (hash-chained) just before commit. */
  audit(entry: AuditEntry): void;
  /** Publish a domain event in this transaction (outbox). */
  publish<P extends object>(name: EventName, payload: P, jurisdiction?: string | null): Promise<EventEnvelope<P>>;
}

/**
 * One mutation, one transaction: the domain change, its audit records and its events commit
 * together or not at all. Any error rolls everything back.
 */
export async function inTransaction<T>(ctx: RequestContext<any>, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  return ctx.em.transactional(async (tx) => {
    const entries: AuditEntry[] = [];
    const uow: UnitOfWork = {
      tx,
      audit: (e) => void entries.push(e),
      publish: (name, payload, jurisdiction = null) => ctx.events.publish(tx, name, payload, jurisdiction),
    };
    const result = await work(uow);
    await tx.flush();
    await writeAudit(tx, { identity: ctx.identity, requestId: ctx.requestId }, entries);
    return result;
  });
}
