import { describe, expect, it } from 'vitest';
import { normaliseValue, rawColumnsOf, rawTableName, ratio, copyCell, columnsSignature } from '../src/domain/load-rules.js';

describe('load rules (pure)', () => {
  it('maps catalogued types to raw columns and refuses what it cannot load', () => {
    const ok = rawColumnsOf([
      { name: 'uscc', type: 'string', required: true, personalInformation: false, sensitive: false },
      { name: '金额', type: 'Decimal', required: false, personalInformation: false, sensitive: false },
      { name: 'at', type: 'datetime', required: false, personalInformation: false, sensitive: false },
    ]);
    expect(ok).toEqual({ columns: [{ name: 'uscc', type: 'text', required: true }, { name: '金额', type: 'numeric', required: false }, { name: 'at', type: 'timestamptz', required: false }] });
    expect(rawColumnsOf([{ name: 'x', type: 'blob', required: false, personalInformation: false, sensitive: false }])).toEqual({ problem: { field: 'x', problem: 'UNSUPPORTED_TYPE' } });
    expect(rawColumnsOf([{ name: 'batch_no', type: 'int', required: false, personalInformation: false, sensitive: false }])).toEqual({ problem: { field: 'batch_no', problem: 'UNLOADABLE_NAME' } });
    expect(rawColumnsOf([{ name: '字'.repeat(22), type: 'int', required: false, personalInformation: false, sensitive: false }])).toMatchObject({ problem: { problem: 'UNLOADABLE_NAME' } });
  });

  it('names raw tables from the code and revision, within PostgreSQL identifier rules', () => {
    expect(rawTableName('HN', 'HN-SJ-0001', 1)).toBe('r_hn_sj_0001_v1');
    expect(rawTableName('ZJC', 'YB-0001', 3)).toBe('r_zjc_yb_0001_v3');
    expect(rawTableName('HN', 'HN-' + 'A'.repeat(80), 12)).toMatch(/^r_[a-z0-9_]{1,48}_v12$/);
    expect(columnsSignature([{ name: 'a', type: 'text', required: true }])).not.toBe(columnsSignature([{ name: 'a', type: 'text', required: false }]));
  });

  it('checks each value by type and required-ness', () => {
    const col = (type: 'bigint' | 'numeric' | 'text' | 'date' | 'boolean' | 'timestamptz', required = false) => ({ name: 'f', type, required });
    expect(normaliseValue(col('bigint'), '42')).toEqual({ value: '42' });
    expect(normaliseValue(col('bigint'), 42)).toEqual({ value: '42' });
    expect(normaliseValue(col('bigint'), '4.2')).toEqual({ problem: 'NOT_INTEGER' });
    expect(normaliseValue(col('bigint'), 2 ** 60)).toEqual({ problem: 'NOT_INTEGER' });
    expect(normaliseValue(col('numeric'), '-1.50')).toEqual({ value: '-1.50' });
    expect(normaliseValue(col('numeric'), 'NaN')).toEqual({ problem: 'NOT_NUMERIC' });
    expect(normaliseValue(col('date'), '2024-02-29')).toEqual({ value: '2024-02-29' });
    expect(normaliseValue(col('date'), '2023-02-29')).toEqual({ problem: 'NOT_DATE' });
    expect(normaliseValue(col('timestamptz'), '2026-11-30T08:00:00+08:00')).toEqual({ value: '2026-11-30T08:00:00+08:00' });
    expect(normaliseValue(col('timestamptz'), '2026-11-30T08:00:00')).toEqual({ problem: 'NOT_TIMESTAMP' });
    expect(normaliseValue(col('boolean'), 'TRUE')).toEqual({ value: 't' });
    expect(normaliseValue(col('boolean'), 'yes')).toEqual({ problem: 'NOT_BOOLEAN' });
    expect(normaliseValue(col('text'), 'a\u0000b')).toEqual({ problem: 'CONTROL_CHARACTER' });
    expect(normaliseValue(col('text'), 12)).toEqual({ problem: 'NOT_TEXT' });
    expect(normaliseValue(col('text', true), '')).toEqual({ problem: 'REQUIRED' });
    expect(normaliseValue(col('text'), '')).toEqual({ value: null });
  });

  it('writes COPY cells that keep NULL and the empty string apart, and exact ratios', () => {
    expect(copyCell(null)).toBe('');
    expect(copyCell('a"b,c')).toBe('"a""b,c"');
    expect(ratio(1, 3)).toBe('0.3333');
    expect(ratio(2, 3)).toBe('0.6667');
    expect(ratio(3, 3)).toBe('1.0000');
    expect(ratio(0, 0)).toBe('0.0000');
  });
});
