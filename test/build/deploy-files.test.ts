/**
 * compose.yaml and the Dockerfile, checked without Docker (docs/operations-deploy.md): they name
 * the built entry points, configure only variables the configuration schema declares, keep every
 * secret out of the file, order the start (PostgreSQL → migration step → subgraphs → gateway), and
 * ship every workspace package the services load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { PLATFORM_ENV } from '@pdo/platform';
import { GATEWAY_ENV } from '../../gateway/src/config.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SUBGRAPHS = ['catalog', 'licensing', 'products', 'revenue', 'evaluation', 'delivery'] as const;
const PORTS = { catalog: 4001, licensing: 4002, products: 4003, revenue: 4004, evaluation: 4005, delivery: 4006 } as const;

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  networks?: string[];
}
const compose = yaml.load(readFileSync(join(root, 'compose.yaml'), 'utf8')) as { services: Record<string, Service>; networks: Record<string, { internal?: boolean }> };
const services = compose.services;
const ours = Object.entries(services).filter(([name]) => name !== 'postgres');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const declared = new Set([...Object.keys(PLATFORM_ENV), ...Object.keys(GATEWAY_ENV)]);
const secretVars = new Set(
  [...Object.entries(PLATFORM_ENV), ...Object.entries(GATEWAY_ENV)].filter(([, v]) => (v as { secret?: boolean }).secret).map(([name]) => name),
);

/** `pdo-dist` targets of a workspace package's exports. */
function distTargets(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  return Object.values(pkg.exports as Record<string, Record<string, string> | string>).flatMap((e) => (typeof e === 'string' ? [] : [e['pdo-dist']!]));
}

/** Workspace packages a runtime package loads, transitively (production dependencies only). */
function workspaceClosure(start: string[]): Set<string> {
  const dirs = new Map<string, string>();
  for (const base of ['gateway', ...SUBGRAPHS.map((s) => `subgraphs/${s}`), ...['platform', 'policy', 'events', 'demo', 'registration', 'migrate', 'testing', 'bench', 'console'].map((p) => `packages/${p}`)]) {
    dirs.set(JSON.parse(readFileSync(join(root, base, 'package.json'), 'utf8')).name, base);
  }
  const seen = new Set<string>();
  const visit = (name: string) => {
    const dir = dirs.get(name);
    if (!dir || seen.has(dir)) return;
    seen.add(dir);
    const deps = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).dependencies ?? {};
    for (const dep of Object.keys(deps)) if (dep.startsWith('@pdo/')) visit(dep);
  };
  start.forEach(visit);
  return seen;
}

