/**
 * Shared by the gateway entry points the benchmark forks: each reads the composed supergraph from
 * BENCH_SUPERGRAPH (a file), listens on BENCH_PORT (loopback) and tells the parent it is ready.
 */
import { readFileSync } from 'node:fs';
import { platformConfig, signIdentityHeaders, ANONYMOUS, type Identity } from '@pdo/platform';

export function supergraphSdl(): string {
  const file = process.env.BENCH_SUPERGRAPH;
  if (!file) throw new Error('BENCH_SUPERGRAPH is not set');
  return readFileSync(file, 'utf8');
}

export const port = () => Number(process.env.BENCH_PORT ?? 0);

/**
 * The identity the other gateways forward. They verify no JWT (they have no such config): a request
 * with an Authorization header is the signed-in developer our gateway receives the same token for
 * (BENCH_SIGNED_IN_IDENTITY), any other request is anonymous — as ours tells them apart.
 */
const signedIn: Identity | null = process.env.BENCH_SIGNED_IN_IDENTITY ? (JSON.parse(process.env.BENCH_SIGNED_IN_IDENTITY) as Identity) : null;
export function forwardedIdentity(authorized: boolean): Identity {
  if (authorized && !signedIn) throw new Error('BENCH_SIGNED_IN_IDENTITY is not set');
  return authorized ? signedIn! : ANONYMOUS;
}

/**
 * Signed per request, as our gateway signs: bound to the subgraph request's method, path and body,
 * with a fresh nonce the subgraph accepts once (packages/platform/src/identity.ts).
 */
const secret = platformConfig().gatewaySecret;
const subgraphOfUrl = new Map(Object.entries(JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>).map(([name, url]) => [new URL(url).href, name]));
export function identityHeaders(url: string, body: string, identity: Identity): Record<string, string> {
  const u = new URL(url);
  return signIdentityHeaders(identity, secret, { audience: subgraphOfUrl.get(u.href) ?? '', method: 'POST', path: u.pathname + u.search, body });
}

export function ready(name: string, actual: number, stop: () => Promise<void>): void {
  process.send?.({ type: 'ready', subgraph: name, port: actual });
  const bye = async () => {
    await stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', bye);
  process.on('SIGINT', bye);
  process.on('disconnect', bye);
}

export function fatal(name: string, error: unknown): never {
  console.error(`[${name}] ${(error as Error).stack ?? error}`);
  process.exit(1);
}
