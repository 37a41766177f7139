import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { PgBoss } from 'pg-boss';
import { startTestDatabase, type TestDatabase } from '@pdo/testing';
import { createOrm, ensureInboxes, EventPublisher, migrate, platformMigrations, startBoss, startConsumer } from '../src/index.js';
import { correctionAnswered } from './fixtures.js';

/**
 * With LISTEN/NOTIFY wakeups on (events/bus.ts), PostgreSQL going away must never end the process: not a restart
 * under a running bus, and not a shutdown that meets pg-boss closing its listening connection (Ctrl-C or SIGTERM
 * under `pnpm start`, where the embedded cluster is stopped by its own exit hook at the same time). The second was the
 * crash: pg-boss removed every listener from that connection before ending it, and the server's 57P01 arriving in
 * between was an 'error' nobody heard (docs/operations.md "Wakeups"). A proxy stands in for that shutdown at the exact
 * moment, so the test does not depend on winning a race.
 */
const external = Boolean(process.env.DATABASE_URL);
let db: TestDatabase;
let orm: MikroORM;
const uncaught: unknown[] = [];
const onUncaught = (err: unknown) => void uncaught.push(err);

beforeAll(async () => {
  process.on('uncaughtException', onUncaught);
  db = await startTestDatabase({ restartable: !external });
  orm = await createOrm({ url: db.url, schema: 'evaluation', entities: [], migrations: platformMigrations });
  await migrate(orm, 'evaluation');
}, 60_000);
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await orm?.close();
  await db?.stop();
});

const answered = (n: number) => correctionAnswered(`0190a0c2-0000-7000-8000-${String(n).padStart(12, '0')}`);

describe('the event bus with wakeups on survives PostgreSQL going away', () => {
  it.skipIf(external)('a restart under a running bus: the process lives on and an event published afterwards is consumed', async () => {
    const boss = await startBoss(db.url);
    try {
      await ensureInboxes(boss);
      const applied: string[] = [];
      await startConsumer({ boss, orm, subgraph: 'evaluation', handlers: { CorrectionAnswered: async (_em, e) => void applied.push(e.payload.correctionId) } });
      await db.restart!();
      const publish = () => orm.em.fork().transactional((tx) => new EventPublisher(boss, 'catalog').publish(tx, 'CorrectionAnswered', answered(1), 'HN'));
      // The first statements after the restart may still meet a connection the restart cut.
      await expect.poll(() => publish().then(() => true, () => false), { timeout: 10_000 }).toBe(true);
      await expect.poll(() => applied.slice(), { timeout: 10_000 }).toContain(answered(1).correctionId);
    } finally {
      await boss.stop({ graceful: false } as never);
    }
    expect(uncaught).toEqual([]);
  }, 30_000);

  it('PostgreSQL shutting down while pg-boss closes its listening connection: no error goes unheard', async () => {
    const proxy = await shuttingDownProxy(new URL(db.url));
    const boss = await startBoss(proxy.url);
    try {
      await expect.poll(() => proxy.listeners(), { timeout: 10_000 }).toBe(1);
      await boss.stop({ graceful: false } as never);
      await expect.poll(() => proxy.shutdownsSent(), { timeout: 5_000 }).toBe(1);
      // The error is read from the socket after stop() returned: give it the turns of the event loop it needs.
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await boss.stop({ graceful: false } as never).catch(() => {});
      await proxy.close();
    }
    expect(uncaught).toEqual([]);
  }, 30_000);
});

/** FATAL 57P01, as PostgreSQL sends it to every session when it shuts down. */
function adminShutdownMessage(): Buffer {
  const field = (code: string, value: string) => Buffer.concat([Buffer.from(code), Buffer.from(value), Buffer.from([0])]);
  const body = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', '57P01'), field('M', 'terminating connection due to administrator command'), Buffer.from([0])]);
  const head = Buffer.alloc(5);
  head.write('E', 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

/**
 * A TCP proxy to PostgreSQL. A connection that has sent LISTEN is answered, when its client ends it (Terminate),
 * with the shutdown's FATAL before the socket closes: the server shutting down just as the client says goodbye.
 */
async function shuttingDownProxy(target: URL): Promise<{ url: string; listeners(): number; shutdownsSent(): number; close(): Promise<void> }> {
  let listening = 0;
  let sent = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let isListener = false;
    client.on('data', (chunk) => {
      if (!isListener && chunk.includes('LISTEN "')) {
        isListener = true;
        listening++;
      }
      if (isListener && chunk.subarray(-TERMINATE.length).equals(TERMINATE)) {
        sent++;
        client.write(adminShutdownMessage());
        client.end();
        upstream.end(chunk);
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => void (client.writable && client.write(chunk)));
    client.on('close', () => void upstream.destroy());
    upstream.on('close', () => void client.destroy());
    client.on('error', () => {});
    upstream.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String((server.address() as net.AddressInfo).port);
  return {
    url: url.toString(),
    listeners: () => listening,
    shutdownsSent: () => sent,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
