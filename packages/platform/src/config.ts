/**
 * The environment configuration of every process, as one schema (zod): the variables the
 * platform and every subgraph read are declared here; the gateway's own extend them in
 * gateway/src/config.ts. A process validates its whole configuration when it starts and refuses
 * to start on a bad value, naming the variable: a typo (`QUERY_MAX_DEPTH=six`) must never turn a
 * protection off. The README's Configuration table is generated from these declarations
 * (`pnpm config:doc`) and a test fails when the two differ.
 *
 * No other module reads `process.env` for a setting: it asks for the validated value here.
 */
import { DEV_INTEGRITY_DIGEST_KEY } from './audit/digest-key.js';
import { MIN_SECRET_BYTES, weakSecret } from './secret-strength.js';
import { z } from 'zod';
import type { JwtSettings } from './auth/jwt.js';

/** Whether production requires the variable to be set, forbids it, or does not care. */
export type ProductionRule = 'required' | 'off' | 'optional';

export interface EnvVar<T = unknown> {
  /** Parses the (trimmed, non-empty) string value; an empty or missing variable takes `default`. */
  schema: z.ZodType<T>;
  /** The value used when the variable is unset (a string, parsed by `schema`), or none. */
  default?: string;
  /** The default as the README shows it, when it is not simply `default`. */
  docDefault?: string;
  /** What the variable does (one line, for the README). */
  doc: string;
  production?: ProductionRule;
  /** The production column of the README, when it says more than the rule. */
  productionDoc?: string;
  /** Never echo the value in an error message. */
  secret?: boolean;
}

export type EnvSpec = Record<string, EnvVar>;
export type EnvValues<S extends EnvSpec> = { [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never };

export function defineEnv<S extends EnvSpec>(spec: S): S {
  return spec;
}

/** A process refused its configuration; `variables` names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly variables: string[], readonly problems: string[]) {
    super(`Invalid configuration (配置无效) — ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

// Value types. Each parses the string from the environment strictly: no NaN, no "10k", no "yes".
const WHOLE = /^[0-9]+$/;
export const envType = {
  int: (min = 0, max = Number.MAX_SAFE_INTEGER) =>
    z
      .string()
      .regex(WHOLE, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)),
  port: () => envType.int(0, 65_535),
  flag: () =>
    z
      .enum(['0', '1', 'true', 'false'], { error: 'must be 0 or 1' })
      .transform((v) => v === '1' || v === 'true'),
  str: () => z.string(),
  url: () => z.url({ protocol: /^(https?|postgres(ql)?)$/, error: 'must be a URL' }),
  list: () => z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /** A duration: whole seconds, or a number with s/m/h/d ("15m", "1h"). Parsed to seconds. */
  duration: (minSec = 1, maxSec = 366 * 86_400) =>
    z
      .string()
      .regex(/^[0-9]+\s*[smhd]?$/, 'must be a duration such as 900, 15m, 1h or 1d')
      .transform((v) => {
        const n = Number(/^[0-9]+/.exec(v)![0]);
        const unit = v.trim().slice(-1);
        return n * (unit === 'm' ? 60 : unit === 'h' ? 3600 : unit === 'd' ? 86_400 : 1);
      })
      .pipe(z.number().min(minSec, `must be at least ${minSec} s`).max(maxSec, `must be at most ${maxSec} s`)),
};

export { MIN_SECRET_BYTES, weakSecret } from './secret-strength.js';
/** Development and test only: delivery refuses it in production (subgraphs/delivery/src/services/webhook-secrets.ts). */
export const DEV_WEBHOOK_SECRET_KEY = 'pdo-development-webhook-secret-key-not-for-production';
export const DEV_GATEWAY_SECRET = 'dev-gateway-hmac-secret-change-me';
export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';
export const DEV_ROUTER_SECRET = 'dev-router-shared-secret-change-me-0123456789';
const JWT_ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
/** How a subgraph authenticates its caller (docs/operations-routers.md). */
export const SUBGRAPH_AUTH_MODES = ['signed', 'router', 'both'] as const;
export type SubgraphAuthMode = (typeof SUBGRAPH_AUTH_MODES)[number];
/** The header a standard router adds to every subgraph request (ROUTER_SHARED_SECRET). */
export const ROUTER_SECRET_HEADER = 'x-pdo-router-secret';
/** Required by the gateway, and by a subgraph that accepts a standard router. */
const JWT_PRODUCTION_DOC = 'required by the gateway, and by subgraphs whose `SUBGRAPH_AUTH` is `router` or `both`';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Subgraph names and default ports (the same list as @pdo/events SUBGRAPHS; ports 4001–4006). */
export const SUBGRAPH_DEFAULT_PORTS = { catalog: 4001, licensing: 4002, products: 4003, revenue: 4004, evaluation: 4005, delivery: 4006 } as const;

