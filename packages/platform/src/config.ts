/** Environment configuration shared by the gateway and subgraphs (README lists every variable). */
export interface PlatformConfig {
  databaseUrl: string | undefined;
  gatewaySecret: string;
  signatureMaxSkewMs: number;
  allowClockOverride: boolean;
  production: boolean;
  bodyLimitBytes: number;
  host: string;
}

export const DEV_GATEWAY_SECRET = 'dev-gateway-hmac-secret-change-me';

export function platformConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const production = env.NODE_ENV === 'production';
  const gatewaySecret = env.GATEWAY_HMAC_SECRET ?? (production ? '' : DEV_GATEWAY_SECRET);
  if (!gatewaySecret) throw new Error('GATEWAY_HMAC_SECRET must be set in production');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    gatewaySecret,
    signatureMaxSkewMs: Number(env.IDENTITY_MAX_SKEW_MS ?? 30_000),
    allowClockOverride: !production && env.ALLOW_CLOCK_OVERRIDE === '1',
    production,
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 1_000_000),
    host: env.SUBGRAPH_HOST ?? '127.0.0.1',
  };
}

export const CLOCK_HEADER = 'x-pdo-now';
