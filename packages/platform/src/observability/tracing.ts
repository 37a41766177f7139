/**
 * OpenTelemetry traces: gateway → each subgraph → SQL statements and event handlers, one trace per
 * request, the request id (`pdo.request_id`) on every span, W3C `traceparent` from the gateway to
 * the subgraphs. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set (or a test installs an exporter):
 * while off, the SDK is not even loaded and every helper here is a branch on one boolean.
 * docs/operations.md says how to turn it on.
 */
import { createRequire } from 'node:module';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, createContextKey, propagation, trace, type Context, type Span } from '@opentelemetry/api';
import type { SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';

const TRACER = 'pdo';
export const REQUEST_ID_ATTRIBUTE = 'pdo.request_id';
const REQUEST_ID_KEY = createContextKey('pdo.request_id');

let enabled = false;
let shutdown: (() => Promise<void>) | null = null;

/** Whether spans are recorded in this process. */
export function tracingEnabled(): boolean {
  return enabled;
}

export interface TracingOptions {
  /** `service.name` of the spans of this process. */
  serviceName: string;
  /** OTLP/HTTP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT); `/v1/traces` is appended. */
  endpoint?: string;
  /** Instead of OTLP (tests: an in-memory exporter). Spans are then exported as soon as they end. */
  exporter?: SpanExporter;
}

/**
 * Starts tracing for this process, once (later calls do nothing): the Node tracer provider with
 * W3C trace-context propagation and AsyncLocalStorage context, the PostgreSQL instrumentation, and
 * a processor that copies the request id onto every span started under a request.
 */
export async function startTracing(opts: TracingOptions): Promise<void> {
  if (enabled) return;
  if (!opts.endpoint && !opts.exporter) return;
  const [{ NodeTracerProvider }, base, { resourceFromAttributes }, { PgInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation-pg'),
  ]);
  let exporter = opts.exporter;
  if (!exporter) {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url = opts.endpoint!.replace(/\/+$/, '');
    exporter = new OTLPTraceExporter({ url: url.endsWith('/v1/traces') ? url : `${url}/v1/traces` });
  }
  const requestIds: SpanProcessor = {
    onStart(span, parent) {
      // In the request's own process from the context; in an event handler from the baggage the job carried.
      const id = parent.getValue(REQUEST_ID_KEY) ?? propagation.getBaggage(parent)?.getEntry(REQUEST_ID_ATTRIBUTE)?.value;
      if (typeof id === 'string') span.setAttribute(REQUEST_ID_ATTRIBUTE, id);
    },
    onEnd() {},
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const exportProcessor = opts.exporter ? new base.SimpleSpanProcessor(exporter) : new base.BatchSpanProcessor(exporter);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName }),
    spanProcessors: [requestIds, exportProcessor],
  });
  provider.register();
  // SQL spans only under a request or an event handler (not for pg-boss's polling).
  const pgInstrumentation = new PgInstrumentation({
    requireParentSpan: true,
    enhancedDatabaseReporting: false,
    // A prepared statement (db/prepared.ts) would name its span after the statement's digest; it keeps the
    // operation's name, as an unnamed one gets (`pg.query:INSERT pdo`).
    requestHook: (span, { query, connection }) => {
      if (!query.name) return;
      const text = query.text.trimStart();
      const space = text.search(/\s/);
      const command = (space === -1 ? text : text.slice(0, space)).toUpperCase().replace(/;$/, '');
      span.updateName(`pg.query:${command}${connection.database ? ` ${connection.database}` : ''}`);
    },
  });
  pgInstrumentation.setTracerProvider(provider);
  patchLoadedPg(pgInstrumentation);
  enabled = true;
  shutdown = async () => {
    enabled = false;
    pgInstrumentation.disable();
    await provider.shutdown();
  };
}

/** An exporter that keeps finished spans in memory (tests read them with `getFinishedSpans()`). */
export async function createInMemorySpanExporter(): Promise<import('@opentelemetry/sdk-trace-base').InMemorySpanExporter> {
  const { InMemorySpanExporter } = await import('@opentelemetry/sdk-trace-base');
  return new InMemorySpanExporter();
}

/** Stops tracing (tests). */
export async function stopTracing(): Promise<void> {
  await shutdown?.();
  shutdown = null;
  trace.disable();
  propagation.disable();
  context.disable();
}

/**
 * The pg copies the platform runs on are imported as ES modules, which the instrumentation's
 * require hook does not see: patch their Client prototypes directly (the instrumentation's own
 * patch, applied to each copy: the platform's, MikroORM's, pg-boss's).
 */
function patchLoadedPg(inst: unknown): void {
  const require = createRequire(import.meta.url);
  const origins = ['@mikro-orm/postgresql', 'pg-boss'];
  const seen = new Set<unknown>();
  const copies: string[] = [require.resolve('pg')];
  for (const origin of origins) {
    try {
      const dir = require.resolve(origin);
      copies.push(createRequire(dir).resolve('pg'));
    } catch {
      // not installed here
    }
  }
  for (const path of copies) {
    const pg = require(path) as { Client?: unknown };
    if (!pg.Client || seen.has(pg.Client)) continue;
    seen.add(pg.Client);
    (inst as { _patchPgClient(c: unknown): void })._patchPgClient(pg.Client);
  }
}

/** The trace context of an incoming request (its `traceparent`), or the root. */
function incoming(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/**
 * Runs `work` inside a SERVER span for one HTTP request; the span ends when `end` is called.
 * Returns what `work` returns. Without tracing, calls `work` with a no-op `end`.
 */
export function withRequestSpan<T>(
  name: string,
  headers: Record<string, string | string[] | undefined>,
  requestId: string,
  attributes: Record<string, string | number>,
  work: (span: Span | undefined) => T,
): T {
  if (!enabled) return work(undefined);
  // The request id also travels as W3C baggage (with traceparent, to the subgraphs and inside the
  // event jobs a request publishes), so an event handler's spans carry it too. Whatever baggage the
  // client sent is not kept.
  const parent = propagation.setBaggage(incoming(headers), propagation.createBaggage({ [REQUEST_ID_ATTRIBUTE]: { value: requestId } })).setValue(REQUEST_ID_KEY, requestId);
  const span = trace.getTracer(TRACER).startSpan(name, { kind: SpanKind.SERVER, attributes: { ...attributes, [REQUEST_ID_ATTRIBUTE]: requestId } }, parent);
  return context.with(trace.setSpan(parent, span), () => work(span));
}

/** Runs `fn` in a span (CLIENT for outgoing calls, INTERNAL for event handlers …) when tracing is on. */
export async function withSpan<T>(name: string, attributes: Record<string, string | number>, fn: (span: Span | undefined) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  if (!enabled) return fn(undefined);
  return trace.getTracer(TRACER).startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** Adds `traceparent` (and `tracestate`) of the active span to outgoing headers; nothing when off. */
export function injectTraceHeaders(headers: Record<string, string>): Record<string, string> {
  if (enabled) propagation.inject(context.active(), headers);
  return headers;
}

export { SpanKind, SpanStatusCode, type Span };
