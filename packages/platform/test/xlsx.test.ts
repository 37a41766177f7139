import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { shanghaiDateTime, tablesToXlsx, tableToCsv, xlsxCell, type ExportTable } from '../src/index.js';

const TRIGGERS = ['=1+1', '+5', '-1+1', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', '=HYPERLINK("http://x","y")', '-cmd|\' /C calc\'!A0'];

describe('xlsxCell: the formula guard of XLSX', () => {
  it('writes every formula-leading text as a plain string cell, never a formula', async () => {
    const shown = (v: string) => v.replace(/\r/g, '\n'); // XML carries a CR as LF
    for (const v of TRIGGERS) expect(xlsxCell('text', v)).toEqual({ value: shown(v) });
    const table: ExportTable = { name: 'x', columns: [{ header: '=HEADER()' }, { header: 'n', kind: 'money' }], rows: TRIGGERS.map((v) => [v, 1n]) };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesToXlsx([table])) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).type).toBe(ExcelJS.ValueType.String);
    TRIGGERS.forEach((v, i) => {
      const cell = ws.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(shown(v));
      expect(cell.formula).toBeUndefined();
    });
  });

  it('control characters XML forbids cannot break the file', async () => {
    const table: ExportTable = { name: 'a:b/c', columns: [{ header: 'h' }], rows: [['x\u0000y\u001Fz']] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesToXlsx([table])) as never);
    expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe('x\uFFFDy\uFFFDz');
  });

  it('money: a two-decimal number from exact fen; exact text when a double could not hold it', () => {
    expect(xlsxCell('money', 123456789n)).toEqual({ value: 1234567.89, numFmt: '#,##0.00' });
    expect(xlsxCell('money', -5n)).toEqual({ value: -0.05, numFmt: '#,##0.00' });
    expect(xlsxCell('money', 999999999999999n)).toEqual({ value: 9999999999999.99, numFmt: '#,##0.00' });
    expect(xlsxCell('money', 1000000000000000n)).toEqual({ value: '10000000000000.00' });
    expect(() => xlsxCell('money', 1.5 as never)).toThrow();
  });

  it('instants in Asia/Shanghai, calendar days as dates', () => {
    expect(shanghaiDateTime(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01 00:30:00');
    expect(xlsxCell('datetime', new Date('2026-09-30T16:30:00.750Z'))).toEqual({ value: new Date('2026-10-01T00:30:00Z'), numFmt: 'yyyy-mm-dd hh:mm:ss' });
    expect(xlsxCell('date', '2026-07-01')).toEqual({ value: new Date('2026-07-01T00:00:00Z'), numFmt: 'yyyy-mm-dd' });
  });
});

describe('tableToCsv', () => {
  it('starts with a BOM, writes money as exact yuan and instants in Asia/Shanghai, through the CSV guard', () => {
    const csv = tableToCsv({ name: 'x', columns: [{ header: 'name' }, { header: 'at', kind: 'datetime' }, { header: 'amount', kind: 'money' }], rows: [['=1+1', new Date('2026-09-30T16:30:00Z'), -1234n]] });
    expect(csv).toBe(`\ufeffname,at,amount\r\n"'=1+1",2026-10-01 00:30:00,-12.34\r\n`);
  });
});
