import { describe, expect, it } from 'vitest';
import { CN_MAINLAND_CALENDAR, resolveProfile } from '@pdo/policy';
import { registrationClock, registrationTransition, renewalCheck, validityOnCoding } from '../src/index.js';

const hn = resolveProfile('HN');

describe('registration state machine (RG Arts 8–20)', () => {
  it('walks the happy path APPLIED → ACCEPTED → FORMAL_REVIEW → PUBLIC_NOTICE → CODED', () => {
    expect(registrationTransition('APPLIED', 'ACCEPT', 'REGISTRAR')).toMatchObject({ ok: true, to: 'ACCEPTED' });
    expect(registrationTransition('ACCEPTED', 'START_FORMAL_REVIEW', 'REGISTRAR')).toMatchObject({ ok: true, to: 'FORMAL_REVIEW' });
    expect(registrationTransition('FORMAL_REVIEW', 'PASS_FORMAL_REVIEW', 'REGISTRAR')).toMatchObject({ ok: true, to: 'PUBLIC_NOTICE' });
    expect(registrationTransition('PUBLIC_NOTICE', 'CODE', 'REGISTRAR')).toMatchObject({ ok: true, to: 'CODED' });
  });
  it('refuses a transition out of order, by the wrong actor, or without a required reason', () => {
    expect(registrationTransition('APPLIED', 'CODE', 'REGISTRAR')).toMatchObject({ ok: false, reason: 'WRONG_STATE' });
    expect(registrationTransition('APPLIED', 'ACCEPT', 'REGISTRANT')).toMatchObject({ ok: false, reason: 'WRONG_ACTOR' });
    expect(registrationTransition('APPLIED', 'REJECT', 'REGISTRAR', '  ')).toMatchObject({ ok: false, reason: 'REASON_REQUIRED' });
  });
  it('an upheld objection terminates; a dismissed one returns to public notice', () => {
    expect(registrationTransition('PUBLIC_NOTICE', 'RAISE_OBJECTION', 'PUBLIC', '数据来源存疑')).toMatchObject({ ok: true, to: 'OBJECTED' });
    expect(registrationTransition('OBJECTED', 'UPHOLD_OBJECTION', 'REGISTRAR', '异议成立')).toMatchObject({ ok: true, to: 'TERMINATED' });
    expect(registrationTransition('OBJECTED', 'DISMISS_OBJECTION', 'REGISTRAR', '异议不成立')).toMatchObject({ ok: true, to: 'PUBLIC_NOTICE' });
  });
});

describe('registration timers in working days', () => {
  it('acceptance is due 3 wd after submission across the 2026 National Day holiday', () => {
    // Submitted Wed 2026-09-30: Oct 1–7 off, Thu 8 (1), Fri 9 (2), Sat 10 make-up workday (3).
    const c = registrationClock(hn, CN_MAINLAND_CALENDAR, 'APPLIED', { submittedOn: '2026-09-30' }, '2026-10-12');
    expect(c).toMatchObject({ awaiting: 'ACCEPTANCE', dueOn: '2026-10-10', overdue: true });
  });
  it('formal review is due 20 wd after acceptance', () => {
    const c = registrationClock(hn, CN_MAINLAND_CALENDAR, 'FORMAL_REVIEW', { submittedOn: '2026-03-02', acceptedOn: '2026-03-04' }, '2026-03-05');
    expect(c.dueOn).toBe(CN_MAINLAND_CALENDAR.addWorkingDays('2026-03-04', 20));
    expect(c.overdue).toBe(false);
  });
  it('validity is 3 years from coding or the shorter agreement; renewal only in the last 60 days', () => {
    expect(validityOnCoding(hn, CN_MAINLAND_CALENDAR, '2026-01-15')).toBe('2029-01-14');
    expect(validityOnCoding(hn, CN_MAINLAND_CALENDAR, '2026-01-15', '2028-03-31')).toBe('2028-03-31');
    // The 60 days ending on 2029-01-14 are 2028-11-16 … 2029-01-14 (17 days of November, 31 of December, 14 of January).
    expect(renewalCheck(hn, CN_MAINLAND_CALENDAR, '2029-01-14', '2028-11-15').ok).toBe(false);
    expect(renewalCheck(hn, CN_MAINLAND_CALENDAR, '2029-01-14', '2028-11-16')).toMatchObject({ ok: true, newValidUntil: '2032-01-14' });
  });
});
