/** Formatting shared by every page. Pure functions: tested in test/lib.test.ts. */
import type { Lang } from './i18n';

/** The gateway's Money scalar: {fen: "integer fen", yuan: "yuan, 2 decimals"}; null when absent. */
export interface Money {
  fen: string;
  yuan: string;
}

/** Integer fen as bigint (no floats anywhere near money). */
export function fenOf(m: Money | null | undefined): bigint {
  if (!m) return 0n;
  return BigInt(m.fen);
}

/** "1234567.5" → "¥1,234,567.50" (group the integer part; keep the exact decimal string). */
export function formatYuan(m: Money | string | null | undefined, opts: { sign?: boolean; lang?: Lang } = {}): string {
  if (m === null || m === undefined) return '—';
  const fen = typeof m === 'string' ? yuanToFen(m) : BigInt(m.fen);
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  // Grouped by the locale's Intl.NumberFormat on the bigint (exact; zh-CN and en-GB both group by 3 with ",").
  const intPart = nf(opts.lang ?? 'zh').format(abs / 100n);
  const dec = (abs % 100n).toString().padStart(2, '0');
  const sign = neg ? '-' : opts.sign && fen > 0n ? '+' : '';
  return `${sign}¥${intPart}.${dec}`;
}

/** Exact yuan string ("12.3", "-0.05") → fen. Throws on anything that is not a decimal with ≤ 2 places. */
export function yuanToFen(yuan: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new Error(`Not a yuan amount: ${yuan}`);
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -fen : fen;
}

/** Fen → number of yuan, ONLY for drawing chart geometry (never for amounts shown or summed). */
export function fenToChartNumber(fen: bigint): number {
  return Number(fen) / 100;
}

/** The locale the console formats for (numbers, dates): zh-CN by default, en-GB in English. */
export function localeOf(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en-GB';
}