const portVars = Object.fromEntries(
  Object.entries(SUBGRAPH_DEFAULT_PORTS).map(([name, port]) => [
    `${name.toUpperCase()}_PORT`,
    { schema: envType.port(), default: String(port), doc: `port of the ${name} subgraph (loopback)` } satisfies EnvVar<number>,
  ]),
) as unknown as Record<`${Uppercase<keyof typeof SUBGRAPH_DEFAULT_PORTS>}_PORT`, EnvVar<number>>;

/** The migration step's copy of each service's own connection (its role and password; packages/migrate). */
const serviceUrlVars = Object.fromEntries(
  Object.keys(SUBGRAPH_DEFAULT_PORTS).map((name) => [
    `${name.toUpperCase()}_DATABASE_URL`,
    {
      schema: envType.url(),
      doc: `migration step: the ${name} service's \`DATABASE_URL\` (user \`pdo_${name}\`); the step gives that role this password. Unset: derived from \`DB_ROLE_SECRET\`, or left as the administrator set it`,
      secret: true,
    } satisfies EnvVar<string>,
  ]),
) as unknown as Record<`${Uppercase<keyof typeof SUBGRAPH_DEFAULT_PORTS>}_DATABASE_URL`, EnvVar<string>>;

/** Variables of every process (the gateway, each subgraph, `pnpm start`). */
export const PLATFORM_ENV = defineEnv({
  NODE_ENV: {
    schema: z.enum(['development', 'test', 'production'], { error: 'must be development, test or production' }),
    default: 'development',
    doc: '`production` turns off introspection and the landing page and requires real secrets (below)',
  },
  DATABASE_URL: { schema: envType.url(), docDefault: 'unset → embedded PostgreSQL', doc: 'any PostgreSQL; each subgraph uses its own schema in it (a subgraph\'s own entry point requires it)' },
  PGPORT: { schema: envType.port(), default: '54329', doc: '`pnpm start`: port of the embedded PostgreSQL' },
  PG_DATA_DIR: { schema: envType.str(), docDefault: '`.data/pg`', doc: '`pnpm start`: data directory of the embedded PostgreSQL' },
  SEED_DEMO: { schema: envType.flag(), default: '0', docDefault: '`0` (`1` under `pnpm start`)', doc: 'seed the demo world (demo parties and users) on an empty database', production: 'off' },
  ...portVars,
  SUBGRAPH_HOST: { schema: envType.str(), default: '127.0.0.1', doc: 'subgraph bind address (keep loopback: only the gateway may reach them)' },
  GATEWAY_HMAC_SECRET: {
    schema: envType.str(),
    docDefault: 'a development secret',
    doc: `key of the gateway→subgraph request signature; production: at least ${MIN_SECRET_BYTES} bytes, not the development one`,
    production: 'required',
    secret: true,
  },
  IDENTITY_MAX_SKEW_MS: { schema: envType.int(1000, 300_000), default: '30000', doc: 'how old a signed subgraph request may be; its nonce is remembered that long (replay window)' },
  IDENTITY_NONCE_CAPACITY: {
    schema: envType.int(1000, 50_000_000),
    default: '500000',
    doc: 'nonces a subgraph process remembers within the replay window; when full it refuses requests (SERVICE_UNAVAILABLE) rather than forget one',
  },
  REPLAY_STORE: {
    schema: z.enum(['memory', 'postgres'], { error: 'must be memory or postgres' }),
    default: 'memory',
    doc: 'where a subgraph remembers the nonces (and router-mode DPoP proofs) it accepted: `memory` (this process; enough for one replica) or `postgres` (a table in its own schema, shared by all its replicas, so a replayed request is refused whichever replica it reaches); docs/operations-deploy.md',
    productionDoc: '`postgres` when a subgraph runs more than one replica',
  },
  RATE_LIMIT_DATABASE_URL: {
    schema: envType.url(),
    docDefault: '`DATABASE_URL`',
    doc: 'gateway with `RATE_LIMIT_STORE=postgres`: its connection (user `pdo_gateway`, rights on the `gateway_state.rate_budget` table only); the migration step creates that role and table and takes the role\'s password from this URL',
    secret: true,
  },
  SUBGRAPH_AUTH: {
    schema: z.enum(SUBGRAPH_AUTH_MODES, { error: 'must be signed, router or both' }),
    default: 'signed',
    doc: 'how a subgraph authenticates its caller: `signed` (this gateway\'s request signature), `router` (a standard router: `x-pdo-router-secret` header plus the client\'s bearer JWT, verified by the subgraph), `both` (either); docs/operations-routers.md',
  },
  ROUTER_SHARED_SECRET: {
    schema: envType.str(),
    docDefault: 'a development secret',
    doc: `the value a standard router adds as the \`${ROUTER_SECRET_HEADER}\` header of every subgraph request; production: at least ${MIN_SECRET_BYTES} bytes, not the development one, different from the other secrets`,
    productionDoc: 'required when `SUBGRAPH_AUTH` is `router` or `both`',
    secret: true,
  },
  ROUTER_REQUIRE_DPOP: {
    schema: envType.flag(),
    default: '0',
    doc: 'behind a standard router (`SUBGRAPH_AUTH=router|both`): `1` refuses a signed-in request whose token is not DPoP-bound (`cnf.jkt`) with a valid proof in the `DPoP` header; with `0` only bound tokens need one. Each proof is accepted once per request body within `IDENTITY_MAX_SKEW_MS` (docs/operations-routers.md)',
  },
  ROUTER_PUBLIC_URL: { schema: envType.url(), doc: 'the router\'s URL as clients call it; when set, a DPoP proof must name it (`htu`)' },
  JWT_SECRET: {
    schema: envType.str(),
    docDefault: 'a development secret',
    doc: 'HS256 key for bearer tokens; production: at least 32 bytes, not the development one (or use `JWT_JWKS_URL`)',
    productionDoc: 'required without `JWT_JWKS_URL` (gateway; subgraphs whose `SUBGRAPH_AUTH` is `router` or `both`)',
    secret: true,
  },
  JWT_JWKS_URL: { schema: envType.url(), doc: 'JWKS endpoint for RS256/ES256 tokens (production: this or `JWT_SECRET`)' },
  JWT_ISSUER: { schema: envType.str(), default: 'pdo-dev', doc: 'required `iss` of bearer tokens', productionDoc: JWT_PRODUCTION_DOC },
  JWT_AUDIENCE: { schema: envType.str(), default: 'pdo-marketplace', doc: 'required `aud` of bearer tokens', productionDoc: JWT_PRODUCTION_DOC },
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
  MIGRATION_DATABASE_URL: {
    schema: envType.url(),
    doc: 'the owner role for migrations and grants; then `DATABASE_URL` is this service\'s own role (e.g. `pdo_catalog`). Unset (and `MIGRATE_ON_START=1`): `DATABASE_URL` is the owner and the service roles are created at start',
  },
  MIGRATE_ON_START: {
    schema: envType.flag(),
    default: '1',
    doc: '`0`: a subgraph\'s entry point neither migrates nor creates roles; it checks that its schema is migrated and refuses to start otherwise (production: the migration step of `packages/migrate` runs first; docs/operations-deploy.md)',
  },
  ...serviceUrlVars,
  DB_ROLE_SECRET: {
    schema: envType.str(),
    docDefault: 'a development secret',
    doc: 'service-role passwords are derived from it when `DATABASE_URL` is the owner (not needed with `MIGRATION_DATABASE_URL`)',
    productionDoc: 'yes, unless `MIGRATION_DATABASE_URL` is set or `MIGRATE_ON_START=0`',
    secret: true,
  },
  DB_SERVICE_ROLES: {
    schema: z.enum(['on', 'off', '1', '0'], { error: 'must be on or off' }).transform((v) => v === 'on' || v === '1'),
    default: 'on',
    doc: '`off`: every service connects as `DATABASE_URL` itself, as before database roles (development only)',
    productionDoc: 'must be `on`',
  },
  AUDIT_CHAIN_KEY: {
    schema: envType.str(),
    docDefault: 'a development key',
    doc: `HMAC key of the audit chain, kept outside the database; at least ${MIN_SECRET_BYTES} bytes in production`,
    productionDoc: 'required by every subgraph (checked when it starts; the gateway has no audit trail)',
    secret: true,
  },
  AUDIT_SIGNING_KEY: {
    schema: envType.str(),
    docDefault: 'a development key',
    doc: 'Ed25519 private key (PKCS#8 PEM, or a 32-byte seed in base64/hex) that signs audit checkpoints; its public key is published with each',
    productionDoc: 'required by every subgraph (checked when it starts; the gateway has no audit trail)',
    secret: true,
  },
  INTEGRITY_DIGEST_KEY: {
    schema: envType.str(),
    docDefault: 'a development key',
    doc: `licensing: HMAC key of the digests that stand for identity numbers and credit codes in integrity records, kept outside the database; at least ${MIN_SECRET_BYTES} bytes in production (SECURITY.md, Integrity records)`,
    productionDoc: 'required by licensing (checked when it starts)',
    secret: true,
  },
  INTEGRITY_DIGEST_KEY_VERSION: {
    schema: envType.int(1),
    default: '1',
    doc: 'licensing: the version recorded with each digest `INTEGRITY_DIGEST_KEY` makes; raise it with a new key (digests of an earlier key match only each other until the number is presented again)',
  },
  AUDIT_TRUSTED_PUBLIC_KEYS: { schema: envType.list(), doc: 'comma-separated base64 public keys of earlier signing keys, still trusted after a rotation' },
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: { schema: envType.int(0, 31 * 86_400), default: '3600', doc: 'how often each subgraph signs an audit checkpoint when its chain has grown; `0` turns the job off' },
  BODY_LIMIT_BYTES: { schema: envType.int(1024), default: '1000000', doc: 'request body limit' },
  RAW_LOAD_MAX_BYTES: {
    schema: envType.int(1, 1_000_000_000),
    default: '700000',
    doc: 'delivery: largest raw-data load (`loadRawData`, decoded bytes); the file travels in one GraphQL request, so `BODY_LIMIT_BYTES` bounds it too',
  },
  EXEC_STATEMENT_TIMEOUT_MS: {
    schema: envType.int(10, 600_000),
    default: '5000',
    doc: 'delivery: longest a recipe or sandbox query may run in the operating domain (`statement_timeout` of the execution); past it the execution is refused with `EXECUTION_TIMEOUT`',
  },
  EXEC_MAX_ROWS: { schema: envType.int(1, 1_000_000), default: '10000', doc: 'delivery: most rows one execution returns (the row cap; more are cut off and the result says it was truncated)' },
  DB_POOL_MAX: { schema: envType.int(1, 1000), default: '10', doc: 'connections per subgraph' },
  DB_PREPARED_STATEMENTS: {
    schema: envType.int(0, 10_000),
    default: '256',
    doc: 'distinct parameterised statements each subgraph connection keeps prepared, so PostgreSQL parses and plans them once per connection; `0` sends every statement unnamed (a pooler in transaction mode without prepared-statement support)',
  },
  MAX_PAGE_SIZE: { schema: envType.int(1, 100_000), default: '1000', doc: 'largest `first` a list accepts' },
  DATA_PLANE_CALLS_PER_SECOND: {
    schema: envType.int(0, 1_000_000),
    default: '50',
    doc: 'delivery: calls per second one API key may make on the data plane (`POST /v1/products/{code}/invoke`; counters in PostgreSQL, shared by replicas); `0` turns the limit off',
  },
  WEBHOOK_ALLOW_PRIVATE_TARGETS: {
    schema: envType.flag(),
    default: '0',
    doc: 'tests only: let webhook endpoints use http and loopback or private addresses (otherwise https to public addresses only, checked at registration and at every attempt)',
    production: 'off',
  },
  WEBHOOK_RETRY_SCHEDULE: {
    schema: z
      .string()
      .regex(/^\s*[0-9]+\s*[smhd]?\s*(,\s*[0-9]+\s*[smhd]?\s*){0,19}$/, 'must be a comma-separated list of durations such as 5s,5m,30m,2h')
      .transform((v) => v.split(',').map((d) => {
        const t = d.trim();
        const n = Number(/^[0-9]+/.exec(t)![0]);
        const unit = t.slice(-1);
        return n * (unit === 'm' ? 60 : unit === 'h' ? 3600 : unit === 'd' ? 86_400 : 1);
      })),
    default: '5s,5m,30m,2h,5h,10h,10h',
    doc: 'delivery: waits before each retry of a webhook delivery that failed (the Standard Webhooks schedule); when spent the delivery is FAILED',
  },
  WEBHOOK_TIMEOUT_MS: { schema: envType.int(100, 60_000), default: '10000', doc: 'delivery: how long a webhook receiver has to answer one attempt' },
  WEBHOOK_EXPIRY_NOTICE_DAYS: { schema: envType.int(1, 90), default: '7', doc: 'delivery: days before an entitlement\'s last day that `entitlement.expiring` is sent' },
  WEBHOOK_SECRET_KEY: {
    schema: envType.str(),
    docDefault: 'a development key',
    doc: `delivery: the key that seals webhook signing secrets at rest (AES-256-GCM, SECURITY.md); at least ${MIN_SECRET_BYTES} bytes in production`,
    productionDoc: 'required by delivery (checked when it starts)',
    secret: true,
  },
  WEBHOOK_SECRET_KEY_PREVIOUS: {
    schema: envType.str(),
    doc: 'delivery: the key before the last change of `WEBHOOK_SECRET_KEY`; secrets it sealed still open, and a job reseals them under the new key',
    secret: true,
  },
  WEBHOOK_SECRET_GRACE: { schema: envType.duration(0, 30 * 86_400), default: '24h', doc: 'delivery: after a webhook secret is rotated, how long the old secret also signs each delivery' },
  FEED_POLL_MS: { schema: envType.int(50, 60_000), default: '1000', doc: 'live feeds (`GET /v1/feed/...`, server-sent events): how often a subgraph looks for new entries' },
  LOG_LEVEL: {
    schema: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    docDefault: '`info` (`silent` when `NODE_ENV=test`)',
    doc: 'pino log level (JSON logs carry `requestId`, forwarded gateway → subgraphs as `x-request-id`)',
  },
  ALLOW_CLOCK_OVERRIDE: { schema: envType.flag(), default: '0', doc: 'tests only: honour an `x-pdo-now` header as the request clock', production: 'off' },
  EXPOSE_SQL_COUNT: { schema: envType.flag(), default: '0', doc: 'tests/benchmarks: report SQL statements per request in `extensions.sqlStatements`', production: 'off' },
  ORM_DEBUG: { schema: envType.flag(), default: '0', doc: 'debugging: print every SQL statement and ORM message to stderr', production: 'off' },
  OTEL_EXPORTER_OTLP_ENDPOINT: {
    schema: envType.url(),
    docDefault: 'unset → tracing off',
    doc: 'OpenTelemetry traces (gateway → subgraphs → SQL and event handlers) exported by OTLP/HTTP to this collector (`/v1/traces` is appended); unset, no tracing SDK is loaded (docs/operations.md)',
  },
  OTEL_SERVICE_NAME: {
    schema: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a name of letters, digits, `.`, `_` or `-`'),
    docDefault: '`gateway`, the subgraph\'s name, or `pdo` under `pnpm start`',
    doc: '`service.name` of this process\'s spans',
  },
});

