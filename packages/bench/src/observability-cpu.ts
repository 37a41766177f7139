/**
 * CPU per request of the gateway and two subgraphs in one process (PostgreSQL excluded), for a
 * federated listing query sent one at a time: what the observability layer costs (docs/operations.md).
 * `node --import @swc-node/register/esm-register packages/bench/src/observability-cpu.ts`
 * Env: OBS_CPU_REQUESTS (default 1000), OBS_CPU_ROUNDS (default 5); set LOG_LEVEL, METRICS_ENABLED,
 * OTEL_EXPORTER_OTLP_ENDPOINT as in the configuration being measured.
 */
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { startTestStack } from '@pdo/testing';

process.env.NODE_ENV ??= 'test';
const N = Number(process.env.OBS_CPU_REQUESTS ?? 1000);
const ROUNDS = Number(process.env.OBS_CPU_ROUNDS ?? 5);
const QUERY = JSON.stringify({ query: '{ dataResources(first: 10) { totalCount edges { node { code nameZh sourceAgency { name } } } } }' });

const stack = await startTestStack([catalog, licensing], { gateway: true, seed: true });
const url = stack.gateway!.url;
async function one(): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
  const body = (await res.json()) as { errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
}
for (let i = 0; i < 300; i++) await one();
const perRequest: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i++) await one();
  const d = process.cpuUsage(cpu);
  perRequest.push((d.user + d.system) / 1000 / N);
}
perRequest.sort((a, b) => a - b);
console.log(JSON.stringify({ requests: N, rounds: ROUNDS, cpuMsPerRequest: perRequest.map((x) => Number(x.toFixed(3))), median: Number(perRequest[Math.floor(ROUNDS / 2)]!.toFixed(3)) }));
await stack.stop();
process.exit(0);
