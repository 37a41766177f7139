import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import {
  ANONYMOUS,
  GATEWAY_ROLE,
  PgNonceStore,
  createSubgraphRuntime,
  ensureGatewayState,
  platformConfig,
  rolePassword,
  roleUrl,
  serveSubgraph,
  signIdentityHeaders,
  type SubgraphRuntime,
} from '@pdo/platform';
import { gatewayConfig, mintToken, startGateway, type RunningGateway } from '../src/index.js';

/**
 * State that must hold across replicas (docs/operations-deploy.md): the subgraphs' replay nonces
 * (REPLAY_STORE=postgres) and the gateway's rate budgets (RATE_LIMIT_STORE=postgres). Each test
 * runs two instances on one database and shows what the in-memory default does instead.
 */
let stack: TestStack;
const extra: { rt: SubgraphRuntime<any>; url: string; close: () => void }[] = [];
const gateways: RunningGateway[] = [];
let supergraphSdl: string;
let gatewayUrl: string;

beforeAll(async () => {
  stack = await startTestStack([licensing, catalog]);
  const composed = composeServices([licensing, catalog].map((d) => ({ name: d.name, typeDefs: parse(stack.runtimes[d.name]!.sdl), url: stack.urls[d.name]! })));
  supergraphSdl = composed.supergraphSdl!;
  // As the migration step does: the gateway's table and its own login role.
  await ensureGatewayState(stack.db.url, { role: true });
  gatewayUrl = roleUrl(stack.db.url, GATEWAY_ROLE, rolePassword(GATEWAY_ROLE)!);
}, 120_000);

afterAll(async () => {
  for (const g of gateways) await g.stop().catch(() => {});
  for (const e of extra) e.close();
  for (const e of extra) await e.rt.orm.close().catch(() => {});
  await stack?.stop();
});

/** Another replica of the catalog subgraph on the same database, with the given nonce store. */
async function catalogReplica(replayStore: 'memory' | 'postgres') {
  const rt = await createSubgraphRuntime(catalog, { databaseUrl: stack.serviceUrls.catalog!, boss: stack.runtimes.catalog!.boss, consume: false, migrate: false, config: { ...platformConfig(), replayStore } });
  const { server, port } = await serveSubgraph(rt, 0);
  const replica = { rt, url: `http://127.0.0.1:${port}/graphql`, close: () => (server.closeAllConnections(), server.close()) };
  extra.push(replica);
  return replica;
}

