import { PgBoss } from 'pg-boss';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { EVENTS, consumersOf, inboxQueue, payloadProblem, type EventEnvelope, type EventName, type SubgraphName } from '@pdo/events';
import { DomainError } from '../errors.js';
import { pgBossDb, sql } from '../db/sql.js';
import type { Logger } from 'pino';
import { tracingEnabled, withSpan } from '../observability/tracing.js';

export const PGBOSS_SCHEMA = 'pgboss';

/** DDL of the consumer's dedupe table, in each subgraph's own schema. */
export const PROCESSED_EVENTS_DDL = `
create table if not exists processed_events (
  event_id uuid primary key,
  event_name text not null,
  producer text not null,
  occurred_at timestamptz not null,
  processed_at timestamptz not null default now()
);
`;

/** What a handler may do beyond writing its own tables: publish follow-up events in the same transaction. */
export interface EventHandlerContext {
  publish<P extends object>(name: EventName, payload: P, jurisdiction?: string | null): Promise<EventEnvelope<P>>;
}
export type EventHandler = (em: EntityManager, event: EventEnvelope<any>, ctx: EventHandlerContext) => Promise<void>;
export type EventHandlers = Partial<Record<EventName, EventHandler>>;

/**
 * Starts pg-boss. `role`: the role its connections act as (`SET ROLE` at connect, db/roles.ts):
 * the queue role that owns the pg-boss schema, so a service role connects here without owning
 * anything, and whatever pg-boss creates during maintenance belongs to the queue role.
 */
export async function startBoss(url: string, log?: Logger, opts: { role?: string | null } = {}): Promise<PgBoss> {
  const options = opts.role ? { options: `-c role=${opts.role}` } : {};
  // With tracing on, a job carries its sender's trace context, so a handler's span joins the
  // request that published the event (docs/operations.md).
  const telemetry = tracingEnabled() ? { openTelemetry: { propagateContext: true } } : {};
  // Consumers are woken by LISTEN/NOTIFY (`useListenNotify`), their half-second poll (INBOX_WORK) kept as a backstop.
  // pg-boss is patched (patches/pg-boss@12.38.0.patch): its LISTEN client, once taken out of service, had no 'error'
  // listener, and a PostgreSQL shutting down (57P01) while pg-boss stopped ended the whole process (docs/operations.md "Wakeups").
  const boss = new PgBoss({ connectionString: url, schema: PGBOSS_SCHEMA, max: 4, supervise: true, schedule: true, migrate: true, useListenNotify: true, ...options, ...telemetry } as never);
  boss.on('error', (err: unknown) => {
    // Class 57 (operator intervention): PostgreSQL is shutting down or restarting — on Ctrl-C it
    // gets the signal with everyone else. pg-boss retries by itself, so this is a warning of one
    // line, not an error with a stack.
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('57')) log?.warn({ code, queue: (err as { queue?: string }).queue }, `pg-boss: PostgreSQL unavailable (${(err as Error).message})`);
    else log?.error({ err }, 'pg-boss error');
  });
  await boss.start();
  return boss;
}

/**
 * As the owner: installs the pg-boss schema when it is missing (creating a schema needs a right
 * on the database that the queue role does not get); `ensureServiceRoles` then hands it over.
 */
export async function installBossSchema(ownerUrl: string): Promise<void> {
  const installed = await sqlOnce<{ t: string | null }>(ownerUrl, `select to_regclass('${PGBOSS_SCHEMA}.version')::text as t`);
  if (installed[0]?.t) return;
  const boss = new PgBoss({ connectionString: ownerUrl, schema: PGBOSS_SCHEMA, max: 1, supervise: false, schedule: false, migrate: true } as never);
  boss.on('error', () => {});
  await boss.start();
  await boss.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
}

async function sqlOnce<R>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as R[];
  } finally {
    await client.end().catch(() => {});
  }
}

/** Every inbox queue must exist before anyone publishes, or a send has nowhere to go. */
export async function ensureInboxes(boss: PgBoss): Promise<void> {
  const names = new Set<SubgraphName>();
  for (const spec of Object.values(EVENTS)) for (const c of spec.consumers) names.add(c);
  for (const n of names) {
    await boss.createQueue(inboxQueue(n), { ...INBOX_OPTIONS, notify: true } as never);
    // An inbox made before notifications were on keeps its options through createQueue: switch them on.
    await boss.updateQueue(inboxQueue(n), { notify: true } as never);
  }
  // Kept two weeks: long enough for an operator to read the reason and the event, then fix the producer.
  await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 14 * 86_400 } as never);
}

const INBOX_OPTIONS = { retryLimit: 10, retryDelay: 1, retryBackoff: true, expireInSeconds: 300 };

/**
 * How a consumer fetches its inbox: up to 50 events at a time, every half second (and on a notification, when
 * LISTEN/NOTIFY is on: startBoss). pg-boss polls a notify-enabled queue only every 30 s by default, and without a burst a worker that
 * took a full batch would then wait for the next notification or poll with events still queued: both kept.
 */
