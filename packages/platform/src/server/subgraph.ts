import type { IncomingMessage, Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, parse, print, type DocumentNode, type GraphQLFormattedError, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { moneyFieldResolvers } from '../money.js';
import type { MikroORM, EntityManager, Options } from '@mikro-orm/postgresql';
import type { Migration } from '@mikro-orm/migrations';
import type { PgBoss } from 'pg-boss';
import { inboxQueue, type SubgraphName } from '@pdo/events';
import { createOrm, migrate, pendingMigrations, statementCounter } from '../db/orm.js';
import { platformMigrations } from '../db/platform-migration.js';
import { serviceGrantsSql, serviceRole } from '../db/roles.js';
import { EventPublisher, PGBOSS_SCHEMA, startConsumer, ensureInboxes, taskQueue, type EventHandlers, type TaskJob } from '../events/bus.js';
import { DomainError, toClientError } from '../errors.js';
import { ANONYMOUS, MemoryNonceStore, requireRole, type Identity, type NonceStore, type Role } from '../identity.js';
import { createSubgraphAuthenticator } from '../auth/subgraph-auth.js';
import { PgNonceStore } from '../auth/replay-store.js';
import { DateTimeScalar } from '../scalars.js';
import { inScope, roleAllowed, type ScopeOptions, type ScopeTarget } from '../access/scope.js';
import { createAuditResolver } from '../audit/schema.js';
import type { RequestContext } from '../context.js';
import { sql } from '../db/sql.js';
import { writeAudit, type AuditEntry } from '../audit/audit.js';
import { auditKeys } from '../audit/keys.js';
import { checkpointIntervalSeconds, signAndPublishCheckpoint } from '../audit/checkpoint.js';
import { createLogger, type Logger } from '../logging.js';
import { platformConfig, CLOCK_HEADER, type PlatformConfig } from '../config.js';
import { createGraphQLHttpServer, listen, observabilityPlugin, type ReadinessReport } from './http.js';
import { ServiceMetrics } from '../observability/metrics.js';
import { decodeNodeId, encodeNodeId, MAX_NODES, NODE_ROOT, NODE_TYPES, nodeTypesOf, withNodeInterface } from '../node.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override", "@interfaceObject"])';

/** `info` is the `_entities` field's: a resolver may read what the gateway asks of the entity (products' DataResource). */
export type ReferenceResolver = (ref: { id: string } & Record<string, unknown>, ctx: RequestContext<any>, info?: GraphQLResolveInfo) => unknown;

/** Who may call a root field at all: everyone (results may still be scoped) or these roles. */
export type AccessRule = 'PUBLIC' | readonly Role[];

/**
 * Who may resolve a reference to an entity (`_entities`): the same rules as the root queries that
 * return it. The platform applies it to every representation; a refused one resolves to null.
 */
export interface EntityAccessRule<T = any> extends ScopeOptions {
  /** Role gate: 'PUBLIC' or these roles (any other role gets null). */
  roles: AccessRule;
  /** Where the resolved object belongs (packages/platform/src/access/scope.ts); 'PUBLIC' = all who pass `roles`. */
  scope: 'PUBLIC' | ((row: T) => ScopeTarget);
}

export interface SubgraphDefinition<L> {
  name: SubgraphName;
  /**
   * The role gate of every Query and Mutation field, enforced by the platform before the resolver
   * runs (so a wrong role is refused whatever the arguments) and checked by the authorization
   * matrix test. Object-level checks (own organization, own jurisdiction) stay in the resolvers,
   * through the platform's scope (packages/platform/src/access/scope.ts).
   */
  access?: Record<string, AccessRule>;
  /**
   * The reference access rule of every entity type this subgraph resolves (`@key` without
   * `resolvable: false`). The platform refuses to build a subgraph with a resolvable entity type
   * without a rule, and applies role gate and object scope to each reference it resolves.
   * Stubs of other subgraphs' types need no rule.
   */
  entityAccess?: Record<string, EntityAccessRule>;
  entities: NonNullable<Options['entities']>;
  migrations: { name: string; class: new (...args: never[]) => Migration }[];
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type name; use a DataLoader so N references are one query. */
  referenceResolvers?: Record<string, ReferenceResolver>;
  createLoaders: (em: EntityManager, identity: Identity) => L;
  handlers?: EventHandlers;
  /** Checks of the subgraph's own configuration when its runtime starts (throws to refuse to start, e.g. a missing production key). */
  startupChecks?: () => void;
  /** Recurring work (expiry, deadlines): called with a fresh EntityManager; errors are logged. */
  /**
   * Demo data for an empty database (SEED_DEMO=1). Runs once per database, in one transaction,
   * after migrations; it may publish events like any mutation.
   */
  seed?: (uow: import('../context.js').UnitOfWork, rt: SubgraphRuntime<any>) => Promise<void>;
  /**
   * Facts published again once per database (server/republish.ts), for a consumer that began projecting them after
   * they were published: each runs at the first start after an upgrade, like a seed, never on a database the demo
   * seed has just filled (the seed published them).
   */
  republish?: { name: string; run: (uow: import('../context.js').UnitOfWork, rt: SubgraphRuntime<any>) => Promise<void> }[];
  jobs?: { name: string; everySeconds: number; run: (em: EntityManager, rt: SubgraphRuntime<L>) => Promise<void> }[];
  /**
   * Finishes work the process holds back to batch it (delivery's metered calls, published as one
   * event per batch a few milliseconds after the calls): what a test stack's `settle` waits for
   * before it waits for the events.
   */
  drain?: (rt: SubgraphRuntime<L>) => Promise<void>;
  /**
   * Long work a mutation starts and returns from at once (a settlement run): a pg-boss queue per
   * task, sent to in the mutation's transaction (`ctx.events.enqueueTask`) and worked by every
   * process that consumes. A job outlives the process that started or was running it: a job of a
   * process that died is handed to another worker when its attempt expires.
   */
  tasks?: Record<string, SubgraphTask<L>>;
  /**
   * Statements the owner runs after the migrations and the service role's grants (only when the
   * service connects as its own role): grants that name roles outside the schema, such as the
   * raw-data store's (subgraphs/delivery). Idempotent; run on every start.
   */
  ownerSql?: (serviceRole: string) => string[];
  /**
   * HTTP routes beside GraphQL on the subgraph's port (delivery's data plane, which the gateway
   * forwards over the same signed channel): made once per server; return true when handled.
   */
  routes?: (rt: SubgraphRuntime<L>) => (req: IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean>;
  /** Facts that must always hold in this subgraph's data (human-readable violations; empty = sound). Checked after every test suite. */
  invariants?: (em: EntityManager) => Promise<string[]>;
}

export interface SubgraphTask<L = unknown> {
  /**
   * Runs one job with a context like a request's (the starter's identity, a fresh EntityManager and
   * loaders). A DomainError ends the job (the task records its outcome itself); any other error
   * fails the attempt, and pg-boss retries it.
   */
  run: (ctx: RequestContext<L>, data: any) => Promise<void>;
  /** Longest an attempt may run before it is counted lost and retried (default 900 s). */
  expireInSeconds?: number;
  /** Retries after a failed or lost attempt (default 3). */
  retryLimit?: number;
  /**
   * The worker refreshes its claim every half of this; an attempt whose worker stopped refreshing (its process died)
   * is retried after it, not after `expireInSeconds` (pg-boss queue option, at least 10 s; none by default).
   */
  heartbeatSeconds?: number;
}

export interface SubgraphRuntime<L = unknown> {
  definition: SubgraphDefinition<L>;
  orm: MikroORM;
  boss: PgBoss;
  events: EventPublisher;
  schema: GraphQLSchema;
  sdl: string;
  log: Logger;
  config: PlatformConfig;
  /** Nonces of the gateway signatures this process accepted (replay protection; see identity.ts). */
  nonces: NonceStore;
  /** This subgraph's Prometheus registry, served at its `/metrics` (docs/operations.md). */
  metrics: ServiceMetrics;
}

/** Builds the Federation 2 subgraph schema from type-graphql classes (type-graphql's federation example: print with directives, add the federation @link, buildSubgraphSchema with the array form). */
export async function buildFederatedSchema(def: Pick<SubgraphDefinition<unknown>, 'resolvers' | 'orphanedTypes' | 'referenceResolvers' | 'name' | 'access' | 'entityAccess'>): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const tgSchema = await buildSchema({
    resolvers: [...def.resolvers, createAuditResolver(def.name)] as NonEmptyArray<Function>,
    orphanedTypes: def.orphanedTypes,
    skipCheck: true,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  // Root types have no decorator of their own; every subgraph gives the same words so composition keeps them.
  const query = tgSchema.getQueryType();
  if (query) query.description = '查询入口 | Read operations of the marketplace';
  const mutation = tgSchema.getMutationType();
  if (mutation) mutation.description = '变更入口：每个操作为一个事务并留审计记录 | Write operations; each is one transaction with its audit record';
  // Relay's Node across the federation (node.ts): this subgraph's node types, and at the root `node`/`nodes`.
  const typeDefs = withNodeInterface(parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(tgSchema)}`), def.name);
  const sdl = print(typeDefs);
  const resolvers = createResolversMap(tgSchema) as Record<string, Record<string, unknown>>;
  // Resolvers return money as a bigint of fen; the Money object type answers both forms from it (money.ts).
  if (tgSchema.getType('Money')) resolvers.Money = { ...(resolvers.Money ?? {}), ...moneyFieldResolvers };
  const entityTypes = resolvableEntityTypes(typeDefs);
  for (const typeName of Object.keys(def.referenceResolvers ?? {})) {
    if (!entityTypes.includes(typeName)) throw new Error(`${def.name}: referenceResolvers.${typeName} is not a resolvable entity type of this subgraph`);
  }
  for (const typeName of entityTypes) {
    const rule = def.entityAccess?.[typeName];
    if (!rule) throw new Error(`${def.name}: entity type ${typeName} has no reference access rule (SubgraphDefinition.entityAccess)`);
    const resolve = def.referenceResolvers?.[typeName];
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: guardReference(rule, resolve) };
  }
  for (const typeName of Object.keys(def.entityAccess ?? {})) {
    if (!entityTypes.includes(typeName)) throw new Error(`${def.name}: entityAccess.${typeName} names no resolvable entity type of this subgraph`);
  }
  addNodeResolvers(resolvers, def.name);
  const schema = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  if (def.access) enforceAccess(schema, { ...platformAccess(def.name), ...def.access }, def.name);
  return { schema, sdl };
}

/**
 * `nodeId` of this subgraph's node types, and at the root `node`/`nodes` (node.ts): a type owned
 * here is resolved through its guarded reference resolver (role gate, scope, loader), another
 * subgraph's is answered as `{ __typename, nodeId }` for the router to fetch from its owner.
 */
function addNodeResolvers(resolvers: Record<string, Record<string, unknown>>, subgraph: string): void {
  const own = nodeTypesOf(subgraph);
  for (const type of own) resolvers[type] = { ...(resolvers[type] ?? {}), nodeId: (src: { id: string }) => encodeNodeId(type, src.id) };
  if (own.length === 0 && subgraph !== NODE_ROOT) return;
  resolvers.Node = { __resolveType: (obj: { __typename?: string }) => obj.__typename ?? null };
  if (subgraph !== NODE_ROOT) return;
  const one = async (id: unknown, ctx: RequestContext, info: unknown) => {
    const d = decodeNodeId(id);
    if (!d) return null;
    if (NODE_TYPES[d.type] !== subgraph) return { __typename: d.type, id: d.id, nodeId: encodeNodeId(d.type, d.id) };
    const resolve = resolvers[d.type]?.__resolveReference as ReferenceResolver | undefined;
    const row = resolve ? await (resolve as (r: unknown, c: unknown, i: unknown) => unknown)({ __typename: d.type, id: d.id }, ctx, info) : null;
    return row ? Object.assign(Object.create(Object.getPrototypeOf(row)), row, { __typename: d.type }) : null;
  };
  resolvers.Query = {
    ...(resolvers.Query ?? {}),
    node: (_: unknown, args: { id: string }, ctx: RequestContext, info: unknown) => one(args.id, ctx, info),
    nodes: (_: unknown, args: { ids: string[] }, ctx: RequestContext, info: unknown) => {
      if (args.ids.length > MAX_NODES) throw new DomainError('BAD_USER_INPUT', `一次最多 ${MAX_NODES} 个标识`, `At most ${MAX_NODES} ids at once`, { field: 'ids' });
      return Promise.all(args.ids.map((id) => one(id, ctx, info)));
    },
  };
}

/** Object types with a `@key` this subgraph resolves (not `resolvable: false` stubs of other subgraphs' types). */
export function resolvableEntityTypes(doc: DocumentNode): string[] {
  const out: string[] = [];
  for (const d of doc.definitions) {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const keys = (d.directives ?? []).filter((x) => x.name.value === 'key');
    const resolvable = keys.some((k) => !(k.arguments ?? []).some((a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && a.value.value === false));
    if (resolvable && !out.includes(d.name.value)) out.push(d.name.value);
  }
  return out;
}

/**
 * A reference resolver behind its entity's access rule: a caller the role gate refuses, or whose
 * scope does not reach the resolved object, gets null for that representation (as a root query
 * by id answers nothing); the other representations of the batch are unaffected.
 */
function guardReference(rule: EntityAccessRule, resolve: ReferenceResolver | undefined): ReferenceResolver {
  return async (ref, ctx, info) => {
    if (!roleAllowed(rule.roles, ctx.identity)) return null;
    // A reference by the global id (`@key(fields: "nodeId")`, node.ts): the id it names, of this type only.
    if (ref.id === undefined && ref.nodeId !== undefined) {
      const named = decodeNodeId(ref.nodeId);
      if (!named || named.type !== ref.__typename) return null;
      ref = { ...ref, id: named.id };
    }
    const row = resolve ? await resolve(ref, ctx, info) : ref;
    if (row === null || row === undefined) return null;
    if (rule.scope === 'PUBLIC') return row;
    return inScope(ctx.identity, rule.scope(row), rule) ? row : null;
  };
}

/** Root fields the platform adds to every subgraph. */
export function platformAccess(subgraph: string): Record<string, AccessRule> {
  return {
    [`${subgraph}AuditTrail`]: ['AUTHORITY', 'AGENCY'],
    [`${subgraph}AuditVerification`]: ['AUTHORITY'],
    [`${subgraph}AuditCheckpoints`]: 'PUBLIC',
    [`${subgraph}SignAuditCheckpoint`]: ['AUTHORITY'],
    // Public: each object's own access rule decides what comes back (node.ts).
    ...(subgraph === NODE_ROOT ? { node: 'PUBLIC' as const, nodes: 'PUBLIC' as const } : {}),
  };
}

const FEDERATION_ROOT_FIELDS = new Set(['_entities', '_service']);

function enforceAccess(schema: GraphQLSchema, access: Record<string, AccessRule>, subgraph: string): void {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (FEDERATION_ROOT_FIELDS.has(field.name)) continue;
      const rule = access[field.name];
      if (rule === undefined) throw new Error(`${subgraph}: ${root.name}.${field.name} has no access rule (SubgraphDefinition.access)`);
      if (rule === 'PUBLIC') continue;
      const resolve = field.resolve;
      if (!resolve) continue;
      const roles = [...rule];
      field.resolve = (source, args, ctx: RequestContext, info) => {
        requireRole(ctx.identity, ...roles);
        return resolve(source, args, ctx, info);
      };
    }
  }
}

/**
 * Migrates the schema and starts the event consumer. Used by the HTTP server and by tests/seeds.
 * With `migrationUrl` (the owner, db/roles.ts), migrations and the service role's grants run as
 * the owner and the ORM then reconnects as `databaseUrl` (the service role), so the running
 * service never holds the owner's connection; without it, everything runs as `databaseUrl`.
 */
export async function createSubgraphRuntime<L>(def: SubgraphDefinition<L>, opts: { databaseUrl: string; migrationUrl?: string | null; boss: PgBoss; log?: Logger; config?: PlatformConfig; consume?: boolean; nonces?: NonceStore; migrate?: boolean }): Promise<SubgraphRuntime<L>> {
  const log = opts.log ?? createLogger(def.name);
  const config = opts.config ?? platformConfig();
  // Refuses to start (production) without a strong audit chain key and a signing key.
  auditKeys();
  def.startupChecks?.();
  const migrations = [...platformMigrations, ...def.migrations];
  if (opts.migrate === false) {
    // A migration step ran before (packages/migrate): connect as the service only, and refuse to
    // serve a schema older than this code.
    const orm = await createOrm({ url: opts.databaseUrl, schema: def.name, entities: def.entities, migrations, poolMax: config.dbPoolMax, preparedStatements: config.dbPreparedStatements });
    const pending = await pendingMigrations(orm, def.name, migrations.map((m) => m.name)).catch(async (e: Error) => {
      await orm.close().catch(() => {});
      throw e;
    });
    if (pending.length) {
      await orm.close().catch(() => {});
      throw new Error(`schema "${def.name}" is not migrated (pending: ${pending.join(', ')}); run the migration step (node packages/migrate/dist/main.js) first, or set MIGRATE_ON_START=1`);
    }
    return finishRuntime(def, orm, opts, log, config);
  }
  const asOwner = !!opts.migrationUrl && opts.migrationUrl !== opts.databaseUrl;
  const orm = await createOrm({ url: asOwner ? opts.migrationUrl! : opts.databaseUrl, schema: def.name, entities: def.entities, migrations, poolMax: config.dbPoolMax, preparedStatements: config.dbPreparedStatements });
  await migrate(orm, def.name);
  if (asOwner) {
    const conn = orm.em.getConnection();
    for (const statement of serviceGrantsSql(def.name)) await conn.execute(statement);
    for (const statement of def.ownerSql?.(serviceRole(def.name)) ?? []) await conn.execute(statement);
    // The same ORM (entities discovered once) now connects as the service role; the owner's pool is closed.
    await orm.reconnect({ clientUrl: opts.databaseUrl } as never);
  }
  return finishRuntime(def, orm, opts, log, config);
}

async function finishRuntime<L>(def: SubgraphDefinition<L>, orm: MikroORM, opts: { boss: PgBoss; consume?: boolean; nonces?: NonceStore }, log: Logger, config: PlatformConfig): Promise<SubgraphRuntime<L>> {
  await ensureInboxes(opts.boss);
  for (const [name, task] of Object.entries(def.tasks ?? {})) {
    await opts.boss.createQueue(taskQueue(def.name, name), { retryLimit: task.retryLimit ?? 3, retryDelay: 5, retryBackoff: true, expireInSeconds: task.expireInSeconds ?? 900, ...(task.heartbeatSeconds ? { heartbeatSeconds: task.heartbeatSeconds } : {}) } as never);
  }
  const events = new EventPublisher(opts.boss, def.name);
  const { schema, sdl } = await buildFederatedSchema(def as SubgraphDefinition<unknown>);
  // REPLAY_STORE: in this process's memory (one replica), or the subgraph's schema, shared by its replicas.
  const nonces = opts.nonces ?? (config.replayStore === 'postgres' ? new PgNonceStore(orm) : new MemoryNonceStore(config.nonceCapacity));
  const metrics = subgraphMetrics(def.name, orm);
  const rt: SubgraphRuntime<L> = { definition: def, orm, boss: opts.boss, events, schema, sdl, log, config, nonces, metrics };
  if (opts.consume !== false) await startConsuming(rt);
  return rt;
}

/**
 * Starts draining the subgraph's inbox. Entry points call it after the demo seed, so events other
 * subgraphs published meanwhile wait in the queue instead of racing the seed's own inserts.
 */
export async function startConsuming<L>(rt: SubgraphRuntime<L>): Promise<void> {
  const def = rt.definition;
  if (def.handlers) {
    const deadLettered = deadLetterCounters.get(rt.metrics);
    await startConsumer({ boss: rt.boss, orm: rt.orm, subgraph: def.name, handlers: def.handlers, log: rt.log, publisher: rt.events, onDeadLetter: (event) => deadLettered?.inc({ queue: inboxQueue(def.name), event }) });
  }
  for (const [name, task] of Object.entries(def.tasks ?? {})) {
    await rt.boss.work<TaskJob>(taskQueue(def.name, name), { batchSize: 1, pollingIntervalSeconds: 0.5 } as never, async (jobs) => {
      for (const job of jobs) await runTask(rt, name, task, job.id, job.data);
    });
  }
}

/** One attempt of a task job, with the identity of whoever started it. */
export async function runTask<L>(rt: SubgraphRuntime<L>, name: string, task: SubgraphTask<L>, jobId: string, job: TaskJob): Promise<void> {
  const em = rt.orm.em.fork();
  const requestId = `${job.requestId}:task:${jobId}`;
  const ctx: RequestContext<L> = { em, identity: job.identity, loaders: rt.definition.createLoaders(em, job.identity), requestId, log: rt.log.child({ requestId, task: name }), events: rt.events, now: job.now ? new Date(job.now) : new Date() };
  try {
    await task.run(ctx, job.data);
  } catch (err) {
    if (err instanceof DomainError) {
      ctx.log.info({ code: err.code, message: err.messageEn }, 'task ended with a refusal');
      return;
    }
    ctx.log.warn({ err }, 'task attempt failed; pg-boss retries it');
    throw err;
  }
}

/** Runs the subgraph's demo seed once per database (guarded by seed_runs). */
export async function seedOnce<L>(rt: SubgraphRuntime<L>): Promise<boolean> {
  const seed = rt.definition.seed;
  if (!seed) return false;
  const em = rt.orm.em.fork();
  return em.transactional(async (tx) => {
    const claimed = await sql(tx, `insert into seed_runs (name) values ('demo') on conflict do nothing returning name`);
    if (claimed.length === 0) return false;
    const entries: AuditEntry[] = [];
    const identity: Identity = { sub: 'system:seed', role: 'AUTHORITY', org: null, jurisdiction: null };
    await seed({ tx, audit: (e) => void entries.push(e), publish: (name, payload, jurisdiction = null) => rt.events.publish(tx, name, payload, jurisdiction) }, rt);
    await tx.flush();
    await writeAudit(tx, { identity, requestId: 'seed' }, entries);
    return true;
  });
}

/**
 * The platform's own recurring job: a signed checkpoint of the audit chain every
 * AUDIT_CHECKPOINT_INTERVAL_SECONDS (when the chain advanced since the last one).
 */
export function auditCheckpointJob<L>(): NonNullable<SubgraphDefinition<L>['jobs']>[number] {
  return {
    name: 'audit-checkpoint',
    everySeconds: checkpointIntervalSeconds(),
    run: async (em, rt) => {
      await em.transactional((tx) => signAndPublishCheckpoint(tx, rt.definition.name, rt.events, { signedBy: 'system:audit-checkpoint', onlyIfAdvanced: true }));
    },
  };
}

/** Starts the recurring jobs of a subgraph (its own and the platform's); returns a stop function. */
export function startJobs<L>(rt: SubgraphRuntime<L>): () => void {
  const platformJobs = checkpointIntervalSeconds() > 0 ? [auditCheckpointJob<L>()] : [];
  const timers = [...(rt.definition.jobs ?? []), ...platformJobs].map((job) =>
    setInterval(() => {
      job.run(rt.orm.em.fork(), rt).catch((err) => rt.log.error({ err, job: job.name }, 'job failed'));
    }, job.everySeconds * 1000),
  );
  const purging = rt.nonces instanceof PgNonceStore ? rt.nonces.startPurging() : null;
  return () => {
    timers.forEach(clearInterval);
    purging?.stop();
  };
}

export function contextFactory<L>(rt: SubgraphRuntime<L>) {
  // SUBGRAPH_AUTH: the gateway's signature, a standard router's secret plus the bearer JWT, or either.
  const authenticate = createSubgraphAuthenticator(rt.config, rt.nonces);
  return async (req: IncomingMessage, requestId: string, rawBody: Buffer): Promise<RequestContext<L>> => {
    const identity = await authenticate(req.headers, { audience: rt.definition.name, method: req.method ?? 'GET', path: req.url ?? '/', body: rawBody });
    const clock = rt.config.allowClockOverride ? (req.headers[CLOCK_HEADER] as string | undefined) : undefined;
    const now = clock ? new Date(clock) : new Date();
    return lazyRequestContext(rt, identity, requestId, Number.isNaN(now.getTime()) ? new Date() : now);
  };
}

/**
 * A request's context whose EntityManager fork, DataLoaders and logger are made when first used:
 * a call that reads nothing (`{ __typename }`, a refused field, an `_entities` the access rules
 * answer with nulls) does not pay for them. Still one fork and one set of loaders per request.
 */
export function lazyRequestContext<L>(rt: SubgraphRuntime<L>, identity: Identity, requestId: string, now: Date): RequestContext<L> {
  let em: EntityManager | undefined;
  let loaders: L | undefined;
  let log: Logger | undefined;
  const forkOnce = () => (em ??= rt.orm.em.fork());
  return {
    identity,
    requestId,
    events: rt.events,
    now,
    metrics: rt.metrics,
    get em() {
      return forkOnce();
    },
    set em(value: EntityManager) {
      em = value;
    },
    get loaders() {
      return (loaders ??= rt.definition.createLoaders(forkOnce(), identity));
    },
    set loaders(value: L) {
      loaders = value;
    },
    get log() {
      return (log ??= rt.log.child({ requestId }));
    },
    set log(value: Logger) {
      log = value;
    },
  };
}

/** Apollo Server for a subgraph: coded, client-safe errors; per-request statement counting. */
export function createSubgraphApollo<L>(rt: SubgraphRuntime<L>): ApolloServer<RequestContext<L>> {
  const exposeSqlCount = rt.config.exposeSqlCount;
  return new ApolloServer<RequestContext<L>>({
    schema: rt.schema,
    introspection: !rt.config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      const safe = toClientError(error);
      if (safe.extensions.code === 'INTERNAL_SERVER_ERROR') rt.log.error({ err: error }, 'unexpected error');
      return { message: safe.message, path: formatted.path, locations: formatted.locations, extensions: safe.extensions };
    },
    plugins: [
      // Traces are for Apollo Studio, which we do not use; without this each subgraph logs that it enabled them.
      ApolloServerPluginInlineTraceDisabled(),
      // No cache hints are used (the gateway's public cache is keyed on the request): without this,
      // Apollo wraps every field resolver to collect them — a few per cent of a listing page's CPU.
      ApolloServerPluginCacheControlDisabled(),
      observabilityPlugin<RequestContext<L>>(),
      {
        async requestDidStart() {
          const store = statementCounter.getStore();
          return {
            async willSendResponse({ response }) {
              if (exposeSqlCount && store && response.body.kind === 'single') {
                response.body.singleResult.extensions = { ...(response.body.singleResult.extensions ?? {}), sqlStatements: { [rt.definition.name]: store.count } };
              }
            },
          };
        },
      },
    ],
  });
}

/** Starts the subgraph's HTTP server (loopback by default). */
export async function serveSubgraph<L>(rt: SubgraphRuntime<L>, port: number): Promise<{ server: Server; port: number; apollo: ApolloServer<RequestContext<L>> }> {
  const apollo = createSubgraphApollo(rt);
  await apollo.start();
  const makeContext = contextFactory(rt);
  const routes = rt.definition.routes?.(rt);
  const server = createGraphQLHttpServer<RequestContext<L>>({
    apollo,
    routes,
    bodyLimitBytes: rt.config.bodyLimitBytes,
    context: (req, requestId, rawBody) => makeContext(req, requestId, rawBody),
    onContextError: (error) => {
      const e = error instanceof DomainError ? error : new DomainError('UNAUTHENTICATED', '请求被拒绝', 'Request refused');
      return { status: e.code === 'SERVICE_UNAVAILABLE' ? 503 : 401, body: { errors: [e.toGraphQLError()] } };
    },
    observability: {
      service: rt.definition.name,
      readiness: () => subgraphReadiness(rt),
      metrics: rt.metrics,
      log: rt.log,
      roleOf: (ctx) => ctx.identity.role,
      countSql: true,
      continueTraces: true,
    },
  });
  // Every request counts its own SQL statements (ALS), so lists can prove they do not grow with N.
  const origEmit = server.emit.bind(server);
  server.emit = ((event: string, ...args: unknown[]) =>
    event === 'request' ? statementCounter.run({ count: 0 }, () => origEmit(event, ...args)) : origEmit(event, ...args)) as typeof server.emit;
  const actual = await listen(server, port, rt.config.host);
  return { server, port: actual, apollo };
}

/** A readiness check gives up after this long (the database may be unreachable rather than refusing). */
const CHECK_TIMEOUT_MS = 2000;

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

type Check = { status: 'ok' | 'fail'; detail?: string };

/**
 * `/readyz` of a subgraph: the database answers, every migration this code knows is applied, and
 * the event consumer runs (subgraphs that consume events). Never an error text from PostgreSQL
 * (it may name hosts): a short reason.
 */
export async function subgraphReadiness<L>(rt: SubgraphRuntime<L>): Promise<ReadinessReport> {
  const checks: Record<string, Check> = {};
  const em = rt.orm.em.fork();
  try {
    await within(CHECK_TIMEOUT_MS, em.getConnection().execute('select 1'));
    checks.database = { status: 'ok' };
  } catch (e) {
    checks.database = { status: 'fail', detail: reason(e) };
  }
  if (checks.database.status === 'ok') {
    try {
      const rows = await within(CHECK_TIMEOUT_MS, sql<{ name: string }>(em, `select name from schema_migrations`));
      const applied = new Set(rows.map((r) => r.name.replace(/\.(ts|js)$/, '')));
      const known = [...platformMigrations, ...rt.definition.migrations].map((m) => m.name.replace(/\.(ts|js)$/, ''));
      const pending = known.filter((n) => !applied.has(n));
      checks.migrations = pending.length ? { status: 'fail', detail: `${pending.length} pending: ${pending.join(', ')}` } : { status: 'ok' };
    } catch (e) {
      checks.migrations = { status: 'fail', detail: reason(e) };
    }
  } else checks.migrations = { status: 'fail', detail: 'database unreachable' };
  if (rt.definition.handlers) {
    const queue = inboxQueue(rt.definition.name);
    const running = rt.boss.getWipData({ includeInternal: false } as never).some((w: { name: string }) => w.name === queue);
    checks.eventConsumers = running ? { status: 'ok' } : { status: 'fail', detail: `no worker on ${queue}` };
  } else checks.eventConsumers = { status: 'ok', detail: 'this subgraph consumes no events' };
  return { ready: Object.values(checks).every((c) => c.status === 'ok'), body: { checks } };
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return `PostgreSQL error ${code}`;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
  return /within \d+ ms/.test(String((e as Error)?.message)) ? 'timeout' : 'unavailable';
}

/** Each subgraph registry's counter of events refused for a payload that does not parse. */
const deadLetterCounters = new WeakMap<ServiceMetrics, ReturnType<ServiceMetrics['counter']>>();

/** Age at which the queue gauges are read again from pg-boss's job table (one grouped count). */
const QUEUE_STATS_TTL_MS = 5000;

/**
 * A subgraph's registry: the platform's request metrics, SQL statements per request, the pg pool
 * behind MikroORM (used, idle, waiting, max) and its event inbox in pg-boss (jobs by state, age of
 * the oldest waiting job), read when Prometheus scrapes.
 */
function subgraphMetrics(name: SubgraphName, orm: MikroORM): ServiceMetrics {
  const m = new ServiceMetrics(name).withSqlStatements();
  const pool = async () => (await orm.em.getDriver().getConnection().getNativeClient()) as unknown as { totalCount: number; idleCount: number; waitingCount: number; options: { max: number } };
  m.gauge('pdo_db_pool_connections', 'Connections of the database pool by state (used = checked out by a request or job)', ['state'], async (g) => {
    const p = await pool().catch(() => null);
    if (!p) return;
    g.set({ state: 'used' }, p.totalCount - p.idleCount);
    g.set({ state: 'idle' }, p.idleCount);
  });
  m.gauge('pdo_db_pool_waiting_requests', 'Requests waiting for a pooled database connection', [], async (g) => {
    const p = await pool().catch(() => null);
    if (p) g.set(p.waitingCount);
  });
  m.gauge('pdo_db_pool_max_connections', 'Size limit of the database pool (DB_POOL_MAX)', [], async (g) => {
    const p = await pool().catch(() => null);
    if (p) g.set(p.options.max);
  });
  const queue = inboxQueue(name);
  deadLetterCounters.set(m, m.counter('pdo_events_dead_lettered_total', 'Events this subgraph refused before their handler ran (envelope or payload does not match the event\'s schema) and put in the dead-letter queue', ['queue', 'event']));
  let stats: { at: number; rows: { state: string; n: number; age: number | null }[] } | null = null;
  let reading: Promise<void> | null = null;
  const read = async () => {
    if (stats && Date.now() - stats.at < QUEUE_STATS_TTL_MS) return;
    reading ??= sql<{ state: string; n: number; age: number | null }>(
      orm.em.fork(),
      `select state::text as state, count(*)::int as n, extract(epoch from now() - min(created_on))::float8 as age
         from ${PGBOSS_SCHEMA}.job where name = $1 and state in ('created', 'retry', 'active', 'failed') group by state`,
      [queue],
    )
      .then((rows) => void (stats = { at: Date.now(), rows }))
      .catch(() => {})
      .finally(() => (reading = null));
    await reading;
  };
  m.gauge('pdo_event_queue_jobs', 'Jobs in this subgraph\'s event inbox by state (created and retry = waiting, active = being handled, failed = given up)', ['queue', 'state'], async (g) => {
    await read();
    if (!stats) return;
    for (const state of ['created', 'retry', 'active', 'failed']) g.set({ queue, state }, stats.rows.find((r) => r.state === state)?.n ?? 0);
  });
  m.gauge('pdo_event_queue_oldest_age_seconds', 'Age of the oldest waiting (created or retry) job of the inbox; 0 when none waits', ['queue'], async (g) => {
    await read();
    if (!stats) return;
    const ages = stats.rows.filter((r) => r.state === 'created' || r.state === 'retry').map((r) => r.age ?? 0);
    g.set({ queue }, ages.length ? Math.max(...ages) : 0);
  });
  return m;
}

export { ANONYMOUS };
