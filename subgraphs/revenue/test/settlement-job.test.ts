/**
 * A settlement run as a job (issue "For the people at the screens", finance part 4): the mutation
 * returns at once with the run's id; progress and result are read from `settlement(id)`; the job is
 * a row in PostgreSQL, so a process that stops before (or while) running it loses nothing — the
 * next process's worker settles the period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphRuntime, seedOnce, sql, startBoss, startConsuming, taskQueue, type SubgraphRuntime } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { orgByKey } from '@pdo/demo';
import { definition } from '../src/index.js';

let stack: TestStack;
let restarted: SubgraphRuntime<any> | null = null;
const finance = who('FINANCE', orgByKey('hn-authority').id, 'HN');
const source = who('SOURCE_UNIT', orgByKey('hn-src-market').id, 'HN');
const OCTOBER = { jurisdiction: 'HN', periodStart: '2026-10-01', periodEnd: '2026-10-31' };
const START = `mutation($input: RunSettlementInput!) { startSettlement(input: $input) { id status progress { step detail } } }`;
const READ = `query($id: ID!) { settlement(id: $id) { id status total { fen yuan } chargeCount failureReason progress { step } reconciliation { charges { fen yuan } reconciled } } }`;

beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: true });
  await seedOnce(stack.runtimes.revenue!);
}, 120_000);
afterAll(async () => {
  if (restarted) {
    await restarted.boss.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
    await restarted.orm.close(true).catch(() => {});
  }
  await stack?.stop();
});

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('startSettlement', () => {
  it('refuses like runSettlement and writes nothing', async () => {
    const count = async () => Number((await sql<{ n: string }>(stack.em('revenue'), `select count(*) as n from settlement`))[0]!.n);
    const before = await count();
    const party = await stack.gql(START, { input: OCTOBER }, { as: source });
    expect(party.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const open = await stack.gql(START, { input: { jurisdiction: 'HN', periodStart: '2026-12-01', periodEnd: '2026-12-31' } }, { as: finance, now: '2026-12-02T01:00:00Z' });
    expect(open.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'PERIOD_OPEN' } });
    const overlap = await stack.gql(START, { input: { jurisdiction: 'HN', periodStart: '2026-09-01', periodEnd: '2026-09-30' } }, { as: finance });
    expect(overlap.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', details: { reason: 'SETTLEMENT_PERIOD_OVERLAP' } });
    const jobs = await sql<{ n: string }>(stack.em('revenue'), `select count(*) as n from pgboss.job where name = $1`, [taskQueue('revenue', 'settle')]);
    expect(Number(jobs[0]!.n)).toBe(0);
    expect(await count()).toBe(before);
  });

  it('carries a heartbeat: a run whose process died is retried after 30 s without one, not after the hour it may take', async () => {
    const [queue] = await sql<{ heartbeat_seconds: number | null; expire_seconds: number }>(stack.em('revenue'), `select heartbeat_seconds, expire_seconds from pgboss.queue where name = $1`, [taskQueue('revenue', 'settle')]);
    expect(queue).toEqual({ heartbeat_seconds: 30, expire_seconds: 3600 });
  });

  it('returns at once with the RUNNING run; the queued job survives the process and the next worker settles it', async () => {
    const rt = stack.runtimes.revenue!;
    // The process "dies" before its worker takes the job: no worker of this queue runs any more.
    await rt.boss.offWork(taskQueue('revenue', 'settle'));
    const started = await stack.gql(START, { input: OCTOBER }, { as: finance });
    expect(started.errors).toBeUndefined();
    const { id, status, progress } = started.data.startSettlement;
    expect(status).toBe('RUNNING');
    expect(progress.map((p: any) => p.step)).toEqual(['QUEUED']);
    const waiting = await stack.gql(READ, { id }, { as: finance });
    expect(waiting.data.settlement).toMatchObject({ status: 'RUNNING', total: { fen: '0' } });
    const jobs = await sql<{ state: string }>(stack.em('revenue'), `select state from pgboss.job where name = $1`, [taskQueue('revenue', 'settle')]);
    expect(jobs.map((j) => j.state)).toEqual(['created']);

    // A new process: its own pg-boss and runtime over the same database; its worker takes the job.
    const boss = await startBoss(stack.db.url);
    restarted = await createSubgraphRuntime(definition, { databaseUrl: stack.db.url, boss, consume: false });
    await startConsuming(restarted);
    const done = await until(() => stack.gql(READ, { id }, { as: finance }), (r) => r.data?.settlement?.status !== 'RUNNING');
    expect(done.errors).toBeUndefined();
    const s = done.data.settlement;
    expect(s.failureReason).toBeNull();
    expect(s.status).toBe('COMPLETED');
    expect(s.reconciliation.reconciled).toBe(true);
    expect(s.progress.map((p: any) => p.step)).toEqual(['QUEUED', 'STARTED', 'CHARGES_TOTALLED', 'SPLITS_COMPUTED', 'LEDGER_POSTED', 'COMPLETED']);
    // The October charges of HN, summed by SQL, are what the job settled.
    const [{ fen }] = (await sql<{ fen: string }>(
      stack.em('revenue'),
      `select coalesce(sum(amount_fen), 0)::text as fen from charge where jurisdiction = 'HN' and occurred_at >= '2026-10-01T00:00:00+08:00' and occurred_at < '2026-11-01T00:00:00+08:00'`,
    )) as [{ fen: string }];
    expect(BigInt(fen)).toBeGreaterThan(0n);
    expect(s.total.fen).toBe(fen);

    // Idempotent: starting the settled period again returns the completed run, and queues nothing.
    const again = await stack.gql(START, { input: OCTOBER }, { as: finance });
    expect(again.data.startSettlement).toMatchObject({ id, status: 'COMPLETED' });
    const after = await sql<{ n: string }>(stack.em('revenue'), `select count(*) as n from pgboss.job where name = $1`, [taskQueue('revenue', 'settle')]);
    expect(Number(after[0]!.n)).toBe(1);
  }, 120_000);
});
