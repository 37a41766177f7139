import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PgBoss } from 'pg-boss';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import { correctionAnswered } from './fixtures.js';
import {
  applyEvent,
  createOrm,
  DEAD_LETTER_QUEUE,
  DomainError,
  InvalidEventError,
  startConsumer,
  ensureInboxes,
  EventPublisher,
  migrate,
  pendingEventCount,
  platformMigrations,
  sql,
  startBoss,
  verifyAuditChain,
  writeAudit,
  type Identity,
} from '../src/index.js';

const actor: Identity = { sub: 'u-agency', role: 'AGENCY', org: '0190a0c2-0000-7000-8000-000000000002', jurisdiction: 'HN' };
let db: TestDatabase;
let orm: MikroORM;
let boss: PgBoss;

beforeAll(async () => {
  db = await startTestDatabase();
  orm = await createOrm({ url: db.url, schema: 'catalog', entities: [], migrations: platformMigrations });
  await migrate(orm, 'catalog');
  boss = await startBoss(db.url);
  await ensureInboxes(boss);
});
afterAll(async () => {
  await boss?.stop({ graceful: false } as never);
  await orm?.close();
  await db?.stop();
});

describe('audit trail', () => {
  it('chains every record to the previous one and verifies', async () => {
    for (let i = 0; i < 3; i++) {
      await orm.em.fork().transactional((tx) => writeAudit(tx, { identity: actor, requestId: `r${i}` }, [{ entityType: 'DataResource', entityId: `res-${i}`, action: 'CREATED', changes: { b: 2, a: [1, 'x'] } }]));
    }
    const v = await verifyAuditChain(orm.em.fork());
    expect(v).toMatchObject({ valid: true, checked: 3, brokenAtSeq: null });
  });

  it('refuses UPDATE and DELETE on the trail', async () => {
    await expect(sql(orm.em.fork(), `update audit_log set action = 'X'`)).rejects.toThrow(/append-only/);
    await expect(sql(orm.em.fork(), `delete from audit_log`)).rejects.toThrow(/append-only/);
  });

  it('a record altered behind the trigger breaks verification at that record', async () => {
    const em = orm.em.fork();
    const [second] = await sql<{ seq: string }>(em, 'select seq from audit_log order by seq offset 1 limit 1');
    await sql(em, 'alter table audit_log disable trigger audit_log_no_update');
    await sql(em, `update audit_log set changes = '{"a":"tampered"}' where seq = $1`, [second!.seq]);
    await sql(em, 'alter table audit_log enable trigger audit_log_no_update');
    const v = await verifyAuditChain(orm.em.fork());
    expect(v.valid).toBe(false);
    expect(v.brokenAtSeq).toBe(String(second!.seq));
    expect(v.problem).toBe('CONTENT_HASH_MISMATCH');
  });

  it('concurrent writers still form one unbroken chain', async () => {
    await sql(orm.em.fork(), `alter table audit_log disable trigger audit_log_no_update`);
    await sql(orm.em.fork(), `delete from audit_log`);
    await sql(orm.em.fork(), `alter table audit_log enable trigger audit_log_no_update`);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        orm.em.fork().transactional((tx) => writeAudit(tx, { identity: actor }, [{ entityType: 'X', entityId: String(i), action: 'CREATED' }])),
      ),
    );
    expect(await verifyAuditChain(orm.em.fork())).toMatchObject({ valid: true, checked: 12 });
  });
});

describe('domain events', () => {
  const publisher = () => new EventPublisher(boss, 'catalog');
  const withdrawn = { resourceId: '0190a0c2-0000-7000-8000-0000000000a1', jurisdiction: 'HN', sourceAgencyId: '0190a0c2-0000-7000-8000-0000000000a2', version: 2, withdrawnAt: '2026-03-01T08:00:00.000Z' };
  const answered = correctionAnswered;

  it('an event published in a rolled-back transaction is never delivered', async () => {
    const before = await pendingEventCount(orm.em.fork());
    await expect(
      orm.em.fork().transactional(async (tx) => {
        await publisher().publish(tx, 'ResourceWithdrawn', withdrawn, 'HN');
        throw new Error('domain check failed');
      }),
    ).rejects.toThrow('domain check failed');
    expect(await pendingEventCount(orm.em.fork())).toBe(before);
  });

  it('a committed event reaches every consumer inbox and is applied once however often it is delivered', async () => {
    const env = await orm.em.fork().transactional((tx) => publisher().publish(tx, 'CorrectionAnswered', answered('c1'), 'HN'));
    const jobs = await sql<{ name: string }>(orm.em.fork(), `select name from pgboss.job where data->>'id' = $1`, [env.id]);
    expect(jobs.map((j) => j.name).sort()).toEqual(['inbox_evaluation']);
    let applied = 0;
    const handlers = { CorrectionAnswered: async () => void applied++ };
    expect(await applyEvent(orm, 'evaluation', handlers, env)).toBe(true);
    expect(await applyEvent(orm, 'evaluation', handlers, env)).toBe(false);
    expect(applied).toBe(1);
  });

  it('a handler failure rolls back the dedupe row, so the retry applies it', async () => {
    const env = await orm.em.fork().transactional((tx) => publisher().publish(tx, 'CorrectionAnswered', answered('c2'), 'HN'));
    let calls = 0;
    const flaky = { CorrectionAnswered: async () => { calls++; if (calls === 1) throw new Error('transient'); } };
    await expect(applyEvent(orm, 'evaluation', flaky, env)).rejects.toThrow('transient');
    expect(await applyEvent(orm, 'evaluation', flaky, env)).toBe(true);
    expect(calls).toBe(2);
  });

  it('refuses to publish outside a transaction or another subgraph\'s event', async () => {
    await expect(publisher().publish(orm.em.fork(), 'ResourceWithdrawn', withdrawn)).rejects.toThrow(/inside the writing transaction/);
    await expect(orm.em.fork().transactional((tx) => publisher().publish(tx, 'AgreementSigned', {}))).rejects.toThrow(/may not publish/);
  });
});

