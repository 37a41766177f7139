import { describe, expect, it } from 'vitest';
import {
  applyProfileEdit,
  checkAgreementTerm,
  checkIntegrity,
  checkPublicityPeriod,
  rankApplications,
  renewalWindowCheck,
  resolveProfile,
  successorStartDate,
  termEnd,
  weightedScore,
  type IntegrityParty,
  type IntegrityRecord,
} from '../src/index.js';

/** Issue 19 items 4–6, a worked example per jurisdiction that has the rule (docs/policy/selection-and-renewal.md). */

const company: IntegrityParty = { role: 'APPLICANT', name: '某数据公司', key: 'k-company' };
const legalRep: IntegrityParty = { role: 'LEGAL_REPRESENTATIVE', name: '张三', key: 'k-zhang' };
const executive: IntegrityParty = { role: 'EXECUTIVE', name: '王五', key: 'k-wang' };
const controller: IntegrityParty = { role: 'CONTROLLING_SHAREHOLDER', name: '某控股集团', key: 'k-holding' };
const everyone = [company, legalRep, executive, controller];
const rec = (subjectKey: string, kind: IntegrityRecord['kind'], effectiveOn: string, removedOn: string | null = null): IntegrityRecord => ({ subjectKey, kind, effectiveOn, removedOn, source: '信用中国查询（测试）' });
const failing = (j: string, records: IntegrityRecord[], parties = everyone, asOf = '2026-05-10') => checkIntegrity(resolveProfile(j), parties, records, asOf).filter((c) => !c.passed);

describe('integrity checks against loaded records (profile setting `integrityChecks`)', () => {
  it('TZ Art 12(3): the company and its legal representative, on the dishonest-debtor and major-tax-violation lists', () => {
    expect(failing('TZ', [rec('k-zhang', 'DISHONEST_DEBTOR', '2025-11-01')])).toHaveLength(1);
    expect(failing('TZ', [rec('k-zhang', 'DISHONEST_DEBTOR', '2025-11-01')])[0]!.reasonZh).toMatch(/法定代表人张三（失信被执行人，2025-11-01）/);
    expect(failing('TZ', [rec('k-company', 'MAJOR_TAX_VIOLATION', '2024-01-01')])).toHaveLength(1);
    // Lifted the day before the check: no longer in force. Lifted on the day itself: in force until that day, not on it.
    expect(failing('TZ', [rec('k-zhang', 'DISHONEST_DEBTOR', '2025-11-01', '2026-05-09')])).toHaveLength(0);
    expect(failing('TZ', [rec('k-zhang', 'DISHONEST_DEBTOR', '2025-11-01', '2026-05-10')])).toHaveLength(0);
    expect(failing('TZ', [rec('k-zhang', 'DISHONEST_DEBTOR', '2025-11-01', '2026-05-11')])).toHaveLength(1);
    // TZ names neither executives nor shareholders, nor penalties: no three-year penalty bar (no TZ text states one).
    expect(failing('TZ', [rec('k-wang', 'DISHONEST_DEBTOR', '2025-11-01'), rec('k-company', 'SERIOUS_PENALTY', '2025-01-01')])).toHaveLength(0);
    expect(resolveProfile('TZ').eligibility.value.seriousPenaltyWindowYears).toBeNull();
    // Listed after the day checked: not yet in force.
    expect(failing('TZ', [rec('k-zhang', 'DISHONEST_DEBTOR', '2026-05-11')])).toHaveLength(0);
  });

  it('JL §三(二): executives and controlling shareholders too, with penalties and criminal records at any time', () => {
    expect(failing('JL', [rec('k-wang', 'CRIMINAL_RECORD', '2012-03-01')])).toHaveLength(1);
    expect(failing('JL', [rec('k-holding', 'SERIOUS_PENALTY', '2019-06-30')])).toHaveLength(1);
    expect(failing('JL', [rec('k-company', 'SERIOUS_DISHONESTY', '2026-01-01')])).toHaveLength(1);
    expect(failing('JL', [rec('k-company', 'CRIMINAL_RECORD', '2026-01-01')])).toHaveLength(0); // not a company test in JL
  });

  it('QHD §三(二)1(1): serious dishonesty of the applicant only', () => {
    expect(failing('QHD', [rec('k-company', 'SERIOUS_DISHONESTY', '2026-02-01')])).toHaveLength(1);
    expect(failing('QHD', [rec('k-company', 'MAJOR_TAX_VIOLATION', '2026-02-01'), rec('k-zhang', 'SERIOUS_DISHONESTY', '2026-02-01')])).toHaveLength(0);
    expect(resolveProfile('QHD').eligibility.value.dishonestListBars).toBe(true);
  });

  it('HN, ZJC and the national profile set no integrity check (not regulated): no criterion at all', () => {
    for (const j of ['HN', 'ZJC', 'NATIONAL']) expect(checkIntegrity(resolveProfile(j), everyone, [rec('k-zhang', 'DISHONEST_DEBTOR', '2025-11-01')], '2026-05-10')).toEqual([]);
  });

  it('a legal representative not on record cannot be checked, and fails where a rule names it', () => {
    expect(failing('TZ', [], [company])[0]!.reasonEn).toMatch(/No legal representative on record/);
    expect(failing('QHD', [], [company])).toHaveLength(0);
  });

  it('a window where an authority sets one: within 3 years counts the first day of the window', () => {
    const edited = applyProfileEdit({}, { integrityChecks: { value: [{ subjects: ['LEGAL_REPRESENTATIVE'], records: ['SERIOUS_PENALTY'], withinYears: 3 }], source: '测试文件' } });
    const p = resolveProfile('HN', edited);
    expect(checkIntegrity(p, everyone, [rec('k-zhang', 'SERIOUS_PENALTY', '2023-05-10')], '2026-05-10')[0]!.passed).toBe(false);
    expect(checkIntegrity(p, everyone, [rec('k-zhang', 'SERIOUS_PENALTY', '2023-05-09')], '2026-05-10')[0]!.passed).toBe(true);
    expect(() => applyProfileEdit({}, { integrityChecks: { value: [{ subjects: ['NEIGHBOUR'], records: ['SERIOUS_PENALTY'], withinYears: null }] as never, source: 'x' } })).toThrow(/integrityChecks.0.subjects/);
  });
});

