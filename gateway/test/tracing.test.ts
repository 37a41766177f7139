/**
 * OpenTelemetry (docs/operations.md): one request through the gateway is ONE trace — the gateway's
 * server span, a client span per subgraph call carrying W3C traceparent, each subgraph's server
 * span under it, and the SQL statements under those — with the request id on every span.
 * Spans are read from an in-memory exporter installed in place of OTLP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { randomUUID } from 'node:crypto';
import { createInMemorySpanExporter, startTracing, stopTracing, tracingEnabled, withRequestSpan } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';

let stack: TestStack;
let exporter: Awaited<ReturnType<typeof createInMemorySpanExporter>>;

beforeAll(async () => {
  exporter = await createInMemorySpanExporter();
  // Before the stack: its pg clients are instrumented when tracing starts.
  await startTracing({ serviceName: 'pdo-test', exporter });
  stack = await startTestStack([catalog, licensing], { gateway: true, seed: true });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await stopTracing();
}, 30_000);

describe('traces', () => {
  it('one request is one trace: gateway → each subgraph → SQL, with the request id on every span', async () => {
    expect(tracingEnabled()).toBe(true);
    exporter.reset();
    const requestId = `trace-${Date.now()}`;
    const res = await fetch(stack.gateway!.url, {
      method: 'POST',
      // A client's traceparent does not choose the trace: the gateway starts its own.
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
      // The agency's name comes from the catalog's projection; its English name only licensing has.
      body: JSON.stringify({ query: '{ dataResources(first: 3) { totalCount edges { node { code sourceAgency { name nameEn } } } } }' }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.dataResources.edges.length).toBeGreaterThan(0);
    // Server spans end when the response is closed: give the subgraphs' a moment.
    await new Promise((r) => setTimeout(r, 100));

    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.attributes['pdo.service'] === 'gateway' && s.attributes['pdo.request_id'] === requestId);
    expect(root, 'the gateway server span').toBeDefined();
    const traceId = root!.spanContext().traceId;
    expect(traceId).not.toBe('0af7651916cd43dd8448eb211c80319c');
    expect(root!.parentSpanContext).toBeUndefined();
    const trace = spans.filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: (typeof trace)[number]) => (s.parentSpanContext ? byId.get(s.parentSpanContext.spanId) : undefined);
    const ancestors = (s: (typeof trace)[number]) => {
      const out: string[] = [];
      for (let p = parentOf(s); p; p = parentOf(p)) out.push(p.name);
      return out;
    };

    // Every span of the trace carries the request id, and no span of this request is in another trace.
    for (const s of trace) expect(s.attributes['pdo.request_id'], s.name).toBe(requestId);
    expect(spans.filter((s) => s.attributes['pdo.request_id'] === requestId).every((s) => s.spanContext().traceId === traceId)).toBe(true);

    for (const name of ['catalog', 'licensing']) {
      const client = trace.find((s) => s.name === `subgraph ${name}`);
      expect(client, `client span to ${name}`).toBeDefined();
      // Under the gateway's request (Apollo Gateway's own spans, gateway.execute → gateway.fetch, lie between).
      expect(ancestors(client!)).toContain(root!.name);
      expect(ancestors(client!).at(-1)).toBe(root!.name);
      // The subgraph's server span continues the gateway's trace (traceparent) under the client span.
      const server = trace.find((s) => s.attributes['pdo.service'] === name && s.name === 'POST /graphql');
      expect(server, `${name} server span`).toBeDefined();
      expect(parentOf(server!)).toBe(client);
      // And its SQL statements are under it.
      const sql = trace.filter((s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql');
      const underServer = sql.filter((s) => ancestors(s).includes(server!.name) && ancestors(s).includes(`subgraph ${name}`));
      expect(underServer.length, `SQL spans under ${name}`).toBeGreaterThan(0);
    }
    expect(root!.attributes['graphql.operation.root_field']).toBe('dataResources');
    console.log('trace of one request:\n' + trace.map((s) => `${'  '.repeat(ancestors(s).length)}${s.name}`).join('\n'));
  });

  it('an event handler runs in a span of its own, with its SQL under it, in the trace and with the request id of the request that published the event', async () => {
    exporter.reset();
    const rt = stack.runtimes.catalog!;
    let traceId = '';
    const requestId = `publish-${Date.now()}`;
    // As a mutation does: the event is published inside a request.
    await withRequestSpan('test: publish', {}, requestId, {}, async (span) => {
      traceId = span!.spanContext().traceId;
      // An unknown resource: licensing's handler updates no row.
      await rt.orm.em.fork().transactional((tx) => rt.events.publish(tx, 'ResourceAuthorizabilityChanged', { resourceId: randomUUID(), jurisdiction: 'HN', authorizable: true, reasons: [], version: 1 }, 'HN'));
      span!.end();
    });
    await stack.settle();
    await new Promise((r) => setTimeout(r, 200));
    const spans = exporter.getFinishedSpans();
    const handler = spans.find((s) => s.name === 'event ResourceAuthorizabilityChanged' && s.attributes['pdo.service'] === 'licensing');
    expect(handler, 'the handler span').toBeDefined();
    expect(handler!.spanContext().traceId).toBe(traceId);
    expect(handler!.attributes['pdo.request_id']).toBe(requestId);
    const sql = spans.filter((s) => s.parentSpanContext?.spanId === handler!.spanContext().spanId && s.name.startsWith('pg.query'));
    expect(sql.map((s) => s.name)).toContain('pg.query:INSERT pdo');
    for (const s of sql) expect(s.attributes['pdo.request_id']).toBe(requestId);
  });
});