describe('event payloads are checked at the boundary (schemas in @pdo/events)', () => {
  const publisher = () => new EventPublisher(boss, 'catalog');
  const good = { resourceId: '0190a0c2-0000-7000-8000-0000000000b1', jurisdiction: 'HN', sourceAgencyId: '0190a0c2-0000-7000-8000-0000000000b2', version: 3, withdrawnAt: '2026-03-01T08:00:00.000Z' };
  const jobsOf = async (name: string) => (await sql<{ n: number }>(orm.em.fork(), `select count(*)::int as n from pgboss.job where data->>'name' = $1`, [name]))[0]!.n;

  it('publish refuses a payload that does not match, with a coded error, and writes nothing (neither the event nor the change)', async () => {
    const before = await jobsOf('ResourceWithdrawn');
    const bad = [
      { ...good, version: '3' }, // a number as a string
      { ...good, withdrawnAt: 'yesterday' },
      (({ sourceAgencyId: _, ...rest }) => rest)(good), // a field missing
    ];
    for (const payload of bad) {
      const error = await orm.em
        .fork()
        .transactional(async (tx) => {
          await writeAudit(tx, { identity: actor }, [{ entityType: 'DataResource', entityId: 'r-bad', action: 'WITHDRAWN' }]);
          await publisher().publish(tx, 'ResourceWithdrawn', payload, 'HN');
        })
        .then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('INTERNAL_SERVER_ERROR');
      expect((error as DomainError).details).toMatchObject({ reason: 'INVALID_EVENT_PAYLOAD', event: 'ResourceWithdrawn' });
      expect((error as DomainError).messageZh).toContain('ResourceWithdrawn');
    }
    expect(await jobsOf('ResourceWithdrawn')).toBe(before);
    expect((await sql(orm.em.fork(), `select 1 from audit_log where entity_id = 'r-bad'`)).length).toBe(0);
    // The same event with a valid payload goes out (so the refusals above were about the payload).
    await orm.em.fork().transactional((tx) => publisher().publish(tx, 'ResourceWithdrawn', good, 'HN'));
    expect(await jobsOf('ResourceWithdrawn')).toBe(before + 5);
  });

  it('a consumer refuses an event whose payload does not parse before its handler runs, and dead-letters it with the reason', async () => {
    let handled = 0;
    const handlers = { ResourceWithdrawn: async () => void handled++ };
    const forged = { id: '0190a0c2-0000-7000-8000-0000000000c1', name: 'ResourceWithdrawn', version: 1, producer: 'catalog', occurredAt: new Date().toISOString(), jurisdiction: 'HN', payload: { ...good, jurisdiction: 42 } };
    // Directly: the refusal names the field, and no dedupe row is written (a fixed producer's resend is applied).
    await expect(applyEvent(orm, 'licensing', handlers, forged as never)).rejects.toBeInstanceOf(InvalidEventError);
    await expect(applyEvent(orm, 'licensing', handlers, forged as never)).rejects.toThrow(/jurisdiction/);
    expect((await sql(orm.em.fork(), `select 1 from processed_events where event_id = $1`, [forged.id])).length).toBe(0);
    // An unknown version is refused too.
    await expect(applyEvent(orm, 'licensing', handlers, { ...forged, payload: good, version: 9 } as never)).rejects.toThrow(/no version 9/);
    expect(handled).toBe(0);

    // Through the queue: the worker dead-letters it (with the reason) and goes on with the next event.
    const dead: string[] = [];
    const lines: { reason?: string; msg: string }[] = [];
    const log = { warn: (o: { reason?: string }, msg: string) => void lines.push({ ...o, msg }), debug: () => {}, info: () => {}, error: () => {} };
    await boss.send('inbox_licensing', forged as never);
    const valid = await orm.em.fork().transactional((tx) => publisher().publish(tx, 'ResourceWithdrawn', { ...good, version: 4 }, 'HN'));
    await startConsumer({ boss, orm, subgraph: 'licensing', handlers, log: log as never, onDeadLetter: (event) => void dead.push(event) });
    await expect.poll(async () => (await sql(orm.em.fork(), `select 1 from processed_events where event_id = $1`, [valid.id])).length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => dead, { timeout: 15_000 }).toEqual(['ResourceWithdrawn']);
    expect(lines.find((l) => /dead-lettered/.test(l.msg))?.reason).toMatch(/jurisdiction/);
    const [letter] = await sql<{ data: { subgraph: string; reason: string; event: { id: string } } }>(orm.em.fork(), `select data from pgboss.job where name = $1`, [DEAD_LETTER_QUEUE]);
    expect(letter!.data).toMatchObject({ subgraph: 'licensing', event: { id: forged.id } });
    expect(letter!.data.reason).toMatch(/jurisdiction/);
    // The valid events were applied (also the one published above), the forged one never was.
    expect(handled).toBe(2);
    expect((await sql(orm.em.fork(), `select event_id from processed_events where event_id = any($1::uuid[])`, [[forged.id, valid.id]])).map((r: any) => r.event_id)).toEqual([valid.id]);
    await boss.offWork('inbox_licensing');
  });
});
