/**
 * The XLSX writer of the platform: the spreadsheet counterpart of csv.ts, fed by the same
 * `ExportTable` model (table.ts).
 *
 * Formula guard: a cell is written only from a primitive, and text always as a string cell (`t="s"`),
 * so text from parties that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is shown as
 * that text and never becomes a formula (`xlsxCell` never returns an object — exceljs turns an object
 * with `formula`, `sharedFormula`, `hyperlink` or `richText` into such a cell, so no such object may
 * reach it). Money is a number built from the exact decimal of its fen (`formatYuan`), shown with
 * two decimals; beyond 15 significant digits, where a spreadsheet number could not hold it exactly,
 * it is written as its exact decimal text instead.
 */
import ExcelJS from 'exceljs';
import { formatYuan } from '@pdo/policy';
import { shanghaiWallClock, XLSX_CONTENT_TYPE, type ExportColumnKind, type ExportFileData, type ExportTable, type ExportValue } from './table.js';

export const MONEY_FORMAT = '#,##0.00';
const DATE_FORMAT = 'yyyy-mm-dd';
const DATETIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** |fen| below 10^15: at most 15 significant digits, which a double holds and prints back exactly. */
const EXACT_FEN = 10n ** 15n;

export type XlsxCellValue = string | number | boolean | Date | null;

/** The value and number format of one cell: primitives only (never an object exceljs could read as a formula). */
export function xlsxCell(kind: ExportColumnKind, v: ExportValue): { value: XlsxCellValue; numFmt?: string } {
  if (v === null || v === undefined) return { value: null };
  switch (kind) {
    case 'money': {
      if (typeof v !== 'bigint') throw new TypeError('export: money must be bigint fen');
      const exact = formatYuan(v);
      const abs = v < 0n ? -v : v;
      return abs < EXACT_FEN ? { value: Number(exact), numFmt: MONEY_FORMAT } : { value: exact };
    }
    case 'integer': {
      const s = String(v);
      if (/^-?\d+$/.test(s) && Number.isSafeInteger(Number(s))) return { value: Number(s), numFmt: '0' };
      return { value: s };
    }
    case 'decimal': {
      const s = String(v);
      // A decimal of at most 15 significant digits is a number (a double holds it exactly as
      // printed); anything longer stays exact text.
      const m = /^-?(\d+)(?:\.(\d+))?$/.exec(s);
      const digits = m ? (m[1]! + (m[2] ?? '').replace(/0+$/, '')).replace(/^0+/, '') : '';
      return m && digits.length <= 15 ? { value: Number(s) } : { value: s };
    }
    case 'date': {
      const s = String(v);
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      return m ? { value: new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)), numFmt: DATE_FORMAT } : { value: s };
    }
    case 'datetime': {
      const d = v instanceof Date ? v : new Date(String(v));
      if (Number.isNaN(d.getTime())) return { value: String(v) };
      // Whole seconds, as shown: the cell holds what a person reads.
      return { value: shanghaiWallClock(new Date(Math.floor(d.getTime() / 1000) * 1000)), numFmt: DATETIME_FORMAT };
    }
    default:
      if (typeof v === 'boolean') return { value: v };
      // Text stays a string cell whatever it starts with: `=1+1` is shown, never evaluated.
      return { value: xlsxText(v instanceof Date ? shanghaiWallClock(v).toISOString().slice(0, 19).replace('T', ' ') : String(v)) };
  }
}

/**
 * Text as XML can carry it: line ends as LF (an XML reader turns a CR into LF anyway, so the file
 * says what is read back), and control characters XML 1.0 forbids — which would make the whole file
 * unreadable — as U+FFFD.
 */
export function xlsxText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

const sheetName = (s: string, used: Set<string>) => {
  let n = xlsxText(s).replace(/[[\]:*?/\\\n\t]/g, ' ').slice(0, 31) || 'Sheet';
  for (let i = 2; used.has(n); i++) n = `${n.slice(0, 28)} ${i}`;
  used.add(n);
  return n;
};

/** An XLSX workbook with one sheet per table: a bold, frozen header row, typed cells, bold footer rows. */
export async function tablesToXlsx(tables: ExportTable[], opts: { created?: Date } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'pdo';
  if (opts.created) wb.created = wb.modified = opts.created;
  const used = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({ width: c.width ?? Math.min(40, Math.max(10, c.header.length * 2 + 2)) }));
    const header = ws.getRow(1);
    t.columns.forEach((c, i) => (header.getCell(i + 1).value = xlsxText(String(c.header))));
    header.font = { bold: true };
    const write = (r: ExportValue[], bold: boolean) => {
      const row = ws.addRow([]);
      t.columns.forEach((c, i) => {
        const { value, numFmt } = xlsxCell(c.kind ?? 'text', r[i]);
        const cell = row.getCell(i + 1);
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
      });
      if (bold) row.font = { bold: true };
    };
    for (const r of t.rows) write(r, false);
    for (const r of t.footer ?? []) write(r, true);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function xlsxFile(filename: string, tables: ExportTable[], opts: { created?: Date } = {}): Promise<ExportFileData> {
  return { filename, contentType: XLSX_CONTENT_TYPE, base64: (await tablesToXlsx(tables, opts)).toString('base64') };
}