/**
 * Validates `env` against a spec: every variable, every problem at once. Empty strings count as
 * unset. Production rules: `required` variables must be set, `off` flags must not be on.
 * `check` adds cross-variable rules (issue messages that start with the variable's name).
 */
export function parseEnv<S extends EnvSpec>(spec: S, source: NodeJS.ProcessEnv, check?: (values: EnvValues<S>, raw: (name: string) => string | undefined) => string[]): EnvValues<S> {
  const raw = (name: string) => {
    const v = source[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const production = raw('NODE_ENV') === 'production';
  const shape: Record<string, z.ZodType> = {};
  for (const [name, v] of Object.entries(spec)) shape[name] = v.default === undefined ? v.schema.optional() : v.schema;
  const input: Record<string, string | undefined> = {};
  for (const [name, v] of Object.entries(spec)) input[name] = raw(name) ?? v.default;
  const result = z.object(shape).safeParse(input);
  const problems: string[] = [];
  const variables = new Set<string>();
  const add = (name: string, message: string) => {
    variables.add(name);
    problems.push(`${name}: ${message}`);
  };
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0]);
      const given = raw(name);
      add(name, `${issue.message}${spec[name]?.secret || given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`);
    }
  }
  if (production) {
    for (const [name, v] of Object.entries(spec)) {
      if (v.production === 'required' && raw(name) === undefined && !variables.has(name)) add(name, 'must be set in production');
      if (v.production === 'off' && result.success && (result.data as Record<string, unknown>)[name] === true) add(name, 'must be off in production');
    }
  }
  if (result.success && check) {
    for (const message of check(result.data as EnvValues<S>, raw)) add(message.split(':')[0]!, message.slice(message.indexOf(':') + 1).trim());
  }
  if (problems.length) throw new ConfigError([...variables], problems);
  return result.data as EnvValues<S>;
}


