/**
 * The gateway's configuration: the platform's variables (packages/platform/src/config.ts) plus the
 * gateway's own, one zod schema validated as a whole when the gateway (or `pnpm start`, or
 * `pnpm run token`) starts. README's Configuration table is generated from PLATFORM_ENV and
 * GATEWAY_ENV (`pnpm config:doc`).
 */
import { z } from 'zod';
import {
  DEV_GATEWAY_SECRET,
  PLATFORM_ENV,
  SUBGRAPH_DEFAULT_PORTS,
  defineEnv,
  envType,
  parseEnv,
  platformChecks,
  platformConfigFrom,
  weakSecret,
  type EnvValues,
  type EnvVar,
  type PlatformConfig,
} from '@pdo/platform';

export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';
const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

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
  JWT_SECRET: {
    schema: envType.str(),
    docDefault: 'a development secret',
    doc: 'HS256 key for bearer tokens; production: at least 32 bytes, not the development one (or use `JWT_JWKS_URL`)',
    production: 'required',
    productionDoc: 'required without `JWT_JWKS_URL`',
    secret: true,
  },
  JWT_JWKS_URL: { schema: envType.url(), doc: 'JWKS endpoint for RS256/ES256 tokens (production: this or `JWT_SECRET`)' },
  JWT_ISSUER: { schema: envType.str(), default: 'pdo-dev', doc: 'required `iss` of bearer tokens', production: 'required' },
  JWT_AUDIENCE: { schema: envType.str(), default: 'pdo-marketplace', doc: 'required `aud` of bearer tokens', production: 'required' },
  JWT_ALGORITHMS: {
    schema: envType.list().pipe(z.array(z.enum(JWT_ALGORITHMS, { error: `must list algorithms among ${JWT_ALGORITHMS.join(', ')}` })).min(1)),
    docDefault: '`HS256` (`RS256,ES256` with JWKS)',
    doc: 'accepted signature algorithms (comma-separated; never `none`)',
  },
  JWT_CLOCK_TOLERANCE_SEC: { schema: envType.int(0, 300), default: '30', doc: 'allowed clock skew for `exp`/`nbf`/`iat`' },
  JWT_MAX_LIFETIME: {
    schema: envType.duration(60, 7 * 86_400),
    default: '1h',
    doc: 'longest token lifetime accepted (`exp` − `iat`, or `exp` − now without `iat`; `exp` is required); `pnpm run token`, `pnpm start` and the console mint within it',
  },
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
  CORS_ORIGINS: { schema: envType.list(), docDefault: 'empty', doc: 'comma-separated browser origins allowed to call the gateway' },
  CONSOLE_DIR: { schema: envType.str(), docDefault: '`packages/console/dist`', doc: 'built web console served at `/console/`' },
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
  if (v.NODE_ENV === 'production') {
    if (!v.JWT_JWKS_URL) {
      const weak = weakSecret(raw('JWT_SECRET'), [DEV_JWT_SECRET]);
      if (weak) problems.push(`JWT_SECRET: ${weak}`);
    }
    if (v.JWT_SECRET !== undefined && v.JWT_SECRET === v.GATEWAY_HMAC_SECRET) problems.push('GATEWAY_HMAC_SECRET: must differ from JWT_SECRET');
  }
  return problems;
}

/**
 * The gateway's whole environment, validated (throws ConfigError naming every bad variable).
 * JWT_SECRET is required in production only without JWT_JWKS_URL.
 */
export function gatewayEnv(source: NodeJS.ProcessEnv = process.env): GatewayEnv {
  const withJwks = source.JWT_JWKS_URL?.trim() ? ({ ...GATEWAY_SCHEMA, JWT_SECRET: { ...GATEWAY_SCHEMA.JWT_SECRET, production: undefined } } as unknown as typeof GATEWAY_SCHEMA) : GATEWAY_SCHEMA;
  return parseEnv(withJwks, source, gatewayChecks) as GatewayEnv;
}

export interface GatewayConfig extends PlatformConfig {
  port: number;
  gatewayHost: string;
  jwtSecret: string | null;
  jwksUrl: string | null;
  jwtIssuer: string;
  jwtAudience: string;
  jwtAlgorithms: string[];
  jwtClockToleranceSec: number;
  /** Longest accepted token lifetime, in seconds. */
  jwtMaxLifetimeSec: number;
  subgraphTimeoutMs: number;
  /** Keep-alive sockets per subgraph. */
  subgraphMaxSockets: number;
  subgraphUrls: Record<keyof typeof SUBGRAPH_DEFAULT_PORTS, string>;
  corsOrigins: string[];
  consoleDir: string | undefined;
  /** GraphiQL at GET /graphql (text/html) and the schema at /schema.graphql. */
  explorerEnabled: boolean;
}

export function gatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const v = gatewayEnv(source);
  const base = platformConfigFrom(v);
  const jwksUrl = v.JWT_JWKS_URL ?? null;
  const url = (name: keyof typeof SUBGRAPH_DEFAULT_PORTS) =>
    (v[`${name.toUpperCase()}_URL` as keyof GatewayEnv] as string | undefined) ?? `http://127.0.0.1:${base.subgraphPorts[name]}/graphql`;
  return {
    ...base,
    port: v.GATEWAY_PORT,
    gatewayHost: v.GATEWAY_HOST,
    jwtSecret: v.JWT_SECRET ?? (base.production || jwksUrl ? null : DEV_JWT_SECRET),
    jwksUrl,
    jwtIssuer: v.JWT_ISSUER,
    jwtAudience: v.JWT_AUDIENCE,
    jwtAlgorithms: v.JWT_ALGORITHMS ?? (jwksUrl ? ['RS256', 'ES256'] : ['HS256']),
    jwtClockToleranceSec: v.JWT_CLOCK_TOLERANCE_SEC,
    jwtMaxLifetimeSec: v.JWT_MAX_LIFETIME,
    subgraphTimeoutMs: v.SUBGRAPH_TIMEOUT_MS,
    subgraphMaxSockets: v.SUBGRAPH_MAX_SOCKETS,
    subgraphUrls: { catalog: url('catalog'), licensing: url('licensing'), products: url('products'), revenue: url('revenue'), evaluation: url('evaluation') },
    corsOrigins: v.CORS_ORIGINS ?? [],
    consoleDir: v.CONSOLE_DIR,
    explorerEnabled: v.EXPLORER_ENABLED ?? !base.production,
  };
}
