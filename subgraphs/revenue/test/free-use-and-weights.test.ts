import { describe, expect, it } from 'vitest';
import { applyProfileEdit, resolveProfile, type JurisdictionCode } from '@pdo/policy';
import { freeUseBasis, unitCharge, type UsageFacts } from '../src/domain/charging.js';
import { isTrialCap } from '../src/domain/rules.js';
import { splitRevenue, type PlanParty } from '../src/domain/allocation.js';

/**
 * The charging and distribution rules of docs/policy/profile-settings.md with a worked example for every
 * jurisdiction that has them: free use by purpose and user (PN §1; HN Art 21; ZJC §三(五)5), caps binding charges
 * (PN §2(3)), trial caps (PN §2), the revenue right paid to the supplying units (HN Art 21), source units weighted one
 * by one, and contribution scores only when a plan chooses them.
 */
const ALL: JurisdictionCode[] = ['NATIONAL', 'HN', 'JL', 'QHD', 'TZ', 'ZJC'];
const use = (u: Partial<UsageFacts>): UsageFacts => ({ category: 'PAID', purpose: null, nonProfit: null, userSuppliesProduct: false, userIsPublicBody: false, ...u });

describe('free use (PN §1; HN Art 21; ZJC §三(五)5)', () => {
  it('a public-welfare use of a paid product is free everywhere PN §1 alone applies; an industry use is charged', () => {
    for (const j of ['NATIONAL', 'JL', 'QHD', 'TZ'] as const) {
      const p = resolveProfile(j);
      expect(freeUseBasis(p, use({ purpose: 'PUBLIC_WELFARE' })), j).toMatch(/^free use: PUBLIC_WELFARE \(PN §1/);
      expect(freeUseBasis(p, use({ purpose: 'PUBLIC_GOVERNANCE' })), j).not.toBeNull();
      expect(freeUseBasis(p, use({ purpose: 'INDUSTRY' })), j).toBeNull();
      expect(freeUseBasis(p, use({ purpose: null })), j).toBeNull();
      // Not ZJC: a source unit using the product for industry pays.
      expect(freeUseBasis(p, use({ purpose: 'INDUSTRY', userSuppliesProduct: true })), j).toBeNull();
    }
  });

  it('HN: free only for non-profit public governance or welfare by a public body (the cities)', () => {
    const hn = resolveProfile('HN');
    const city = { userIsPublicBody: true };
    expect(freeUseBasis(hn, use({ ...city, purpose: 'PUBLIC_GOVERNANCE' }))).toBeNull();
    expect(freeUseBasis(hn, use({ ...city, purpose: 'PUBLIC_GOVERNANCE', nonProfit: false }))).toBeNull();
    expect(freeUseBasis(hn, use({ ...city, purpose: 'PUBLIC_GOVERNANCE', nonProfit: true }))).toBe('free use: PUBLIC_GOVERNANCE, non-profit, by a public body (PN §1; HN Art 21: 各省辖市基于公共治理、公益事业等非营利性业务需要，可无偿使用)');
    expect(freeUseBasis(hn, use({ purpose: 'PUBLIC_GOVERNANCE', nonProfit: true }))).toBeNull(); // a company
    expect(freeUseBasis(hn, use({ ...city, purpose: 'INDUSTRY', nonProfit: true }))).toBeNull();
  });

  it('ZJC: a source unit using a product made from its own data is free, whatever the purpose', () => {
    const zjc = resolveProfile('ZJC');
    expect(freeUseBasis(zjc, use({ purpose: 'INDUSTRY', userSuppliesProduct: true }))).toMatch(/^free use: a source unit using a product made from its own data \(PN §1; ZJC §三\(五\)5/);
    expect(freeUseBasis(zjc, use({ purpose: 'INDUSTRY' }))).toBeNull();
  });

  it('a free product is free whatever the use; a free use is charged 0 fen with its basis, not left unpriced', () => {
    for (const j of ALL) expect(freeUseBasis(resolveProfile(j), use({ category: 'FREE', purpose: 'INDUSTRY' }))).toBe('free product (PN §1)');
    expect(unitCharge(resolveProfile('QHD'), use({ purpose: 'PUBLIC_WELFARE' }), null, null)).toEqual({ unitPriceFen: 0n, basis: expect.stringContaining('PUBLIC_WELFARE') });
  });

  it('an authority edits the rule with a source; a purpose outside the list is refused', () => {
    const edit = applyProfileEdit({}, { freeUse: { value: { purposes: ['PUBLIC_WELFARE'], nonProfitRequired: false, publicBodyRequired: false, sourceUnitOwnProducts: true }, source: '示例通知' } });
    const tz = resolveProfile('TZ', edit);
    expect(freeUseBasis(tz, use({ purpose: 'PUBLIC_GOVERNANCE' }))).toBeNull();
    expect(freeUseBasis(tz, use({ purpose: 'INDUSTRY', userSuppliesProduct: true }))).toContain('示例通知');
    expect(() => applyProfileEdit({}, { freeUse: { value: { purposes: ['CHARITY' as never], nonProfitRequired: false, publicBodyRequired: false, sourceUnitOwnProducts: false }, source: 'x' } })).toThrow(/freeUse.purposes/);
    expect(() => applyProfileEdit({}, { revenueRightPayee: { value: 'PROVINCE' as never, source: 'x' } })).toThrow(/revenueRightPayee/);
    expect(() => applyProfileEdit({}, { defaultSourceBasis: { value: 'SCORE' as never, source: 'x' } })).toThrow(/defaultSourceBasis/);
  });
});

describe('caps bound charges from their effective date (PN §2(3))', () => {
  it('worked example: price 0.80, cap lowered to 0.50 from 2027-03-01 → charged 0.50 with its basis; a cap above the price changes nothing', () => {
    for (const j of ALL) {
      const p = resolveProfile(j);
      expect(unitCharge(p, use({}), 80n, { capFen: 50n, effectiveFrom: '2027-03-01' }), j).toEqual({ unitPriceFen: 50n, basis: expect.stringMatching(/^price 0\.80 above the cap of 0\.50 in force from 2027-03-01: charged at the cap \(PN §2\(3\)/) });
      expect(unitCharge(p, use({}), 80n, { capFen: 100n, effectiveFrom: '2027-01-01' }), j).toEqual({ unitPriceFen: 80n, basis: null });
      expect(unitCharge(p, use({}), 80n, null), j).toEqual({ unitPriceFen: 80n, basis: null });
      expect(unitCharge(p, use({}), null, null), j).toBeNull();
    }
  });
});

describe('trial price standard (试行价格, PN §2)', () => {
  it('a survey of less than a full year gives trial caps; a full year (the starting day counted, ending the day before the same date a year on) does not', () => {
    for (const j of ALL) {
      const p = resolveProfile(j);
      expect(isTrialCap(p, '2026-01-01', '2026-12-31'), j).toBe(false);
      expect(isTrialCap(p, '2026-03-01', '2027-02-28'), j).toBe(false);
      expect(isTrialCap(p, '2026-03-01', '2027-02-27'), j).toBe(true);
      expect(isTrialCap(p, '2026-07-01', '2026-12-31'), j).toBe(true);
    }
    const off = resolveProfile('HN', applyProfileEdit({}, { trialPriceFirstYear: { value: false, source: '示例' } }));
    expect(isTrialCap(off, '2026-07-01', '2026-12-31')).toBe(false);
  });
});

describe('distribution: payee of the revenue right, units one by one, contribution only when chosen', () => {
  const units = [
    { sourceUnitId: 'zhengzhou', weight: '2', basis: "supplies 2 of the product's 3 resources" },
    { sourceUnitId: 'luoyang', weight: '1', basis: "supplies 1 of the product's 3 resources" },
  ];
  const plan: PlanParty[] = [
    { ordinal: 1, kind: 'OPERATOR', partyId: 'op', weight: '70' },
    { ordinal: 2, kind: 'JURISDICTION', partyId: 'HN', weight: '5' },
    { ordinal: 3, kind: 'SOURCE_AGENCIES', partyId: null, weight: '25' },
  ];

  it('the profiles: HN pays the revenue right to the supplying units; no other jurisdiction grants one', () => {
    expect(resolveProfile('HN').revenueRightPayee).toMatchObject({ value: 'SUPPLYING_UNITS', source: expect.stringContaining('HN Art 21') });
    for (const j of ['NATIONAL', 'JL', 'QHD', 'TZ', 'ZJC'] as const) expect(resolveProfile(j).revenueRightForJurisdiction.value, j).toBe(false);
  });

  it('HN worked example: 100.00 yuan, 70/5/25 → the 5.00 revenue right goes 2:1 to the supplying cities (3.33 + 1.67), merged with their pool shares', () => {
    const s = splitRevenue(10000n, plan, units, { suppliers: units, source: 'HN Art 21' });
    // Operator 7000; right 500 → 333.33/166.67 → 333 + 167; pool 2500 → 1666.67/833.33 → 1667 + 833.
    expect(s.map((x) => [x.kind, x.partyId, x.amountFen])).toEqual([
      ['OPERATOR', 'op', 7000n],
      ['SOURCE_AGENCY', 'zhengzhou', 2000n],
      ['SOURCE_AGENCY', 'luoyang', 1000n],
    ]);
    expect(s[1]!.basis).toMatch(/^revenue right of the supplying unit 5\/100 .*\(HN Art 21\); source agencies' pool 25\/100/);
    expect(s.find((x) => x.kind === 'JURISDICTION')).toBeUndefined();
    // Where the right is the jurisdiction's, it stays one JURISDICTION share.
    expect(splitRevenue(10000n, plan, units).find((x) => x.kind === 'JURISDICTION')).toMatchObject({ partyId: 'HN', amountFen: 500n });
  });

  it('source units weighted one by one: 100.00 yuan, operator 60, unit A 30, unit B 10 → 60.00 / 30.00 / 10.00', () => {
    const s = splitRevenue(10000n, [
      { ordinal: 1, kind: 'OPERATOR', partyId: 'op', weight: '60' },
      { ordinal: 2, kind: 'SOURCE_AGENCY', partyId: 'A', weight: '30' },
      { ordinal: 3, kind: 'SOURCE_AGENCY', partyId: 'B', weight: '10' },
    ], []);
    expect(s.map((x) => [x.kind, x.partyId, x.amountFen, x.basis])).toEqual([
      ['OPERATOR', 'op', 6000n, 'plan weight 60/100'],
      ['SOURCE_AGENCY', 'A', 3000n, 'plan weight 30/100'],
      ['SOURCE_AGENCY', 'B', 1000n, 'plan weight 10/100'],
    ]);
  });

  it('no jurisdiction weights source units by contribution scores unless the plan chooses it', () => {
    for (const j of ALL) expect(resolveProfile(j).defaultSourceBasis.value, j).toBe('RESOURCE_USAGE');
  });
});
