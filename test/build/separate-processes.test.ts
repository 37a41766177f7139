/**
 * The production build, run the way a deployment runs it (docs/operations-deploy.md): `pnpm build`
 * output only (plain `node --conditions=pdo-dist`, no TypeScript loader), every service its own OS
 * process configured by environment variables alone, `NODE_ENV=production` with strong secrets,
 * the migration step as its own process (the owner), and each service as its own database role
 * (MIGRATE_ON_START=0). Then a journey through the gateway, and a clean stop.
 *
 * The build is `tsc -b` (incremental): a no-op when dist/ is up to date, so `pnpm test` stays one
 * command.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freeServerPorts, portInUse, startEmbeddedPostgres, type EmbeddedDatabase } from '@pdo/platform';
import { mintToken } from '@pdo/gateway';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// PDO_BUILD_ROOT: run an assembled runtime tree instead (the Dockerfile's /out, copied out of an
// image or assembled by hand) — the same test against what the image holds. Unset: this checkout.
const builtTree = process.env.PDO_BUILD_ROOT;
const root = builtTree ?? repo;
const require = createRequire(import.meta.url);
const SUBGRAPHS = ['catalog', 'licensing', 'products', 'revenue', 'evaluation', 'delivery'] as const;
type Name = (typeof SUBGRAPHS)[number] | 'gateway';
const ENTRY: Record<Name, string> = {
  gateway: 'gateway/dist/main.js',
  ...(Object.fromEntries(SUBGRAPHS.map((s) => [s, `subgraphs/${s}/dist/main.js`])) as Record<(typeof SUBGRAPHS)[number], string>),
};
const MIGRATE = 'packages/migrate/dist/main.js';

const secret = () => randomBytes(48).toString('base64');
const secrets = {
  GATEWAY_HMAC_SECRET: secret(),
  JWT_SECRET: secret(),
  AUDIT_CHAIN_KEY: secret(),
  AUDIT_SIGNING_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_SECRET_KEY: secret(),
  INTEGRITY_DIGEST_KEY: secret(),
};
const jwt = { jwtSecret: secrets.JWT_SECRET, jwtIssuer: 'https://idp.example.gov.cn', jwtAudience: 'pdo-production-test', jwtMaxLifetimeSec: 900 };
const passwords = Object.fromEntries(SUBGRAPHS.map((s) => [s, randomBytes(24).toString('hex')])) as Record<(typeof SUBGRAPHS)[number], string>;

let db: EmbeddedDatabase;
let ownerUrl: string;
let ports: Record<Name, number>;
const dataDir = mkdtempSync(join(tmpdir(), 'pdo-build-'));
// initdb runs as the postgres user when the tests run as root.
chmodSync(dataDir, 0o755);
const children = new Map<Name, { child: ChildProcess; output: () => string }>();

const serviceUrl = (s: (typeof SUBGRAPHS)[number]) => {
  const u = new URL(ownerUrl);
  u.username = `pdo_${s}`;
  u.password = passwords[s];
  return u.toString();
};

/** Only what a container would get: no test switches from the vitest process leak in. */
function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...extra };
}

/** `node --conditions=pdo-dist <entry>`: the built JavaScript, resolved through the packages' `pdo-dist` exports. */
function startNode(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): { child: ChildProcess; output: () => string } {
  let out = '';
  const child = spawn(process.execPath, ['--conditions=pdo-dist', '--enable-source-maps', entry, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  return { child, output: () => out };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function runToEnd(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): Promise<{ code: number | null; output: string }> {
  const p = startNode(entry, env, args);
  const code = await exited(p.child);
  return { code, output: p.output() };
}

function migrateEnv(): NodeJS.ProcessEnv {
  return productionEnv({
    MIGRATION_DATABASE_URL: ownerUrl,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase()}_DATABASE_URL`, serviceUrl(s)])),
  });
}

function subgraphEnv(s: (typeof SUBGRAPHS)[number]): NodeJS.ProcessEnv {
  return productionEnv({
    DATABASE_URL: serviceUrl(s),
    MIGRATE_ON_START: '0',
    [`${s.toUpperCase()}_PORT`]: String(ports[s]),
    SUBGRAPH_HOST: '127.0.0.1',
    GATEWAY_HMAC_SECRET: secrets.GATEWAY_HMAC_SECRET,
    AUDIT_CHAIN_KEY: secrets.AUDIT_CHAIN_KEY,
    AUDIT_SIGNING_KEY: secrets.AUDIT_SIGNING_KEY,
    ...(s === 'delivery' ? { WEBHOOK_SECRET_KEY: secrets.WEBHOOK_SECRET_KEY } : {}),
    ...(s === 'licensing' ? { INTEGRITY_DIGEST_KEY: secrets.INTEGRITY_DIGEST_KEY } : {}),
  });
}

function gatewayEnv(): NodeJS.ProcessEnv {
  return productionEnv({
    GATEWAY_PORT: String(ports.gateway),
    GATEWAY_HOST: '127.0.0.1',
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.toUpperCase()}_URL`, `http://127.0.0.1:${ports[s]}/graphql`])),
    GATEWAY_HMAC_SECRET: secrets.GATEWAY_HMAC_SECRET,
    JWT_SECRET: secrets.JWT_SECRET,
    JWT_ISSUER: jwt.jwtIssuer,
    JWT_AUDIENCE: jwt.jwtAudience,
    JWT_MAX_LIFETIME: '15m',
    // The gateway's configuration schema requires the audit keys in production too (it shares the platform's).
    AUDIT_CHAIN_KEY: secrets.AUDIT_CHAIN_KEY,
    AUDIT_SIGNING_KEY: secrets.AUDIT_SIGNING_KEY,
  });
}

