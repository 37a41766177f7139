import type { SubgraphName } from '@pdo/events';

/** Default loopback ports of the subgraphs; each can be moved with <NAME>_URL or <NAME>_PORT. */
export const SUBGRAPH_PORTS: Record<SubgraphName, number> = {
  catalog: 4001,
  licensing: 4002,
  products: 4003,
  revenue: 4004,
  evaluation: 4005,
};

export function subgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env[`${name.toUpperCase()}_URL`];
  if (explicit) return explicit;
  const port = env[`${name.toUpperCase()}_PORT`] ?? SUBGRAPH_PORTS[name];
  return `http://127.0.0.1:${port}/graphql`;
}
