import { describe, expect, it } from 'vitest';
import { addMonths, addYears, CN_MAINLAND_CALENDAR, CN_MAINLAND_CALENDAR_DATA, dayOfWeek, periodBounds, termEnd, toShanghaiDate, WorkingDayCalendar } from '../src/index.js';

describe('calendar-date arithmetic', () => {
  it('clamps to month end', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-05-31', -3)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
  it('computes the last day of a term', () => {
    expect(termEnd('2025-03-01', { years: 3 })).toBe('2028-02-29'); // QHD demo agreement
    expect(termEnd('2025-01-01', { years: 3 })).toBe('2027-12-31');
    expect(termEnd('2025-01-01', { years: 2, months: 6 })).toBe('2027-06-30'); // ZJC 2 years + 6-month trial
  });
  it('reads the Shanghai calendar day of an instant', () => {
    expect(toShanghaiDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01'); // 00:00 +08:00
    expect(toShanghaiDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
  });
  it('bounds periods', () => {
    expect(periodBounds('QUARTER', 2026, 3)).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodBounds('HALF_YEAR', 2026, 2)).toEqual({ start: '2026-07-01', end: '2026-12-31' });
  });
});

describe('working days (工作日) from the State Council notices', () => {
  it('every make-up working day falls on a weekend, and no holiday is one', () => {
    for (const d of CN_MAINLAND_CALENDAR_DATA.makeupWorkdays) expect([0, 6]).toContain(dayOfWeek(d));
    for (const d of CN_MAINLAND_CALENDAR_DATA.makeupWorkdays) expect(CN_MAINLAND_CALENDAR_DATA.holidays).not.toContain(d);
  });

  it('HN correction answer (HN Art 16): 7 working days from Fri 2025-09-26 across National Day', () => {
    // Submission day not counted. Sat 27 off; Sun 28 make-up workday (1); Mon 29 (2); Tue 30 (3);
    // Oct 1–8 holiday; Thu 9 (4); Fri 10 (5); Sat 11 make-up workday (6); Sun 12 off; Mon 13 (7).
    expect(CN_MAINLAND_CALENDAR.addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
  });

  it('RG acceptance 3 working days from Fri 2026-09-18 with the 2026 Mid-Autumn break and a Sunday make-up day', () => {
    // Sat 19 off; Sun 20 make-up workday (1); Mon 21 (2); Tue 22 (3).
    expect(CN_MAINLAND_CALENDAR.addWorkingDays('2026-09-18', 3)).toBe('2026-09-22');
    // From Thu 2026-09-24: Fri 25–Sun 27 holiday, Mon 28 (1), Tue 29 (2), Wed 30 (3).
    expect(CN_MAINLAND_CALENDAR.addWorkingDays('2026-09-24', 3)).toBe('2026-09-30');
  });

  it('a submission on a holiday counts from the next working day', () => {
    // Submitted Sat 2026-02-14?  It is a make-up workday; from Sun 2026-02-15 (Spring Festival): 16–23 off, Tue 24 (1).
    expect(CN_MAINLAND_CALENDAR.addWorkingDays('2026-02-15', 1)).toBe('2026-02-24');
    expect(CN_MAINLAND_CALENDAR.isWorkingDay('2026-02-14')).toBe(true);
    expect(CN_MAINLAND_CALENDAR.isWorkingDay('2026-02-16')).toBe(false);
  });

  it('counts working days in (a, b]', () => {
    expect(CN_MAINLAND_CALENDAR.workingDaysBetween('2025-09-26', '2025-10-13')).toBe(7);
  });

  it('refuses a year that is not loaded, and an authority can load it', () => {
    expect(() => CN_MAINLAND_CALENDAR.addWorkingDays('2027-12-30', 5)).toThrow(/2028/);
    const next = CN_MAINLAND_CALENDAR.withYear(2028, ['2028-01-03'], [], 'test notice');
    expect(next.addWorkingDays('2027-12-30', 2)).toBe('2028-01-04'); // Fri 31 (1), Mon Jan 3 off, Tue 4 (2)
    expect(next).toBeInstanceOf(WorkingDayCalendar);
  });
});
