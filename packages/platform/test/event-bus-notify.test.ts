import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PgBoss } from 'pg-boss';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import { createOrm, ensureInboxes, EventPublisher, migrate, platformMigrations, sql, startBoss, startConsumer, INBOX_WORK } from '../src/index.js';
import { correctionAnswered } from './fixtures.js';

/**
 * The event bus wakes consumers by LISTEN/NOTIFY (events/bus.ts): what it sends, and that the guarantees are those of
 * polling — at least once, applied once, every event of a backlog larger than a fetch.
 */
let db: TestDatabase;
let orm: MikroORM;
let boss: PgBoss;
let listener: pg.Client;
const heard: string[] = [];

beforeAll(async () => {
  db = await startTestDatabase();
  orm = await createOrm({ url: db.url, schema: 'evaluation', entities: [], migrations: platformMigrations });
  await migrate(orm, 'evaluation');
  boss = await startBoss(db.url);
  // An inbox made before notifications were on (an older database): ensureInboxes switches them on.
  await boss.createQueue('inbox_evaluation', { retryLimit: 10 } as never);
  await ensureInboxes(boss);
  listener = new pg.Client({ connectionString: db.url });
  await listener.connect();
  const [{ channel }] = (await listener.query(`select 'pgboss_' || left(encode(sha224('pgboss'::bytea), 'hex'), 24) as channel`)).rows as { channel: string }[];
  listener.on('notification', (n) => void heard.push(n.payload ?? ''));
  await listener.query(`listen ${channel}`);
});
afterAll(async () => {
  await listener?.end().catch(() => {});
  await boss?.stop({ graceful: false } as never);
  await orm?.close();
  await db?.stop();
});

const answered = (n: number) => correctionAnswered(`0190a0c2-0000-7000-8000-${String(n).padStart(12, '0')}`);
const publisher = () => new EventPublisher(boss, 'catalog');

describe('inboxes are woken by LISTEN/NOTIFY', () => {
  it('every inbox has notifications on (also one made before), and the consumer keeps polling as a backstop', async () => {
    const queue = await boss.getQueue('inbox_evaluation');
    expect((queue as { notify?: boolean } | null)?.notify).toBe(true);
    expect(INBOX_WORK).toMatchObject({ pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, burstWhenBatchFull: true });
  });

  it('a committed event notifies its inbox; an event rolled back notifies nothing', async () => {
    heard.length = 0;
    await expect(
      orm.em.fork().transactional(async (tx) => {
        await publisher().publish(tx, 'CorrectionAnswered', answered(1), 'HN');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await orm.em.fork().transactional((tx) => publisher().publish(tx, 'CorrectionAnswered', answered(2), 'HN'));
    await expect.poll(() => heard.slice(), { timeout: 10_000 }).toContain('inbox_evaluation');
    // A marker sent after both: once it is heard, anything the rolled-back transaction sent would have been too.
    await listener.query(`select pg_notify('pgboss_' || left(encode(sha224('pgboss'::bytea), 'hex'), 24), 'marker')`);
    await expect.poll(() => heard.includes('marker'), { timeout: 10_000 }).toBe(true);
    expect(heard.filter((h) => h === 'inbox_evaluation')).toHaveLength(1);
  });

  it('a backlog larger than a fetch, queued before the consumer starts, is applied entirely and once; a redelivered event is skipped', async () => {
    const total = INBOX_WORK.batchSize * 2 + 7;
    const envelopes = [];
    for (let i = 0; i < total; i++) envelopes.push(await orm.em.fork().transactional((tx) => publisher().publish(tx, 'CorrectionAnswered', answered(100 + i), 'HN')));
    // At least once: the same event delivered a second time (as a retry after a lost acknowledgement would).
    await boss.send('inbox_evaluation', envelopes[3] as never);
    const applied: string[] = [];
    await startConsumer({ boss, orm, subgraph: 'evaluation', handlers: { CorrectionAnswered: async (_em, e) => void applied.push(e.payload.correctionId) } });
    const pending = async () => Number((await sql<{ n: string }>(orm.em.fork(), `select count(*)::text as n from pgboss.job where name = 'inbox_evaluation' and state in ('created', 'retry', 'active')`))[0]!.n);
    await expect.poll(pending, { timeout: 30_000 }).toBe(0);
    const mine = new Set(envelopes.map((e) => e.payload.correctionId));
    const appliedHere = applied.filter((id) => mine.has(id));
    expect(appliedHere).toHaveLength(total);
    expect(new Set(appliedHere).size).toBe(total);
    const [rows] = await sql<{ n: number }>(orm.em.fork(), `select count(*)::int as n from processed_events where event_id = any($1::uuid[])`, [envelopes.map((e) => e.id)]);
    expect(rows!.n).toBe(total);
    await boss.offWork('inbox_evaluation');
  });
});
