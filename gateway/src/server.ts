import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  CLOCK_HEADER,
  DPOP_HEADER,
  DomainError,
  MemoryNonceStore,
  checkDpop,
  createTokenClaimsVerifier,
  createGraphQLHttpServer,
  createLogger,
  listen,
  observabilityPlugin,
  ServiceMetrics,
  startTracing,
  sendBody,
  type HttpResponseCache,
  type Identity,
  type Logger,
  type ReadinessReport,
} from '@pdo/platform';
import { SUBGRAPHS, type SubgraphName } from '@pdo/events';
import { gatewayConfig, type GatewayConfig } from './config.js';
import { formatLimitRefusal, queryLimitParseOptions, queryLimitsFromEnv, queryLimitsPlugin, queryLimitsValidationRules } from './limits.js';
import { createConsoleRoutes, createExplorerRoute } from './console.js';
import { publicSchemaSdl } from './public-schema.js';
import { IdentitySigner, SubgraphDataSource, SubgraphTransport, type SubgraphCallObserver } from './transport.js';
import { ResponseCache, responseCacheFromEnv } from './response-cache.js';
import { createCostLimiter } from './rate-limit.js';
import { createDataPlaneRoute } from './data-plane.js';
import { createFeedRoute } from './feed.js';

/** Errors about the request itself: never mistaken for an outage, whatever their message says. */
const CLIENT_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'RATE_LIMITED', 'UNAUTHENTICATED', 'FORBIDDEN']);

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  clock?: string;
  clientAddress?: string;
  /**
   * Set after execution when the response may be served again to other anonymous callers. An
   * object, not a flag: Apollo Server runs each operation on a shallow copy of the context.
   */
  response?: { cacheable: boolean };
}

/** Anonymous queries answered from the public response cache (see response-cache.ts). */
function publicResponseCache(cache: ResponseCache): HttpResponseCache<GatewayContext> {
  return {
    keyOf(req, body, search) {
      if (!cache.enabled || req.headers.authorization || req.headers[CLOCK_HEADER] !== undefined) return null;
      if (req.method === 'POST' && body !== undefined) return `P\n${req.headers.accept ?? ''}\n${body}`;
      if (req.method === 'GET' && search) return `G\n${req.headers.accept ?? ''}\n${search}`;
      return null;
    },
    lookup: (key) => cache.lookup(key),
    set(key, response, context) {
      if (context.response?.cacheable && context.identity.role === 'ANONYMOUS') cache.set(key, response);
    },
    abandon: (key) => cache.abandon(key),
  };
}

/**
 * CORS allow-list (CORS_ORIGINS, comma-separated): only listed browser origins get CORS headers;
 * a preflight is answered here. Returns true when the request was fully handled.
 */
function applyCors(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, allowed: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin && allowed.has(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-allow-headers', 'authorization, content-type, dpop, x-request-id, apollo-require-preflight');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-max-age', '600');
  }
  if (req.method === 'OPTIONS') {
    res.statusCode = origin && allowed.has(origin) ? 204 : 403;
    res.end();
    return true;
  }
  return false;
}

/** What a /graphql response says to browsers and CDNs when it is not public (the default). */
export const PRIVATE_CACHE_CONTROL = 'private, no-store';

/**
 * cache-control of a GraphQL response. Public — `public, max-age=<RESPONSE_CACHE_TTL_MS in
 * seconds>` — exactly when the gateway's own public response cache may keep it (an anonymous,
 * error-free query without a clock override, see response-cache.ts) and it came by GET (a CDN
 * caches GETs only); everything else `private, no-store`.
 */
export function graphqlCacheControl(opts: { cacheable: boolean; anonymous: boolean; method: string | undefined; clockOverride: boolean; ttlMs: number }): string {
  const seconds = Math.floor(opts.ttlMs / 1000);
  if (opts.cacheable && opts.anonymous && !opts.clockOverride && opts.method === 'GET' && seconds > 0) return `public, max-age=${seconds}`;
  return PRIVATE_CACHE_CONTROL;
}