/** One signed gateway→subgraph request (headers and body), sent as captured to `url`. */
function captured() {
  const body = JSON.stringify({ query: '{ dataResources(first: 1) { totalCount } }' });
  const headers = { 'content-type': 'application/json', ...signIdentityHeaders(ANONYMOUS, platformConfig().gatewaySecret, { audience: 'catalog', method: 'POST', path: '/graphql', body }) };
  return async (url: string) => {
    const res = await fetch(url, { method: 'POST', headers, body });
    const json = (await res.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
    return { status: res.status, code: json.errors?.[0]?.extensions.code ?? 'OK', message: json.errors?.[0]?.message ?? '' };
  };
}

describe('REPLAY_STORE=postgres: replicas of a subgraph share the nonces they accepted', () => {
  it('two instances on one database refuse the second use of one nonce, whichever gets it', async () => {
    const a = await catalogReplica('postgres');
    const b = await catalogReplica('postgres');
    const send = captured();
    expect(await send(a.url)).toMatchObject({ status: 200, code: 'OK' });
    const replay = await send(b.url);
    expect(replay).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect(replay.message).toMatch(/replay/);
    expect(await send(a.url)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('two replicas racing for one nonce: exactly one accepts it', async () => {
    const [a, b] = extra.filter((e) => e.rt.nonces instanceof PgNonceStore);
    for (let round = 0; round < 5; round++) {
      const send = captured();
      const results = await Promise.all([send(a!.url), send(b!.url), send(a!.url), send(b!.url)]);
      expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    }
  });

  it('the in-memory default (one process) does not: each replica accepts the same request once', async () => {
    const c = await catalogReplica('memory');
    const send = captured();
    expect(await send(c.url)).toMatchObject({ status: 200 });
    expect(await send(stack.urls.catalog!)).toMatchObject({ status: 200 });
  });

  it('a nonce whose window has passed may be claimed again; the store is one statement in the subgraph\'s own schema', async () => {
    const store = new PgNonceStore(stack.runtimes.catalog!.orm);
    const nonce = `n-${Date.now()}-expiry-check`;
    expect(await store.claim(nonce, 1_000_030, 1_000_000)).toBe(true);
    expect(await store.claim(nonce, 1_000_030, 1_000_010)).toBe(false);
    expect(await store.claim(nonce, 1_000_090, 1_000_060)).toBe(true);
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    const { rows } = await client.query(`select relpersistence from pg_class where oid = 'catalog.replay_nonce'::regclass`);
    await client.end();
    expect(rows[0].relpersistence).toBe('u');
  });
});

describe('RATE_LIMIT_STORE=postgres: gateway replicas spend from one budget per caller', () => {
  const env = (store: 'memory' | 'postgres'): NodeJS.ProcessEnv => ({
    ...process.env,
    RESPONSE_CACHE_TTL_MS: '0',
    CATALOG_URL: stack.urls.catalog,
    LICENSING_URL: stack.urls.licensing,
    // Refills one unit a minute: within the test only the burst counts.
    RATE_LIMIT_COST_PER_MINUTE: '1',
    RATE_LIMIT_BURST: '12',
    RATE_LIMIT_STORE: store,
    RATE_LIMIT_DATABASE_URL: gatewayUrl,
  });
  const start = async (store: 'memory' | 'postgres') => {
    const g = await startGateway({ port: 0, gatewayHost: '127.0.0.1', supergraphSdl }, env(store));
    gateways.push(g);
    return g;
  };
  const query = '{ dataResources(first: 1) { totalCount } }';
  const ask = async (g: RunningGateway, token?: string) => {
    const res = await fetch(g.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
    const json = (await res.json()) as { errors?: { extensions: { code: string } }[] };
    return json.errors?.[0]?.extensions.code ?? 'OK';
  };

  it('a caller who spent the budget at one gateway is refused at the other; with the in-memory store the other grants a full one', async () => {
    const a = await start('postgres');
    const b = await start('postgres');
    const token = await mintToken(gatewayConfig(), { sub: 'shared-budget-user', role: 'DEVELOPER' });
    let granted = 0;
    while ((await ask(a, token)) === 'OK') if (++granted > 20) throw new Error('the budget never ran out');
    expect(granted).toBeGreaterThan(0);
    expect(await ask(b, token)).toBe('RATE_LIMITED');
    // Another caller still has a budget, at either gateway.
    const other = await mintToken(gatewayConfig(), { sub: 'another-user', role: 'DEVELOPER' });
    expect(await ask(b, other)).toBe('OK');

    const m1 = await start('memory');
    const m2 = await start('memory');
    const t2 = await mintToken(gatewayConfig(), { sub: 'memory-budget-user', role: 'DEVELOPER' });
    let first = 0;
    while ((await ask(m1, t2)) === 'OK') if (++first > 20) throw new Error('the budget never ran out');
    expect(first).toBe(granted);
    expect(await ask(m2, t2)).toBe('OK');
  }, 60_000);

  it('requests racing at two gateways together get exactly the budget, not more', async () => {
    const [a, b] = gateways;
    const token = await mintToken(gatewayConfig(), { sub: 'racing-user', role: 'DEVELOPER' });
    // The budget in requests, measured alone first with another caller.
    const probe = await mintToken(gatewayConfig(), { sub: 'probe-user', role: 'DEVELOPER' });
    let perBudget = 0;
    while ((await ask(a!, probe)) === 'OK') perBudget++;
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => ask(i % 2 ? a! : b!, token)));
    expect(results.filter((r) => r === 'OK')).toHaveLength(perBudget);
    expect(results.filter((r) => r !== 'OK').every((r) => r === 'RATE_LIMITED')).toBe(true);
  }, 60_000);

  it('the gateway\'s role reaches its budget table and nothing of the subgraphs', async () => {
    const client = new pg.Client({ connectionString: gatewayUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`select count(*)::int as n from gateway_state.rate_budget`);
      expect(rows[0].n).toBeGreaterThan(0);
      // Keys are digests: no user id or address in the table.
      const keys = await client.query(`select key from gateway_state.rate_budget`);
      expect(keys.rows.some((r) => /user|127\.0\.0\.1/.test(r.key))).toBe(false);
      for (const statement of ['select 1 from catalog.audit_log limit 1', 'select 1 from licensing.replay_nonce limit 1', 'select 1 from pgboss.job limit 1', 'create table gateway_state.intruder (x int)']) {
        await expect(client.query(statement), statement).rejects.toThrow(/permission denied/);
      }
    } finally {
      await client.end();
    }
  });

  it('RATE_LIMIT_STORE is validated: an unknown store or a postgres store without a URL refuses to start, naming the variable', async () => {
    expect(() => gatewayConfig({ RATE_LIMIT_STORE: 'redis' })).toThrow(/RATE_LIMIT_STORE/);
    expect(() => gatewayConfig({ RATE_LIMIT_STORE: 'postgres' })).toThrow(/RATE_LIMIT_DATABASE_URL/);
    expect(() => platformConfig({ REPLAY_STORE: 'disk' })).toThrow(/REPLAY_STORE/);
    // A gateway that may not create the table (MIGRATE_ON_START=0) refuses to start without it.
    const client = new pg.Client({ connectionString: stack.db.url });
    await client.connect();
    await client.query('create database pdo_no_state');
    await client.end();
    const empty = new URL(stack.db.url);
    empty.pathname = '/pdo_no_state';
    await expect(startGateway({ port: 0, gatewayHost: '127.0.0.1', supergraphSdl }, { ...env('postgres'), MIGRATE_ON_START: '0', RATE_LIMIT_DATABASE_URL: empty.toString() })).rejects.toThrow(/migration step/);
    const admin = new pg.Client({ connectionString: stack.db.url });
    await admin.connect();
    await admin.query('drop database pdo_no_state with (force)');
    await admin.end();
  });
});
