import { GraphQLError } from 'graphql';

export interface RateLimitConfig {
  /** Cost units an identity may spend per minute (token bucket refill). 0 turns limiting off. */
  costPerMinute: number;
  /** Largest budget an idle identity accumulates. */
  burst: number;
}

/**
 * Per-identity rate limiting by query cost (token bucket, in memory per gateway instance): an
 * expensive query spends more of the caller's budget than a cheap one. The cost is the one the
 * cost limit uses (`operationCost` in limits.ts, variables applied); `queryLimitsPlugin` charges it.
 */
export class CostRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(private readonly config: RateLimitConfig, private readonly now: () => number = Date.now) {
    this.perMs = config.costPerMinute / 60_000;
  }

  get enabled(): boolean {
    return this.config.costPerMinute > 0;
  }

  /** Takes `cost` from `key`'s budget, or throws RATE_LIMITED (HTTP 429) and takes nothing. */
  spend(key: string, cost: number): void {
    if (!this.enabled) return;
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.config.burst, at: now };
    b.tokens = Math.min(this.config.burst, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (cost > b.tokens) {
      const retryAfterSec = Math.ceil((cost - b.tokens) / this.perMs / 1000);
      const zh = `请求过于频繁，请${retryAfterSec}秒后重试`;
      const en = `Rate limit exceeded, retry in ${retryAfterSec} s`;
      throw new GraphQLError(`${zh} | ${en}`, { extensions: { code: 'RATE_LIMITED', messageZh: zh, messageEn: en, retryAfterSec, http: { status: 429 } } });
    }
    b.tokens -= cost;
    if (this.buckets.size > 100_000) for (const [k, v] of this.buckets) if (now - v.at > 120_000) this.buckets.delete(k);
  }
}