export function platformChecks(v: EnvValues<typeof PLATFORM_ENV>, raw: (name: string) => string | undefined): string[] {
  const out: string[] = serviceUrlChecks(v);
  if (v.NODE_ENV !== 'production') return out;
  const weak = weakSecret(raw('GATEWAY_HMAC_SECRET'), [DEV_GATEWAY_SECRET]);
  if (weak) out.push(`GATEWAY_HMAC_SECRET: ${weak}`);
  if (!v.JWT_JWKS_URL) {
    const weakJwt = weakSecret(raw('JWT_SECRET'), [DEV_JWT_SECRET]);
    if (weakJwt) out.push(`JWT_SECRET: ${weakJwt}`);
  }
  const weakRouter = weakSecret(raw('ROUTER_SHARED_SECRET'), [DEV_ROUTER_SECRET]);
  if (weakRouter) out.push(`ROUTER_SHARED_SECRET: ${weakRouter}`);
  const router = raw('ROUTER_SHARED_SECRET');
  if (router !== undefined && (router === raw('GATEWAY_HMAC_SECRET') || router === raw('JWT_SECRET'))) out.push('ROUTER_SHARED_SECRET: must differ from GATEWAY_HMAC_SECRET and JWT_SECRET');
  const weakDigest = weakSecret(raw('INTEGRITY_DIGEST_KEY'), [DEV_INTEGRITY_DIGEST_KEY]);
  if (weakDigest) out.push(`INTEGRITY_DIGEST_KEY: ${weakDigest}`);
  const weakChain = weakSecret(raw('AUDIT_CHAIN_KEY'), []);
  if (weakChain) out.push(`AUDIT_CHAIN_KEY: ${weakChain}`);
  for (const name of ['WEBHOOK_SECRET_KEY', 'WEBHOOK_SECRET_KEY_PREVIOUS'] as const) {
    const weakSeal = weakSecret(raw(name), [DEV_WEBHOOK_SECRET_KEY]);
    if (weakSeal) out.push(`${name}: ${weakSeal}`);
  }
  if (!v.DB_SERVICE_ROLES) out.push('DB_SERVICE_ROLES: must be on in production (services must not connect as the owner)');
  if (v.MIGRATE_ON_START && !v.MIGRATION_DATABASE_URL && v.DATABASE_URL && !raw('DB_ROLE_SECRET')) out.push('DB_ROLE_SECRET: must be set in production when DATABASE_URL is the owner (or set MIGRATION_DATABASE_URL)');
  return out;
}

