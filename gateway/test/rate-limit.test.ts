import { describe, expect, it } from 'vitest';
import type { GraphQLError } from 'graphql';
import { CostRateLimiter } from '../src/index.js';

const outcome = (limiter: CostRateLimiter, key: string, cost: number) => {
  try {
    limiter.spend(key, cost);
    return 'ok';
  } catch (e) {
    const ext = (e as GraphQLError).extensions as { code: string; http: { status: number } };
    return `${ext.code} ${ext.http.status}`;
  }
};

describe('rate limiting by query cost', () => {
  it('lets an identity spend its budget, then refuses with RATE_LIMITED (429); others are unaffected', () => {
    const clock = { t: 0 };
    const limiter = new CostRateLimiter({ costPerMinute: 300, burst: 300 }, () => clock.t);
    expect([outcome(limiter, 'a', 100), outcome(limiter, 'a', 100), outcome(limiter, 'a', 100)]).toEqual(['ok', 'ok', 'ok']);
    expect(outcome(limiter, 'a', 100)).toBe('RATE_LIMITED 429');
    expect(outcome(limiter, 'b', 100)).toBe('ok');
    // The budget refills at costPerMinute: 20 s later, 100 units are back.
    clock.t = 20_000;
    expect(outcome(limiter, 'a', 100)).toBe('ok');
    expect(outcome(limiter, 'a', 100)).toBe('RATE_LIMITED 429');
  });
  it('a refused request takes nothing from the budget', () => {
    const limiter = new CostRateLimiter({ costPerMinute: 100, burst: 100 }, () => 0);
    expect(outcome(limiter, 'a', 101)).toBe('RATE_LIMITED 429');
    expect(outcome(limiter, 'a', 100)).toBe('ok');
  });
  it('0 per minute turns it off', () => {
    const limiter = new CostRateLimiter({ costPerMinute: 0, burst: 0 });
    expect(outcome(limiter, 'a', 1e9)).toBe('ok');
  });
});
