import { GraphQLError } from 'graphql';
import { PgRateBudget, gatewayStateReady, ensureGatewayState } from '@pdo/platform';

export interface RateLimitConfig {
  /** Cost units an identity may spend per minute (token bucket refill). 0 turns limiting off. */
  costPerMinute: number;
  /** Largest budget an idle identity accumulates. */
  burst: number;
}

/** What `queryLimitsPlugin` charges: the in-memory bucket of one gateway, or the shared one. */
export interface CostLimiter {
  readonly enabled: boolean;
  /** Takes `cost` from `key`'s budget, or throws RATE_LIMITED (HTTP 429) and takes nothing. */
  spend(key: string, cost: number): void | Promise<void>;
  close?(): Promise<void>;
}

function rateLimited(cost: number, tokens: number, perMs: number): GraphQLError {
  const retryAfterSec = Math.ceil((cost - tokens) / perMs / 1000);
  const zh = `请求过于频繁，请${retryAfterSec}秒后重试`;
  const en = `Rate limit exceeded, retry in ${retryAfterSec} s`;
  return new GraphQLError(`${zh} | ${en}`, { extensions: { code: 'RATE_LIMITED', messageZh: zh, messageEn: en, retryAfterSec, http: { status: 429 } } });
}

/**
 * Per-identity rate limiting by query cost (token bucket, in memory per gateway instance): an
 * expensive query spends more of the caller's budget than a cheap one. The cost is the one the
 * cost limit uses (`operationCost` in limits.ts, variables applied); `queryLimitsPlugin` charges it.
 * With N replicas each grants a full budget: RATE_LIMIT_STORE=postgres shares one (below).
 */
export class CostRateLimiter implements CostLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(private readonly config: RateLimitConfig, private readonly now: () => number = Date.now) {
    this.perMs = config.costPerMinute / 60_000;
  }

  get enabled(): boolean {
    return this.config.costPerMinute > 0;
  }

  spend(key: string, cost: number): void {
    if (!this.enabled) return;
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.config.burst, at: now };
    b.tokens = Math.min(this.config.burst, b.tokens + (now - b.at) * this.perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (cost > b.tokens) throw rateLimited(cost, b.tokens, this.perMs);
    b.tokens -= cost;
    if (this.buckets.size > 100_000) for (const [k, v] of this.buckets) if (now - v.at > 120_000) this.buckets.delete(k);
  }
}

/**
 * The same token bucket kept in PostgreSQL (`gateway_state.rate_budget`, PgRateBudget in
 * @pdo/platform), so every gateway replica spends from one budget per caller: one statement per
 * request. When PostgreSQL cannot be asked the request is refused (SERVICE_UNAVAILABLE) rather than
 * let through unmetered — the subgraphs it would reach share that database anyway.
 */
export class SharedCostRateLimiter implements CostLimiter {
  private readonly perMs: number;

  constructor(private readonly config: RateLimitConfig, private readonly store: PgRateBudget, private readonly now: () => number = Date.now) {
    this.perMs = config.costPerMinute / 60_000;
  }

  get enabled(): boolean {
    return this.config.costPerMinute > 0;
  }

  async spend(key: string, cost: number): Promise<void> {
    if (!this.enabled) return;
    let result: { granted: boolean; tokens: number };
    try {
      result = await this.store.spend(key, cost, this.now());
    } catch {
      const zh = '暂时无法校验请求配额，请稍后重试';
      const en = 'Cannot check the rate budget right now; retry shortly';
      throw new GraphQLError(`${zh} | ${en}`, { extensions: { code: 'SERVICE_UNAVAILABLE', messageZh: zh, messageEn: en, http: { status: 503 } } });
    }
    if (!result.granted) throw rateLimited(cost, result.tokens, this.perMs);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/**
 * The limiter RATE_LIMIT_STORE asks for. With `postgres`, the table must exist: created here when
 * this gateway may migrate (MIGRATE_ON_START=1, its URL the owner: development and tests), else by
 * the migration step; without it the gateway refuses to start.
 */
export async function createCostLimiter(config: RateLimitConfig, store: { kind: 'memory' } | { kind: 'postgres'; url: string }, opts: { mayCreate: boolean; now?: () => number }): Promise<CostLimiter> {
  if (store.kind === 'memory' || config.costPerMinute === 0) return new CostRateLimiter(config, opts.now);
  if (!(await gatewayStateReady(store.url))) {
    if (!opts.mayCreate) throw new Error('RATE_LIMIT_STORE=postgres: table gateway_state.rate_budget is missing; run the migration step (packages/migrate) first');
    await ensureGatewayState(store.url);
  }
  const budget = new PgRateBudget(store.url, { perMs: config.costPerMinute / 60_000, burst: config.burst }).startPurging(opts.now);
  return new SharedCostRateLimiter(config, budget, opts.now);
}