async function waitHealthy(name: Name): Promise<void> {
  const { child, output } = children.get(name)!;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${output()}`);
    const ok = await fetch(`http://127.0.0.1:${ports[name]}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${name} not healthy in time:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function gql(query: string, token?: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${ports.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return res.json();
}

beforeAll(async () => {
  // `pnpm build`, incrementally (a no-op when dist/ is current).
  if (!builtTree) await promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'], { cwd: repo }).catch((e: { stdout?: string; message: string }) => {
    throw new Error(`pnpm build failed:\n${e.stdout ?? e.message}`);
  });
  const [pgPort, gateway, ...subgraphPorts] = await freeServerPorts(2 + SUBGRAPHS.length);
  ports = { gateway: gateway!, ...(Object.fromEntries(SUBGRAPHS.map((s, i) => [s, subgraphPorts[i]!])) as Record<(typeof SUBGRAPHS)[number], number>) };
  db = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port: pgPort, ephemeral: true });
  ownerUrl = db.url;
}, 300_000);

afterAll(async () => {
  for (const { child } of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
  await db?.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

describe('production build: separate processes', () => {
  it('pnpm build emitted JavaScript for every entry point and nothing resolves to TypeScript', async () => {
    for (const entry of [...Object.values(ENTRY), MIGRATE]) expect(existsSync(join(root, entry)), entry).toBe(true);
    // The built entry's imports of workspace packages resolve to their dist/ under the pdo-dist condition.
    const probe = await promisify(execFile)(process.execPath, ['--conditions=pdo-dist', '-e', "for (const p of ['@pdo/platform','@pdo/policy','@pdo/events','@pdo/demo','@pdo/catalog','@pdo/gateway','@pdo/migrate']) console.log(import.meta.resolve(p))", '--input-type=module'], { cwd: root });
    const resolved = probe.stdout.trim().split('\n');
    expect(resolved).toHaveLength(7);
    for (const url of resolved) expect(url).toMatch(/\/dist\/index\.js$/);
  });

  it('the migration step migrates every schema and creates the roles as the owner, and a second run changes nothing', async () => {
    const first = await runToEnd(MIGRATE, migrateEnv());
    expect(first.code, first.output).toBe(0);
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    try {
      const roles = (await c.query<{ r: string }>(`select rolname as r from pg_roles where rolname like 'pdo\\_%' order by 1`)).rows.map((r) => r.r);
      expect(roles).toEqual(['pdo_catalog', 'pdo_delivery', 'pdo_evaluation', 'pdo_gateway', 'pdo_licensing', 'pdo_products', 'pdo_queue', 'pdo_raw_loader', 'pdo_raw_owner', 'pdo_revenue']);
      // The gateway's shared rate budgets (RATE_LIMIT_STORE=postgres): its table, and its role's rights on it only.
      const grants = await c.query<{ t: string; p: string }>(`select table_schema || '.' || table_name as t, privilege_type as p from information_schema.role_table_grants where grantee = 'pdo_gateway' order by 1, 2`);
      expect(grants.rows).toEqual(['DELETE', 'INSERT', 'SELECT', 'UPDATE'].map((p) => ({ t: 'gateway_state.rate_budget', p })));
      const counts = await c.query<{ s: string; n: string }>(
        SUBGRAPHS.map((s) => `select '${s}' as s, count(*)::text as n from ${s}.schema_migrations`).join(' union all '),
      );
      for (const row of counts.rows) expect(Number(row.n), row.s).toBeGreaterThan(1);
      const second = await runToEnd(MIGRATE, migrateEnv());
      expect(second.code, second.output).toBe(0);
      const again = await c.query<{ s: string; n: string }>(SUBGRAPHS.map((s) => `select '${s}' as s, count(*)::text as n from ${s}.schema_migrations`).join(' union all '));
      expect(again.rows).toEqual(counts.rows);
    } finally {
      await c.end();
    }
  });

  it('the migration step refuses a service URL that names another role, and a production run without an owner URL', async () => {
    const wrong = await runToEnd(MIGRATE, { ...migrateEnv(), CATALOG_DATABASE_URL: serviceUrl('revenue') });
    expect(wrong.code).toBe(2);
    expect(wrong.output).toContain('CATALOG_DATABASE_URL: its user must be pdo_catalog');
    const none = await runToEnd(MIGRATE, productionEnv({}));
    expect(none.code).toBe(2);
    expect(none.output).toContain('MIGRATION_DATABASE_URL');
  });

  it('with MIGRATE_ON_START=0 a subgraph does not migrate: it refuses to start on a schema missing a migration', async () => {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    try {
      const last = (await c.query(`select * from licensing.schema_migrations order by id desc limit 1`)).rows[0];
      await c.query(`delete from licensing.schema_migrations where id = $1`, [last.id]);
      try {
        const run = await runToEnd(ENTRY.licensing, subgraphEnv('licensing'));
        expect(run.code).toBe(1);
        expect(run.output).toContain(`schema "licensing" is not migrated (pending: ${last.name}`);
        // It did not apply the migration itself.
        expect((await c.query(`select 1 from licensing.schema_migrations where name = $1`, [last.name])).rowCount).toBe(0);
      } finally {
        await c.query(`insert into licensing.schema_migrations (id, name, executed_at) values ($1, $2, $3)`, [last.id, last.name, last.executed_at]);
      }
    } finally {
      await c.end();
    }
  });

  it('every subgraph and the gateway start as separate processes from dist/ and report healthy', async () => {
    for (const s of SUBGRAPHS) children.set(s, startNode(ENTRY[s], subgraphEnv(s)));
    await Promise.all(SUBGRAPHS.map((s) => waitHealthy(s)));
    children.set('gateway', startNode(ENTRY.gateway, gatewayEnv()));
    await waitHealthy('gateway');
    const health = await (await fetch(`http://127.0.0.1:${ports.gateway}/health`)).json();
    expect(Object.values(health.subgraphs)).toEqual(SUBGRAPHS.map(() => 'ok'));
  }, 240_000);

  it('a journey through the gateway: anonymous marketplace and catalog, a signed-in mutation, its event in another subgraph', async () => {
    const anonymous = await gql(`{ productMarketplace(first: 5) { totalCount facets { form { value count } } } catalogSearch(first: 5) { totalCount } }`);
    expect(anonymous.errors).toBeUndefined();
    // Production never seeds the demo world.
    expect(anonymous.data).toMatchObject({ productMarketplace: { totalCount: 0 }, catalogSearch: { totalCount: 0 } });

    const authority = await mintToken(jwt, { sub: 'prod-authority', role: 'AUTHORITY', jurisdiction: 'HN' });
    const signed = await gql(`mutation { catalogSignAuditCheckpoint { subgraph seq algorithm publicKey } }`, authority);
    expect(signed.errors).toBeUndefined();
    expect(signed.data.catalogSignAuditCheckpoint).toMatchObject({ subgraph: 'catalog', algorithm: 'Ed25519' });

    // The checkpoint crosses to evaluation through the queue (catalog publishes, evaluation consumes).
    const deadline = Date.now() + 60_000;
    let feed: any;
    for (;;) {
      feed = await gql(`{ disclosures(jurisdiction: "NATIONAL", kinds: [AUDIT_CHECKPOINT], first: 5) { totalCount edges { node { facts { key value } } } } }`);
      expect(feed.errors).toBeUndefined();
      if (feed.data.disclosures.totalCount > 0 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(feed.data.disclosures.totalCount).toBe(1);
    expect(feed.data.disclosures.edges[0].node.facts).toContainEqual({ key: 'publicKey', value: signed.data.catalogSignAuditCheckpoint.publicKey });

    const developer = await mintToken(jwt, { sub: 'prod-developer', role: 'DEVELOPER', org: '00000000-0000-4000-8000-000000000001', jurisdiction: 'HN' });
    const mine = await gql(`{ usageAgreements(first: 5) { totalCount } }`, developer);
    expect(mine.errors).toBeUndefined();
    expect(mine.data.usageAgreements.totalCount).toBe(0);

    // A token signed with another key is refused.
    const forged = await mintToken({ ...jwt, jwtSecret: secret() }, { sub: 'x', role: 'AUTHORITY', jurisdiction: 'HN' });
    expect((await gql(`{ usageAgreements(first: 1) { totalCount } }`, forged)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('the services hold only their own roles; no process connects as the owner', async () => {
    const c = new pg.Client({ connectionString: ownerUrl });
    await c.connect();
    try {
      const rows = (await c.query<{ u: string }>(`select distinct usename as u from pg_stat_activity where datname = 'pdo' and pid <> pg_backend_pid() and backend_type = 'client backend' order by 1`)).rows;
      // pg-boss connects as the service's role too and acts as pdo_queue (SET ROLE at connect).
      expect(rows.map((r) => r.u)).toEqual(['pdo_catalog', 'pdo_delivery', 'pdo_evaluation', 'pdo_licensing', 'pdo_products', 'pdo_revenue']);
    } finally {
      await c.end();
    }
  });

  it('SIGTERM stops every process cleanly (exit 0) and frees its port', async () => {
    const all = [...children.entries()];
    for (const [, { child }] of all) child.kill('SIGTERM');
    const codes = await Promise.all(all.map(([, { child }]) => exited(child)));
    expect(Object.fromEntries(all.map(([name], i) => [name, codes[i]]))).toEqual(Object.fromEntries(all.map(([name]) => [name, 0])));
    for (const [name] of all) expect(await portInUse(ports[name])).toBe(false);
  });
});
