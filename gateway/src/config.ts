import { platformConfig, type PlatformConfig } from '@pdo/platform';

export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';

export interface GatewayConfig extends PlatformConfig {
  port: number;
  gatewayHost: string;
  jwtSecret: string | null;
  jwksUrl: string | null;
  jwtIssuer: string;
  jwtAudience: string;
  jwtAlgorithms: string[];
  jwtClockToleranceSec: number;
  subgraphTimeoutMs: number;
  /** Keep-alive sockets per subgraph. */
  subgraphMaxSockets: number;
}

export function gatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const base = platformConfig(env);
  const jwksUrl = env.JWT_JWKS_URL || null;
  const jwtSecret = env.JWT_SECRET ?? (base.production ? null : DEV_JWT_SECRET);
  if (!jwksUrl && !jwtSecret) throw new Error('Set JWT_SECRET (HS256) or JWT_JWKS_URL in production');
  return {
    ...base,
    port: Number(env.GATEWAY_PORT ?? 4000),
    gatewayHost: env.GATEWAY_HOST ?? '0.0.0.0',
    jwtSecret,
    jwksUrl,
    jwtIssuer: env.JWT_ISSUER ?? 'pdo-dev',
    jwtAudience: env.JWT_AUDIENCE ?? 'pdo-marketplace',
    jwtAlgorithms: (env.JWT_ALGORITHMS ?? (jwksUrl ? 'RS256,ES256' : 'HS256')).split(',').map((s) => s.trim()).filter(Boolean),
    jwtClockToleranceSec: Number(env.JWT_CLOCK_TOLERANCE_SEC ?? 30),
    subgraphTimeoutMs: Number(env.SUBGRAPH_TIMEOUT_MS ?? 10_000),
    subgraphMaxSockets: Number(env.SUBGRAPH_MAX_SOCKETS ?? 64),
  };
}
