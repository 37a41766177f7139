import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal, ILLUSTRATIVE_BOND_YIELD_10Y_AVERAGE, resolveProfile } from '@pdo/policy';
import { RuleRefusal } from '../src/domain/refusal.js';
import { checkCapsWithinMar, checkPrice, checkSettlementPeriod, computeMar } from '../src/domain/rules.js';
import { splitRevenue, type PlanParty } from '../src/domain/allocation.js';

const yuan = (s: string) => BigInt(s.replace('.', ''));
const items = { platform: yuan('1000000.00'), dataHandling: yuan('500000.00'), personnel: yuan('800000.00'), dataAcquisition: yuan('200000.00'), periodExpenses: yuan('100000.00') };
/** The profile and the (illustrative) yield of the year before the survey, as revenue reads them from its tables. */
const at = (jurisdiction: string, surveyYear: number) => {
  const b = ILLUSTRATIVE_BOND_YIELD_10Y_AVERAGE[surveyYear - 1];
  return { profile: resolveProfile(jurisdiction), surveyYear, bondYield: b ? { year: surveyYear - 1, percent: b.value, source: b.source } : null };
};
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof RuleRefusal ? { code: e.code, rule: e.rule } : { code: String(e) };
  }
  return null;
};

describe('最高准许收入 (PN §3(1)) worked examples', () => {
  it('QHD 2026 survey: cost 2,600,000 − subsidies 100,000; 1.75% (2025 bond) + 6 pp; taxes 50,000 → 2,743,750.00', () => {
    const r = computeMar({ ...at('QHD', 2026), costItemsFen: items, subsidiesFen: yuan('100000.00'), taxesFen: yuan('50000.00'), markupPp: Decimal.parse('6'), carryInFen: 0n, spreadCycles: 1 });
    expect(r.bondYieldPercent).toBe('1.75');
    expect(r.ratePercent).toBe('7.75');
    expect(r.operatingCostFen).toBe(yuan('2500000.00'));
    expect(r.permittedProfitFen).toBe(yuan('193750.00'));
    expect(r.marFen).toBe(yuan('2743750.00'));
    expect(r.effectiveMarFen).toBe(r.marFen);
    expect(r.working.join('\n')).toContain('permitted profit = 2500000.00 × 7.75% = 193750.00');
  });

  it('rounds the profit half-up to the fen: 12,345.67 × 7.75% = 956.789425 → 956.79', () => {
    const r = computeMar({ ...at('QHD', 2026), costItemsFen: { platform: 1234567n, dataHandling: 0n, personnel: 0n, dataAcquisition: 0n, periodExpenses: 0n }, subsidiesFen: 0n, taxesFen: 0n, markupPp: Decimal.parse('6'), carryInFen: 0n, spreadCycles: 1 });
    expect(r.permittedProfitFen).toBe(95679n);
    expect(r.marFen).toBe(1234567n + 95679n);
  });

  it('HN 2025 survey with a 4.5 pp markup uses the 2024 yield 2.18% → rate 6.68%', () => {
    const r = computeMar({ ...at('HN', 2025), costItemsFen: items, subsidiesFen: 0n, taxesFen: 0n, markupPp: Decimal.parse('4.5'), carryInFen: 0n, spreadCycles: 1 });
    expect(r.ratePercent).toBe('6.68');
    expect(r.permittedProfitFen).toBe(yuan('173680.00')); // 2,600,000 × 6.68%
  });

  it('refuses a markup above the profile maximum, a non-fixed markup in QHD, and a year without a bond yield', () => {
    expect(code(() => computeMar({ ...at('HN', 2026), costItemsFen: items, subsidiesFen: 0n, taxesFen: 0n, markupPp: Decimal.parse('6.01'), carryInFen: 0n, spreadCycles: 1 }))).toEqual({ code: 'POLICY_VIOLATION', rule: 'MARKUP_ABOVE_MAX' });
    expect(code(() => computeMar({ ...at('QHD', 2026), costItemsFen: items, subsidiesFen: 0n, taxesFen: 0n, markupPp: Decimal.parse('5'), carryInFen: 0n, spreadCycles: 1 }))).toEqual({ code: 'POLICY_VIOLATION', rule: 'MARKUP_FIXED' });
    expect(code(() => computeMar({ ...at('HN', 2030), costItemsFen: items, subsidiesFen: 0n, taxesFen: 0n, markupPp: Decimal.parse('5'), carryInFen: 0n, spreadCycles: 1 }))).toEqual({ code: 'POLICY_VIOLATION', rule: 'BOND_YIELD_NOT_CONFIGURED' });
  });

  it('deducts excess revenue carried from the last cycle, spread over cycles (PN §4)', () => {
    const r = computeMar({ ...at('QHD', 2026), costItemsFen: items, subsidiesFen: yuan('100000.00'), taxesFen: yuan('50000.00'), markupPp: Decimal.parse('6'), carryInFen: 1001n, spreadCycles: 3 });
    expect(r.carryOverDeductionFen).toBe(334n); // 1001 = 334 + 334 + 333
    expect(r.carryOutFen).toBe(667n);
    expect(r.effectiveMarFen).toBe(yuan('2743750.00') - 334n);
  });
});

