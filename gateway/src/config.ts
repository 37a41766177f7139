/**
 * The gateway's configuration: the platform's variables (packages/platform/src/config.ts) plus the
 * gateway's own, one zod schema validated as a whole when the gateway (or `pnpm start`, or
 * `pnpm run token`) starts. README's Configuration table is generated from PLATFORM_ENV and
 * GATEWAY_ENV (`pnpm config:doc`).
 */
import { z } from 'zod';
import {
  PLATFORM_ENV,
  SUBGRAPH_DEFAULT_PORTS,
  defineEnv,
  envType,
  parseEnv,
  platformChecks,
  platformConfigFrom,
  requireJwtSettings,
  type EnvValues,
  type EnvVar,
  type PlatformConfig,
} from '@pdo/platform';

export { DEV_JWT_SECRET } from '@pdo/platform';

const urlVars = Object.fromEntries(
  Object.entries(SUBGRAPH_DEFAULT_PORTS).map(([name]) => [
    `${name.toUpperCase()}_URL`,
    { schema: envType.url(), docDefault: `\`http://127.0.0.1:<${name.toUpperCase()}_PORT>/graphql\``, doc: `where the gateway finds the ${name} subgraph (to run it elsewhere)` } satisfies EnvVar<string>,
  ]),
) as unknown as Record<`${Uppercase<keyof typeof SUBGRAPH_DEFAULT_PORTS>}_URL`, EnvVar<string>>;

/** The gateway's own variables (it also reads every PLATFORM_ENV variable). */
export const GATEWAY_ENV = defineEnv({
  GATEWAY_PORT: { schema: envType.port(), default: '4000', doc: 'port the gateway listens on' },
  GATEWAY_HOST: { schema: envType.str(), default: '0.0.0.0', doc: 'address the gateway listens on' },
  ...urlVars,
  SUBGRAPH_TIMEOUT_MS: { schema: envType.int(100, 600_000), default: '10000', doc: 'gateway → subgraph call timeout' },
  SUBGRAPH_MAX_SOCKETS: { schema: envType.int(1, 10_000), default: '64', doc: 'keep-alive connections from the gateway to each subgraph' },
  RESPONSE_CACHE_TTL_MS: {
    schema: envType.int(0, 3_600_000),
    default: '2000',
    doc: 'public response cache: how long the gateway answers a repeated **anonymous** query with the same bytes; `0` turns it off',
  },
  RESPONSE_CACHE_MAX_BYTES: { schema: envType.int(0), default: '67108864', doc: 'memory bound of that cache (least recently used entries go first)' },
  RESPONSE_CACHE_MAX_ENTRY_BYTES: { schema: envType.int(0), default: '2097152', doc: 'largest response that cache keeps' },
  QUERY_MAX_DEPTH: { schema: envType.int(1, 100), default: '6', doc: 'query depth limit (connection `edges`/`node` wrappers do not count)' },
  QUERY_MAX_ALIASES: { schema: envType.int(0, 1000), default: '15', doc: 'aliases per operation' },
  QUERY_MAX_DIRECTIVES: { schema: envType.int(0, 1000), default: '50', doc: 'directives per operation' },
  QUERY_MAX_TOKENS: { schema: envType.int(1, 1_000_000), default: '2000', doc: 'parser token limit' },
  QUERY_MAX_COST: { schema: envType.int(1), default: '50000', doc: 'cost limit of one operation with its variables applied (a list multiplies its selection by its page size)' },
  QUERY_DEFAULT_LIST_SIZE: { schema: envType.int(1, 100_000), default: '20', doc: 'page size assumed for a list field that takes `first` when the request gives none (literal or variable)' },
  QUERY_MAX_VARIABLE_DEPTH: { schema: envType.int(1, 1000), default: '32', doc: 'nesting of lists and objects in a request\'s variables' },
  QUERY_MAX_VARIABLE_LIST_LENGTH: { schema: envType.int(1, 1_000_000), default: '1000', doc: 'entries of any one list or JSON object in a request\'s variables' },
  RATE_LIMIT_COST_PER_MINUTE: {
    schema: envType.int(0),
    default: '600000',
    doc: 'per-identity token bucket of query cost (anonymous: per client address); `0` turns it off',
  },
  RATE_LIMIT_BURST: { schema: envType.int(1), docDefault: 'same as `RATE_LIMIT_COST_PER_MINUTE`', doc: 'bucket size of that rate limit' },
  RATE_LIMIT_STORE: {
    schema: z.enum(['memory', 'postgres'], { error: 'must be memory or postgres' }),
    default: 'memory',
    doc: 'where the rate budgets live: `memory` (this gateway; each replica grants a full budget) or `postgres` (table `gateway_state.rate_budget` at `RATE_LIMIT_DATABASE_URL`, one budget per caller across every replica); docs/operations-deploy.md',
    productionDoc: '`postgres` when the gateway runs more than one replica',
  },
  CORS_ORIGINS: { schema: envType.list(), docDefault: 'empty', doc: 'comma-separated browser origins allowed to call the gateway' },
  CONSOLE_DIR: { schema: envType.str(), docDefault: '`packages/console/dist`', doc: 'built web console served at `/console/`' },
  METRICS_ENABLED: {
    schema: envType.flag(),
    docDefault: '`1` (`0` when `NODE_ENV=production`)',
    doc: 'serve Prometheus metrics at the gateway\'s `/metrics` (same port, no authentication: in production turn it on only where the port is not public, or block `/metrics` at the proxy). Subgraphs always serve theirs on their loopback port',
  },
  EXPLORER_ENABLED: {
    schema: envType.flag(),
    docDefault: '`1` in development, `0` in production',
    doc: 'a browser GET of `/graphql` opens the bundled GraphiQL explorer, and `GET /schema.graphql` serves the public schema',
  },
});

