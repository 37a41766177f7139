import { PolicyInputError } from './errors.js';

/** A calendar day in Asia/Shanghai, 'YYYY-MM-DD'. Plain strings compare in date order. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time

function toUtc(d: LocalDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}
function fromUtc(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A real calendar day written 'YYYY-MM-DD' (not '2027-02-30'). */
export const isLocalDate = (s: unknown): s is LocalDate => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && fromUtc(toUtc(s)) === s;

export function parseLocalDate(s: string): LocalDate {
  if (!isLocalDate(s)) throw new PolicyInputError('INVALID_DATE', `Invalid date: ${String(s)}`, `日期格式错误：${String(s)}`);
  return s;
}

export const addDays = (d: LocalDate, n: number): LocalDate => fromUtc(toUtc(d) + n * DAY_MS);
export const diffDays = (from: LocalDate, to: LocalDate): number => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
export const compareDates = (a: LocalDate, b: LocalDate): number => (a < b ? -1 : a > b ? 1 : 0);
export const minDate = (...ds: LocalDate[]): LocalDate => ds.reduce((m, d) => (d < m ? d : m));
export const maxDate = (...ds: LocalDate[]): LocalDate => ds.reduce((m, d) => (d > m ? d : m));
/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (d: LocalDate): number => new Date(toUtc(d)).getUTCDay();

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate(); // m is 1-based

/** Adds calendar months, clamping to the month's last day: 2025-01-31 + 1 month = 2025-02-28. */
export function addMonths(d: LocalDate, n: number): LocalDate {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const nd = Math.min(day, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}
export const addYears = (d: LocalDate, n: number): LocalDate => addMonths(d, n * 12);
/** The date n months before, clamped; windows before a date use `periodEndingOn` / `lastDayAtLeastBefore`. */
export const monthsBefore = (d: LocalDate, n: number): LocalDate => addMonths(d, -n);

/**
 * Periods in years, months or days, counted as the PRC Civil Code counts them (docs/policy/periods.md):
 * Art 201 — the day of the triggering event is not counted, counting begins the next day;
 * Art 202 — a period in years or months ends on the corresponding day of its last month, or on that
 * month's last day where it has no such day; Art 1259 — "以上/以内/届满" include the number itself.
 * Every period a policy profile defines goes through these functions; none adds months by hand.
 */
export interface Period {
  years?: number;
  months?: number;
  days?: number;
}

function shift(d: LocalDate, p: Period, sign: 1 | -1): LocalDate {
  const months = (p.years ?? 0) * 12 + (p.months ?? 0);
  return addDays(addMonths(d, sign * months), sign * (p.days ?? 0));
}

/**
 * The period that runs for `p` after an event on `event` (Arts 201–202): it starts the next day
 * and ends on the corresponding day. Notice given 2026-11-30, 3 months → 2026-12-01 … 2027-02-28.
 */
export function periodAfter(event: LocalDate, p: Period): { first: LocalDate; last: LocalDate } {
  return { first: addDays(event, 1), last: shift(event, p, 1) };
}

/**
 * The period of length `p` whose last day is `last` ("the last three months before expiry", "the
 * 60 days before expiry"): the period that, counted by Arts 201–202 from the day before its first
 * day, ends on `last`. Expiry 2027-12-31, 3 months → 2027-10-01 … 2027-12-31; 60 days → 2027-11-02 … .
 */
export function periodEndingOn(last: LocalDate, p: Period): { first: LocalDate; last: LocalDate } {
  return { first: addDays(shift(last, p, -1), 1), last };
}

/**
 * The last day on which an act is still "at least `p` before" `end` (Art 1259: 以上 includes the
 * number): the latest day whose period of `p` (Arts 201–202) ends on or before `end`. At least 3
 * months before expiry on 2027-06-30 → 2027-03-31 (its 3 months end on June's last day).
 */
export function lastDayAtLeastBefore(end: LocalDate, p: Period): LocalDate {
  let d = shift(end, p, -1);
  while (periodAfter(addDays(d, 1), p).last <= end) d = addDays(d, 1);
  while (periodAfter(d, p).last > end) d = addDays(d, -1);
  return d;
}

/**
 * Last day of a term whose first day is `start` (an agreement or a validity that begins on a stated
 * day counts that day, as the parties fix it — Civil Code Art 204): it ends the day before the
 * corresponding day. 3 years from 2025-03-01 ends 2028-02-29.
 */
export function termEnd(start: LocalDate, term: { years?: number; months?: number }): LocalDate {
  return addDays(addMonths(start, (term.years ?? 0) * 12 + (term.months ?? 0)), -1);
}

/** Length of a term in whole months, when `end` is exactly a term end for `start`; else fractional months are rounded up. */
export function termMonths(start: LocalDate, end: LocalDate): number {
  let months = 0;
  while (termEnd(start, { months }) < end) months++;
  return months;
}

export const toShanghaiDate = (instant: Date): LocalDate => fromUtc(instant.getTime() + SHANGHAI_OFFSET_MS);
export const todayInShanghai = (now: Date = new Date()): LocalDate => toShanghaiDate(now);
/** The instant at which day `d` ends in Shanghai (24:00 +08:00). */
export const endOfDayShanghai = (d: LocalDate): Date => new Date(toUtc(d) + DAY_MS - SHANGHAI_OFFSET_MS);
export const startOfDayShanghai = (d: LocalDate): Date => new Date(toUtc(d) - SHANGHAI_OFFSET_MS);

export const quarterOf = (d: LocalDate): number => Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1;

export type PeriodKind = 'MONTH' | 'QUARTER' | 'HALF_YEAR' | 'YEAR';
/** First and last day of the index-th period of a year (1-based). */
export function periodBounds(kind: PeriodKind, year: number, index = 1): { start: LocalDate; end: LocalDate } {
  const months = { MONTH: 1, QUARTER: 3, HALF_YEAR: 6, YEAR: 12 }[kind];
  const count = 12 / months;
  if (!Number.isInteger(index) || index < 1 || index > count) throw new PolicyInputError('INVALID_PERIOD', `Invalid ${kind} index ${index}`, `期间序号无效：${index}`);
  const start = `${year}-${String((index - 1) * months + 1).padStart(2, '0')}-01`;
  return { start, end: termEnd(start, { months }) };
}
