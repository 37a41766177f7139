/**
 * What an operator sees (docs/operations.md): `/healthz` and `/readyz` on the gateway and every
 * subgraph port, Prometheus `/metrics` that parse and move with requests, and one access-log line
 * per request without the caller's token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@pdo/platform';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { startTestStack, type TestStack } from '@pdo/testing';
import { mintToken } from '../src/index.js';
import { gatewayConfig } from '../src/config.js';

const lines: Record<string, unknown>[] = [];
const log = createLogger('test', { level: 'info', stream: { write: (s: string) => void lines.push(JSON.parse(s)) } });

let stack: TestStack;
let gatewayBase: string;
const base = (name: 'catalog' | 'licensing') => stack.urls[name]!.replace(/\/graphql$/, '');
// Restarting needs our own embedded cluster; a shared server from DATABASE_URL is not ours to bounce.
const external = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  stack = await startTestStack([catalog, licensing], { gateway: true, restartableDatabase: !external, log, gatewayEnv: { METRICS_ENABLED: '1' } });
  gatewayBase = stack.gateway!.url.replace(/\/graphql$/, '');
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 30_000);

/** A small parser of the Prometheus text format: `name{labels} value` lines, HELP/TYPE comments checked. */
function parsePrometheus(text: string): { name: string; labels: Record<string, string>; value: number }[] {
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
      if (!m) throw new Error(`bad comment line: ${line}`);
      if (m[1] === 'TYPE') {
        expect(['counter', 'gauge', 'histogram', 'summary', 'untyped']).toContain(m[3]);
        typed.add(m[2]!);
      }
      continue;
    }
    // Values as Prometheus reads them (Go's ParseFloat: NaN and Inf in any case; prom-client writes `Nan`).
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.eE+-]+|[Nn][Aa][Nn]|[+-]?[Ii]nf)$/.exec(line);
    if (!m) throw new Error(`bad sample line: ${line}`);
    const labels: Record<string, string> = {};
    if (m[2]) {
      const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/gy;
      let consumed = 0;
      for (let l = re.exec(m[2]); l; l = re.exec(m[2])) {
        labels[l[1]!] = l[2]!;
        consumed = re.lastIndex;
      }
      if (consumed !== m[2].length) throw new Error(`bad labels: ${m[2]}`);
    }
    const family = m[1]!.replace(/_(bucket|sum|count|total)$/, '');
    if (!typed.has(m[1]!) && !typed.has(family)) throw new Error(`sample without TYPE: ${m[1]}`);
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(url: string) {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return parsePrometheus(await res.text());
}

function value(samples: ReturnType<typeof parsePrometheus>, name: string, labels: Record<string, string> = {}): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);
}

