import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runTotalsOf, type RunLine } from '../src/domain/run-totals.js';

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-00000000000a';
const D1 = '00000000-0000-4000-8000-0000000000d1';
const D2 = '00000000-0000-4000-8000-0000000000d2';
const Q3 = '00000000-0000-4000-8000-0000000000f3';
const line = (product_id: string, developer_id: string, revenue_fen: string, charge_count: string, units: string, carried_from: string | null = null): RunLine => ({ product_id, developer_id, carried_from, revenue_fen, charge_count, units });

describe('what a settlement run’s lines add up to', () => {
  it('worked example: two products, two developers, one line carried from Q3', () => {
    // P2 before P1 in the input; D2 pays nothing (a free line) and so owes no debit.
    const t = runTotalsOf([
      line(P2, D1, '700', '7', '7'),
      line(P1, D1, '1000', '10', '20'),
      line(P1, D2, '0', '3', '3'),
      line(P1, D1, '250', '2', '5', Q3),
    ]);
    expect(t.products).toEqual([
      { product_id: P1, revenue: '1250', n: '15', units: '28' },
      { product_id: P2, revenue: '700', n: '7', units: '7' },
    ]);
    expect(t.carried).toEqual({ fen: '250', n: '2' });
    expect(t.debits).toEqual([{ developer_id: D1, fen: '1950' }]);
    expect(t.totalFen).toBe(1950n);
    expect(t.chargeCount).toBe(22n);
  });

  it('no lines: nothing to split, carry or debit', () => {
    expect(runTotalsOf([])).toEqual({ products: [], carried: { fen: '0', n: '0' }, debits: [], totalFen: 0n, chargeCount: 0n });
  });

  it('sums stay exact beyond 2^53 fen', () => {
    const big = '9007199254740993'; // 2^53 + 1: a float would round it
    const t = runTotalsOf([line(P1, D1, big, '1', '1'), line(P1, D2, big, '1', '1')]);
    expect(t.products[0]!.revenue).toBe('18014398509481986');
    expect(t.totalFen).toBe(18014398509481986n);
  });

  it('products, debits and the total agree: Σ products = Σ debits = total, whatever the lines', () => {
    const ids = [P1, P2, D1, D2];
    fc.assert(
      fc.property(
        fc.array(fc.record({ p: fc.constantFrom(P1, P2), d: fc.constantFrom(D1, D2), fen: fc.bigInt({ min: 0n, max: 10n ** 12n }), n: fc.integer({ min: 1, max: 1000 }), carried: fc.boolean() })),
        (rows) => {
          const t = runTotalsOf(rows.map((r) => line(r.p, r.d, r.fen.toString(), String(r.n), String(r.n), r.carried ? Q3 : null)));
          const sum = (xs: string[]) => xs.reduce((a, x) => a + BigInt(x), 0n);
          expect(sum(t.products.map((p) => p.revenue))).toBe(t.totalFen);
          expect(sum(t.debits.map((d) => d.fen))).toBe(t.totalFen);
          expect(t.products.map((p) => p.product_id)).toEqual([...t.products.map((p) => p.product_id)].sort());
          expect(ids).toEqual(expect.arrayContaining(t.debits.map((d) => d.developer_id)));
        },
      ),
    );
  });
});