export interface RunningGateway {
  server: Server;
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** A readiness probe of a subgraph gives up after this long. */
const READINESS_TIMEOUT_MS = 2000;

/**
 * The gateway's metrics: the platform's request metrics plus each subgraph call (count by outcome,
 * latency), served at `/metrics` when METRICS_ENABLED (docs/operations.md).
 */
function gatewayMetrics(): { metrics: ServiceMetrics; observeCall: SubgraphCallObserver } {
  const metrics = new ServiceMetrics('gateway');
  const calls = metrics.counter('pdo_subgraph_requests_total', 'Gateway → subgraph calls by subgraph and outcome (ok, http_<status>, unreachable)', ['subgraph', 'outcome']);
  const latency = metrics.histogram('pdo_subgraph_request_duration_seconds', 'Gateway → subgraph call latency', ['subgraph']);
  const known = new Set<string>(SUBGRAPHS);
  return {
    metrics,
    observeCall(subgraph, seconds, outcome) {
      const name = known.has(subgraph) ? subgraph : 'other';
      calls.inc({ subgraph: name, outcome });
      latency.observe({ subgraph: name }, seconds);
    },
  };
}

/**
 * `/readyz` of the gateway: the supergraph is loaded and every subgraph answers its own `/readyz`
 * (database, migrations, consumers). `subgraphs` keeps the shape `/health` always had.
 */
async function gatewayReadiness(loaded: () => boolean, urls: Record<SubgraphName, string>, served: ReadonlySet<SubgraphName>): Promise<ReadinessReport> {
  const results = await Promise.all(
    SUBGRAPHS.filter((name) => served.has(name)).map(async (name) => {
      const url = urls[name].replace(/\/graphql$/, '/readyz');
      try {
        const r = await fetch(url, { signal: AbortSignal.timeout(READINESS_TIMEOUT_MS) });
        await r.body?.cancel();
        return [name, r.ok ? 'ok' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(results);
  const checks: Record<string, { status: 'ok' | 'fail'; detail?: string }> = {
    supergraph: loaded() ? { status: 'ok' } : { status: 'fail', detail: 'not loaded' },
  };
  for (const [name, state] of results) checks[`subgraph:${name}`] = state === 'ok' ? { status: 'ok' } : { status: 'fail', detail: 'not ready or unreachable' };
  return { ready: Object.values(checks).every((c) => c.status === 'ok'), body: { checks, subgraphs } };
}

export async function startGateway(overrides: Partial<GatewayConfig> & { supergraphSdl?: string; logger?: Logger } = {}, env: NodeJS.ProcessEnv = process.env): Promise<RunningGateway> {
  const { supergraphSdl: sdlOverride, logger, ...rest } = overrides;
  const config = { ...gatewayConfig(env), ...rest };
  const log = logger ?? createLogger('gateway');
  // Under `pnpm start` the subgraphs in this process started it already (then this does nothing).
  await startTracing({ serviceName: config.otelServiceName ?? 'gateway', endpoint: config.otelEndpoint ?? undefined });
  const supergraphSdl = sdlOverride ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const urls = config.subgraphUrls as Record<SubgraphName, string>;
  const transport = new SubgraphTransport({ timeoutMs: config.subgraphTimeoutMs, maxSockets: config.subgraphMaxSockets });
  const signer = new IdentitySigner(config.gatewaySecret);
  const observed = config.metricsEnabled ? gatewayMetrics() : undefined;
  // The subgraphs the supergraph names (all five in production; tests compose fewer).
  const served = new Set<SubgraphName>();
  // @apollo/gateway otherwise probes the cloud providers' metadata endpoints at start and sends
  // Apollo usage telemetry every few seconds from an OpenTelemetry meter (1–2 % of the gateway's
  // CPU in the listing's profile, and calls to outside hosts the platform must not make).
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => {
      const url = urls[name as SubgraphName];
      if (!url) throw new Error(`the supergraph names an unknown subgraph "${name}"`);
      served.add(name as SubgraphName);
      return new SubgraphDataSource<GatewayContext>(url, name, transport, signer, observed?.observeCall);
    },
  });
  const responseCache = new ResponseCache(responseCacheFromEnv(env));
  const limits = queryLimitsFromEnv(env);
  // RATE_LIMIT_STORE=postgres: one budget per caller across every gateway replica.
  const limiter = await createCostLimiter(limits.rateLimit, config.rateLimitStore, { mayCreate: config.migrateOnStart });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: queryLimitsValidationRules(limits),
    parseOptions: queryLimitParseOptions(limits),
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" field suggestions in production: they leak the schema.
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    plugins: [
      // Variables' shape, cost with variables, then the caller's cost budget (anonymous: per address).
      queryLimitsPlugin<GatewayContext>(limits, (c) => (c.identity.role === 'ANONYMOUS' ? `ip:${c.clientAddress ?? '?'}` : `sub:${c.identity.sub}`), limiter),
      // Apollo's landing page loads the Sandbox from a CDN, which the CSP (and an offline machine)
      // refuses: a browser GET of /graphql gets the bundled GraphiQL instead (createExplorerRoute).
      ApolloServerPluginLandingPageDisabled(),
      // cache-control is set below from the public-response rule, not from (absent) cache hints.
      ApolloServerPluginCacheControlDisabled(),
      observabilityPlugin<GatewayContext>(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ operation, response, contextValue, request }) {
              const body = response.body;
              const cacheable = operation?.operation === 'query' && body.kind === 'single' && !body.singleResult.errors?.length && (response.http.status ?? 200) === 200;
              if (contextValue.response) contextValue.response.cacheable = cacheable;
              response.http.headers.set(
                'cache-control',
                graphqlCacheControl({ cacheable, anonymous: contextValue.identity.role === 'ANONYMOUS', method: request.http?.method, clockOverride: contextValue.clock !== undefined, ttlMs: responseCache.options.ttlMs }),
              );
              // A public answer is the anonymous view: a shared cache must not hand it to a signed-in request.
              response.http.headers.set('vary', 'Authorization');
            },
          };
        },
      },
    ],
    formatError: (formatted, error) => {
      // Query limits first: Apollo rewrites their code, and the parser's token refusal says "aborted".
      const refusal = formatLimitRefusal(formatted, error);
      if (refusal) return refusal;
      const ext = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
      delete ext.stacktrace;
      delete ext.exception;
      // A subgraph that is down or timed out: say which part of the platform, never its host or port.
      // Never for the caller's own mistakes, whose message may quote the query ("timeout" is a fine field name).
      if (!CLIENT_ERROR_CODES.has(String(ext.code)) && /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed|request to http|aborted|timeout/i.test(formatted.message)) {
        const service = typeof ext.serviceName === 'string' ? ext.serviceName : (/service "([a-z]+)"/.exec(formatted.message)?.[1] ?? 'platform');
        return {
          message: `服务暂不可用（${service}），请稍后重试 | Service temporarily unavailable (${service}), retry shortly`,
          path: formatted.path,
          extensions: { code: 'SERVICE_UNAVAILABLE', service, messageZh: `服务暂不可用（${service}），请稍后重试`, messageEn: `Service temporarily unavailable (${service}), retry shortly` },
        };
      }
      return { ...formatted, extensions: ext };
    },
  });
  await apollo.start();
  let loaded = true;
  const verify = createTokenClaimsVerifier(config);
  // A DPoP-bound token (`cnf.jkt`) is worth nothing without its client's proof (RFC 9449 §7.1), each proof once: the
  // same check as the subgraphs' router mode (packages/platform/src/auth/dpop.ts), with an empty body, so a proof is
  // used once at this gateway whatever the body. Remembered per gateway process (SECURITY.md, known limits).
  const dpopProofs = new MemoryNonceStore(config.nonceCapacity);
  const dpop = { routerRequireDpop: false, routerPublicUrl: config.routerPublicUrl, signatureMaxSkewMs: config.signatureMaxSkewMs };
  const consoleRoutes = createConsoleRoutes(config);
  const explorerRoute = createExplorerRoute(config);
  // The public schema (no federation internals), for download: what the explorer and client code generators read.
  const publicSchema = Buffer.from(publicSchemaSdl(supergraphSdl), 'utf8');
  const corsOrigins = new Set(config.corsOrigins);
  // The live feeds take the caller's token as /graphql does, DPoP proof included.
  const feeds = createFeedRoute({
    urls: { delivery: urls.delivery, evaluation: urls.evaluation },
    signer,
    async verify(req) {
      const { identity, token, claims } = await verify(req.headers.authorization);
      if (token && claims) await checkDpop(headerValue(req.headers[DPOP_HEADER]), token, claims, { audience: 'gateway', method: req.method ?? 'GET', path: req.url ?? '/', body: '' }, dpopProofs, dpop);
      return identity;
    },
  });
  const dataPlane = createDataPlaneRoute({ deliveryUrl: urls.delivery, signer, transport, allowClockOverride: config.allowClockOverride });
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    bodyLimitBytes: config.bodyLimitBytes,
    refuseBatches: true,
    responseCache: responseCache.enabled ? publicResponseCache(responseCache) : undefined,
    compress: true,
    headers: {
      // Every response is private unless its route says otherwise (console assets, public queries).
      'cache-control': PRIVATE_CACHE_CONTROL,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
    },
    context: async (req, requestId) => {
      const { identity, token, claims } = await verify(req.headers.authorization);
      if (token && claims) await checkDpop(headerValue(req.headers[DPOP_HEADER]), token, claims, { audience: 'gateway', method: req.method ?? 'POST', path: req.url ?? '/', body: '' }, dpopProofs, dpop);
      const clock = config.allowClockOverride ? (req.headers[CLOCK_HEADER] as string | undefined) : undefined;
      return { identity, requestId, clock, clientAddress: req.socket.remoteAddress, response: { cacheable: false } };
    },
    onContextError: (error) => {
      const e = error instanceof DomainError ? error : new DomainError('UNAUTHENTICATED', '令牌无效', 'Invalid token');
      return { status: 401, body: { errors: [e.toGraphQLError()] } };
    },
    routes: async (req, res) => {
      if (applyCors(req, res, corsOrigins)) return true;
      if (await feeds(req, res)) return true;
      if (await dataPlane(req, res)) return true;
      if (await consoleRoutes(req, res)) return true;
      if (await explorerRoute(req, res)) return true;
      if (req.url === '/schema.graphql' && config.explorerEnabled && (req.method === 'GET' || req.method === 'HEAD')) {
        await sendBody(req, res, 200, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'inline; filename="schema.graphql"', 'cache-control': 'no-cache' }, publicSchema);
        return true;
      }
      return false;
    },
    observability: {
      service: 'gateway',
      readiness: () => gatewayReadiness(() => loaded && served.size > 0, urls, served),
      metrics: observed?.metrics,
      log,
      roleOf: (ctx) => ctx.identity.role,
    },
  });
  const port = await listen(server, config.port, config.gatewayHost);
  log.info({ port }, 'gateway ready');
  return {
    server,
    port,
    url: `http://localhost:${port}/graphql`,
    async stop() {
      loaded = false;
      server.close();
      await apollo.stop();
      transport.close();
      await limiter.close?.();
    },
  };
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
