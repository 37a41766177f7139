import { GraphQLError, Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './server.js';
import { gatewayEnv } from './config.js';

/** Same cost model as the validation rule: a list field multiplies what it selects by `first`. */
export function operationCost(doc: DocumentNode, defaultListSize: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const size = (f: FieldNode): number | null => {
    const a = f.arguments?.find((x) => x.name.value === 'first' || x.name.value === 'limit');
    return !a ? null : a.value.kind === Kind.INT ? Math.max(Number(a.value.value), 1) : defaultListSize;
  };
  const walk = (set: SelectionSetNode, seen: Set<string>): number => {
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.selectionSet) cost += 1 + (size(sel) ?? 1) * walk(sel.selectionSet, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) cost += walk(sel.selectionSet, seen);
      else if (!seen.has(sel.name.value) && fragments.get(sel.name.value)) cost += walk(fragments.get(sel.name.value)!.selectionSet, new Set([...seen, sel.name.value]));
    }
    return cost;
  };
  let total = 0;
  for (const d of doc.definitions) if (d.kind === Kind.OPERATION_DEFINITION) total += Math.max(1, walk(d.selectionSet, new Set()));
  return total;
}

export interface RateLimitConfig {
  /** Cost units an identity may spend per minute (token bucket refill). 0 turns limiting off. */
  costPerMinute: number;
  burst: number;
  defaultListSize: number;
}

/** From the validated configuration (gateway/src/config.ts): a bad value refuses to start. */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): RateLimitConfig {
  const v = gatewayEnv(env);
  const costPerMinute = v.RATE_LIMIT_COST_PER_MINUTE;
  return { costPerMinute, burst: v.RATE_LIMIT_BURST ?? costPerMinute, defaultListSize: v.QUERY_DEFAULT_LIST_SIZE };
}

/**
 * Per-identity rate limiting by query cost (token bucket, in memory per gateway instance): an
 * expensive query spends more of the caller's budget than a cheap one. Anonymous callers share
 * a bucket per client address.
 */
export function rateLimitPlugin(config: RateLimitConfig, clientKey: (ctx: GatewayContext) => string): ApolloServerPlugin<GatewayContext> {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = config.costPerMinute / 60_000;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (config.costPerMinute <= 0) return;
          const key = clientKey(contextValue);
          const now = Date.now();
          const b = buckets.get(key) ?? { tokens: config.burst, at: now };
          b.tokens = Math.min(config.burst, b.tokens + (now - b.at) * perMs);
          b.at = now;
          const cost = operationCost(document, config.defaultListSize);
          if (cost > b.tokens) {
            buckets.set(key, b);
            const retryAfterSec = Math.ceil((cost - b.tokens) / perMs / 1000);
            throw new GraphQLError(`请求过于频繁，请${retryAfterSec}秒后重试 | Rate limit exceeded, retry in ${retryAfterSec} s`, {
              extensions: { code: 'RATE_LIMITED', messageZh: `请求过于频繁，请${retryAfterSec}秒后重试`, messageEn: `Rate limit exceeded, retry in ${retryAfterSec} s`, retryAfterSec, http: { status: 429 } },
            });
          }
          b.tokens -= cost;
          buckets.set(key, b);
          if (buckets.size > 100_000) for (const [k, v] of buckets) if (now - v.at > 120_000) buckets.delete(k);
        },
      };
    },
  };
}