export const GATEWAY_SCHEMA = { ...PLATFORM_ENV, ...GATEWAY_ENV };
export type GatewayEnv = EnvValues<typeof GATEWAY_SCHEMA>;

function gatewayChecks(v: GatewayEnv, raw: (name: string) => string | undefined): string[] {
  const problems = platformChecks(v, raw);
  if (v.RATE_LIMIT_STORE === 'postgres' && v.RATE_LIMIT_COST_PER_MINUTE > 0 && !v.RATE_LIMIT_DATABASE_URL && !v.DATABASE_URL) {
    problems.push('RATE_LIMIT_DATABASE_URL: must be set when RATE_LIMIT_STORE=postgres (or DATABASE_URL)');
  }
  if (v.NODE_ENV === 'production') {
    if (v.JWT_SECRET !== undefined && v.JWT_SECRET === v.GATEWAY_HMAC_SECRET) problems.push('GATEWAY_HMAC_SECRET: must differ from JWT_SECRET');
  }
  return problems;
}

/**
 * The gateway's whole environment, validated (throws ConfigError naming every bad variable).
 * JWT_SECRET is required in production only without JWT_JWKS_URL.
 */
export function gatewayEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  return parseEnv(requireJwtSettings(GATEWAY_SCHEMA, source), source, gatewayChecks) as GatewayEnv;
}

/** The bearer-token settings (`jwtSecret`, `jwtIssuer`, …) come with the platform's configuration. */
export interface GatewayConfig extends PlatformConfig {
  port: number;
  gatewayHost: string;
  subgraphTimeoutMs: number;
  /** Keep-alive sockets per subgraph. */
  subgraphMaxSockets: number;
  subgraphUrls: Record<keyof typeof SUBGRAPH_DEFAULT_PORTS, string>;
  corsOrigins: string[];
  consoleDir: string | undefined;
  /** Serve `/metrics` (METRICS_ENABLED). */
  metricsEnabled: boolean;
  /** GraphiQL at GET /graphql (text/html) and the schema at /schema.graphql. */
  explorerEnabled: boolean;
  /** Where rate budgets live (RATE_LIMIT_STORE); with `postgres`, the connection to their table. */
  rateLimitStore: { kind: 'memory' } | { kind: 'postgres'; url: string };
}

export function gatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const v = gatewayEnv(source);
  const base = platformConfigFrom(v);
  const url = (name: keyof typeof SUBGRAPH_DEFAULT_PORTS) =>
    (v[`${name.toUpperCase()}_URL` as keyof GatewayEnv] as string | undefined) ?? `http://127.0.0.1:${base.subgraphPorts[name]}/graphql`;
  return {
    ...base,
    port: v.GATEWAY_PORT,
    gatewayHost: v.GATEWAY_HOST,
    subgraphTimeoutMs: v.SUBGRAPH_TIMEOUT_MS,
    subgraphMaxSockets: v.SUBGRAPH_MAX_SOCKETS,
    subgraphUrls: { catalog: url('catalog'), licensing: url('licensing'), products: url('products'), revenue: url('revenue'), evaluation: url('evaluation'), delivery: url('delivery') },
    corsOrigins: v.CORS_ORIGINS ?? [],
    consoleDir: v.CONSOLE_DIR,
    metricsEnabled: v.METRICS_ENABLED ?? !base.production,
    explorerEnabled: v.EXPLORER_ENABLED ?? !base.production,
    rateLimitStore: v.RATE_LIMIT_STORE === 'postgres' && (v.RATE_LIMIT_DATABASE_URL ?? v.DATABASE_URL) ? { kind: 'postgres', url: (v.RATE_LIMIT_DATABASE_URL ?? v.DATABASE_URL)! } : { kind: 'memory' },
  };
}
