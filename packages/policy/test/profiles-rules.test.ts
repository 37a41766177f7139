import { describe, expect, it } from 'vitest';
import {
  applyProfileEdit,
  calendarOfProfile,
  checkAgreementTerm,
  CN_MAINLAND_CALENDAR,
  Decimal,
  deviation,
  earliestTerminationDate,
  evaluateEligibility,
  logPurgeEarliestDate,
  permittedRevenue,
  registrationDeadlines,
  renewalWindowCheck,
  resolveProfile,
  securityReviewValidUntil,
  type ApplicantFacts,
} from '../src/index.js';

describe('jurisdiction profiles (docs/policy/profile-settings.md)', () => {
  it('falls back to national where a document sets nothing, keeping the source', () => {
    const hn = resolveProfile('HN');
    expect(hn.agreementTerm.value.maxMonths).toBe(36);
    expect(hn.agreementTerm.source).toMatch(/HN Art 14/);
    expect(hn.pricing.value.maxMarkupPp).toBe('6');
    expect(hn.pricing.source).toMatch(/PN/);
    expect(hn.correctionAnswerWorkingDays.value).toBe(7);
    expect(resolveProfile('NATIONAL').agreementTerm.value.maxMonths).toBe(60);
  });
  it('an authority edit applies on top and must cite a source', () => {
    const edited = applyProfileEdit({}, { correctionAnswerWorkingDays: { value: 5, source: '豫数〔2026〕1号' } });
    expect(resolveProfile('HN', edited).correctionAnswerWorkingDays).toEqual({ value: 5, source: '豫数〔2026〕1号' });
    expect(() => applyProfileEdit({}, { correctionAnswerWorkingDays: { value: -1, source: 'x' } })).toThrow(/Invalid/);
    expect(() => applyProfileEdit({}, { correctionAnswerWorkingDays: { value: 5, source: ' ' } })).toThrow(/source/);
  });
  describe('holiday notices (节假日安排) loaded into a profile', () => {
    // An illustrative 2027 notice (not the real one): Spring Festival Fri 5 – Thu 11 Feb off,
    // Sun 31 Jan and Sat 20 Feb worked. The built-in 2027 has the statutory days only (5–8 Feb).
    const notice = { year: 2027, holidays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], makeupWorkdays: ['2027-01-31', '2027-02-20'], source: '国办发明电〔2026〕X号（示例）' };
    const load = (notices: unknown[]) => applyProfileEdit({}, { calendarNotices: { value: notices as never, source: '豫数〔2026〕9号：转发国务院办公厅通知' } });

    it('moves working-day deadlines: 7 working days after Mon 1 Feb 2027', () => {
      const builtIn = calendarOfProfile(resolveProfile('HN'));
      // 2, 3, 4, (5–8 off) 9, 10, 11, 12
      expect(builtIn.addWorkingDays('2027-02-01', 7)).toBe('2027-02-12');
      const loaded = calendarOfProfile(resolveProfile('HN', load([notice])));
      // 2, 3, 4, (5–11 off) 12, 15, 16, 17
      expect(loaded.addWorkingDays('2027-02-01', 7)).toBe('2027-02-17');
      expect(loaded.isWorkingDay('2027-01-31')).toBe(true);
      expect(loaded.isWorkingDay('2027-02-20')).toBe(true);
      // another jurisdiction, and 2026, are untouched
      expect(calendarOfProfile(resolveProfile('JL')).addWorkingDays('2027-02-01', 7)).toBe('2027-02-12');
      expect(loaded.addWorkingDays('2026-09-30', 1)).toBe(builtIn.addWorkingDays('2026-09-30', 1));
    });

    it('loads a year the built-in calendar does not have', () => {
      expect(() => calendarOfProfile(resolveProfile('HN')).addWorkingDays('2027-12-30', 2)).toThrow(/2028/);
      const with2028 = calendarOfProfile(resolveProfile('HN', load([{ year: 2028, holidays: ['2028-01-03'], makeupWorkdays: [], source: 'x' }])));
      expect(with2028.addWorkingDays('2027-12-30', 2)).toBe('2028-01-04'); // Fri 31 (1), Mon 3 off, Tue 4 (2)
    });

    it('refuses a notice that cannot be right, naming the entry', () => {
      const refused = (n: unknown[], path: string) => expect(() => load(n)).toThrow(expect.objectContaining({ path }));
      refused([{ ...notice, makeupWorkdays: ['2027-02-10'] }], 'calendarNotices.0.makeupWorkdays.0'); // a Wednesday is a working day already
      refused([{ ...notice, makeupWorkdays: ['2027-02-06'] }], 'calendarNotices.0.makeupWorkdays.0'); // both off and worked
      refused([{ ...notice, holidays: ['2027-02-30'] }], 'calendarNotices.0.holidays.0');
      refused([{ ...notice, holidays: ['2028-01-01'] }], 'calendarNotices.0.holidays.0'); // not of its year
      refused([{ ...notice, holidays: ['2027-02-05', '2027-02-05'] }], 'calendarNotices.0.holidays');
      refused([notice, notice], 'calendarNotices.1.year');
      refused([{ ...notice, year: 1999 }], 'calendarNotices.0.year');
      refused([{ ...notice, source: '' }], 'calendarNotices.0.source');
      refused({} as never, 'calendarNotices');
    });
  });
  it('refuses an unknown jurisdiction', () => {
    expect(() => resolveProfile('XX')).toThrow(/Unknown jurisdiction/);
  });
});

