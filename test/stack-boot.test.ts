/**
 * Boots the real entry point (`scripts/start.ts`: embedded PostgreSQL, the five subgraphs on their
 * own ports, the gateway) exactly as `pnpm start` does, on free ports, and runs a query through the gateway
 * that crosses two subgraphs. Then stops it with SIGTERM and checks nothing is left listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { demoLoads } from '@pdo/delivery';
import { freeServerPorts, portInUse } from '@pdo/platform';
import { DEMO_ORGS } from '@pdo/demo';

const root = fileURLToPath(new URL('..', import.meta.url));
let child: ChildProcess;
let output = '';
let gatewayPort: number;
let ports: number[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'pdo-boot-'));
chmodSync(dataDir, 0o755);

beforeAll(async () => {
  ports = await freeServerPorts(8);
  gatewayPort = ports[0]!;
  const env = {
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
    PG_DATA_DIR: join(dataDir, 'pg'),
  };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  delete (env as Record<string, string | undefined>).CATALOG_URL;
  child = spawn(process.execPath, ['--import', '@swc-node/register/esm-register', 'scripts/start.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 90_000;
  while (!output.includes('Press Ctrl-C')) {
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`start not ready in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('pnpm start (real entry points)', () => {
  it('prints the gateway URL and a token per demo role', () => {
    expect(output).toContain(`http://localhost:${gatewayPort}/graphql`);
    for (const role of ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'OPERATOR', 'DEVELOPER', 'FINANCE', 'EXPERT']) expect(output).toContain(role);
  });

  it('answers a federated query crossing catalog and licensing with demo data', async () => {
    const res = await fetch(`http://localhost:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ dataResources(first: 3) { totalCount edges { node { code nameZh sourceAgency { id name } } } } }' }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.dataResources.totalCount).toBeGreaterThan(0);
    const agency = body.data.dataResources.edges[0].node.sourceAgency;
    expect(agency.name).toBe(DEMO_ORGS.find((o) => o.id === agency.id)?.nameZh);
  });

  it('runs each subgraph as its own database role and pg-boss as the queue role; the owner is used only to migrate', async () => {
    const c = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${ports[7]}/pdo` });
    await c.connect();
    try {
      // Every subgraph's pool has served the health checks and the query above.
      await fetch(`http://localhost:${gatewayPort}/health`);
      const rows = (await c.query<{ u: string }>(`select distinct usename as u from pg_stat_activity where datname = 'pdo' and pid <> pg_backend_pid() and backend_type = 'client backend' order by 1`)).rows;
      expect(rows.map((r) => r.u)).toEqual(['pdo_catalog', 'pdo_delivery', 'pdo_evaluation', 'pdo_licensing', 'pdo_products', 'pdo_queue', 'pdo_revenue']);
    } finally {
      await c.end();
    }
  });

  it('seeds the demo raw data: a batch per loaded demo resource, and the catalog counts its rows', async () => {
    const c = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${ports[7]}/pdo` });
    await c.connect();
    try {
      const batches = (await c.query<{ n: string; rows: string }>(`select count(*)::text as n, sum(row_count)::text as rows from delivery.load_batch where status = 'CURRENT'`)).rows[0]!;
      // One load per resource a demo product reads (and the weather stations), as delivery's demo data makes them.
      const loads = demoLoads();
      const rows = loads.reduce((a, l) => a + l.content.trim().split('\n').length - (l.format === 'CSV' ? 1 : 0), 0);
      expect(batches).toEqual({ n: String(loads.length), rows: String(rows) });
      const inRaw = (await c.query<{ n: string }>(`select count(*)::text as n from raw.r_hn_sj_0001_v1`)).rows[0]!;
      expect(inRaw.n).toBe('800');
    } finally {
      await c.end();
    }
  });

  it('reports every subgraph healthy', async () => {
    const res = await fetch(`http://localhost:${gatewayPort}/health`);
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(Object.values(body.subgraphs)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
  });

  it('SIGTERM stops every process and PostgreSQL: no port is left open', async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    for (const p of ports) expect(await portInUse(p)).toBe(false);
  });
});
