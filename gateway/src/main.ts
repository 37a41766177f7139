import { ConfigError } from '@pdo/platform';
import { startGateway } from './server.js';

try {
  const gw = await startGateway();
  process.send?.({ type: 'ready', subgraph: 'gateway', port: gw.port });
  const stop = async () => {
    await gw.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
} catch (error) {
  // A bad configuration (ConfigError, naming the variable) exits 2, like a subgraph's entry point.
  console.error(`[gateway] ${(error as Error).message}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
}
