import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApolloServer, ApolloServerPlugin, BaseContext, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '../identity.js';
import type { Logger } from '../logging.js';
import { statementCounter } from '../db/orm.js';
import { operationLabel, type RequestObservation, type ServiceMetrics } from '../observability/metrics.js';
import { SpanStatusCode, withRequestSpan } from '../observability/tracing.js';
import { appendVary, encodeBody, sendBody, type ContentEncoding } from './compress.js';

export class PayloadTooLargeError extends Error {}

const EMPTY = Buffer.alloc(0);

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return (await readRawBody(req, limitBytes)).toString('utf8');
}

/** The body's exact bytes (the gateway's request signature covers their SHA-256). */
export async function readRawBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new PayloadTooLargeError(`Request body over ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export interface GraphQLHttpOptions<C extends BaseContext> {
  apollo: ApolloServer<C>;
  path?: string;
  bodyLimitBytes: number;
  /**
   * Builds the per-request context; may throw to refuse the request (e.g. a bad signature).
   * `rawBody` is the body's exact bytes (empty for GET).
   */
  context: (req: IncomingMessage, requestId: string, rawBody: Buffer) => Promise<C>;
  /** Maps an error thrown by `context` to an HTTP status and GraphQL-shaped body. */
  onContextError: (error: unknown) => { status: number; body: unknown };
  /** Other routes (health, console …); return true when handled. */
  routes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;
  headers?: Record<string, string>;
  /** Refuse JSON arrays (batched operations) in one HTTP request. */
  refuseBatches?: boolean;
  /** Answers repeated requests from a cache; `set` is offered every executed response and decides. */
  responseCache?: HttpResponseCache<C>;
  /** Health, readiness, metrics, access log and request spans (docs/operations.md). */
  observability?: HttpObservability<C>;
  /** Compress GraphQL responses (gzip or brotli by Accept-Encoding; see compress.ts). */
  compress?: boolean;
}

export interface ReadinessReport {
  ready: boolean;
  body: Record<string, unknown>;
}

export interface HttpObservability<C> {
  /** `service` in health answers and metrics. */
  service: string;
  /** `/readyz` (and its alias `/health`): 200 when ready, 503 when not, with every check. */
  readiness?: () => Promise<ReadinessReport>;
  /** Served at `/metrics` (Prometheus text) when given. */
  metrics?: ServiceMetrics;
  /** One access-log line per request (info; health, readiness and metrics probes at debug). */
  log?: Logger;
  /** The caller's role, for the access log (never the token or who they are). */
  roleOf?: (context: C) => string | undefined;
  /** Count SQL statements per request (subgraphs: the ALS store installed around each request). */
  countSql?: boolean;
  /**
   * Continue the caller's trace (its `traceparent`): subgraphs, called by the gateway. The gateway
   * starts every request's trace itself, whatever a client sends.
   */
  continueTraces?: boolean;
}

/** Where a request's operation and errors are noted (the Apollo plugin below fills it in). */
export const OBSERVATION = Symbol.for('pdo.observation');

export interface RequestNotes {
  operation?: string;
  operationType?: string;
  errorCodes: string[];
}

const PROBES = new Set(['healthz', 'readyz', 'health', 'metrics']);

/** A bounded route label of a path. */
function routeOf(pathname: string, graphqlPath: string): string {
  if (pathname === graphqlPath) return 'graphql';
  if (pathname === '/healthz') return 'healthz';
  if (pathname === '/readyz') return 'readyz';
  if (pathname === '/health') return 'health';
  if (pathname === '/metrics') return 'metrics';
  if (pathname === '/console' || pathname.startsWith('/console/')) return 'console';
  return 'other';
}

function pathnameOf(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.indexOf('?');
  return q < 0 ? u : u.slice(0, q);
}

/**
 * Readiness answers are shared for a second: a probe storm (the gateway's port is public) runs the
 * checks — on the gateway, one call to each subgraph — at most once a second, not once per request.
 */
const READINESS_REUSE_MS = 1000;
const readinessCache = new WeakMap<object, { at: number; report: Promise<ReadinessReport> }>();
function readinessOf(o: HttpObservability<unknown>): Promise<ReadinessReport> {
  const hit = readinessCache.get(o);
  if (hit && performance.now() - hit.at < READINESS_REUSE_MS) return hit.report;
  const report = o.readiness!().catch((): ReadinessReport => ({ ready: false, body: { error: 'readiness check failed' } }));
  readinessCache.set(o, { at: performance.now(), report });
  return report;
}

/** Serves `/healthz`, `/readyz` (`/health`) and `/metrics`; true when the request was one of them. */
async function serveProbe(route: string, res: ServerResponse, o: HttpObservability<unknown>): Promise<boolean> {
  if (route === 'healthz') {
    sendJson(res, 200, { status: 'ok', service: o.service });
    return true;
  }
  if ((route === 'readyz' || route === 'health') && o.readiness) {
    const r = await readinessOf(o);
    sendJson(res, r.ready ? 200 : 503, { status: r.ready ? 'ok' : 'unavailable', service: o.service, ...r.body });
    return true;
  }
  if (route === 'metrics' && o.metrics) {
    const { contentType, body } = await o.metrics.text();
    res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
    res.end(body);
    return true;
  }
  return false;
}

export interface HttpResponseCache<C> {
  /** The cache key of a request that may be answered from the cache, or null. */
  keyOf(req: IncomingMessage, body: string | undefined, search: string): string | null;
  /** A cached answer, a promise of one (the same request is being executed), or undefined: execute. */
  lookup(key: string): CachedBody | Promise<CachedBody | undefined> | undefined;
  /** Offered every complete 200 response executed after a lookup that returned undefined. */
  set(key: string, response: { body: string; contentType: string; headers?: Record<string, string> }, context: C): void;
  /** Called when that request is done (after `set`, or on any other way out): releases its waiters. */
  abandon(key: string): void;
}

type CachedBody = { body: string | Buffer; contentType: string; headers?: Record<string, string> };

/** Compressed variants of cached bodies, made once per entry (a hit is the hot path). */
const encodedCache = new WeakMap<Buffer, Map<ContentEncoding, Promise<Buffer>>>();
function encodedOnce(body: Buffer, encoding: ContentEncoding): Promise<Buffer> {
  let byEncoding = encodedCache.get(body);
  if (!byEncoding) encodedCache.set(body, (byEncoding = new Map()));
  let p = byEncoding.get(encoding);
  if (!p) byEncoding.set(encoding, (p = encodeBody(body, encoding)));
  return p;
}

/** Response headers onto `res`; Vary is merged with what is there (CORS says `Vary: Origin`). */
function setHeaders(res: ServerResponse, headers: Iterable<[string, string]>): void {
  for (const [k, v] of headers) {
    if (k.toLowerCase() === 'vary') for (const token of v.split(',')) appendVary(res, token.trim());
    else res.setHeader(k, v);
  }
}

/**
 * A small node:http integration for Apollo Server 5: the same thing @as-integrations packages do,
 * without a framework, so the request path stays short and every limit is ours to set.
 */
export function createGraphQLHttpServer<C extends BaseContext>(opts: GraphQLHttpOptions<C>): Server {
  const path = opts.path ?? '/graphql';
  const o = opts.observability;
  return createServer((req, res) => {
    const requestId = (req.headers[REQUEST_ID_HEADER] as string | undefined)?.slice(0, 100) || randomUUID();
    if (!o) return handle(req, res, requestId, undefined);
    const started = performance.now();
    const pathname = pathnameOf(req.url);
    const route = routeOf(pathname, path);
    const notes: RequestNotes = { errorCodes: [] };
    const sql = o.countSql ? statementCounter.getStore() : undefined;
    const sqlBefore = sql?.count ?? 0;
    let role: string | undefined;
    const method = req.method ?? 'GET';
    withRequestSpan(route === 'graphql' ? `${method} ${pathname}` : `${method} ${route}`, o.continueTraces ? req.headers : {}, requestId, { 'http.request.method': method, 'url.path': pathname, 'pdo.service': o.service }, (span) => {
      res.once('close', () => {
        const observation: RequestObservation = {
          route,
          method,
          path: pathname,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 1000) / 1000,
          requestId,
          operation: notes.operation,
          operationType: notes.operationType,
          role,
          errorCodes: notes.errorCodes,
          sqlStatements: sql ? sql.count - sqlBefore : undefined,
          cache: res.getHeader('x-cache') === 'HIT' ? 'HIT' : undefined,
        };
        o.metrics?.observe(observation);
        if (o.log) {
          const line = { method, path: pathname, status: observation.status, durationMs: observation.durationMs, operation: observation.operation, operationType: observation.operationType, requestId, role, errors: notes.errorCodes.length ? notes.errorCodes : undefined, sqlStatements: observation.sqlStatements, cache: observation.cache, aborted: res.writableFinished ? undefined : true };
          if (PROBES.has(route)) o.log.debug(line, 'request');
          else o.log.info(line, 'request');
        }
        if (span) {
          span.setAttribute('http.response.status_code', res.statusCode);
          if (notes.operation) span.setAttribute('graphql.operation.root_field', notes.operation);
          if (notes.operationType) span.setAttribute('graphql.operation.type', notes.operationType);
          if (notes.errorCodes.length) span.setAttribute('pdo.error_codes', notes.errorCodes.join(','));
          if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        }
      });
      return handle(req, res, requestId, { route, notes, setRole: (r) => (role = r) });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string, observed: { route: string; notes: RequestNotes; setRole(role: string | undefined): void } | undefined): Promise<void> {
    // The cache key this request claimed by missing; released on every way out, or its waiters would hang.
    let claimed: string | null = null;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    for (const [k, v] of Object.entries(opts.headers ?? {})) res.setHeader(k, v);
    try {
      if (o && observed && PROBES.has(observed.route) && req.method === 'GET' && (await serveProbe(observed.route, res, o as HttpObservability<unknown>))) return;
      if (opts.routes && (await opts.routes(req, res))) return;
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== path) {
        sendJson(res, 404, { error: 'not found' });
        return;
      }
      let body: unknown = undefined;
      let text: string | undefined;
      let raw: Buffer = EMPTY;
      if (req.method === 'POST') {
        raw = await readRawBody(req, opts.bodyLimitBytes);
        text = raw.toString('utf8');
      }
      let cacheKey = opts.responseCache?.keyOf(req, text, url.search) ?? null;
      if (cacheKey !== null) {
        let hit = opts.responseCache!.lookup(cacheKey);
        if (hit instanceof Promise) {
          hit = await hit;
          // The request we waited for was not cacheable: execute this one, without claiming the key.
          if (!hit) cacheKey = null;
        }
        if (!hit && cacheKey !== null) claimed = cacheKey;
        if (hit) {
          if (observed) observed.notes.operation = 'cached';
          setHeaders(res, Object.entries(hit.headers ?? {}));
          const headers = { 'content-type': hit.contentType, 'x-cache': 'HIT' };
          if (opts.compress) {
            const body = typeof hit.body === 'string' ? Buffer.from(hit.body, 'utf8') : hit.body;
            await sendBody(req, res, 200, headers, body, { encoded: (e) => encodedOnce(body, e) });
          } else {
            res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(hit.body) });
            res.end(hit.body);
          }
          return;
        }
      }
      if (text !== undefined) {
        try {
          body = text ? JSON.parse(text) : {};
        } catch {
          observed?.notes.errorCodes.push('BAD_REQUEST');
          sendJson(res, 400, { errors: [{ message: '请求体不是合法的 JSON | Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
        if (opts.refuseBatches && Array.isArray(body)) {
          observed?.notes.errorCodes.push('BAD_REQUEST');
          sendJson(res, 400, { errors: [{ message: '不支持批量请求 | Batched requests are not supported', extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
      }
      let context: C;
      try {
        context = await opts.context(req, requestId, raw);
      } catch (error) {
        const { status, body: errBody } = opts.onContextError(error);
        if (observed) for (const e of (errBody as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? []) observed.notes.errorCodes.push(String(e.extensions?.code ?? 'UNKNOWN'));
        sendJson(res, status, errBody);
        return;
      }
      if (observed) {
        observed.setRole(o!.roleOf?.(context));
        (context as Record<symbol, unknown>)[OBSERVATION] = observed.notes;
      }
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      }
      const httpGraphQLRequest: HTTPGraphQLRequest = { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body };
      const result = await opts.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
      setHeaders(res, result.headers);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        if (cacheKey !== null && (result.status ?? 200) === 200) {
          // A hit repeats the caching headers of the response it copies.
          const kept = Object.fromEntries(['cache-control', 'vary'].flatMap((h) => (result.headers.get(h) ? [[h, result.headers.get(h)!]] : [])));
          opts.responseCache!.set(cacheKey, { body: result.body.string, contentType: result.headers.get('content-type') ?? 'application/json; charset=utf-8', headers: kept }, context);
        }
        if (opts.compress) await sendBody(req, res, res.statusCode, {}, result.body.string);
        else res.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof PayloadTooLargeError) {
        observed?.notes.errorCodes.push('PAYLOAD_TOO_LARGE');
        sendJson(res, 413, { errors: [{ message: '请求体过大 | Request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
        return;
      }
      observed?.notes.errorCodes.push('INTERNAL_SERVER_ERROR');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: '服务器内部错误 | Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
    } finally {
      if (claimed !== null) opts.responseCache!.abandon(claimed);
    }
  }
}

/**
 * Notes each GraphQL request's operation (root field from the schema, see operationLabel) and the
 * codes of the errors it answers, for the access log, the metrics and the request's span.
 */
export function observabilityPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const notes = (contextValue as Record<symbol, unknown>)[OBSERVATION] as RequestNotes | undefined;
      if (!notes) return;
      return {
        async didResolveOperation({ operation }) {
          notes.operation = operationLabel(operation);
          notes.operationType = operation?.operation;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          for (const e of response.body.singleResult.errors ?? []) notes.errorCodes.push(String(e.extensions?.code ?? 'UNKNOWN'));
        },
      };
    },
  };
}

/** Listens or rejects with a message that names the port. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${port} is already in use on ${host}. Choose another port or stop the process using it.`) : err);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}