describe('ranking by the call\'s scoring rules and the experts\' scores', () => {
  const rules = [
    { criterion: '技术能力', weight: 60 },
    { criterion: '数据资源', weight: 40 },
  ];
  const total = (a: string, b: string) => {
    const r = weightedScore(rules, [
      { criterion: '技术能力', score: a },
      { criterion: '数据资源', score: b },
    ]);
    if (!r.ok) throw new Error(r.problem);
    return r.total;
  };

  it('weights each criterion: 60 % × 90 + 40 % × 70 = 82.00', () => {
    expect(total('90', '70')).toBe(820000n);
    expect(total('85', '79.5')).toBe(828000n);
    expect(weightedScore(rules, [{ criterion: '技术能力', score: '90' }])).toMatchObject({ ok: false, problem: 'MISSING', criterion: '数据资源' });
    expect(weightedScore(rules, [{ criterion: '关系', score: '100' }])).toMatchObject({ ok: false, problem: 'UNKNOWN' });
    expect(weightedScore(rules, [{ criterion: '技术能力', score: '101' }, { criterion: '数据资源', score: '1' }])).toMatchObject({ ok: false, problem: 'RANGE' });
  });

  it('ranks by the mean of the experts, exactly; equal means share a rank', () => {
    // A: 82.00 and 82.00 → 82.00. B: 95/60 = 81.00 and 85/79.5 = 82.80 → 81.90. C: one review, 82.00.
    const ranked = rankApplications([
      { id: 'B', totals: [total('95', '60'), total('85', '79.5')] },
      { id: 'A', totals: [total('90', '70'), total('80', '85')] },
      { id: 'C', totals: [total('90', '70')] },
      { id: 'D', totals: [] },
    ]);
    expect(ranked).toEqual([
      { id: 'A', rank: 1, score: '82.00', reviews: 2 },
      { id: 'C', rank: 1, score: '82.00', reviews: 1 },
      { id: 'B', rank: 3, score: '81.90', reviews: 2 },
    ]);
  });
});

