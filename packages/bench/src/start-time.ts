/**
 * `pnpm start` cold: the real entry point (scripts/start.ts) on free ports with a fresh data
 * directory — a new PostgreSQL cluster, migrations and the demo seed — timed to its
 * "Ready in" line, its process tree's memory taken, then stopped with SIGTERM.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeServerPorts } from '@pdo/platform';
import { ROOT, memoryOf, processTree, treeMemory, type Memory } from './procs.js';

export interface StartResult {
  /** From spawning `node scripts/start.ts` to the "Ready in" line. */
  wallS: number;
  /** What start.ts itself reports (from its first line of code). */
  reportedS: number;
  processes: number;
  memory: Memory;
  stopS: number;
}

export async function benchStart(timeoutMs = 180_000): Promise<StartResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pdo-bench-start-'));
  chmodSync(dir, 0o755);
  const ports = await freeServerPorts(8);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    GATEWAY_PORT: String(ports[0]),
    CATALOG_PORT: String(ports[1]),
    LICENSING_PORT: String(ports[2]),
    PRODUCTS_PORT: String(ports[3]),
    REVENUE_PORT: String(ports[4]),
    EVALUATION_PORT: String(ports[5]),
    DELIVERY_PORT: String(ports[6]),
    PGPORT: String(ports[7]),
    PG_DATA_DIR: join(dir, 'pg'),
  };
  for (const k of ['DATABASE_URL', 'CATALOG_URL', 'LICENSING_URL', 'PRODUCTS_URL', 'REVENUE_URL', 'EVALUATION_URL', 'DELIVERY_URL', 'EXPOSE_SQL_COUNT']) delete env[k];
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  try {
    let reported: number | null = null;
    while (reported === null) {
      const m = /Ready in ([\d.]+) s/.exec(output);
      if (m) reported = Number(m[1]);
      else if (child.exitCode !== null) throw new Error(`pnpm start exited (${child.exitCode}):\n${output.slice(-2000)}`);
      else if (performance.now() - t0 > timeoutMs) throw new Error(`pnpm start not ready in ${timeoutMs / 1000} s:\n${output.slice(-2000)}`);
      else await new Promise((r) => setTimeout(r, 50));
    }
    const wallS = (performance.now() - t0) / 1000;
    const tree = processTree(child.pid!);
    const memory = treeMemory(child.pid!);
    const t1 = performance.now();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
    const stopS = (performance.now() - t1) / 1000;
    return { wallS: Math.round(wallS * 10) / 10, reportedS: reported, processes: tree.length, memory, stopS: Math.round(stopS * 10) / 10 };
  } finally {
    if (child.exitCode === null) {
      for (const pid of processTree(child.pid!).reverse()) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(dir, { recursive: true, force: true });
    void memoryOf;
  }
}