describe('agreement term', () => {
  it('HN ≤ 3 years: 2025-04-01 → 2028-03-31 passes, one more day fails', () => {
    expect(checkAgreementTerm(resolveProfile('HN'), '2025-04-01', '2028-03-31').ok).toBe(true);
    expect(checkAgreementTerm(resolveProfile('HN'), '2025-04-01', '2028-04-01').ok).toBe(false);
  });
  it('JL is fixed at 3 years: a 2-year term fails', () => {
    expect(checkAgreementTerm(resolveProfile('JL'), '2025-06-01', '2027-05-31').ok).toBe(false);
  });
  it('ZJC 2 years + ≤ 6-month trial; a 7-month trial fails', () => {
    expect(checkAgreementTerm(resolveProfile('ZJC'), '2025-01-01', '2027-06-30', 6).ok).toBe(true);
    expect(checkAgreementTerm(resolveProfile('ZJC'), '2025-01-01', '2027-07-31', 7).ok).toBe(false);
    expect(checkAgreementTerm(resolveProfile('ZJC'), '2025-01-01', '2027-06-30', 0).ok).toBe(false); // 30 months without a trial
  });
  it('national allows 5 years', () => {
    expect(checkAgreementTerm(resolveProfile('NATIONAL'), '2025-01-01', '2029-12-31').ok).toBe(true);
  });
});

