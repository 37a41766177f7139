import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  createSubgraphRuntime,
  seedOnce,
  startConsuming,
  serveSubgraph,
  startBoss,
  prepareStackRoles,
  createOrm,
  waitForEvents,
  failedEventCount,
  signIdentityHeaders,
  platformConfig,
  ANONYMOUS,
  type Identity,
  type Logger,
  type SubgraphDefinition,
  type SubgraphRuntime,
} from '@pdo/platform';
import type { SubgraphName } from '@pdo/events';
import { startGateway, mintToken, gatewayConfig, type RunningGateway } from '@pdo/gateway';
import { startTestDatabase, type TestDatabase } from './database.js';
import { checkInvariants } from './invariants.js';

export interface GqlResult<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

export interface CallOptions {
  /** Who is calling (a token is minted for it); anonymous when omitted. */
  as?: Identity;
  /** Test clock: the request's "now" (ISO instant). */
  now?: string;
  headers?: Record<string, string>;
}

export interface TestStack {
  db: TestDatabase;
  runtimes: Partial<Record<SubgraphName, SubgraphRuntime<any>>>;
  /** Loopback GraphQL URL of each started subgraph. */
  urls: Partial<Record<SubgraphName, string>>;
  gateway?: RunningGateway;
  /** Calls the gateway (when started) with a minted JWT for `as`. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GqlResult<T>>;
  /** Calls one subgraph directly with a correctly signed identity (integration tests). */
  subgraph<T = any>(name: SubgraphName, query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GqlResult<T>>;
  /** A fresh EntityManager of a subgraph (assertions on stored rows), connected as the subgraph's service role. */
  em(name: SubgraphName): EntityManager;
  /** An EntityManager on the subgraph's schema as the database owner (what a test must do behind the service's back). */
  ownerEm(name: SubgraphName): Promise<EntityManager>;
  /** The service role URL of each started subgraph (the owner's is `db.url`). */
  serviceUrls: Partial<Record<SubgraphName, string>>;
  /** Fault injection: the subgraph's HTTP server goes away (connections cut), as if it crashed. */
  killSubgraph(name: SubgraphName): Promise<void>;
  /** Brings a killed subgraph back on the same port. */
  reviveSubgraph(name: SubgraphName): Promise<void>;
  /** Waits until every queued event has been consumed; fails if any handler failed for good. */
  settle(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

process.env.ALLOW_CLOCK_OVERRIDE ??= '1';
process.env.EXPOSE_SQL_COUNT ??= '1';

/**
 * Boots the given subgraphs in this process on free loopback ports against one test database,
 * and (optionally) the real gateway over a supergraph composed from them right now.
 */
export async function startTestStack(
  definitions: SubgraphDefinition<any>[],
  opts: { gateway?: boolean; seed?: boolean; restartableDatabase?: boolean; gatewayEnv?: NodeJS.ProcessEnv; /** Logger of every subgraph and the gateway (tests read the access log). */ log?: Logger } = {},
): Promise<TestStack> {
  const db = await startTestDatabase({ restartable: opts.restartableDatabase });
  const config = platformConfig();
  // As `pnpm start`: migrations as the owner, each subgraph as its own role, pg-boss as the queue role.
  const roles = await prepareStackRoles(db.url, definitions.map((d) => d.name));
  const boss = await startBoss(roles.queue);
  const runtimes: Partial<Record<SubgraphName, SubgraphRuntime<any>>> = {};
  const urls: Partial<Record<SubgraphName, string>> = {};
  const servers = new Map<SubgraphName, import('node:http').Server>();
  const ports = new Map<SubgraphName, number>();
  for (const def of definitions) {
    const rt = await createSubgraphRuntime(def, { databaseUrl: roles.services[def.name]!, migrationUrl: db.url, boss, config, consume: !opts.seed, log: opts.log?.child({ service: def.name }) });
    runtimes[def.name] = rt;
    const { server, port } = await serveSubgraph(rt, 0);
    servers.set(def.name, server);
    ports.set(def.name, port);
    urls[def.name] = `http://127.0.0.1:${port}/graphql`;
  }
  if (opts.seed) {
    // The demo world, as `pnpm start` seeds it; then let every seeded event reach its consumers (a bound, not a wait:
    // on a loaded two-core machine the seeded events took longer than a minute).
    for (const def of definitions) await seedOnce(runtimes[def.name]!);
    for (const def of definitions) await startConsuming(runtimes[def.name]!);
    await waitForEvents(Object.values(runtimes)[0]!.orm.em.fork(), 180_000, definitions.map((d) => d.name));
  }
  let gateway: RunningGateway | undefined;
  if (opts.gateway) {
    const composed = composeServices(
      definitions.map((d) => ({ name: d.name, typeDefs: parse(runtimes[d.name]!.sdl), url: urls[d.name]! })),
    );
    if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
    // Tests read right after they write: the public response cache is off unless a test turns it on.
    const env: NodeJS.ProcessEnv = { RESPONSE_CACHE_TTL_MS: '0', ...process.env, ...opts.gatewayEnv };
    for (const d of definitions) env[`${d.name.toUpperCase()}_URL`] = urls[d.name];
    gateway = await startGateway({ port: 0, gatewayHost: '127.0.0.1', supergraphSdl: composed.supergraphSdl, logger: opts.log?.child({ service: 'gateway' }) }, env);
  }
  const gwConfig = gatewayConfig();
  const ownerOrms = new Map<SubgraphName, import('@mikro-orm/postgresql').MikroORM>();

  async function post(url: string, body: unknown, headers: Record<string, string> | ((text: string) => Record<string, string>)): Promise<GqlResult> {
    const text = JSON.stringify(body);
    const h = typeof headers === 'function' ? headers(text) : headers;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...h }, body: text });
    return (await res.json()) as GqlResult;
  }

