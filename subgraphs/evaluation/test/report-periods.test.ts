/** Report periods from the profiles (docs/policy/reports.md): worked examples per jurisdiction. */
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@pdo/policy';
import { duePeriods, requiredPeriod } from '../src/domain/reports.js';

describe('report periods', () => {
  it('ZJC: the annual report covers each full year of operation from the agreement’s first day, without a deadline', () => {
    const ps = duePeriods(resolveProfile('ZJC'), '2025-07-15', '2027-07-14', '2026-11-25');
    expect(ps.filter((p) => p.kind === 'ANNUAL')).toEqual([{ kind: 'ANNUAL', periodStart: '2025-07-15', periodEnd: '2026-07-14', dueOn: null, source: 'ZJC §三(五)6–8' }]);
    expect(ps.filter((p) => p.kind === 'SECURITY_HALF_YEARLY').map((p) => [p.periodStart, p.periodEnd, p.dueOn])).toEqual([
      ['2025-07-01', '2025-12-31', null],
      ['2026-01-01', '2026-06-30', null],
    ]);
  });
  it('ZJC: no annual report before the first full year ends; a period must start on an anniversary', () => {
    expect(duePeriods(resolveProfile('ZJC'), '2025-07-15', '2027-07-14', '2026-07-14').filter((p) => p.kind === 'ANNUAL')).toEqual([]);
    expect(() => requiredPeriod(resolveProfile('ZJC'), 'ANNUAL', '2025-01-01', '2026-11-25', '2025-07-15')).toThrow(/anniversary/);
    expect(requiredPeriod(resolveProfile('ZJC'), 'ANNUAL', '2025-07-15', '2026-11-25', '2025-07-15').periodEnd).toBe('2026-07-14');
  });
  it('HN: quarters without a deadline, the annual summary by 31 March of the next year', () => {
    const ps = duePeriods(resolveProfile('HN'), '2026-01-01', '2028-12-31', '2026-11-25');
    expect(ps.filter((p) => p.kind === 'QUARTERLY_OPERATING').map((p) => [p.periodStart, p.dueOn])).toEqual([
      ['2026-01-01', null],
      ['2026-04-01', null],
      ['2026-07-01', null],
    ]);
    expect(requiredPeriod(resolveProfile('HN'), 'ANNUAL_SUMMARY', '2025-01-01', '2026-11-25', '2025-01-01').dueOn).toBe('2026-03-31');
  });
});