/** In every environment: a service URL handed to the migration step names that service's own role. */
function serviceUrlChecks(v: EnvValues<typeof PLATFORM_ENV>): string[] {
  const out: string[] = [];
  for (const name of Object.keys(SUBGRAPH_DEFAULT_PORTS)) {
    const variable = `${name.toUpperCase()}_DATABASE_URL` as keyof typeof serviceUrlVars;
    const url = v[variable];
    if (url && decodeURIComponent(new URL(url).username) !== `pdo_${name}`) out.push(`${variable}: its user must be pdo_${name}`);
  }
  return out;
}

/** Environment configuration shared by the gateway and subgraphs (README lists every variable). */
export interface PlatformConfig extends JwtSettings {
  databaseUrl: string | undefined;
  /** How a subgraph authenticates its caller (SUBGRAPH_AUTH; packages/platform/src/auth/subgraph-auth.ts). */
  subgraphAuth: SubgraphAuthMode;
  /** The standard router's shared secret (ROUTER_SHARED_SECRET); null in production when unset. */
  routerSecret: string | null;
  /** ROUTER_REQUIRE_DPOP: behind a router, every signed-in request needs a DPoP-bound token and proof. */
  routerRequireDpop: boolean;
  /** ROUTER_PUBLIC_URL: the `htu` a DPoP proof must name, when set. */
  routerPublicUrl: string | null;
  gatewaySecret: string;
  signatureMaxSkewMs: number;
  nonceCapacity: number;
  /** Where accepted nonces are kept (REPLAY_STORE): this process, or the subgraph's schema, shared by its replicas. */
  replayStore: 'memory' | 'postgres';
  allowClockOverride: boolean;
  exposeSqlCount: boolean;
  production: boolean;
  bodyLimitBytes: number;
  host: string;
  dbPoolMax: number;
  /** DB_PREPARED_STATEMENTS: statements each connection keeps prepared (db/prepared.ts). */
  dbPreparedStatements: number;
  maxPageSize: number;
  seedDemo: boolean;
  /** Subgraph entry points migrate (and set up roles) at start; off when a migration step does it. */
  migrateOnStart: boolean;
  subgraphPorts: Record<keyof typeof SUBGRAPH_DEFAULT_PORTS, number>;
  pgPort: number;
  pgDataDir: string | undefined;
  /** OTLP/HTTP collector of traces; null = tracing off. */
  otelEndpoint: string | null;
  otelServiceName: string | undefined;
}

