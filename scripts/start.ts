/**
 * `pnpm start`: the whole stack on one machine. PostgreSQL (embedded under .data/ unless
 * DATABASE_URL is set), the five subgraphs and the gateway as child processes; demo data on an
 * empty database; tokens for the demo users. Ctrl-C stops all of it, PostgreSQL included.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { checkDatabaseReachable, startEmbeddedPostgres, type EmbeddedDatabase } from '@pdo/platform';
import { SUBGRAPHS } from '@pdo/events';
import { gatewayConfig, mintToken, SUBGRAPH_PORTS } from '@pdo/gateway';
import { DEMO_USERS } from '@pdo/demo';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
const children: ChildProcess[] = [];
let pgServer: EmbeddedDatabase | undefined;
let shuttingDown = false;
let announceDatabase: (url: string) => void = () => {};
const databaseReady = new Promise<string>((resolve) => (announceDatabase = resolve));

function fail(message: string): never {
  console.error(`✖ ${message}`);
  void shutdown(1);
  throw new Error(message);
}

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))));
  if (pgServer) await pgServer.stop().catch(() => {});
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function startChild(name: string, entry: string, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(join(root, entry), [], {
      cwd: root,
      env,
      execArgv: ['--import', '@swc-node/register/esm-register', '--enable-source-maps'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    child.on('message', (m: { type?: string }) => {
      if (m?.type === 'ready') resolve(child);
      if (m?.type === 'need-database') void databaseReady.then((url) => child.connected && child.send({ type: 'database', url }));
    });
    child.once('exit', (code) => {
      if (!shuttingDown) {
        reject(new Error(`${name} exited with code ${code} before it was ready`));
        console.error(`✖ ${name} stopped (exit ${code}); stopping everything`);
        void shutdown(1);
      }
    });
  });
}

async function main() {
  // Fork every process first: loading and transpiling their code (seconds each) overlaps with
  // PostgreSQL starting; the subgraphs wait for the database URL over IPC.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PDO_DATABASE_VIA_IPC: '1', SEED_DEMO: process.env.SEED_DEMO ?? '1' };
  for (const name of SUBGRAPHS) childEnv[`${name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${childEnv[`${name.toUpperCase()}_PORT`] ?? SUBGRAPH_PORTS[name]}/graphql`;
  const subgraphs = SUBGRAPHS.map((name) => startChild(name, `subgraphs/${name}/src/main.ts`, childEnv));
  const gateway = startChild('gateway', 'gateway/src/main.ts', childEnv);
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const port = Number(process.env.PGPORT ?? 54329);
    try {
      pgServer = await startEmbeddedPostgres({ dataDir: process.env.PG_DATA_DIR ?? join(root, '.data', 'pg'), port });
    } catch (e) {
      fail(`Embedded PostgreSQL failed to start: ${(e as Error).message}`);
    }
    databaseUrl = pgServer!.url;
    console.log(`• PostgreSQL (embedded) on port ${port}, data in ${process.env.PG_DATA_DIR ?? '.data/pg'}`);
  } else {
    try {
      await checkDatabaseReachable(databaseUrl);
    } catch (e) {
      fail((e as Error).message);
    }
    console.log('• PostgreSQL from DATABASE_URL');
  }
  // All at once: seeds share deterministic ids, so no subgraph waits for another, and the gateway
  // serves the checked-in supergraph without asking the subgraphs first.
  announceDatabase(databaseUrl!);
  await Promise.all([...subgraphs, gateway]);
  const config = gatewayConfig(childEnv);
  const url = `http://localhost:${config.port}/graphql`;
  console.log(`\n✔ Ready in ${((Date.now() - started) / 1000).toFixed(1)} s — gateway: ${url}  (health: http://localhost:${config.port}/health)\n`);
  if (config.jwtSecret) {
    console.log('Demo tokens (Authorization: Bearer <token>), valid 12 h:');
    for (const u of DEMO_USERS) {
      const token = await mintToken(config, { sub: u.sub, role: u.role, org: u.org, jurisdiction: u.jurisdiction, name: u.nameZh });
      console.log(`  ${u.key.padEnd(13)} ${u.role.padEnd(11)} ${u.jurisdiction.padEnd(4)} ${token}`);
    }
  }
  console.log('\nPress Ctrl-C to stop everything.');
}

main().catch((e) => {
  if (!shuttingDown) {
    console.error(`✖ ${(e as Error).message}`);
    void shutdown(1);
  }
});
