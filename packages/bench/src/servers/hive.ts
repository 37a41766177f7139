/**
 * Hive Gateway runtime (@graphql-hive/gateway-runtime) on node:http. BENCH_HIVE_PLANNER=rust
 * swaps in the Rust query planner (@graphql-hive/router-runtime's unifiedGraphHandler).
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import * as httpTransport from '@graphql-mesh/transport-http';
import { fatal, identityHeaders, port, ready, supergraphSdl } from './common.js';

const name = process.env.BENCH_HIVE_PLANNER === 'rust' ? 'hive-rust' : 'hive';
try {
  const sdl = supergraphSdl();
  const urls: Record<string, string> = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}');
  // The supergraph carries the subgraph URLs it was composed with; point them at the running ones.
  const rewritten = Object.entries(urls).reduce((s, [n, u]) => s.replace(new RegExp(`(@join__graph\\(name: "${n}", url: )"[^"]*"`), `$1"${u}"`), sdl);
  const unifiedGraphHandler = name === 'hive-rust' ? (await import('@graphql-hive/router-runtime')).unifiedGraphHandler : undefined;
  const gateway = createGatewayRuntime({
    supergraph: () => rewritten,
    // The runtime resolves transports by package name from its own folder, which pnpm keeps private: hand it over.
    transports: { http: httpTransport },
    ...(unifiedGraphHandler ? { unifiedGraphHandler } : {}),
    logging: 'error',
    graphiql: false,
    landingPage: false,
    // The signature covers the subgraph request's body: sign where the body is final.
    plugins: () => [
      {
        onFetch({ url, options, setOptions }: { url: string; options: { body?: unknown; headers?: Record<string, string> }; setOptions(o: unknown): void }) {
          setOptions({ ...options, headers: { ...(options.headers ?? {}), ...identityHeaders(url, String(options.body ?? '')) } });
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
