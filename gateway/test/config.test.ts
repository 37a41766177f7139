/**
 * Configuration is validated as a whole when a process starts (packages/platform/src/config.ts,
 * gateway/src/config.ts): a typo must refuse to start, naming the variable, never switch a
 * protection off; production refuses weak or missing secrets and a missing issuer/audience.
 * The real entry points (gateway, a subgraph, `pnpm start`) are started as processes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, platformConfig, DEV_GATEWAY_SECRET } from '@pdo/platform';
import { gatewayConfig, queryLimitsFromEnv, DEV_JWT_SECRET } from '../src/index.js';
import { configurationTable, CONFIG_BEGIN, CONFIG_END } from '../src/config-doc.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const strong = (c: string) => c.repeat(48);
const PROD_OK = {
  NODE_ENV: 'production',
  JWT_SECRET: strong('j'),
  GATEWAY_HMAC_SECRET: strong('g'),
  JWT_ISSUER: 'https://id.example.gov.cn',
  JWT_AUDIENCE: 'pdo-marketplace',
};

function refusal(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('configuration was accepted');
}

/** Runs an entry point with `env`; resolves with its exit code and output (killed after 60 s: it started). */
function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const k of Object.keys(clean)) if (/^(VITEST|ALLOW_CLOCK_OVERRIDE|EXPOSE_SQL_COUNT|DATABASE_URL)/.test(k) && !(k in env)) delete clean[k];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', entry], { cwd: root, env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('configuration validation', () => {
  it('QUERY_MAX_DEPTH=six refuses, naming the variable (it was NaN: no depth limit)', () => {
    const e = refusal(() => gatewayConfig({ QUERY_MAX_DEPTH: 'six' }));
    expect(e.variables).toEqual(['QUERY_MAX_DEPTH']);
    expect(e.message).toContain('QUERY_MAX_DEPTH');
    expect(e.message).toContain('"six"');
    expect(() => queryLimitsFromEnv({ QUERY_MAX_DEPTH: 'six' })).toThrow(/QUERY_MAX_DEPTH/);
  });

  it('RATE_LIMIT_COST_PER_MINUTE=10k refuses (it never limited)', () => {
    expect(refusal(() => gatewayConfig({ RATE_LIMIT_COST_PER_MINUTE: '10k' })).variables).toEqual(['RATE_LIMIT_COST_PER_MINUTE']);
    expect(() => queryLimitsFromEnv({ RATE_LIMIT_COST_PER_MINUTE: '10k' })).toThrow(/RATE_LIMIT_COST_PER_MINUTE/);
    expect(queryLimitsFromEnv({ RATE_LIMIT_COST_PER_MINUTE: '10000' }).rateLimit).toMatchObject({ costPerMinute: 10_000, burst: 10_000 });
  });

  it('names every bad variable at once, and unknown enum values too', () => {
    const e = refusal(() => gatewayConfig({ NODE_ENV: 'prod', DB_POOL_MAX: '-1', JWT_ALGORITHMS: 'HS256,none', EXPOSE_SQL_COUNT: 'yes', JWT_MAX_LIFETIME: 'forever' }));
    expect(e.variables.sort()).toEqual(['DB_POOL_MAX', 'EXPOSE_SQL_COUNT', 'JWT_ALGORITHMS', 'JWT_MAX_LIFETIME', 'NODE_ENV']);
  });

  it('production refuses the secrets of the attack (JWT_SECRET=a, GATEWAY_HMAC_SECRET=b, no JWT_ISSUER), naming each', () => {
    const e = refusal(() => gatewayConfig({ NODE_ENV: 'production', JWT_SECRET: 'a', GATEWAY_HMAC_SECRET: 'b', JWT_AUDIENCE: 'x' }));
    expect(e.variables.sort()).toEqual(['GATEWAY_HMAC_SECRET', 'JWT_ISSUER', 'JWT_SECRET']);
    // The secrets are never echoed.
    expect(e.message).not.toMatch(/"a"|"b"/);
    expect(refusal(() => platformConfig({ NODE_ENV: 'production', GATEWAY_HMAC_SECRET: 'b' })).variables).toEqual(['GATEWAY_HMAC_SECRET']);
  });

  it('production refuses missing secrets, issuer and audience, the development defaults, and test switches', () => {
    expect(refusal(() => gatewayConfig({ NODE_ENV: 'production' })).variables.sort()).toEqual(['GATEWAY_HMAC_SECRET', 'JWT_AUDIENCE', 'JWT_ISSUER', 'JWT_SECRET']);
    expect(refusal(() => gatewayConfig({ ...PROD_OK, JWT_SECRET: DEV_JWT_SECRET, GATEWAY_HMAC_SECRET: DEV_GATEWAY_SECRET })).variables.sort()).toEqual(['GATEWAY_HMAC_SECRET', 'JWT_SECRET']);
    expect(refusal(() => gatewayConfig({ ...PROD_OK, GATEWAY_HMAC_SECRET: PROD_OK.JWT_SECRET })).variables).toEqual(['GATEWAY_HMAC_SECRET']);
    expect(refusal(() => gatewayConfig({ ...PROD_OK, EXPOSE_SQL_COUNT: '1', ALLOW_CLOCK_OVERRIDE: '1' })).variables.sort()).toEqual(['ALLOW_CLOCK_OVERRIDE', 'EXPOSE_SQL_COUNT']);
  });

  it('accepts a sound production configuration (HS256 or JWKS) and development defaults', () => {
    const c = gatewayConfig(PROD_OK);
    expect(c).toMatchObject({ production: true, jwtIssuer: PROD_OK.JWT_ISSUER, jwtMaxLifetimeSec: 3600 });
    const { JWT_SECRET: _s, ...withoutSecret } = PROD_OK;
    expect(gatewayConfig({ ...withoutSecret, JWT_JWKS_URL: 'https://id.example.gov.cn/.well-known/jwks.json' })).toMatchObject({ jwtSecret: null, jwtAlgorithms: ['RS256', 'ES256'] });
    expect(gatewayConfig({})).toMatchObject({ production: false, jwtSecret: DEV_JWT_SECRET, port: 4000, subgraphUrls: { catalog: 'http://127.0.0.1:4001/graphql' } });
    expect(gatewayConfig({ CATALOG_PORT: '5001', JWT_MAX_LIFETIME: '15m' })).toMatchObject({ subgraphUrls: { catalog: 'http://127.0.0.1:5001/graphql' }, jwtMaxLifetimeSec: 900 });
  });

  it('the gateway entry point refuses to start on QUERY_MAX_DEPTH=six and names it', async () => {
    const r = await run('gateway/src/main.ts', { NODE_ENV: 'development', GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', QUERY_MAX_DEPTH: 'six' });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    expect(r.output).toContain('QUERY_MAX_DEPTH');
  });

  it('the gateway entry point refuses to start in production with weak secrets and no issuer', async () => {
    const r = await run('gateway/src/main.ts', { NODE_ENV: 'production', GATEWAY_PORT: '0', GATEWAY_HOST: '127.0.0.1', JWT_SECRET: 'a', GATEWAY_HMAC_SECRET: 'b', JWT_AUDIENCE: 'x' });
    expect(r.code).not.toBe(0);
    expect(r.code).not.toBeNull();
    for (const v of ['JWT_SECRET', 'GATEWAY_HMAC_SECRET', 'JWT_ISSUER']) expect(r.output).toContain(v);
  });

  it('a subgraph entry point refuses to start in production with a weak GATEWAY_HMAC_SECRET, before touching the database', async () => {
    const r = await run('subgraphs/catalog/src/main.ts', { NODE_ENV: 'production', GATEWAY_HMAC_SECRET: 'b', CATALOG_PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(r.code).toBe(2);
    expect(r.output).toContain('GATEWAY_HMAC_SECRET');
    expect(r.output).not.toMatch(/ECONNREFUSED|not reachable/i);
  });

  it('`pnpm start` refuses to start on RATE_LIMIT_COST_PER_MINUTE=10k before starting PostgreSQL', async () => {
    // A data directory that cannot be created (under a file): if PostgreSQL were started, it would fail differently.
    const file = join(mkdtempSync(join(tmpdir(), 'pdo-config-')), 'not-a-dir');
    writeFileSync(file, '');
    const r = await run('scripts/start.ts', { NODE_ENV: 'development', RATE_LIMIT_COST_PER_MINUTE: '10k', PG_DATA_DIR: join(file, 'pg') });
    expect(r.code).toBe(2);
    expect(r.output).toContain('RATE_LIMIT_COST_PER_MINUTE');
    expect(r.output).not.toContain('PostgreSQL');
  });
});

describe('README Configuration table', () => {
  it('is the one generated from the schema (run `pnpm config:doc` after changing a variable)', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const begin = readme.indexOf(CONFIG_BEGIN);
    const end = readme.indexOf(CONFIG_END);
    expect(begin).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(begin);
    expect(readme.slice(begin + CONFIG_BEGIN.length, end).trim()).toBe(configurationTable());
  });
});
