/**
 * Worked examples of the one period rule (PRC Civil Code Arts 200–204 and 1259; docs/policy/periods.md)
 * for every period a policy profile defines.
 */
import { describe, expect, it } from 'vitest';
import {
  CN_MAINLAND_CALENDAR,
  earliestTerminationDate,
  lastDayAtLeastBefore,
  logPurgeEarliestDate,
  periodAfter,
  periodEndingOn,
  registrationDeadlines,
  renewalWindowCheck,
  resolveProfile,
  securityReviewValidUntil,
  termEnd,
} from '../src/index.js';

describe('the rule', () => {
  it('Art 201: the day of the event is not counted; Art 202: the corresponding day ends the period', () => {
    expect(periodAfter('2027-01-15', { months: 1 })).toEqual({ first: '2027-01-16', last: '2027-02-15' });
    expect(periodAfter('2027-01-15', { days: 10 })).toEqual({ first: '2027-01-16', last: '2027-01-25' });
  });
  it('Art 202: no corresponding day → the last day of the month (2027-01-31 + 1 month, 2024-02-29 + 1 year)', () => {
    expect(periodAfter('2027-01-31', { months: 1 }).last).toBe('2027-02-28');
    expect(periodAfter('2024-02-29', { years: 1 }).last).toBe('2025-02-28');
  });
  it('a period ending on a day: the last 3 months before 2027-12-31 are 2027-10-01 … 2027-12-31', () => {
    expect(periodEndingOn('2027-12-31', { months: 3 })).toEqual({ first: '2027-10-01', last: '2027-12-31' });
    expect(periodEndingOn('2027-12-31', { days: 1 })).toEqual({ first: '2027-12-31', last: '2027-12-31' });
  });
  it('Art 1259 (以上 includes the number): the last day at least 3 months before 2027-12-31 is 2027-09-30', () => {
    expect(lastDayAtLeastBefore('2027-12-31', { months: 3 })).toBe('2027-09-30');
    expect(lastDayAtLeastBefore('2027-06-30', { months: 3 })).toBe('2027-03-31');
    expect(lastDayAtLeastBefore('2028-02-29', { months: 12 })).toBe('2027-02-28');
  });
  it('terms count their first day (Art 204): 3 years from 2025-03-01 end 2028-02-29', () => {
    expect(termEnd('2025-03-01', { years: 3 })).toBe('2028-02-29');
  });
});

describe('every period the profiles define', () => {
  it('QHD renewal only within the last 3 months: agreement to 2027-12-31 → from 2027-10-01', () => {
    const p = resolveProfile('QHD');
    expect(renewalWindowCheck(p, '2027-12-31', '2027-09-30').ok).toBe(false);
    expect(renewalWindowCheck(p, '2027-12-31', '2027-10-01')).toMatchObject({ ok: true, opensOn: '2027-10-01', closesOn: '2027-12-31' });
  });
  it('TZ renewal at least 6 months before 2027-12-31 → by 2027-06-30', () => {
    expect(renewalWindowCheck(resolveProfile('TZ'), '2027-12-31', '2027-06-30').closesOn).toBe('2027-06-30');
  });
  it('ZJC renewal at least 3 months before 2027-12-31 → by 2027-09-30', () => {
    const p = resolveProfile('ZJC');
    expect(renewalWindowCheck(p, '2027-12-31', '2027-09-30').ok).toBe(true);
    expect(renewalWindowCheck(p, '2027-12-31', '2027-10-01').ok).toBe(false);
  });
  it('JL renewal any time before expiry: the last day of the term is still in time', () => {
    const p = resolveProfile('JL');
    expect(renewalWindowCheck(p, '2027-12-31', '2027-12-31').ok).toBe(true);
    expect(renewalWindowCheck(p, '2027-12-31', '2028-01-01').ok).toBe(false);
  });
  it('QHD early termination: notice on 2027-01-15 with ≥ 3 months → the agreement may end on 2027-04-15', () => {
    expect(earliestTerminationDate(resolveProfile('QHD'), '2027-01-15')).toBe('2027-04-15');
  });
  it('ZJC log retention ≥ 6 months after exit on 2027-01-15: kept through 2027-07-15, purged from 2027-07-16', () => {
    expect(logPurgeEarliestDate(resolveProfile('ZJC'), '2027-01-15')).toBe('2027-07-16');
  });
  it('ZJC security review valid 2 years from 2025-01-15 (the review day counts) → through 2027-01-14', () => {
    expect(securityReviewValidUntil(resolveProfile('ZJC'), '2025-01-15')).toBe('2027-01-14');
  });
  it('RG registration: valid 3 years from coding 2026-01-15 → 2029-01-14; renewal in the 60 days 2028-11-16 … 2029-01-14; renewed to 2032-01-14', () => {
    const t = registrationDeadlines(resolveProfile('NATIONAL'), CN_MAINLAND_CALENDAR);
    expect(t.validUntil('2026-01-15')).toBe('2029-01-14');
    expect(t.renewalWindowOpens('2029-01-14')).toBe('2028-11-16');
    expect(t.renewedUntil('2029-01-14')).toBe('2032-01-14');
  });
});

describe('report obligations: a deadline only where the text gives one', () => {
  const rules = (j: string) => resolveProfile(j).reports.value;
  it('PN §5 business report by 31 March; HN annual summary in Q1 (by 31 March)', () => {
    expect(rules('NATIONAL')).toEqual([expect.objectContaining({ kind: 'BUSINESS_REPORT', dueRule: { cadence: 'YEAR', dueMonthDay: '03-31' } })]);
    expect(rules('HN').find((r) => r.kind === 'ANNUAL_SUMMARY')?.dueRule.dueMonthDay).toBe('03-31');
  });
  it('HN quarterly (Art 22), TZ annual (Art 22), ZJC annual and half-yearly security (§三(五)) name no deadline', () => {
    const undated = [...rules('HN'), ...rules('TZ'), ...rules('ZJC')].filter((r) => r.kind !== 'ANNUAL_SUMMARY' && r.kind !== 'BUSINESS_REPORT');
    expect(undated.map((r) => r.kind).sort()).toEqual(['ANNUAL', 'ANNUAL', 'QUARTERLY_OPERATING', 'SECURITY_HALF_YEARLY']);
    for (const r of undated) expect(r.dueRule.dueMonthDay ?? r.dueRule.dueMonthsAfterPeriod ?? null).toBeNull();
  });
  it('ZJC annual report: each full year of operation from the agreement’s first day', () => {
    expect(rules('ZJC').find((r) => r.kind === 'ANNUAL')?.dueRule.anchor).toBe('AGREEMENT');
  });
});
