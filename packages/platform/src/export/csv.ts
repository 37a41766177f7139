/**
 * The one CSV writer of the platform: every export (statements today) builds its cells here, so
 * that no producer can forget the formula guard.
 *
 * CSV injection (OWASP "CSV Injection"): a spreadsheet opening the file runs a cell that starts
 * with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`), and a leading
 * tab or carriage return can hide such a start. Text from parties (names, memos, bases) reaches
 * our exports, so such a cell is neutralised: prefixed with a single quote `'` (the spreadsheet
 * then shows it as text) and quoted.
 *
 * Plain decimal numbers are left alone, negative ones included: `-12.50` is an amount (a refund,
 * a reversal) and must stay a number the spreadsheet can sum. A plain decimal (`-?digits[.digits]`)
 * cannot be a formula — it has no operator, function name or reference after its sign — so leaving
 * it unquoted opens nothing. Everything else that starts with a trigger character (`-1+1`, `+5`,
 * `-A1`, `@SUM(…)`) is neutralised.
 */

/** UTF-8 byte order mark: spreadsheet programs read a CSV that starts with it as UTF-8 (Chinese text intact). */
export const CSV_BOM = '\ufeff';

export type CsvValue = string | number | bigint | boolean | null | undefined;

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, ready to join with commas: RFC 4180 quoting plus the formula guard. */
export function csvCell(value: CsvValue): string {
  let s = value === null || value === undefined ? '' : String(value);
  let quote = NEEDS_QUOTES.test(s);
  if (FORMULA_START.test(s) && !PLAIN_DECIMAL.test(s)) {
    s = `'${s}`;
    quote = true;
  }
  return quote ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with CRLF line ends (what spreadsheet tools expect); every cell through `csvCell`. */
export function toCsv(header: readonly CsvValue[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
