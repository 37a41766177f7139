/** Child processes of the benchmark (subgraphs, gateways) and their memory. */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Proc {
  name: string;
  child: ChildProcess;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Forks a TypeScript entry (transpiled by swc, as `pnpm start` does) and waits for its `ready` message (BENCH_READY_TIMEOUT_S, default 120). */
export function startProc(name: string, entry: string, env: NodeJS.ProcessEnv, timeoutMs = Number(process.env.BENCH_READY_TIMEOUT_S ?? 120) * 1000): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child = fork(join(ROOT, entry), [], {
      cwd: ROOT,
      env: { LOG_LEVEL: 'warn', ...env },
      // BENCH_CPU_PROF=<dir>: each process writes a V8 CPU profile there when it stops (where the time goes).
      execArgv: ['--import', '@swc-node/register/esm-register', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}/${name}`] : [])],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} was not ready within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m?.type !== 'ready' || !m.port) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve({
        name,
        child,
        port: m.port,
        url: `http://127.0.0.1:${m.port}/graphql`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            // A profiled process writes its profile on exit: several MB, slow on a loaded machine.
            const kill = setTimeout(() => child.kill('SIGKILL'), process.env.BENCH_CPU_PROF ? 60_000 : 5_000);
            child.once('exit', () => {
              clearTimeout(kill);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

export interface Memory {
  /** Resident set now, MiB. */
  rssMiB: number;
  /** Peak resident set (VmHWM), MiB. */
  peakMiB: number;
}

export function memoryOf(pid: number | undefined): Memory | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { rssMiB: Math.round(kb('VmRSS') / 1024), peakMiB: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms (/proc/<pid>/stat counts USER_HZ = 100 ticks a second). */
export function cpuMsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return 0;
  }
}

/** A process and all its descendants (PostgreSQL's backends, `pnpm start`'s children). */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(d)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of parents.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Summed RSS of a process tree (shared pages counted per process, so an upper bound). */
export function treeMemory(root: number): Memory {
  return processTree(root)
    .map((p) => memoryOf(p))
    .reduce<Memory>((a, m) => (m ? { rssMiB: a.rssMiB + m.rssMiB, peakMiB: a.peakMiB + m.peakMiB } : a), { rssMiB: 0, peakMiB: 0 });
}

/** The postmaster's pid of a PostgreSQL listening on `port` on loopback (embedded cluster). */
export function postmasterPid(port: number): number | null {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (/postgres$/.test(cmd[0] ?? '') && cmd.includes(String(port))) return Number(d);
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

/** Busy and total jiffies of all CPUs so far (/proc/stat). */
function cpuJiffies(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * Waits until the machine is quiet: a whole second with the CPUs at most `maxBusy` busy (or
 * `timeoutMs` passed). After the load phase the machine stays busy for several seconds (processes
 * exiting, the kernel reclaiming their memory); a settlement timed then measured that, not itself.
 * Returns how long it waited, in ms.
 */
export async function waitForQuiet(maxBusy = 0.1, timeoutMs = 30_000): Promise<number> {
  const t0 = performance.now();
  let prev = cpuJiffies();
  while (performance.now() - t0 < timeoutMs) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuJiffies();
    const busy = (now.busy - prev.busy) / Math.max(1, now.total - prev.total);
    prev = now;
    if (busy <= maxBusy) break;
  }
  return Math.round(performance.now() - t0);
}