describe('renewal windows, boundaries on both sides', () => {
  it('QHD: only within the last 3 months before 2028-02-29 (the 3 months 2027-11-30 … 2028-02-29)', () => {
    const p = resolveProfile('QHD');
    expect(renewalWindowCheck(p, '2028-02-29', '2027-11-29').ok).toBe(false);
    expect(renewalWindowCheck(p, '2028-02-29', '2027-11-30')).toMatchObject({ ok: true, opensOn: '2027-11-30' });
    expect(renewalWindowCheck(p, '2028-02-29', '2028-02-29').ok).toBe(true);
    expect(renewalWindowCheck(p, '2028-02-29', '2028-03-01').ok).toBe(false);
  });
  it('TZ: at least 6 months before 2028-04-30 (last day 2027-10-31: its 6 months, 11-01 … 04-30, end on expiry)', () => {
    const p = resolveProfile('TZ');
    expect(renewalWindowCheck(p, '2028-04-30', '2027-10-31')).toMatchObject({ ok: true, closesOn: '2027-10-31' });
    expect(renewalWindowCheck(p, '2028-04-30', '2027-11-01').ok).toBe(false);
    expect(renewalWindowCheck(p, '2027-12-31', '2027-06-30')).toMatchObject({ ok: true, closesOn: '2027-06-30' });
    expect(renewalWindowCheck(p, '2027-12-31', '2027-07-01').ok).toBe(false);
  });
  it('ZJC: at least 3 months before 2027-06-30 (last day 2027-03-31: June has no 31st, so its 3 months end on 06-30)', () => {
    const p = resolveProfile('ZJC');
    expect(renewalWindowCheck(p, '2027-06-30', '2027-03-31')).toMatchObject({ ok: true, closesOn: '2027-03-31' });
    expect(renewalWindowCheck(p, '2027-06-30', '2027-04-01').ok).toBe(false);
  });
});

describe('early termination, log retention, security review', () => {
  it('QHD notice of ≥ 3 months clamps at month end: notice 2026-11-30 → earliest end 2027-02-28', () => {
    expect(earliestTerminationDate(resolveProfile('QHD'), '2026-11-30')).toBe('2027-02-28');
    expect(earliestTerminationDate(resolveProfile('TZ'), '2026-11-30')).toBe('2026-11-30');
  });
  it('ZJC keeps logs ≥ 6 months after exit: exit 2026-08-31, kept 2026-09-01 … 2027-02-28, purged from 2027-03-01', () => {
    expect(logPurgeEarliestDate(resolveProfile('ZJC'), '2026-08-31')).toBe('2027-03-01');
    expect(logPurgeEarliestDate(resolveProfile('ZJC'), '2026-01-15')).toBe('2026-07-16');
    expect(logPurgeEarliestDate(resolveProfile('HN'), '2026-08-31')).toBe('2026-08-31');
  });
  it('ZJC security review is valid 2 years', () => {
    expect(securityReviewValidUntil(resolveProfile('ZJC'), '2025-01-15')).toBe('2027-01-14');
    expect(securityReviewValidUntil(resolveProfile('HN'), '2025-01-15')).toBeNull();
  });
});

describe('operator eligibility (JL §三, TZ Art 12)', () => {
  const base: ApplicantFacts = {
    foundedOn: '2020-01-01',
    taxGrades: [{ year: 2024, grade: 'A' }],
    penalties: [],
    dishonestListEntries: [],
    securityIncidents: [],
    mlps3Experience: true,
    commercialCryptoExperience: true,
    securityDepartment: { name: '数据安全部', head: '赵安' },
  };
  it('JL "more than 2 years": founded 2023-11-24 is not eligible on 2025-11-24; 2023-11-23 is', () => {
    const jl = resolveProfile('JL');
    const at = (foundedOn: string) => evaluateEligibility(jl, { ...base, foundedOn, taxGrades: [{ year: 2024, grade: 'B' }] }, '2025-11-24');
    expect(at('2023-11-24').criteria.find((c) => c.criterion === 'YEARS_IN_BUSINESS')!.passed).toBe(false);
    expect(at('2023-11-23').eligible).toBe(true);
  });
  it('JL tax grade of the prior year must be A or B: M fails', () => {
    const r = evaluateEligibility(resolveProfile('JL'), { ...base, taxGrades: [{ year: 2024, grade: 'M' }] }, '2025-06-01');
    expect(r.eligible).toBe(false);
    expect(r.criteria.find((c) => c.criterion === 'TAX_CREDIT_GRADE')).toMatchObject({ passed: false, reasonEn: 'Tax credit grade M for 2024' });
  });
  it('JL serious penalty within 3 years: on the boundary day counts, the day before does not', () => {
    const jl = resolveProfile('JL');
    expect(evaluateEligibility(jl, { ...base, penalties: [{ date: '2022-06-01', severity: 'SERIOUS' }] }, '2025-06-01').eligible).toBe(false);
    expect(evaluateEligibility(jl, { ...base, penalties: [{ date: '2022-05-31', severity: 'SERIOUS' }] }, '2025-06-01').eligible).toBe(true);
  });
  it('TZ incident in 3 years and a named security department', () => {
    const tz = resolveProfile('TZ');
    const r = evaluateEligibility(tz, { ...base, securityIncidents: [{ date: '2024-01-01', severity: 'MINOR' }], securityDepartment: null }, '2025-06-01');
    expect(r.criteria.filter((c) => !c.passed).map((c) => c.criterion).sort()).toEqual(['SECURITY_DEPARTMENT', 'SECURITY_INCIDENT']);
  });
  it('QHD counts only major incidents, with no window', () => {
    const q = resolveProfile('QHD');
    expect(evaluateEligibility(q, { ...base, securityIncidents: [{ date: '2015-01-01', severity: 'MINOR' }] }, '2025-06-01').eligible).toBe(true);
    expect(evaluateEligibility(q, { ...base, securityIncidents: [{ date: '2015-01-01', severity: 'MAJOR' }] }, '2025-06-01').eligible).toBe(false);
  });
});

