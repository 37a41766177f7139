/**
 * The per-key rate limit of the data plane (docs/operating-domain/data-plane.md), with
 * rate-limiter-flexible's in-memory limiter: `DATA_PLANE_CALLS_PER_SECOND` calls per key per
 * second, counted in the delivery process that serves the call. It used to count in PostgreSQL
 * (shared by every replica), which cost every call a write and serialised the calls of one key on
 * its counter row — the limit then capped the data plane below its goal. With several replicas of
 * delivery behind the gateway each counts its own share: run them with the budget divided by their
 * number (docs/operating-domain/data-plane.md says so).
 */
import { setting } from '@pdo/platform';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface KeyRateLimiter {
  /** Takes one call from the key's budget: null when allowed, else seconds to wait. */
  take(credentialId: string): Promise<number | null>;
}

export function createKeyRateLimiter(): KeyRateLimiter {
  const points = setting('DATA_PLANE_CALLS_PER_SECOND');
  if (points === 0) return { take: async () => null };
  const limiter = new RateLimiterMemory({ keyPrefix: 'key', points, duration: 1 });
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
