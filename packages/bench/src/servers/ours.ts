/** Our gateway (gateway/src startGateway), as `pnpm start` runs it, over the benchmark's supergraph. */
import { startGateway } from '@pdo/gateway';
import { fatal, port, ready, supergraphSdl } from './common.js';

try {
  // The rate limiter stays in the code path but must not throttle a load test from one address.
  const env = { ...process.env, RATE_LIMIT_COST_PER_MINUTE: process.env.RATE_LIMIT_COST_PER_MINUTE ?? '0' };
  const gw = await startGateway({ port: port(), gatewayHost: '127.0.0.1', supergraphSdl: supergraphSdl() }, env);
  ready('ours', gw.port, () => gw.stop());
} catch (e) {
  fatal('ours', e);
}
