/**
 * The per-key rate limit of the data plane (docs/operating-domain/data-plane.md), with
 * rate-limiter-flexible: its counters live in delivery's `rate_limit_bucket` table (migration
 * 0005), so every replica of delivery counts against the same budget; should that table not
 * answer, an in-process limiter with the same budget stands in (the library's insurance limiter).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { setting } from '@pdo/platform';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';

export interface KeyRateLimiter {
  /** Takes one call from the key's budget: null when allowed, else seconds to wait. */
  take(credentialId: string): Promise<number | null>;
}

export async function createKeyRateLimiter(orm: MikroORM, schema: string): Promise<KeyRateLimiter> {
  const points = setting('DATA_PLANE_CALLS_PER_SECOND');
  if (points === 0) return { take: async () => null };
  const pool = await orm.em.getDriver().getConnection().getNativeClient();
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    schemaName: schema,
    tableName: 'rate_limit_bucket',
    // Created by the migration: the service role may not create tables.
    tableCreated: true,
    keyPrefix: 'key',
    points,
    duration: 1,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: 'key', points, duration: 1 }),
  });
  return {
    async take(credentialId) {
      try {
        await limiter.consume(credentialId, 1);
        return null;
      } catch (e) {
        if (e instanceof RateLimiterRes) return Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw e;
      }
    },
  };
}
