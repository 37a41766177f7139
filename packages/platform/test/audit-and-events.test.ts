import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PgBoss } from 'pg-boss';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import {
  applyEvent,
  createOrm,
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

  it('an event published in a rolled-back transaction is never delivered', async () => {
    const before = await pendingEventCount(orm.em.fork());
    await expect(
      orm.em.fork().transactional(async (tx) => {
        await publisher().publish(tx, 'ResourceWithdrawn', { resourceId: 'r1' }, 'HN');
        throw new Error('domain check failed');
      }),
    ).rejects.toThrow('domain check failed');
    expect(await pendingEventCount(orm.em.fork())).toBe(before);
  });

  it('a committed event reaches every consumer inbox and is applied once however often it is delivered', async () => {
    const env = await orm.em.fork().transactional((tx) => publisher().publish(tx, 'CorrectionAnswered', { correctionId: 'c1' }, 'HN'));
    const jobs = await sql<{ name: string }>(orm.em.fork(), `select name from pgboss.job where data->>'id' = $1`, [env.id]);
    expect(jobs.map((j) => j.name).sort()).toEqual(['inbox_evaluation']);
    let applied = 0;
    const handlers = { CorrectionAnswered: async () => void applied++ };
    expect(await applyEvent(orm, 'evaluation', handlers, env)).toBe(true);
    expect(await applyEvent(orm, 'evaluation', handlers, env)).toBe(false);
    expect(applied).toBe(1);
  });

  it('a handler failure rolls back the dedupe row, so the retry applies it', async () => {
    const env = await orm.em.fork().transactional((tx) => publisher().publish(tx, 'CorrectionAnswered', { correctionId: 'c2' }, 'HN'));
    let calls = 0;
    const flaky = { CorrectionAnswered: async () => { calls++; if (calls === 1) throw new Error('transient'); } };
    await expect(applyEvent(orm, 'evaluation', flaky, env)).rejects.toThrow('transient');
    expect(await applyEvent(orm, 'evaluation', flaky, env)).toBe(true);
    expect(calls).toBe(2);
  });

  it('refuses to publish outside a transaction or another subgraph\'s event', async () => {
    await expect(publisher().publish(orm.em.fork(), 'ResourceWithdrawn', {})).rejects.toThrow(/inside the writing transaction/);
    await expect(orm.em.fork().transactional((tx) => publisher().publish(tx, 'AgreementSigned', {}))).rejects.toThrow(/may not publish/);
  });
});
