/**
 * Plain @apollo/gateway on @apollo/server's standalone HTTP server: the reference the issue
 * measures us against. Only what federation with our subgraphs needs is added — the signed
 * identity headers on every subgraph request (bound to its body, so added in the fetcher).
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { fatal, identityHeaders, port, ready, supergraphSdl } from './common.js';

/** Signs each subgraph request where its body is final: in the fetcher. */
const signedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  for (const [k, v] of Object.entries(identityHeaders(String(input), String(init?.body ?? '')))) headers.set(k, v);
  return fetch(input, { ...init, headers });
};

class SignedDataSource extends RemoteGraphQLDataSource {
  constructor(options: { url: string }) {
    super({ ...options, fetcher: signedFetch as never });
  }
}

try {
  const urls: Record<string, string> = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}');
  const gateway = new ApolloGateway({ supergraphSdl: supergraphSdl(), buildService: ({ name, url }) => new SignedDataSource({ url: urls[name] ?? url }) });
  const server = new ApolloServer({ gateway, csrfPrevention: false });
  const { url } = await startStandaloneServer(server, { listen: { port: port(), host: '127.0.0.1' } });
  ready('apollo', Number(new URL(url).port), () => server.stop());
} catch (e) {
  fatal('apollo', e);
}
