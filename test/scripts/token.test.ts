/**
 * scripts/token.ts from the command line: --help prints the usage (exit 0) and a wrong option is a
 * usage error (exit 2) — never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/token.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'development' },
    timeout: 60_000,
  });
const STACK = /\n\s+at .+\(.+:\d+:\d+\)|ERR_PARSE_ARGS/;

describe('pnpm run token', () => {
  it('--help and -h print the usage, exit 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = run(flag);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain('Usage: pnpm run token <demo-user>');
      expect(r.stdout).toContain('--ttl');
      expect(`${r.stdout}${r.stderr}`).not.toMatch(STACK);
    }
  });
  it('an unknown option is a usage error, exit 2, without a stack trace', () => {
    const r = run('--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--bogus'");
    expect(r.stderr).toContain('Usage: pnpm run token');
    expect(r.stderr).not.toMatch(STACK);
  });
  it('still mints a token for a demo user', () => {
    const r = run('operator');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('.')).toHaveLength(3);
  });
});
