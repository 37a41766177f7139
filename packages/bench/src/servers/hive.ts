/**
 * Hive Gateway runtime (@graphql-hive/gateway-runtime) on node:http. BENCH_HIVE_PLANNER=rust
 * swaps in the Rust query planner (@graphql-hive/router-runtime's unifiedGraphHandler).
 * BENCH_HIVE_CACHE_TTL_MS > 0 turns on its response-cache plugin (`responseCaching`, the
 * @graphql-mesh/plugin-response-cache on an in-memory LRU) with the TTL our gateway's public cache
 * has, and for the same callers: anonymous requests only (no Authorization header), one entry
 * shared by all of them.
 *
 * Hive's HTTP transport (@graphql-tools/executor-http) deduplicates in-flight upstream queries by
 * default: concurrent subgraph calls with the same URL and body share one fetch and its answer.
 * The key holds no header added in `onFetch`, so calls of different callers (signed apart below)
 * would share an answer too. On a repeated query at 8 connections most of Hive's subgraph calls were
 * such shares (packages/bench/README.md, "Hive's uncached figures"), so the cache-off rows ran it
 * off: every request makes its own subgraph calls, as ours and Apollo's do. BENCH_HIVE_DEDUP=1
 * (the `hive-dedup` target) keeps Hive's default, to show what it saves.
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import InMemoryLRUCache from '@graphql-mesh/cache-inmemory-lru';
import * as httpTransport from '@graphql-mesh/transport-http';
import { fatal, forwardedIdentity, identityHeaders, port, ready, supergraphSdl } from './common.js';

const rust = process.env.BENCH_HIVE_PLANNER === 'rust';
const cacheTtlMs = Number(process.env.BENCH_HIVE_CACHE_TTL_MS ?? 0);
const dedup = process.env.BENCH_HIVE_DEDUP === '1';
const name = `hive${rust ? '-rust' : ''}${cacheTtlMs > 0 ? '-cached' : ''}${dedup ? '-dedup' : ''}`;
try {
  const sdl = supergraphSdl();
  const urls: Record<string, string> = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}');
  // The supergraph carries the subgraph URLs it was composed with; point them at the running ones.
  const rewritten = Object.entries(urls).reduce((s, [n, u]) => s.replace(new RegExp(`(@join__graph\\(name: "${n}", url: )"[^"]*"`), `$1"${u}"`), sdl);
  const unifiedGraphHandler = rust ? (await import('@graphql-hive/router-runtime')).unifiedGraphHandler : undefined;
  const gateway = createGatewayRuntime({
    supergraph: () => rewritten,
    // The runtime resolves transports by package name from its own folder, which pnpm keeps private: hand it over.
    transports: { http: httpTransport },
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: dedup } } },
    ...(unifiedGraphHandler ? { unifiedGraphHandler } : {}),
    ...(cacheTtlMs > 0
      ? {
          cache: new InMemoryLRUCache(),
          responseCaching: { session: () => null, ttl: cacheTtlMs, enabled: (request: Request) => !request.headers.get('authorization') },
        }
      : {}),
    logging: 'error',
    graphiql: false,
    landingPage: false,
    // The signature covers the subgraph request's body: sign where the body is final.
    plugins: () => [
      {
        onFetch({ url, options, setOptions, context }: { url: string; options: { body?: unknown; headers?: Record<string, string> }; setOptions(o: unknown): void; context?: object }) {
          const request = (context as { request?: Request } | undefined)?.request;
          const identity = forwardedIdentity(!!request?.headers.get('authorization'));
          setOptions({ ...options, headers: { ...(options.headers ?? {}), ...identityHeaders(url, String(options.body ?? ''), identity) } });
        },
      },
    ],
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(port(), '127.0.0.1', resolve));
  const addr = server.address();
  ready(name, typeof addr === 'object' && addr ? addr.port : port(), async () => {
    server.close();
    await gateway.dispose();
  });
} catch (e) {
  fatal(name, e);
}
