import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  CLOCK_HEADER,
  DomainError,
  REQUEST_ID_HEADER,
  createGraphQLHttpServer,
  createLogger,
  listen,
  sendJson,
  signIdentityHeaders,
  type Identity,
} from '@pdo/platform';
import { SUBGRAPHS, type SubgraphName } from '@pdo/events';
import { createTokenVerifier } from './auth.js';
import { gatewayConfig, type GatewayConfig } from './config.js';
import { subgraphUrl } from './subgraphs.js';
import { queryLimitsFromEnv, queryLimitsRule } from './limits.js';
import { rateLimitFromEnv, rateLimitPlugin } from './rate-limit.js';
import { createConsoleRoutes } from './console.js';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));

export interface GatewayContext {
  identity: Identity;
  requestId: string;
  clock?: string;
  clientAddress?: string;
}

/** Forwards the verified identity to subgraphs, signed, with the request id. */
class SignedIdentityDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly config: GatewayConfig, service: string) {
    super({
      url,
      // Name the service in transport failures (the client is told which part is down, never where it runs).
      fetcher: (async (input: string, init: RequestInit) => {
        try {
          const res = await fetch(input, { ...init, signal: AbortSignal.timeout(config.subgraphTimeoutMs) });
          // A subgraph answers a bad variable with HTTP 400 and a GraphQL body (BAD_USER_INPUT);
          // pass that body on as the subgraph's answer instead of a failed fetch (an internal error).
          if (res.status === 400 && res.headers.get('content-type')?.includes('json')) {
            return new Response(await res.text(), { status: 200, headers: res.headers });
          }
          return res;
        } catch (e) {
          throw new Error(`service "${service}" fetch failed: ${(e as Error).name}`);
        }
      }) as never,
    });
  }
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const identity = context.identity ?? { sub: 'anonymous', role: 'ANONYMOUS', org: null, jurisdiction: null };
    for (const [k, v] of Object.entries(signIdentityHeaders(identity, this.config.gatewaySecret))) request.http?.headers.set(k, v);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.clock) request.http?.headers.set(CLOCK_HEADER, context.clock);
  }
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
    res.setHeader('access-control-allow-headers', 'authorization, content-type, x-request-id, apollo-require-preflight');
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

export interface RunningGateway {
  server: Server;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startGateway(overrides: Partial<GatewayConfig> & { supergraphSdl?: string } = {}, env: NodeJS.ProcessEnv = process.env): Promise<RunningGateway> {
  const { supergraphSdl: sdlOverride, ...rest } = overrides;
  const config = { ...gatewayConfig(env), ...rest };
  const log = createLogger('gateway');
  const supergraphSdl = sdlOverride ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const urls = Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphUrl(n, env)])) as Record<SubgraphName, string>;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new SignedIdentityDataSource(urls[name as SubgraphName] ?? subgraphUrl(name as SubgraphName, env), config, name),
  });
  const limits = queryLimitsFromEnv(env);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: [queryLimitsRule(limits)],
    parseOptions: { maxTokens: limits.maxTokens },
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" field suggestions in production: they leak the schema.
    hideSchemaDetailsFromClientErrors: config.production,
    csrfPrevention: true,
    plugins: [
      rateLimitPlugin(rateLimitFromEnv(env), (c) => (c.identity.role === 'ANONYMOUS' ? `ip:${c.clientAddress ?? '?'}` : `sub:${c.identity.sub}`)),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    formatError: (formatted) => {
      const ext = { ...(formatted.extensions ?? {}) } as Record<string, unknown>;
      delete ext.stacktrace;
      delete ext.exception;
      // A subgraph that is down or timed out: say which part of the platform, never its host or port.
      if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed|request to http|aborted|timeout/i.test(formatted.message)) {
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
  const verify = createTokenVerifier(config);
  const consoleRoutes = createConsoleRoutes(config, {}, env);
  const corsOrigins = new Set((env.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean));
  const server = createGraphQLHttpServer<GatewayContext>({
    apollo,
    bodyLimitBytes: config.bodyLimitBytes,
    refuseBatches: true,
    headers: {
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
    },
    context: async (req, requestId) => {
      const identity = await verify(req.headers.authorization);
      const clock = config.allowClockOverride ? (req.headers[CLOCK_HEADER] as string | undefined) : undefined;
      return { identity, requestId, clock, clientAddress: req.socket.remoteAddress };
    },
    onContextError: (error) => {
      const e = error instanceof DomainError ? error : new DomainError('UNAUTHENTICATED', '令牌无效', 'Invalid token');
      return { status: 401, body: { errors: [e.toGraphQLError()] } };
    },
    routes: async (req, res) => {
      if (applyCors(req, res, corsOrigins)) return true;
      if (await consoleRoutes(req, res)) return true;
      if (req.url !== '/health') return false;
      const checks = await Promise.all(
        SUBGRAPHS.map(async (name) => {
          const url = urls[name].replace(/\/graphql$/, '/health');
          try {
            const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
            return [name, r.ok ? 'ok' : 'down'] as const;
          } catch {
            return [name, 'down'] as const;
          }
        }),
      );
      const subgraphs = Object.fromEntries(checks);
      const ok = checks.every(([, s]) => s === 'ok');
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', subgraphs });
      return true;
    },
  });
  const port = await listen(server, config.port, config.gatewayHost);
  log.info({ port }, 'gateway ready');
  return {
    server,
    port,
    url: `http://localhost:${port}/graphql`,
    async stop() {
      server.close();
      await apollo.stop();
    },
  };
}