const QUERY = '{ dataResources(first: 3) { totalCount edges { node { code } } } }';

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(stack.gateway!.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('health and readiness', () => {
  it('/healthz answers 200 on the gateway and on each subgraph port', async () => {
    for (const [url, service] of [[gatewayBase, 'gateway'], [base('catalog'), 'catalog'], [base('licensing'), 'licensing']] as const) {
      const res = await fetch(`${url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', service });
    }
  });

  it('/readyz lists each check: database, migrations and consumers on a subgraph; supergraph and subgraphs on the gateway', async () => {
    const sub = await fetch(`${base('licensing')}/readyz`);
    const subBody = (await sub.json()) as any;
    expect(sub.status, JSON.stringify(subBody)).toBe(200);
    expect(subBody.checks).toEqual({ database: { status: 'ok' }, migrations: { status: 'ok' }, eventConsumers: { status: 'ok' } });
    const gw = await fetch(`${gatewayBase}/readyz`);
    const gwBody = (await gw.json()) as any;
    expect(gw.status, JSON.stringify(gwBody)).toBe(200);
    expect(gwBody.checks.supergraph).toEqual({ status: 'ok' });
    expect(gwBody.checks['subgraph:catalog']).toEqual({ status: 'ok' });
    // `/health` stays as an alias.
    expect((await fetch(`${gatewayBase}/health`)).status).toBe(200);
  });

  it('a storm of /readyz on the gateway does not become a storm on the subgraphs', async () => {
    const probes = async () => value(await scrape(base('catalog')), 'pdo_http_requests_total', { route: 'readyz' });
    const before = await probes();
    const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${gatewayBase}/readyz`).then((r) => r.status)));
    expect(answers.every((s) => s === 200)).toBe(true);
    // Answers are shared for a second: 40 probes cost the subgraph a handful, not 40.
    expect(await probes() - before).toBeLessThan(10);
  });

  it.skipIf(external)('/readyz turns 503 while PostgreSQL is down and 200 when it is back', async () => {
    const poll = async (url: string, want: number, deadlineMs: number) => {
      const until = Date.now() + deadlineMs;
      for (;;) {
        const res = await fetch(url);
        const body = (await res.json()) as any;
        if (res.status === want) return body;
        if (Date.now() > until) throw new Error(`${url} still ${res.status} after ${deadlineMs} ms: ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    // PostgreSQL goes away for 4 s: stop, wait, start again on the same port and data.
    const restart = stack.db.restart!(4_000);
    const down = await poll(`${base('catalog')}/readyz`, 503, 10_000);
    expect(down.status).toBe('unavailable');
    expect(down.checks.database.status).toBe('fail');
    // No PostgreSQL text (it may name hosts) in the answer.
    expect(JSON.stringify(down)).not.toMatch(/127\.0\.0\.1|password|postgres:\/\//);
    const gwDown = await poll(`${gatewayBase}/readyz`, 503, 10_000);
    expect(gwDown.checks['subgraph:catalog'].status).toBe('fail');
    // Alive all along: the process answers.
    expect((await fetch(`${base('catalog')}/healthz`)).status).toBe(200);
    await restart;
    const up = await poll(`${base('catalog')}/readyz`, 200, 20_000);
    expect(up.checks.database).toEqual({ status: 'ok' });
    await poll(`${gatewayBase}/readyz`, 200, 20_000);
  });
});

describe('Prometheus metrics', () => {
  it('the gateway and a subgraph serve Prometheus text whose counters move with requests', async () => {
    const gwBefore = await scrape(gatewayBase);
    const subBefore = await scrape(base('catalog'));
    // The client's operation name is not a label: the root field from the schema is.
    const ok = await post({ query: `query AnyNameAtAll ${QUERY}` });
    expect(ok.body.errors).toBeUndefined();
    const refused = await post({ query: QUERY }, { authorization: 'Bearer not-a-token' });
    expect(refused.status).toBe(401);
    const gwAfter = await scrape(gatewayBase);
    const subAfter = await scrape(base('catalog'));

    const moved = (before: typeof gwBefore, after: typeof gwBefore, name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
    expect(moved(gwBefore, gwAfter, 'pdo_graphql_requests_total', { service: 'gateway', operation: 'dataResources', type: 'query' })).toBe(1);
    expect(moved(gwBefore, gwAfter, 'pdo_graphql_request_duration_seconds_count', { operation: 'dataResources' })).toBe(1);
    expect(moved(gwBefore, gwAfter, 'pdo_graphql_errors_total', { operation: 'other', code: 'UNAUTHENTICATED' })).toBe(1);
    expect(moved(gwBefore, gwAfter, 'pdo_subgraph_requests_total', { subgraph: 'catalog', outcome: 'ok' })).toBe(1);
    expect(value(gwAfter, 'pdo_graphql_requests_total', { operation: 'AnyNameAtAll' })).toBe(0);

    expect(moved(subBefore, subAfter, 'pdo_graphql_requests_total', { service: 'catalog', operation: 'dataResources' })).toBe(1);
    // SQL statements per request, from the platform's statement counter.
    expect(moved(subBefore, subAfter, 'pdo_sql_statements_per_request_count', { operation: 'dataResources' })).toBe(1);
    expect(moved(subBefore, subAfter, 'pdo_sql_statements_per_request_sum', { operation: 'dataResources' })).toBeGreaterThan(0);
    // Pool and queue gauges are there.
    expect(subAfter.some((s) => s.name === 'pdo_db_pool_connections' && s.labels.state === 'idle')).toBe(true);
    expect(value(subAfter, 'pdo_db_pool_max_connections')).toBeGreaterThan(0);
    expect(subAfter.some((s) => s.name === 'pdo_event_queue_jobs' && s.labels.queue === 'inbox_catalog' && s.labels.state === 'created')).toBe(true);
    expect(subAfter.some((s) => s.name === 'pdo_event_queue_oldest_age_seconds' && s.labels.queue === 'inbox_catalog')).toBe(true);
  });

  it('METRICS_ENABLED defaults to on, off in production, and can be set', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(48), GATEWAY_HMAC_SECRET: 'g'.repeat(48), AUDIT_CHAIN_KEY: 'c'.repeat(48), AUDIT_SIGNING_KEY: 'ab'.repeat(32), JWT_ISSUER: 'https://id.example.gov.cn', JWT_AUDIENCE: 'pdo-marketplace' };
    expect(gatewayConfig({}).metricsEnabled).toBe(true);
    expect(gatewayConfig({ METRICS_ENABLED: '0' }).metricsEnabled).toBe(false);
    expect(gatewayConfig(prod).metricsEnabled).toBe(false);
    expect(gatewayConfig({ ...prod, METRICS_ENABLED: '1' }).metricsEnabled).toBe(true);
    expect(() => gatewayConfig({ METRICS_ENABLED: 'yes' })).toThrow(/METRICS_ENABLED/);
  });
});

describe('access log', () => {
  it('writes one line per request on the gateway and on each subgraph it called, with role and operation, never the token', async () => {
    const token = await mintToken(gatewayConfig(), { sub: 'agency-user', role: 'AGENCY', org: null, jurisdiction: 'HN' });
    const requestId = `access-log-${Date.now()}`;
    lines.length = 0;
    const res = await post({ query: QUERY, variables: { secretish: '张三 110101199003071234' } }, { authorization: `Bearer ${token}`, 'x-request-id': requestId });
    expect(res.body.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 50));
    const mine = lines.filter((l) => l.requestId === requestId);
    const byService = (s: string) => mine.filter((l) => l.service === s && l.msg === 'request');
    expect(byService('gateway')).toHaveLength(1);
    expect(byService('catalog')).toHaveLength(1);
    const gw = byService('gateway')[0]!;
    expect(gw).toMatchObject({ method: 'POST', path: '/graphql', status: 200, operation: 'dataResources', role: 'AGENCY', requestId });
    expect(typeof gw.durationMs).toBe('number');
    expect(byService('catalog')[0]).toMatchObject({ operation: 'dataResources', role: 'AGENCY', status: 200 });
    expect(typeof byService('catalog')[0]!.sqlStatements).toBe('number');
    const text = JSON.stringify(mine);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]!);
    expect(text).not.toContain('110101199003071234');
    expect(text).not.toMatch(/authorization/i);
  });
});
