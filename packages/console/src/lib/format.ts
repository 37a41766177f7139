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
export function formatYuan(m: Money | string | null | undefined, opts: { sign?: boolean } = {}): string {
  if (m === null || m === undefined) return '—';
  const fen = typeof m === 'string' ? yuanToFen(m) : BigInt(m.fen);
  const neg = fen < 0n;
  const abs = neg ? -fen : fen;
  const intPart = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
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

/** "2026-05-06" or an ISO instant → a localised date. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : value.slice(0, 10);
  const [y, m, day] = d.split('-');
  return lang === 'zh' ? `${y}年${Number(m)}月${Number(day)}日` : `${y}-${m}-${day}`;
}

export function formatDateTime(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** Grouped integer or decimal string: "1234567" → "1,234,567". */
export function formatNumber(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const [i, d] = String(value).split('.');
  const grouped = i!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return d ? `${grouped}.${d}` : grouped;
}

/** Whole days from `today` to `date` (both 'YYYY-MM-DD'); negative when past. */
export function daysUntil(date: string, today: string): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const b = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
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

/** Percent string from a Decimal scalar ("12.5" → "12.5%"). */
export function formatPercent(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value}%`;
}