describe('compose.yaml', () => {
  it('runs PostgreSQL, the migration step, every subgraph and the gateway as separate services of one image', () => {
    expect(Object.keys(services).sort()).toEqual(['catalog', 'delivery', 'evaluation', 'gateway', 'licensing', 'migrate', 'postgres', 'products', 'revenue']);
    expect(services.postgres!.image).toMatch(/^postgres:\d+/);
    const images = new Set(ours.map(([, s]) => s.image));
    expect(images.size).toBe(1);
    expect(services.migrate!.command).toEqual(['packages/migrate/dist/main.js']);
    expect(services.gateway!.command).toEqual(['gateway/dist/main.js']);
    for (const s of SUBGRAPHS) expect(services[s]!.command).toEqual([`subgraphs/${s}/dist/main.js`]);
  });

  it('every command is an entry point the build emits (tsconfig.build.json covers it)', () => {
    const built = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8')).references.map((r: { path: string }) => r.path.replace(/\/tsconfig\.build\.json$/, ''));
    for (const [name, s] of ours) {
      const entry = s.command![0]!;
      const pkg = entry.replace(/\/dist\/main\.js$/, '');
      expect(built, name).toContain(pkg);
      expect(existsSync(join(root, pkg, 'src/main.ts')), `${name}: ${pkg}/src/main.ts`).toBe(true);
    }
  });

  it('starts in order: PostgreSQL healthy → migration completed → subgraphs healthy → gateway', () => {
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const s of SUBGRAPHS) expect(services[s]!.depends_on, s).toEqual({ migrate: { condition: 'service_completed_successfully' } });
    expect(services.gateway!.depends_on).toEqual(Object.fromEntries(SUBGRAPHS.map((s) => [s, { condition: 'service_healthy' }])));
    for (const [name, s] of Object.entries(services)) if (name !== 'migrate') expect(s.healthcheck, name).toBeDefined();
  });

  it('configures only declared variables, and every secret comes from the environment, never the file', () => {
    for (const [name, s] of ours) {
      for (const [variable, value] of Object.entries(s.environment ?? {})) {
        expect(declared.has(variable), `${name}: ${variable} is not in the configuration schema`).toBe(true);
        if (/DATABASE_URL$/.test(variable)) expect(value, `${name}: ${variable}`).toMatch(/^postgres:\/\/[a-z_]+:\$\{[A-Z_]+:\?[^}]*\}@/);
        else if (secretVars.has(variable) || variable === 'JWT_SECRET') expect(value, `${name}: ${variable}`).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
      }
    }
    expect(services.postgres!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
  });

  it('subgraphs do not migrate, connect as their own role (the password the migration step sets), and seed only on request', () => {
    const migrateEnv = services.migrate!.environment!;
    expect(migrateEnv.MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/pdo_owner:/);
    for (const s of SUBGRAPHS) {
      const env = services[s]!.environment!;
      expect(env.MIGRATE_ON_START, s).toBe('0');
      expect(env.SEED_DEMO, s).toBe('${SEED_DEMO:-0}');
      expect(env.DATABASE_URL, s).toMatch(new RegExp(`^postgres://pdo_${s}:`));
      expect(env.MIGRATION_DATABASE_URL, s).toBeUndefined();
      expect(migrateEnv[`${s.toUpperCase()}_DATABASE_URL`], s).toBe(env.DATABASE_URL);
      expect(env[`${s.toUpperCase()}_PORT`], s).toBe(String(PORTS[s]));
      expect(services[s]!.healthcheck!.test.join(' '), s).toContain(`http://127.0.0.1:${PORTS[s]}/health`);
      expect(services.gateway!.environment![`${s.toUpperCase()}_URL`]).toBe(`http://${s}:${PORTS[s]}/graphql`);
    }
    expect(services.gateway!.environment!.DATABASE_URL).toBeUndefined();
  });

  it('only the gateway publishes a port; PostgreSQL and the subgraphs sit on an internal network', () => {
    expect(compose.networks.backend!.internal).toBe(true);
    for (const [name, s] of Object.entries(services)) {
      if (name === 'gateway') expect(s.ports).toHaveLength(1);
      else {
        expect(s.ports, name).toBeUndefined();
        expect(s.networks, name).toEqual(['backend']);
      }
    }
  });
});

describe('Dockerfile', () => {
  const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
  it('runs as a non-root user with node as the entry point, resolving workspace packages to their dist/', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "--conditions=pdo-dist"/m);
    expect(runtime).toMatch(/^CMD \["gateway\/dist\/main\.js"\]$/m);
    expect(runtime).toMatch(/^ENV NODE_ENV=production$/m);
    // Only the assembled tree reaches the runtime stage: no sources, no compiler.
    expect(runtime.match(/^COPY .*$/gm)).toEqual(['COPY --from=build /out/ /app/']);
  });

  it('ships every workspace package the gateway and the migration step load, each with its dist/ entry points', () => {
    const shipped = /for p in ([^;]+); do/.exec(dockerfile)![1]!.replace(/\\\n/g, ' ').trim().split(/\s+/);
    const needed = workspaceClosure(['@pdo/gateway', '@pdo/migrate']);
    needed.delete('packages/testing');
    expect([...needed].sort()).toEqual([...shipped].sort());
    for (const dir of shipped) for (const target of distTargets(dir)) expect(target, dir).toMatch(/^\.\/dist\/.+\.js$/);
    expect(dockerfile).toContain('--filter "@pdo/gateway..." --filter "@pdo/migrate..."');
  });
});
