import { describe, expect, it } from 'vitest';
import { addNoiseToAggregates, checkBudget, cryptoUniform, discreteLaplace, discreteLaplaceVariance, noisyInteger, toMicroEpsilon } from '../src/index.js';

/** A deterministic uniform source in (0, 1] (xorshift), so the statistics below cannot flake. */
function seeded(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return (x + 1) / 2 ** 32;
  };
}

describe('discrete Laplace noise', () => {
  it('is integer, centred, symmetric, with the variance 2α/(1−α)²', () => {
    const uniform = seeded(20261202);
    const epsilon = 0.5;
    const n = 200_000;
    const draws = Array.from({ length: n }, () => discreteLaplace(epsilon, 1, uniform));
    expect(draws.every(Number.isInteger)).toBe(true);
    const mean = draws.reduce((s, d) => s + d, 0) / n;
    const variance = draws.reduce((s, d) => s + (d - mean) ** 2, 0) / n;
    const expected = discreteLaplaceVariance(epsilon, 1);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance / expected).toBeGreaterThan(0.95);
    expect(variance / expected).toBeLessThan(1.05);
    const positive = draws.filter((d) => d > 0).length;
    const negative = draws.filter((d) => d < 0).length;
    expect(Math.abs(positive - negative) / n).toBeLessThan(0.01);
    // P(0) = (1−α)/(1+α)
    const alpha = Math.exp(-epsilon);
    expect(Math.abs(draws.filter((d) => d === 0).length / n - (1 - alpha) / (1 + alpha))).toBeLessThan(0.01);
  });

  it('scales with the sensitivity', () => {
    expect(discreteLaplaceVariance(1, 10)).toBeGreaterThan(50 * discreteLaplaceVariance(1, 1));
  });

  it('draws from node:crypto by default: values in (0, 1], not repeating', () => {
    const u = Array.from({ length: 1000 }, cryptoUniform);
    expect(u.every((x) => x > 0 && x <= 1)).toBe(true);
    expect(new Set(u).size).toBe(1000);
  });

  it('adds integer noise to counts and keeps counts non-negative when asked', () => {
    expect(noisyInteger(0n, 0.01, 1, { nonNegative: true, uniform: () => 1e-9 })).toBeGreaterThanOrEqual(0n);
    const u = seeded(7);
    expect(typeof noisyInteger(100n, 1, 1, { uniform: u })).toBe('bigint');
  });

  it('refuses a non-positive ε or a non-integer sensitivity', () => {
    expect(() => discreteLaplace(0, 1)).toThrow(RangeError);
    expect(() => discreteLaplace(Number.NaN, 1)).toThrow(RangeError);
    expect(() => discreteLaplace(1, 0.5)).toThrow(RangeError);
  });
});

describe('privacy budget ledger', () => {
  const spent = [
    { agreementId: 'a', period: '2026-12', microEpsilon: toMicroEpsilon(0.4) },
    { agreementId: 'a', period: '2026-12', microEpsilon: toMicroEpsilon(0.4) },
    { agreementId: 'a', period: '2026-11', microEpsilon: toMicroEpsilon(1) },
    { agreementId: 'b', period: '2026-12', microEpsilon: toMicroEpsilon(1) },
  ];
  const limit = toMicroEpsilon(1);

  it('accepts what fits in the agreement’s period and reports the rest', () => {
    expect(checkBudget(limit, spent, { agreementId: 'a', period: '2026-12', microEpsilon: toMicroEpsilon(0.2) })).toEqual({ ok: true, remainingMicroEpsilon: 0 });
  });

  it('refuses with BUDGET_EXHAUSTED past the limit, per agreement and period', () => {
    const r = checkBudget(limit, spent, { agreementId: 'a', period: '2026-12', microEpsilon: toMicroEpsilon(0.3) });
    expect(r).toMatchObject({ ok: false, code: 'BUDGET_EXHAUSTED', remainingMicroEpsilon: toMicroEpsilon(0.2) });
    expect(checkBudget(limit, spent, { agreementId: 'b', period: '2026-12', microEpsilon: 1 })).toMatchObject({ ok: false, code: 'BUDGET_EXHAUSTED' });
    expect(checkBudget(limit, spent, { agreementId: 'c', period: '2026-12', microEpsilon: limit })).toMatchObject({ ok: true });
  });

  it('ten charges of 0.1 fill a budget of 1 exactly (integer micro-ε, no float drift)', () => {
    const tenth = Array.from({ length: 10 }, () => ({ agreementId: 'a', period: 'p', microEpsilon: toMicroEpsilon(0.1) }));
    expect(checkBudget(limit, tenth.slice(0, 9), tenth[0]!)).toEqual({ ok: true, remainingMicroEpsilon: 0 });
    expect(checkBudget(limit, tenth, tenth[0]!)).toMatchObject({ ok: false, code: 'BUDGET_EXHAUSTED' });
  });

  it('refuses a zero, negative or fractional request', () => {
    for (const microEpsilon of [0, -1, 0.5]) {
      expect(checkBudget(limit, [], { agreementId: 'a', period: 'p', microEpsilon })).toMatchObject({ ok: false, code: 'INVALID_BUDGET_REQUEST' });
    }
  });
});

describe('noisy release of aggregates', () => {
  const columns = [{ name: 'region', kind: 'LABEL' }, { name: 'n', kind: 'AGGREGATE' }, { name: 's', kind: 'AGGREGATE' }];

  it('noises every integer aggregate column, leaves labels, and reports ε × columns to charge', () => {
    const uniform = seeded(3);
    const rows = Array.from({ length: 200 }, (_, i) => ({ region: `r${i}`, n: '100', s: 5000n }));
    const r = addNoiseToAggregates(rows, columns, 0.5, 1, uniform);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.microEpsilonToCharge).toBe(1_000_000);
    expect(r.rows.every((row, i) => row.region === `r${i}`)).toBe(true);
    expect(r.rows.some((row) => row.n !== '100')).toBe(true);
    expect(r.rows.every((row) => /^-?\d+$/.test(String(row.n)) && /^-?\d+$/.test(String(row.s)))).toBe(true);
  });

  it('refuses to release a non-integer aggregate (an average) unnoised', () => {
    expect(addNoiseToAggregates([{ region: 'a', n: '5000.5', s: 1 }], columns, 1, 1)).toMatchObject({ ok: false, code: 'NOISE_NOT_INTEGER', column: 'n' });
  });
});
