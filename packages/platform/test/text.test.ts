import { describe, expect, it } from 'vitest';
import { DomainError, validateName, validateOptionalName } from '../src/index.js';

const problemOf = (v: unknown, max?: number): string | null => {
  try {
    validateName(v as string, { field: 'input.name', maxLength: max });
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('BAD_USER_INPUT');
    expect((e as DomainError).field).toBe('input.name');
    expect((e as DomainError).messageZh).toBeTruthy();
    return (e as DomainError).details!.problem as string;
  }
};

describe('validateName', () => {
  it('accepts legitimate Chinese names with full-width punctuation, and English names', () => {
    for (const n of ['长白山金融科技（吉林）有限公司', '河南省大数据中心·数据运营部', '《泰州》数据有限公司', '“数智”信用服务有限公司', '中关村A1—数据公司、分部', 'Acme Data Co., Ltd.', '3M 中国有限公司']) {
      expect(problemOf(n), n).toBeNull();
    }
    // Normalised and trimmed, including the full-width space.
    expect(validateName('\u3000 长白山数据有限公司 ', { field: 'f' })).toBe('长白山数据有限公司');
    expect(validateName('Cafe\u0301', { field: 'f' })).toBe('Café');
  });

  it('refuses formula starts, control and invisible characters, wrong lengths and punctuation-only names', () => {
    expect(problemOf('=HYPERLINK("http://evil","点我")')).toBe('FORMULA_START');
    expect(problemOf('+86 数据')).toBe('FORMULA_START');
    expect(problemOf('-1+1')).toBe('FORMULA_START');
    expect(problemOf('@SUM(A1)')).toBe('FORMULA_START');
    expect(problemOf('数据\t公司')).toBe('CONTROL_CHARACTER');
    expect(problemOf('数据公司\r\n=1+1')).toBe('CONTROL_CHARACTER');
    expect(problemOf('数据\u0000公司')).toBe('CONTROL_CHARACTER');
    expect(problemOf('数据\u202E司公')).toBe('CONTROL_CHARACTER');
    expect(problemOf('数据\u200B公司')).toBe('CONTROL_CHARACTER');
    expect(problemOf('数据\u2028公司')).toBe('CONTROL_CHARACTER');
    expect(problemOf('')).toBe('REQUIRED');
    expect(problemOf('\u3000 ')).toBe('REQUIRED');
    expect(problemOf(null)).toBe('REQUIRED');
    expect(problemOf('（）、')).toBe('NO_LETTER');
    expect(problemOf('数'.repeat(101))).toBe('LENGTH');
    expect(problemOf('数'.repeat(100))).toBeNull();
    // Characters, not UTF-16 units: 50 astral CJK characters are 50 long.
    expect(problemOf('𠀀'.repeat(50), 50)).toBeNull();
  });

  it('leaves an absent optional name null', () => {
    expect(validateOptionalName(undefined, { field: 'f' })).toBeNull();
    expect(validateOptionalName('  ', { field: 'f' })).toBeNull();
    expect(() => validateOptionalName('=1', { field: 'f' })).toThrow(DomainError);
  });
});