export function platformConfigFrom(v: EnvValues<typeof PLATFORM_ENV>): PlatformConfig {
  const production = v.NODE_ENV === 'production';
  const jwksUrl = v.JWT_JWKS_URL ?? null;
  return {
    databaseUrl: v.DATABASE_URL,
    subgraphAuth: v.SUBGRAPH_AUTH,
    routerSecret: v.ROUTER_SHARED_SECRET ?? (production ? null : DEV_ROUTER_SECRET),
    routerRequireDpop: v.ROUTER_REQUIRE_DPOP,
    routerPublicUrl: v.ROUTER_PUBLIC_URL ?? null,
    jwtSecret: v.JWT_SECRET ?? (production || jwksUrl ? null : DEV_JWT_SECRET),
    jwksUrl,
    jwtIssuer: v.JWT_ISSUER,
    jwtAudience: v.JWT_AUDIENCE,
    jwtAlgorithms: v.JWT_ALGORITHMS ?? (jwksUrl ? ['RS256', 'ES256'] : ['HS256']),
    jwtClockToleranceSec: v.JWT_CLOCK_TOLERANCE_SEC,
    jwtMaxLifetimeSec: v.JWT_MAX_LIFETIME,
    gatewaySecret: v.GATEWAY_HMAC_SECRET ?? DEV_GATEWAY_SECRET,
    signatureMaxSkewMs: v.IDENTITY_MAX_SKEW_MS,
    nonceCapacity: v.IDENTITY_NONCE_CAPACITY,
    replayStore: v.REPLAY_STORE,
    allowClockOverride: !production && v.ALLOW_CLOCK_OVERRIDE,
    exposeSqlCount: !production && v.EXPOSE_SQL_COUNT,
    production,
    bodyLimitBytes: v.BODY_LIMIT_BYTES,
    host: v.SUBGRAPH_HOST,
    dbPoolMax: v.DB_POOL_MAX,
    dbPreparedStatements: v.DB_PREPARED_STATEMENTS,
    maxPageSize: v.MAX_PAGE_SIZE,
    seedDemo: v.SEED_DEMO,
    migrateOnStart: v.MIGRATE_ON_START,
    subgraphPorts: { catalog: v.CATALOG_PORT, licensing: v.LICENSING_PORT, products: v.PRODUCTS_PORT, revenue: v.REVENUE_PORT, evaluation: v.EVALUATION_PORT, delivery: v.DELIVERY_PORT },
    pgPort: v.PGPORT,
    pgDataDir: v.PG_DATA_DIR,
    otelEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT ?? null,
    otelServiceName: v.OTEL_SERVICE_NAME,
  };
}

