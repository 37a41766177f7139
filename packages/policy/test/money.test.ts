import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateLargestRemainder, Allocation, Decimal, formatYuan, parseFen, parseYuan } from '../src/index.js';

describe('money in fen', () => {
  it('parses yuan strings exactly and refuses a fraction of a fen', () => {
    expect(parseYuan('12.34')).toBe(1234n);
    expect(parseYuan('12.3')).toBe(1230n);
    expect(parseYuan('12')).toBe(1200n);
    expect(parseYuan('-0.05')).toBe(-5n);
    expect(parseYuan('0.100')).toBe(10n); // trailing zero is still whole fen
    expect(() => parseYuan('12.345')).toThrow(/one fen/);
    expect(() => parseYuan('1e3')).toThrow();
    expect(() => parseYuan(12.34 as unknown as string)).toThrow(/string/);
  });
  it('formats fen as yuan with two places', () => {
    expect(formatYuan(1234n)).toBe('12.34');
    expect(formatYuan(-5n)).toBe('-0.05');
    expect(formatYuan(0n)).toBe('0.00');
    expect(parseFen('974750000')).toBe(974750000n);
  });
});

describe('largest-remainder allocation (收益分配)', () => {
  it('splits 100.00 yuan three ways 1:1:1 — the extra fen goes to the first declared party', () => {
    // 10000 fen / 3 = 3333 r1 each; one fen left, ties broken by declared order → first party.
    expect(allocateLargestRemainder(10000n, [{ key: 'agency-A', weight: 1n }, { key: 'agency-B', weight: 1n }, { key: 'operator', weight: 1n }])).toEqual([
      { key: 'agency-A', amount: 3334n },
      { key: 'agency-B', amount: 3333n },
      { key: 'operator', amount: 3333n },
    ]);
  });
  it('splits 1.01 yuan by 0.5/0.3/0.2: exact 50.5, 30.3, 20.2 → 51, 30, 20', () => {
    // floors 50, 30, 20 = 100; one fen left; remainders .5 > .3 > .2 → operator first.
    expect(allocateLargestRemainder(101n, [{ key: 'op', weight: '0.5' }, { key: 'src', weight: '0.3' }, { key: 'city', weight: '0.2' }]).map((x) => x.amount)).toEqual([51n, 30n, 20n]);
  });
  it('a reversal allocates the negative total symmetrically', () => {
    expect(allocateLargestRemainder(-10000n, [{ key: 'a', weight: 1n }, { key: 'b', weight: 1n }, { key: 'c', weight: 1n }]).map((x) => x.amount)).toEqual([-3334n, -3333n, -3333n]);
  });
  it('refuses weights that do not sum to a positive total', () => {
    expect(() => allocateLargestRemainder(100n, [{ key: 'a', weight: 0n }])).toThrow(/positive/);
    expect(() => allocateLargestRemainder(100n, [{ key: 'a', weight: '-1' }, { key: 'b', weight: '2' }])).toThrow(/negative/);
  });
  it('property: always sums to the total and each share is within one fen of the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }).filter((ws) => ws.some((w) => w > 0)),
        (total, ws) => {
          const parts = ws.map((w, i) => ({ key: String(i), weight: BigInt(w) }));
          const out = allocateLargestRemainder(total, parts);
          expect(out.reduce((a, b) => a + b.amount, 0n)).toBe(total);
          const sum = ws.reduce((a, b) => a + BigInt(b), 0n);
          out.forEach((o, i) => {
            // |amount − total·w/sum| < 1  ⇔  |amount·sum − total·w| < sum
            const diff = o.amount * sum - total * BigInt(ws[i]!);
            expect(diff < 0n ? -diff : diff).toBeLessThan(sum);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('Allocation: the weights fixed once, applied to many totals', () => {
  it('gives each total what a fresh allocation gives it (a settlement reuses one per plan)', () => {
    const plan = Allocation.of(['60', '35', '5']);
    // 10001 fen: exact 6000.6 / 3500.35 / 500.05 → floors 6000/3500/500, the spare fen to the largest remainder (.6).
    expect(plan.amounts(10001n)).toEqual([6001n, 3500n, 500n]);
    expect(plan.amounts(1n)).toEqual([1n, 0n, 0n]);
    expect(plan.amounts(-10001n)).toEqual([-6001n, -3500n, -500n]);
    expect(plan.amounts(0n)).toEqual([0n, 0n, 0n]);
  });
  it('checks the weights when made, not when applied', () => {
    expect(() => Allocation.of([])).toThrow(/Nothing to allocate/);
    expect(() => Allocation.of(['0', '0.00'])).toThrow(/positive/);
    expect(() => Allocation.of(['1', '-1'])).toThrow(/negative/);
  });
  /** Hamilton's method as its definition reads, on integer weights (cents of the decimal weights). */
  const hamilton = (total: bigint, cents: bigint[]): bigint[] => {
    const sum = cents.reduce((a, b) => a + b, 0n);
    const abs = total < 0n ? -total : total;
    const out = cents.map((w) => (abs * w) / sum);
    const order = cents.map((w, i) => ({ i, r: (abs * w) % sum })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
    for (let k = 0, left = abs - out.reduce((a, b) => a + b, 0n); left > 0n; k++, left--) out[order[k]!.i]! += 1n;
    return out.map((x) => (total < 0n ? -x : x));
  };
  it('property: one allocation reused over many totals gives each the Hamilton result of its own', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 99 })), { minLength: 1, maxLength: 6 }).filter((ws) => ws.some(([i, f]) => i + f > 0)),
        fc.array(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), { minLength: 1, maxLength: 20 }),
        (ws, totals) => {
          const weights = ws.map(([i, f]) => `${i}.${String(f).padStart(2, '0')}`);
          const once = Allocation.of(weights);
          for (const t of totals) {
            expect(once.amounts(t)).toEqual(hamilton(t, ws.map(([i, f]) => BigInt(i * 100 + f))));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Decimal', () => {
  it('is exact where floats are not: 0.1 + 0.2 = 0.3', () => {
    expect(Decimal.parse('0.1').add(Decimal.parse('0.2')).toString()).toBe('0.3');
  });
  it('divides with explicit rounding', () => {
    expect(Decimal.parse('2').div(Decimal.parse('3'), 4).toString()).toBe('0.6667');
    expect(Decimal.parse('2.5').round(0, 'HALF_EVEN').toString()).toBe('2');
    expect(Decimal.parse('-2.5').round(0, 'HALF_UP').toString()).toBe('-3');
  });
  it('refuses exponent notation and junk', () => {
    for (const bad of ['1e3', '', ' 1', 'NaN', '1.']) expect(() => Decimal.parse(bad)).toThrow();
  });
});
