/**
 * Plain @apollo/gateway on @apollo/server's standalone HTTP server: the reference the issue
 * measures us against. Only what federation with our subgraphs needs is added — the signed
 * identity headers on every subgraph request.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { fatal, identityHeaders, port, ready, supergraphSdl } from './common.js';

class SignedDataSource extends RemoteGraphQLDataSource {
  override willSendRequest({ request }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0]) {
    for (const [k, v] of Object.entries(identityHeaders())) request.http?.headers.set(k, v);
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