/** The validated platform configuration of this process; throws ConfigError naming every bad variable. */
export function platformConfig(source: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const mode = source.SUBGRAPH_AUTH?.trim();
  // A subgraph that accepts a standard router verifies bearer tokens itself: in production it needs
  // the router's secret and the token settings, as the gateway does.
  const spec = mode === 'router' || mode === 'both' ? { ...PLATFORM_ENV, ROUTER_SHARED_SECRET: { ...PLATFORM_ENV.ROUTER_SHARED_SECRET, production: 'required' } } : PLATFORM_ENV;
  return platformConfigFrom(parseEnv(mode === 'router' || mode === 'both' ? requireJwtSettings(spec as typeof PLATFORM_ENV, source) : spec, source, platformChecks));
}

/** The spec with the bearer-token variables required in production (JWT_SECRET only without JWT_JWKS_URL). */
export function requireJwtSettings<S extends typeof PLATFORM_ENV>(spec: S, source: NodeJS.ProcessEnv): S {
  const req = <K extends 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE'>(name: K) => ({ ...spec[name], production: 'required' as const });
  return {
    ...spec,
    ...(source.JWT_JWKS_URL?.trim() ? {} : { JWT_SECRET: req('JWT_SECRET') }),
    JWT_ISSUER: req('JWT_ISSUER'),
    JWT_AUDIENCE: req('JWT_AUDIENCE'),
  };
}