/** Every instant is shown in the platform's time zone, whatever the browser's. */
export const TIME_ZONE = 'Asia/Shanghai';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: Lang, kind: 'date' | 'datetime' | 'month'): Intl.DateTimeFormat {
  const key = `${lang}:${kind}`;
  let f = dateFormats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { timeZone: TIME_ZONE, year: 'numeric', month: lang === 'zh' ? 'long' : 'short', day: 'numeric' }
        : kind === 'month'
          ? { timeZone: TIME_ZONE, year: 'numeric', month: lang === 'zh' ? 'long' : 'short' }
          : { timeZone: TIME_ZONE, year: 'numeric', month: lang === 'zh' ? 'long' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(localeOf(lang), opts);
    dateFormats.set(key, f);
  }
  return f;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** An ISO 8601 instant (with a time and an offset or Z). */
export const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A calendar day 'YYYY-MM-DD' as a Date at noon UTC (formatting it in Shanghai keeps the day). */
function dayDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

/** "2026-05-06" (a calendar day) or an ISO instant (its day in Asia/Shanghai) → a localised date. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const d = DAY.test(value) ? dayDate(value) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return dtf(lang, 'date').format(d);
}

/** "2026-05" → "2026年5月" / "May 2026". */
export function formatMonth(value: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return value;
  return dtf(lang, 'month').format(dayDate(`${m[1]}-${m[2]}-15`));
}

/** An ISO instant → date and time in Asia/Shanghai for the locale ("2026年5月6日 10:00"). */
export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  if (DAY.test(value)) return formatDate(value, lang);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return dtf(lang, 'datetime').format(date);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, fraction = 0): Intl.NumberFormat {
  const key = `${lang}:${fraction}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: fraction, maximumFractionDigits: fraction });
    numberFormats.set(key, f);
  }
  return f;
}

/**
 * A count or decimal string for the locale (Intl.NumberFormat): "1234567" → "1,234,567". Integers go
 * through BigInt (exact beyond 2^53); a decimal keeps its own digits.
 */
export function formatNumber(value: string | number | bigint | null | undefined, lang: Lang = 'zh'): string {
  if (value === null || value === undefined || value === '') return '—';
  const s = String(value).trim();
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return s;
  const int = nf(lang).format(BigInt(m[1]!));
  if (!m[2]) return int;
  const point = nf(lang, 1).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return `${int}${point}${m[2]}`;
}

/** A chart axis number, compact for the locale (1.2万 / 12K). Geometry only: never money shown exactly. */
export function formatCompact(value: number, lang: Lang): string {
  return new Intl.NumberFormat(localeOf(lang), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** Whole days from `today` to `date` (both 'YYYY-MM-DD'); negative when past. */
export function daysUntil(date: string, today: string): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const b = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

/**
 * What a due date says on `today`: overdue by n days, due today, or due in n days. A past date is
 * overdue whatever `apiOverdue` says; the API's flag can only add to it (a working-day deadline it
 * already knows has passed).
 */
export function dueState(on: string, today: string, apiOverdue?: boolean): { kind: 'overdue' | 'today' | 'upcoming'; days: number } {
  const days = daysUntil(on, today);
  if (days < 0) return { kind: 'overdue', days: -days };
  if (apiOverdue === true) return { kind: 'overdue', days: 0 };
  return days === 0 ? { kind: 'today', days: 0 } : { kind: 'upcoming', days };
}

/** Today's calendar date in China (the platform's business day), 'YYYY-MM-DD'. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** Add whole months to a 'YYYY-MM-DD' date, clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const y = +date.slice(0, 4);
  const m = +date.slice(5, 7) - 1 + months;
  const d = +date.slice(8, 10);
  const first = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

export type RenewalWindowKind = 'ANY_TIME_BEFORE_EXPIRY' | 'ONLY_WITHIN_LAST_MONTHS' | 'AT_LEAST_MONTHS_BEFORE';

export interface RenewalWindow {
  /** First day a renewal may be requested (null: any time). */
  opensOn: string | null;
  /** Last day a renewal may be requested. */
  closesOn: string;
  state: 'NOT_YET_OPEN' | 'OPEN' | 'CLOSED';
  /** Days until the window opens (NOT_YET_OPEN) or closes (OPEN); 0 when closed. */
  days: number;
}

/**
 * The renewal window of an agreement ending on `endDate` under the jurisdiction's profile setting
 * `renewalWindow` ({kind, months}); read from policyProfile, never assumed.
 */
export function renewalWindow(endDate: string, rule: { kind: RenewalWindowKind; months: number | null }, today: string): RenewalWindow {
  let opensOn: string | null = null;
  let closesOn = endDate;
  if (rule.kind === 'ONLY_WITHIN_LAST_MONTHS') opensOn = addMonths(endDate, -(rule.months ?? 0));
  if (rule.kind === 'AT_LEAST_MONTHS_BEFORE') closesOn = addMonths(endDate, -(rule.months ?? 0));
  if (opensOn && today < opensOn) return { opensOn, closesOn, state: 'NOT_YET_OPEN', days: daysUntil(opensOn, today) };
  if (today > closesOn) return { opensOn, closesOn, state: 'CLOSED', days: 0 };
  return { opensOn, closesOn, state: 'OPEN', days: daysUntil(closesOn, today) };
}

/** A filename-safe CSV name for a statement download. */
export function statementFileName(partyName: string | null | undefined, partyId: string, periodStart: string, periodEnd: string): string {
  const who = (partyName || partyId).replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60);
  return `statement_${who}_${periodStart}_${periodEnd}.csv`;
}

/** Percent string from a Decimal scalar ("12.5" → "12.5%"), the digits kept as the API sent them. */
export function formatPercent(value: string | number | null | undefined, lang: Lang = 'zh'): string {
  if (value === null || value === undefined) return '—';
  return `${formatNumber(String(value), lang)}%`;
}