  const stack: TestStack = {
    db,
    runtimes,
    urls,
    gateway,
    async gql(query, variables, options = {}) {
      if (!gateway) throw new Error('gateway not started');
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.as && options.as.role !== 'ANONYMOUS') {
        const token = await mintToken(gwConfig, { sub: options.as.sub, role: options.as.role, org: options.as.org, jurisdiction: options.as.jurisdiction });
        headers.authorization = `Bearer ${token}`;
      }
      if (options.now) headers['x-pdo-now'] = options.now;
      return post(gateway.url, { query, variables }, headers);
    },
    async subgraph(name, query, variables, options = {}) {
      const url = urls[name];
      if (!url) throw new Error(`subgraph ${name} not started`);
      // Signed as the gateway signs: bound to this request's path and body, with a fresh nonce.
      return post(url, { query, variables }, (text) => {
        const headers: Record<string, string> = { ...signIdentityHeaders(options.as ?? ANONYMOUS, config.gatewaySecret, { audience: name, method: 'POST', path: new URL(url).pathname, body: text }), ...(options.headers ?? {}) };
        if (options.now) headers['x-pdo-now'] = options.now;
        return headers;
      });
    },
    em(name) {
      const rt = runtimes[name];
      if (!rt) throw new Error(`subgraph ${name} not started`);
      return rt.orm.em.fork();
    },
    async ownerEm(name) {
      const def = definitions.find((d) => d.name === name);
      if (!def) throw new Error(`subgraph ${name} not started`);
      let orm = ownerOrms.get(name);
      if (!orm) {
        orm = await createOrm({ url: db.url, schema: name, entities: def.entities, migrations: [], poolMax: 2 });
        ownerOrms.set(name, orm);
      }
      return orm.em.fork();
    },
    serviceUrls: Object.fromEntries(definitions.map((d) => [d.name, roles.services[d.name]!])) as Partial<Record<SubgraphName, string>>,
    async killSubgraph(name) {
      const server = servers.get(name);
      if (!server) throw new Error(`subgraph ${name} not started`);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async reviveSubgraph(name) {
      const { server } = await serveSubgraph(runtimes[name]!, ports.get(name)!);
      servers.set(name, server);
    },
    async settle(timeoutMs = 20_000) {
      for (const rt of Object.values(runtimes)) await rt!.definition.drain?.(rt!);
      const any = Object.values(runtimes)[0]!;
      await waitForEvents(any.orm.em.fork(), timeoutMs, definitions.map((d) => d.name));
      const failed = await failedEventCount(any.orm.em.fork(), definitions.map((d) => d.name));
      if (failed > 0) throw new Error(`${failed} events failed permanently`);
    },
    async stop() {
      // Every suite ends by checking that whatever it did left the platform's invariants intact.
      const violations = [...(await checkInvariants(db.url).catch((e: Error) => [`invariant check failed to run: ${e.message}`]))];
      for (const def of definitions) if (def.invariants) violations.push(...(await def.invariants(runtimes[def.name]!.orm.em.fork()).catch((e: Error) => [`${def.name} invariants failed to run: ${e.message}`])));
      await gateway?.stop().catch(() => {});
      servers.forEach((s) => {
        s.closeAllConnections();
        s.close();
      });
      await boss.stop({ graceful: false, timeout: 1000 } as never).catch(() => {});
      for (const rt of Object.values(runtimes)) await rt!.orm.close().catch(() => {});
      for (const orm of ownerOrms.values()) await orm.close().catch(() => {});
      await db.stop().catch(() => {});
      if (violations.length) throw new Error(`invariants violated after this suite:\n${violations.join('\n')}`);
    },
  };
  return stack;
}

/** Identity helper for tests. */
export function who(role: Identity['role'], org: string | null = null, jurisdiction: string | null = null, sub = `${role.toLowerCase()}-user`): Identity {
  return { sub, role, org, jurisdiction };
}
