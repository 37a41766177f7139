/**
 * Plain @apollo/gateway on @apollo/server's standalone HTTP server: the reference the issue
 * measures us against. Only what federation with our subgraphs needs is added — the signed
 * identity headers on every subgraph request (bound to its body, so added in the fetcher), for the
 * caller the request came from (anonymous, or the signed-in developer: common.ts).
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { fatal, forwardedIdentity, identityHeaders, port, ready, supergraphSdl } from './common.js';

interface Context {
  authorized: boolean;
}

/** Carries the caller from the data source (which sees the context) to the fetcher (which sees the final body); never sent. */
const CALLER = 'x-bench-authorized';

/** Signs each subgraph request where its body is final: in the fetcher. */
const signedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  const authorized = headers.get(CALLER) === '1';
  headers.delete(CALLER);
  for (const [k, v] of Object.entries(identityHeaders(String(input), String(init?.body ?? ''), forwardedIdentity(authorized)))) headers.set(k, v);
  return fetch(input, { ...init, headers });
};

class SignedDataSource extends RemoteGraphQLDataSource<Context> {
  constructor(options: { url: string }) {
    super({ ...options, fetcher: signedFetch as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<Context>) {
    request.http?.headers.set(CALLER, (context as Partial<Context>).authorized ? '1' : '0');
  }
}

try {
  // Like ours (gateway/src/server.ts): no Apollo usage telemetry from a benchmark, whose exporter runs beside the requests.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const urls: Record<string, string> = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}');
  const gateway = new ApolloGateway({ supergraphSdl: supergraphSdl(), buildService: ({ name, url }) => new SignedDataSource({ url: urls[name] ?? url }) });
  const server = new ApolloServer<Context>({ gateway, csrfPrevention: false });
  const { url } = await startStandaloneServer(server, { listen: { port: port(), host: '127.0.0.1' }, context: async ({ req }) => ({ authorized: !!req.headers.authorization }) });
  ready('apollo', Number(new URL(url).port), () => server.stop());
} catch (e) {
  fatal('apollo', e);
}