describe('registration timers (RG)', () => {
  const t = registrationDeadlines(resolveProfile('HN'), CN_MAINLAND_CALENDAR);
  it('first application: 20 wd after delivery; operations before 2025-03-01: 30 wd after the cut-off', () => {
    expect(t.firstApplicationDue('2025-01-10')).toBe(CN_MAINLAND_CALENDAR.addWorkingDays('2025-02-28', 30));
    expect(t.firstApplicationDue('2026-06-01')).toBe(CN_MAINLAND_CALENDAR.addWorkingDays('2026-06-01', 20));
  });
  it('validity 3 years from coding, or the shorter agreement term; renewal window the last 60 days', () => {
    expect(t.validUntil('2026-01-15')).toBe('2029-01-14');
    expect(t.validUntil('2026-01-15', '2028-03-31')).toBe('2028-03-31');
    expect(t.renewalWindowOpens('2029-01-14')).toBe('2028-11-16'); // 60 days: 11-16 … 01-14, both included
    expect(t.renewedUntil('2029-01-14')).toBe('2032-01-14');
  });
});

describe('pricing (PN §3–4)', () => {
  const costs = { platform: 600_000_000n, dataGovernance: 200_000_000n, staff: 150_000_000n, dataAcquisition: 30_000_000n, periodExpenses: 20_000_000n };
  it('MAR worked example: cost 10,000,000.00 − subsidy 1,000,000.00, 1.75% + 6 pp = 7.75% → profit 697,500.00; taxes 50,000.00 → MAR 9,747,500.00', () => {
    const r = permittedRevenue({ costItemsFen: costs, subsidiesFen: 100_000_000n, taxesFen: 5_000_000n, bondYieldPercent: Decimal.parse('1.75'), markupPp: Decimal.parse('6'), profile: resolveProfile('NATIONAL') });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.operatingCostFen).toBe(900_000_000n);
    expect(r.ratePercent.toString()).toBe('7.75');
    expect(r.permittedProfitFen).toBe(69_750_000n);
    expect(r.marFen).toBe(974_750_000n);
    expect(r.working.at(-1)).toBe('MAR = 9000000.00 + 697500.00 + taxes 50000.00 = 9747500.00');
  });
  it('refuses a markup over 6 pp; QHD requires exactly 6', () => {
    const args = { costItemsFen: costs, subsidiesFen: 0n, taxesFen: 0n, bondYieldPercent: Decimal.parse('1.75') };
    expect(permittedRevenue({ ...args, markupPp: Decimal.parse('6.01'), profile: resolveProfile('HN') }).ok).toBe(false);
    expect(permittedRevenue({ ...args, markupPp: Decimal.parse('5'), profile: resolveProfile('HN') }).ok).toBe(true);
    expect(permittedRevenue({ ...args, markupPp: Decimal.parse('5'), profile: resolveProfile('QHD') })).toMatchObject({ ok: false, rule: 'MARKUP_FIXED' });
  });
  it('deviation: ≤ 10% → operator adjusts prices; > 10% either way → authority resets the cap', () => {
    expect(deviation(1_100_000n, 1_000_000n, '10').action).toBe('OPERATOR_ADJUSTS_PRICES');
    expect(deviation(1_100_001n, 1_000_000n, '10').action).toBe('AUTHORITY_RESETS_CAP');
    expect(deviation(899_999n, 1_000_000n, '10')).toMatchObject({ action: 'AUTHORITY_RESETS_CAP' });
    expect(deviation(1_000_000n, 1_000_000n, '10').action).toBe('NONE');
    expect(deviation(950_000n, 1_000_000n, '10').deviationPercent.toString()).toBe('5.00');
  });
});

