/**
 * One model for every tabular export (statements, settlements, share summaries, charges), rendered
 * to CSV (`tableToCsv`) or XLSX (`tablesToXlsx`, xlsx.ts) by the platform, never by a producer: the
 * formula guard, the fen-to-yuan conversion and the time zone are decided here once.
 *
 * - money cells are integer fen (`bigint`); CSV writes the exact decimal string (`formatYuan`),
 *   XLSX a number with a two-decimal format built from that string (never from float arithmetic);
 *   a totals row is a value the producer computed in bigint fen.
 * - instants are shown in Asia/Shanghai (UTC+8, no daylight saving since 1991), never as `…Z`;
 *   calendar days (`YYYY-MM-DD`) are already days in Asia/Shanghai (docs/ conventions).
 * - text cells go through the formula guard (csv.ts for CSV; in XLSX they are typed string cells).
 */
import { formatYuan } from '@pdo/policy';
import { CSV_BOM, toCsv, type CsvValue } from './csv.js';

export type ExportColumnKind = 'text' | 'money' | 'integer' | 'decimal' | 'date' | 'datetime';
export type ExportValue = string | number | bigint | boolean | Date | null | undefined;

export interface ExportColumn {
  header: string;
  kind?: ExportColumnKind;
  /** Character width in XLSX. */
  width?: number;
}

export interface ExportTable {
  /** Sheet name in XLSX (at most 31 characters; `[]:*?/\` are replaced). */
  name: string;
  columns: ExportColumn[];
  rows: ExportValue[][];
  /** Rows after the data (a totals row), bold in XLSX. Money in them is bigint fen like everywhere. */
  footer?: ExportValue[][];
}

/** A file for a person to download, as GraphQL returns it (works through the gateway as JSON). */
export interface ExportFileData {
  filename: string;
  contentType: string;
  base64: string;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The wall-clock time of an instant in Asia/Shanghai, `YYYY-MM-DD HH:mm:ss` (what a person reads and a spreadsheet parses). */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The same instant as a Date whose UTC fields are the Shanghai wall clock (spreadsheet serials have no zone). */
export function shanghaiWallClock(instant: Date): Date {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
}

function asInstant(v: ExportValue): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new TypeError(`export: not an instant: ${String(v)}`);
  return d;
}

/** The text a CSV cell carries for a value of a column kind (before the formula guard). */
export function csvValue(kind: ExportColumnKind, v: ExportValue): CsvValue {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'money':
      if (typeof v !== 'bigint') throw new TypeError('export: money must be bigint fen');
      return formatYuan(v);
    case 'datetime': {
      const d = asInstant(v);
      return d ? shanghaiDateTime(d) : null;
    }
    default:
      return v instanceof Date ? shanghaiDateTime(v) : (v as CsvValue);
  }
}

/** RFC 4180 CSV of one table, UTF-8 with a BOM (spreadsheet programs then read Chinese text as UTF-8). */
export function tableToCsv(t: ExportTable): string {
  const conv = (r: ExportValue[]) => t.columns.map((c, i) => csvValue(c.kind ?? 'text', r[i]));
  return CSV_BOM + toCsv(t.columns.map((c) => c.header), [...t.rows, ...(t.footer ?? [])].map(conv));
}

export function csvFile(filename: string, t: ExportTable): ExportFileData {
  return { filename, contentType: CSV_CONTENT_TYPE, base64: Buffer.from(tableToCsv(t), 'utf8').toString('base64') };
}

/** A file name safe in a Content-Disposition header and on every file system: letters, digits, CJK, `._-`. */
export function exportFilename(parts: (string | null | undefined)[], ext: 'csv' | 'xlsx'): string {
  const base = parts
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, ''))
    .filter(Boolean)
    .join('_')
    .slice(0, 120);
  return `${base || 'export'}.${ext}`;
}
