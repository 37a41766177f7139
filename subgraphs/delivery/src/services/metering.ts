/**
 * Publishes metered data-plane calls in batches (docs/operating-domain/data-plane.md, "Metering").
 * A call writes its metering_outbox row in its own statement and kicks the flusher; the flusher
 * takes up to METERED_BATCH_MAX rows, adds the units of agreements without
 * a quota to their counter, and publishes one ExecutionsMetered per batch — all in one transaction,
 * so each call is published exactly once. Under load, the calls that arrive while a flush runs
 * wait for the next one: batches grow with the rate and the event bus carries one job per batch.
 * A process that dies leaves its rows in the table; the recurring job (index.ts) of any process
 * publishes them.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { EventPublisher } from '@pdo/platform';
import { METERED_BATCH_MAX, type DeliveryEvents } from '@pdo/events';
import { countUnits, takeQueuedCalls, type QueuedCall } from '../data/metering.js';

const asExecution = (c: QueuedCall): DeliveryEvents.ExecutionMetered => ({
  executionId: c.callId, kind: 'CALL', productId: c.productId, version: c.version, entitlementId: c.entitlementId, usageAgreementId: c.usageAgreementId,
  developerId: c.developerId, operatorId: c.operatorId, jurisdiction: c.jurisdiction, units: c.units, rowsReturned: c.rowsReturned, durationMs: c.durationMs, occurredAt: new Date(c.occurredAt).toISOString(),
});

/** One batch: taken, counted and published in one transaction. Returns how many calls it carried. */
export async function flushOnce(orm: { em: { fork(): import('@mikro-orm/postgresql').EntityManager } }, events: EventPublisher, limit = METERED_BATCH_MAX): Promise<number> {
  return orm.em.fork().transactional(async (tx) => {
    const calls = await takeQueuedCalls(tx, limit);
    if (calls.length === 0) return 0;
    await countUnits(tx, calls, new Date());
    const byJurisdiction = new Map<string, QueuedCall[]>();
    for (const c of calls) byJurisdiction.get(c.jurisdiction)?.push(c) ?? byJurisdiction.set(c.jurisdiction, [c]);
    for (const [jurisdiction, batch] of byJurisdiction) {
      await events.publish(tx, 'ExecutionsMetered', { executions: batch.map(asExecution) } satisfies DeliveryEvents.ExecutionsMetered, jurisdiction);
    }
    return calls.length;
  });
}

/**
 * How long a kick waits before flushing: calls arriving meanwhile join the batch (fewer, larger
 * events). At 20 ms a slow trickle of calls became one event per call (each then costs products and
 * revenue a transaction); 200 ms keeps batches large at any rate and stays well inside the 2 s the
 * metering path may take from call to charge (two event hops of at most 0.5 s polling each).
 */
const COALESCE_MS = 200;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, COALESCE_MS).unref());

export class MeteringFlusher {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly orm: Pick<MikroORM, 'em'>,
    private readonly events: EventPublisher,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Asks for a flush soon; never waits and never throws (a failed flush leaves the rows for the next). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = pause()
      .then(() => this.loop())
      .finally(() => {
        this.running = null;
      });
  }

  /** Flushes until the outbox is empty (the recurring job; tests before they look downstream). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async loop(): Promise<void> {
    try {
      // A full batch means more are waiting: at once. A kick during a flush means a call came after
      // its take: after the same pause as a first kick, so back-to-back flushes do not shrink batches.
      for (;;) {
        this.again = false;
        const n = await flushOnce(this.orm, this.events);
        if (n >= METERED_BATCH_MAX) continue;
        if (!this.again) return;
        await pause();
      }
    } catch (err) {
      this.onError(err);
    }
  }
}

/** One flusher per runtime: the data plane kicks it, the recurring job and tests drain it. */
const FLUSHERS = new WeakMap<object, MeteringFlusher>();
export function meteringOf(rt: { orm: Pick<MikroORM, 'em'>; events: EventPublisher; log: { error(o: object, msg: string): void } }): MeteringFlusher {
  let f = FLUSHERS.get(rt);
  if (!f) {
    f = new MeteringFlusher(rt.orm, rt.events, (err) => rt.log.error({ err }, 'metering flush failed; the calls stay queued for the next'));
    FLUSHERS.set(rt, f);
  }
  return f;
}