describe('publicity of the selection result (profile setting `selectionPublicity`)', () => {
  it('TZ, QHD, JL, ZJC require publicity (no text gives a period: the call states it, at least 1 working day)', () => {
    for (const j of ['TZ', 'QHD', 'JL', 'ZJC']) {
      expect(resolveProfile(j).selectionPublicity.value).toEqual({ required: true, minWorkingDays: null });
      expect(checkPublicityPeriod(resolveProfile(j), 0).ok).toBe(false);
      expect(checkPublicityPeriod(resolveProfile(j), 1).ok).toBe(true);
    }
    expect(checkPublicityPeriod(resolveProfile('HN'), 0).ok).toBe(true);
  });
  it('an authority that sets a period by notice raises the least period', () => {
    const p = resolveProfile('TZ', applyProfileEdit({}, { selectionPublicity: { value: { required: true, minWorkingDays: 5 }, source: '泰数〔2026〕X号（示例）' } }));
    expect(checkPublicityPeriod(p, 4)).toMatchObject({ ok: false, source: '泰数〔2026〕X号（示例）' });
    expect(checkPublicityPeriod(p, 5).ok).toBe(true);
  });
});

describe('renewal: a new application (TZ, ZJC) or a request in a window (QHD, JL, national), by the Civil Code period rule', () => {
  it('the procedure each profile sets', () => {
    expect(['TZ', 'ZJC'].map((j) => resolveProfile(j).renewalProcedure.value)).toEqual(['REAPPLICATION', 'REAPPLICATION']);
    expect(['QHD', 'JL', 'HN', 'NATIONAL'].map((j) => resolveProfile(j).renewalProcedure.value)).toEqual(['RENEWAL_REQUEST', 'RENEWAL_REQUEST', 'RENEWAL_REQUEST', 'RENEWAL_REQUEST']);
  });

  it('TZ: an agreement 2026-04-01 … 2029-03-31 is re-applied for by 2028-09-30; the successor runs 2029-04-01 … 2032-03-31', () => {
    const tz = resolveProfile('TZ');
    const end = termEnd('2026-04-01', { years: 3 });
    expect(end).toBe('2029-03-31');
    // Re-applying on 2028-09-30: its six months (Arts 201–202: from 10-01) end on 2029-03-30, before expiry; a day later they would not.
    expect(renewalWindowCheck(tz, end, '2028-09-30')).toMatchObject({ ok: true, closesOn: '2028-09-30' });
    expect(renewalWindowCheck(tz, end, '2028-10-01').ok).toBe(false);
    const start = successorStartDate(end);
    expect(start).toBe('2029-04-01');
    expect(checkAgreementTerm(tz, start, termEnd(start, { years: 3 })).ok).toBe(true);
    expect(checkAgreementTerm(tz, start, '2032-04-01').ok).toBe(false);
  });

  it('ZJC: expiry 2028-04-30, at least 3 months before → by 2028-01-31 (its 3 months end on April\'s last day, Art 202)', () => {
    const zjc = resolveProfile('ZJC');
    expect(renewalWindowCheck(zjc, '2028-04-30', '2028-01-31')).toMatchObject({ ok: true, closesOn: '2028-01-31' });
    expect(renewalWindowCheck(zjc, '2028-04-30', '2028-02-01').ok).toBe(false);
    expect(successorStartDate('2028-04-30')).toBe('2028-05-01');
  });

  it('QHD keeps its window: only the last 3 months, expiry 2029-03-31 → from 2029-01-01', () => {
    const qhd = resolveProfile('QHD');
    expect(renewalWindowCheck(qhd, '2029-03-31', '2028-12-31').ok).toBe(false);
    expect(renewalWindowCheck(qhd, '2029-03-31', '2029-01-01')).toMatchObject({ ok: true, opensOn: '2029-01-01' });
  });
});
