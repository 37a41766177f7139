import type { SubgraphName } from '@pdo/events';
import { SUBGRAPH_DEFAULT_PORTS } from '@pdo/platform';
import { gatewayConfig } from './config.js';

/** Default loopback ports of the subgraphs; each can be moved with <NAME>_URL or <NAME>_PORT. */
export const SUBGRAPH_PORTS: Record<SubgraphName, number> = SUBGRAPH_DEFAULT_PORTS;

/** Where the gateway finds a subgraph, from the validated configuration (gateway/src/config.ts). */
export function subgraphUrl(name: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  return gatewayConfig(env).subgraphUrls[name];
}