export const INBOX_WORK = { batchSize: 50, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, burstWhenBatchFull: true } as const;

/** The pg-boss queue of a subgraph's background task (`SubgraphDefinition.tasks`). */
export const taskQueue = (subgraph: string, task: string) => `task_${subgraph}_${task}`;

/** What a task job carries: who started it (the task runs with that identity) and its input. */
export interface TaskJob<D = unknown> {
  identity: import('../identity.js').Identity;
  requestId: string;
  /** The starter's clock (ISO instant): the task sees the same "now" as the request that started it. */
  now?: string;
  data: D;
}

/**
 * Publishes domain events inside the caller's transaction (transactional outbox): the jobs are
 * inserted through the same connection, so they exist if and only if the change commits.
 */
export class EventPublisher {
  constructor(
    private readonly boss: PgBoss,
    private readonly producer: SubgraphName,
  ) {}

  async publish<P extends object>(em: EntityManager, name: EventName, payload: P, jurisdiction: string | null = null): Promise<EventEnvelope<P>> {
    if (!em.isInTransaction()) throw new Error(`Event ${name} must be published inside the writing transaction`);
    const spec = EVENTS[name];
    if (spec.producer !== 'platform' && spec.producer !== this.producer) throw new Error(`${this.producer} may not publish ${name} (owned by ${spec.producer})`);
    // The payload must match the event's schema (@pdo/events) before anything is written: a
    // malformed fact would otherwise reach every consumer and be retried there until it died.
    const problem = payloadProblem(name, spec.version, payload);
    if (problem) {
      throw new DomainError('INTERNAL_SERVER_ERROR', `事件 ${name} 的内容不符合其定义`, `Event ${name} has an invalid payload (${problem})`, { details: { reason: 'INVALID_EVENT_PAYLOAD', event: name } });
    }
    const envelope: EventEnvelope<P> = { id: uuidv7(), name, version: spec.version, producer: this.producer, occurredAt: new Date().toISOString(), jurisdiction, payload };
    const db = pgBossDb(em);
    for (const consumer of consumersOf(name)) {
      await this.boss.send(inboxQueue(consumer), envelope as unknown as object, { db, id: uuidv7() } as never);
    }
    return envelope;
  }

  /**
   * Starts a background task of this subgraph (`SubgraphDefinition.tasks`) inside the caller's
   * transaction, like an event: the job exists if and only if the change that asks for it commits,
   * and it survives a restart of the process (it is a row in PostgreSQL until a worker finishes it).
   */
  async enqueueTask<D>(em: EntityManager, task: string, job: TaskJob<D>): Promise<string> {
    if (!em.isInTransaction()) throw new Error(`Task ${task} must be started inside the writing transaction`);
    const id = uuidv7();
    await this.boss.send(taskQueue(this.producer, task), job as unknown as object, { db: pgBossDb(em), id } as never);
    return id;
  }
}

/**
 * Drains this subgraph's inbox. Each event is applied in its own transaction together with a
 * row in processed_events; a redelivered event finds its row and is skipped, so handling is
 * idempotent even though delivery is at least once.
 */
export async function startConsumer(opts: {
  boss: PgBoss;
  orm: MikroORM;
  subgraph: SubgraphName;
  handlers: EventHandlers;
  log?: Logger;
  /** Publisher for follow-up events (a suspension cascading to listings, …). */
  publisher?: EventPublisher;
  /** Told of every event dead-lettered for a payload that does not parse (metrics). */
  onDeadLetter?: (event: string) => void;
}): Promise<string> {
  const { boss, orm, subgraph, handlers, log, publisher } = opts;
  return boss.work<EventEnvelope>(inboxQueue(subgraph), INBOX_WORK as never, async (jobs) => {
    // One event's failure must not hold back the rest of the batch: fail just that job (it is
    // retried on its own, with backoff) and let pg-boss complete the others.
    for (const job of jobs) {
      try {
        await applyEvent(orm, subgraph, handlers, job.data, log, publisher);
      } catch (err) {
        if (err instanceof InvalidEventError) {
          // Retrying cannot make a payload parse: keep it, with the reason, in the dead-letter
          // queue for an operator, and complete this job (the rest of the inbox goes on).
          log?.warn({ eventId: err.eventId, name: err.eventName, subgraph, reason: err.reason }, 'event refused: payload does not match its schema; dead-lettered');
          await boss.send(DEAD_LETTER_QUEUE, { subgraph, reason: err.reason, refusedAt: new Date().toISOString(), event: job.data } as never);
          opts.onDeadLetter?.(typeof err.eventName === 'string' && Object.hasOwn(EVENTS, err.eventName) ? err.eventName : 'unknown');
          continue;
        }
        const e = err as Error;
        log?.warn({ err: e, eventId: job.data?.id, name: job.data?.name, subgraph }, 'event handler failed; will retry');
        await boss.fail(inboxQueue(subgraph), job.id, { message: e.message, stack: e.stack ?? null });
      }
    }
  });
}