describe('who signs (lifecycleRoles)', () => {
  it('HN and QHD: the implementing agency decides (三重一大) and signs; elsewhere the data authority', () => {
    for (const j of ['HN', 'QHD']) expect(resolveProfile(j).lifecycleRoles.value).toEqual({ majorDecision: 'AGENCY', signAgreement: 'AGENCY' });
    for (const j of ['NATIONAL', 'JL', 'TZ', 'ZJC']) expect(resolveProfile(j).lifecycleRoles.value).toEqual({ majorDecision: 'AUTHORITY', signAgreement: 'AUTHORITY' });
    expect(resolveProfile('HN').lifecycleRoles.source).toMatch(/HN Arts 4, 13/);
  });
  it('an edit names AUTHORITY or AGENCY for each step', () => {
    expect(() => applyProfileEdit({}, { lifecycleRoles: { value: { majorDecision: 'AGENCY', signAgreement: 'OPERATOR' as never }, source: 'x' } })).toThrow(/lifecycleRoles.signAgreement/);
    expect(resolveProfile('JL', applyProfileEdit({}, { lifecycleRoles: { value: { majorDecision: 'AGENCY', signAgreement: 'AGENCY' }, source: '吉数〔2027〕1号' } })).lifecycleRoles.value.signAgreement).toBe('AGENCY');
  });
});

describe('rectification consequences (setting `rectification`)', () => {
  it('TZ closes access while rectifying and suspends on failure; ZJC terminates on failure; HN closes only on a major risk and suspends when overdue; elsewhere nothing automatic', () => {
    expect(resolveProfile('TZ').rectification.value).toEqual({ accessWhileRectifying: 'CLOSED', onOverdue: 'NONE', onFailure: 'SUSPEND' });
    expect(resolveProfile('ZJC').rectification.value).toEqual({ accessWhileRectifying: 'CLOSED', onOverdue: 'NONE', onFailure: 'TERMINATE' });
    expect(resolveProfile('HN').rectification.value).toEqual({ accessWhileRectifying: 'OPEN_UNLESS_MAJOR_RISK', onOverdue: 'SUSPEND', onFailure: 'SUSPEND' });
    for (const j of ['NATIONAL', 'JL', 'QHD']) expect(resolveProfile(j).rectification).toEqual({ value: { accessWhileRectifying: 'OPEN', onOverdue: 'NONE', onFailure: 'NONE' }, source: 'platform default: not regulated' });
  });
  it('an edit is checked value by value', () => {
    expect(() => applyProfileEdit({}, { rectification: { value: { accessWhileRectifying: 'SOMETIMES' as never, onOverdue: 'NONE', onFailure: 'NONE' }, source: 'x' } })).toThrow(/rectification.accessWhileRectifying/);
  });
});
