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
 * The identity the other gateways forward: they verify no JWT (they have no such config), so they
 * sign a fixed caller — anonymous, or the developer our gateway receives a token for.
 */
export function forwardedIdentity(): Identity {
  const raw = process.env.BENCH_IDENTITY;
  return raw ? (JSON.parse(raw) as Identity) : ANONYMOUS;
}

/** Signed per request: the signature carries a timestamp the subgraphs check for skew. */
export function identityHeaders(identity: Identity = forwardedIdentity()): Record<string, string> {
  return signIdentityHeaders(identity, platformConfig().gatewaySecret);
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