/** Where a consumer puts an event whose envelope or payload does not parse (one queue, every subgraph). */
export const DEAD_LETTER_QUEUE = 'dead_letter_events';

/** An event a consumer refuses before its handler runs: its envelope or payload does not parse. */
export class InvalidEventError extends Error {
  constructor(
    readonly eventId: unknown,
    readonly eventName: unknown,
    readonly reason: string,
  ) {
    super(`Event ${String(eventName).slice(0, 80)} refused: ${reason}`);
    this.name = 'InvalidEventError';
  }
}

/** Why an envelope from the queue cannot be handled, or null when it can (payload checked against its schema). */
export function envelopeProblem(event: unknown): string | null {
  const e = event as Partial<EventEnvelope> | null;
  if (!e || typeof e !== 'object') return 'not an event envelope';
  if (typeof e.id !== 'string' || !/^[0-9a-f-]{36}$/i.test(e.id)) return 'id: must be a UUID';
  if (typeof e.name !== 'string') return 'name: missing';
  if (typeof e.version !== 'number' || !Number.isInteger(e.version)) return 'version: must be a whole number';
  if (typeof e.producer !== 'string' || typeof e.occurredAt !== 'string' || Number.isNaN(Date.parse(e.occurredAt))) return 'producer or occurredAt: missing or invalid';
  return payloadProblem(e.name, e.version, e.payload);
}

export async function applyEvent(orm: MikroORM, subgraph: SubgraphName, handlers: EventHandlers, event: EventEnvelope, log?: Logger, publisher?: EventPublisher): Promise<boolean> {
  // Refused before the dedupe row and the handler: nothing of the subgraph's is touched.
  const problem = envelopeProblem(event);
  if (problem) throw new InvalidEventError((event as Partial<EventEnvelope> | null)?.id, (event as Partial<EventEnvelope> | null)?.name, problem);
  if (!tracingEnabled()) return applyEventNow(orm, subgraph, handlers, event, log, publisher);
  return withSpan(`event ${event.name}`, { 'pdo.service': subgraph, 'pdo.event.name': event.name, 'pdo.event.id': event.id, 'pdo.event.producer': event.producer }, () =>
    applyEventNow(orm, subgraph, handlers, event, log, publisher),
  );
}

async function applyEventNow(orm: MikroORM, subgraph: SubgraphName, handlers: EventHandlers, event: EventEnvelope, log?: Logger, publisher?: EventPublisher): Promise<boolean> {
  const em = orm.em.fork();
  return em.transactional(async (tx) => {
    const inserted = await sql(
      tx,
      `insert into processed_events (event_id, event_name, producer, occurred_at) values ($1, $2, $3, $4) on conflict do nothing returning event_id`,
      [event.id, event.name, event.producer, event.occurredAt],
    );
    if (inserted.length === 0) {
      log?.debug({ eventId: event.id, name: event.name }, 'duplicate event skipped');
      return false;
    }
    const handler = handlers[event.name];
    if (handler) {
      const ctx: EventHandlerContext = {
        publish: (name, payload, jurisdiction = null) => {
          if (!publisher) throw new Error(`${subgraph} handler of ${event.name} publishes ${name} but no publisher was given`);
          return publisher.publish(tx, name, payload, jurisdiction);
        },
      };
      await handler(tx, event, ctx);
      log?.debug({ eventId: event.id, name: event.name, subgraph }, 'event applied');
    }
    return true;
  });
}

/**
 * Counts queued and in-flight events: of every inbox, or only of the given consumers (a test
 * that runs one subgraph must not wait for inboxes nobody drains).
 */
export async function pendingEventCount(em: EntityManager, consumers?: readonly SubgraphName[]): Promise<number> {
  const queues = consumers ? consumers.map(inboxQueue) : null;
  const rows = await sql<{ n: string }>(
    em,
    `select count(*)::text as n from ${PGBOSS_SCHEMA}.job where name like 'inbox_%' and state in ('created','retry','active') and ($1::text[] is null or name = any($1::text[]))`,
    [queues],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function failedEventCount(em: EntityManager, consumers?: readonly SubgraphName[]): Promise<number> {
  const queues = consumers ? consumers.map(inboxQueue) : null;
  const rows = await sql<{ n: string }>(em, `select count(*)::text as n from ${PGBOSS_SCHEMA}.job where name like 'inbox_%' and state = 'failed' and ($1::text[] is null or name = any($1::text[]))`, [queues]);
  return Number(rows[0]?.n ?? 0);
}

/** Waits until every queued event has been handled (or fails after `timeoutMs`). */
export async function waitForEvents(em: EntityManager, timeoutMs = 20_000, consumers?: readonly SubgraphName[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await pendingEventCount(em, consumers);
    if (n === 0) return;
    if (Date.now() > deadline) throw new Error(`${n} events still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