/**
 * The migration step's configuration (packages/migrate): the same schema, but the services' keys
 * (request signature, audit chain and signing keys) are not required in production — the step
 * uses none of them, so it is not given them. A weak one that is set is still refused.
 */
export function migrationConfig(source: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const spec = { ...PLATFORM_ENV };
  for (const name of ['GATEWAY_HMAC_SECRET', 'AUDIT_CHAIN_KEY', 'AUDIT_SIGNING_KEY'] as const) spec[name] = { ...spec[name], production: 'optional' } as never;
  return platformConfigFrom(parseEnv(spec, source, platformChecks));
}

/**
 * One validated platform variable, for code that reads a setting at use time (page size, log
 * level, ORM debugging). The process validated the whole configuration when it started; this
 * parses the one value (cached per raw value) with the same declaration.
 */
const settingCache = new Map<string, unknown>();
export function setting<K extends keyof typeof PLATFORM_ENV>(name: K, source: NodeJS.ProcessEnv = process.env): EnvValues<typeof PLATFORM_ENV>[K] {
  const rawValue = source[name];
  const key = `${name}\u0000${rawValue ?? '\u0001'}`;
  if (settingCache.has(key)) return settingCache.get(key) as EnvValues<typeof PLATFORM_ENV>[K];
  const one = { [name]: PLATFORM_ENV[name] } as Pick<typeof PLATFORM_ENV, K>;
  const value = (parseEnv(one as EnvSpec, { [name]: rawValue }) as Record<string, unknown>)[name];
  settingCache.set(key, value);
  return value as EnvValues<typeof PLATFORM_ENV>[K];
}

export const CLOCK_HEADER = 'x-pdo-now';
