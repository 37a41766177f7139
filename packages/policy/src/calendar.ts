import { addDays, dayOfWeek, type LocalDate } from './dates.js';
import { PolicyInputError } from './errors.js';

export interface CalendarData {
  id: string;
  years: number[];
  /** Days off that would otherwise be working days (and weekend days inside a holiday block). */
  holidays: LocalDate[];
  /** Weekend days that are working days (调休上班). */
  makeupWorkdays: LocalDate[];
  source: string;
  /** Years whose data is an estimate, not a published notice. */
  provisionalYears?: number[];
}

/**
 * A jurisdiction's working-day calendar (工作日): Monday–Friday except holidays, plus the
 * make-up working days of the State Council's yearly notice. A year not loaded is an error,
 * not a guess: deadlines must not silently ignore holidays.
 */
export class WorkingDayCalendar {
  private readonly holidays: Set<string>;
  private readonly makeup: Set<string>;
  private readonly years: Set<number>;

  constructor(readonly data: CalendarData) {
    this.holidays = new Set(data.holidays);
    this.makeup = new Set(data.makeupWorkdays);
    this.years = new Set(data.years);
  }

  /** A calendar that also holds another year's data (an authority loads next year's notice). */
  withYear(year: number, holidays: LocalDate[], makeupWorkdays: LocalDate[], source: string): WorkingDayCalendar {
    return new WorkingDayCalendar({
      ...this.data,
      years: [...new Set([...this.data.years, year])].sort(),
      holidays: [...this.data.holidays.filter((d) => !d.startsWith(`${year}-`)), ...holidays],
      makeupWorkdays: [...this.data.makeupWorkdays.filter((d) => !d.startsWith(`${year}-`)), ...makeupWorkdays],
      source: `${this.data.source}; ${year}: ${source}`,
      provisionalYears: (this.data.provisionalYears ?? []).filter((y) => y !== year),
    });
  }

  covers(d: LocalDate): boolean {
    return this.years.has(Number(d.slice(0, 4)));
  }

  private check(d: LocalDate): void {
    if (!this.covers(d)) {
      throw new PolicyInputError('CALENDAR_NOT_LOADED', `Working-day calendar ${this.data.id} has no data for ${d.slice(0, 4)}`, `工作日历未包含${d.slice(0, 4)}年，请先导入该年度节假日安排`);
    }
  }

  isWorkingDay(d: LocalDate): boolean {
    this.check(d);
    if (this.makeup.has(d)) return true;
    if (this.holidays.has(d)) return false;
    const w = dayOfWeek(d);
    return w !== 0 && w !== 6;
  }

  /** The n-th working day strictly after `start` (the day of submission is not counted). */
  addWorkingDays(start: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || n < 0) throw new PolicyInputError('INVALID_DAYS', `Invalid number of working days: ${n}`, `工作日数无效：${n}`);
    let d = start;
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working days in (a, b]. */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    let n = 0;
    for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }

  nextWorkingDay(d: LocalDate): LocalDate {
    return this.addWorkingDays(d, 1);
  }
}

const range = (from: LocalDate, to: LocalDate): LocalDate[] => {
  const out: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
};

/**
 * Mainland China, from the State Council General Office's holiday notices:
 * 2025 国办发明电〔2024〕12号; 2026 国办发明电〔2025〕7号. 2027's notice was not available when this
 * shipped: its statutory days (全国年节及纪念日放假办法, as amended 2024) are placed on their dates with no
 * make-up days, and the year is flagged provisional until an authority loads the notice (profile
 * setting `calendarNotices`, applied by `calendarOfProfile`).
 */
export const CN_MAINLAND_CALENDAR_DATA: CalendarData = {
  id: 'CN_MAINLAND',
  years: [2025, 2026, 2027],
  holidays: [
    // 2025
    '2025-01-01',
    ...range('2025-01-28', '2025-02-04'),
    ...range('2025-04-04', '2025-04-06'),
    ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'),
    ...range('2025-10-01', '2025-10-08'),
    // 2026
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
    // 2027 (provisional: statutory days only) — 元旦, 春节 from 除夕 (Feb 5), 清明, 劳动节, 端午, 中秋, 国庆
    '2027-01-01',
    ...range('2027-02-05', '2027-02-08'),
    '2027-04-05',
    ...range('2027-05-01', '2027-05-02'),
    '2027-06-09',
    '2027-09-15',
    ...range('2027-10-01', '2027-10-03'),
  ],
  makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11', '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  source: '国办发明电〔2024〕12号 (2025); 国办发明电〔2025〕7号 (2026); 2027 provisional from 全国年节及纪念日放假办法',
  provisionalYears: [2027],
};

export const CN_MAINLAND_CALENDAR = new WorkingDayCalendar(CN_MAINLAND_CALENDAR_DATA);

const CALENDARS: Record<string, WorkingDayCalendar> = { CN_MAINLAND: CN_MAINLAND_CALENDAR };
export function calendarById(id: string): WorkingDayCalendar {
  const c = CALENDARS[id];
  if (!c) throw new PolicyInputError('UNKNOWN_CALENDAR', `Unknown calendar ${id}`, `未知的工作日历：${id}`);
  return c;
}