describe('caps and prices', () => {
  it('Σ cap × forecast above the MAR is refused; equal is allowed', () => {
    expect(code(() => checkCapsWithinMar(1000n, 1000n))).toBeNull();
    expect(code(() => checkCapsWithinMar(1001n, 1000n))).toEqual({ code: 'POLICY_VIOLATION', rule: 'CAPS_EXCEED_MAR' });
  });
  it('a price above the cap or a non-zero free price is refused', () => {
    expect(code(() => checkPrice('PAID', 80n, 80n))).toBeNull();
    expect(code(() => checkPrice('PAID', 81n, 80n))).toEqual({ code: 'POLICY_VIOLATION', rule: 'PRICE_ABOVE_CAP' });
    expect(code(() => checkPrice('PAID', 10n, null))).toEqual({ code: 'POLICY_VIOLATION', rule: 'NO_PRICE_CAP' });
    expect(code(() => checkPrice('FREE', 1n, null))).toEqual({ code: 'POLICY_VIOLATION', rule: 'FREE_PRODUCT_PRICED' });
    expect(code(() => checkPrice('FREE', 0n, null))).toBeNull();
  });
  it('settlement periods are closed calendar months or quarters', () => {
    expect(checkSettlementPeriod('2026-07-01', '2026-09-30', '2026-10-01')).toBe('QUARTER');
    expect(checkSettlementPeriod('2026-02-01', '2026-02-28', '2026-03-01')).toBe('MONTH');
    expect(code(() => checkSettlementPeriod('2026-08-01', '2026-10-31', '2026-11-05'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(code(() => checkSettlementPeriod('2026-07-01', '2026-09-30', '2026-09-30'))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('收益分配 largest remainder', () => {
  const plan: PlanParty[] = [
    { ordinal: 1, kind: 'OPERATOR', partyId: 'op', weight: '60' },
    { ordinal: 2, kind: 'SOURCE_AGENCIES', partyId: null, weight: '30' },
    { ordinal: 3, kind: 'JURISDICTION', partyId: 'HN', weight: '10' },
  ];
  it('worked example: 100.01 yuan, 60/30/10, pool split 2:1 between two agencies', () => {
    const s = splitRevenue(10001n, plan, [
      { sourceUnitId: 'a', weight: '2', basis: '2 resources' },
      { sourceUnitId: 'b', weight: '1', basis: '1 resource' },
    ]);
    // 6000.6 / 3000.3 / 1000.1 → floors 6000/3000/1000, the spare fen to the largest remainder (operator).
    expect(s.map((x) => [x.partyId, x.amountFen])).toEqual([
      ['op', 6001n],
      ['a', 2000n],
      ['b', 1000n],
      ['HN', 1000n],
    ]);
  });
  it('ties go to the party declared first', () => {
    const s = splitRevenue(1n, [{ ordinal: 1, kind: 'OPERATOR', partyId: 'x', weight: '1' }, { ordinal: 2, kind: 'SERVICE_PROVIDER', partyId: 'y', weight: '1' }], []);
    expect(s.map((x) => x.amountFen)).toEqual([1n, 0n]);
  });
  it('property: every split sums exactly to its total and each share is within one fen of exact', () => {
    const weight = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 99 })).map(([i, f]) => `${i}.${String(f).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.array(weight, { minLength: 1, maxLength: 5 }),
        fc.array(weight, { minLength: 1, maxLength: 6 }),
        (total, ws, agencyWs) => {
          fc.pre(ws.some((w) => !Decimal.parse(w).isZero()) && agencyWs.some((w) => !Decimal.parse(w).isZero()));
          const parties: PlanParty[] = ws.map((w, i) => (i === 0 ? { ordinal: i, kind: 'SOURCE_AGENCIES', partyId: null, weight: w } : { ordinal: i, kind: 'SERVICE_PROVIDER', partyId: `p${i}`, weight: w }));
          const shares = splitRevenue(total, parties, agencyWs.map((w, i) => ({ sourceUnitId: `a${i}`, weight: w, basis: '' })));
          expect(shares.reduce((a, s) => a + s.amountFen, 0n)).toBe(total);
          // First stage: each plan party within one fen of its exact share.
          const sumW = ws.reduce((a, w) => a.add(Decimal.parse(w)), Decimal.ZERO);
          for (const [i, w] of ws.entries()) {
            if (i === 0) continue;
            const got = shares.find((s) => s.partyId === `p${i}`)!.amountFen;
            const exact = Decimal.fromBigInt(total).mul(Decimal.parse(w)).div(sumW, 6, 'DOWN');
            expect(Decimal.fromBigInt(got).sub(exact).abs().lt(Decimal.parse('1'))).toBe(true);
          }
          expect(shares.every((s) => s.amountFen >= 0n)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
