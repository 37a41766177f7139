import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../src/index.js';

describe('csvCell: RFC 4180 quoting', () => {
  it('quotes fields with commas, quotes and newlines, and leaves plain text alone', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n');
    expect(csvCell('河南省市场监督管理局')).toBe('河南省市场监督管理局');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(12345n)).toBe('12345');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
  });
});

describe('csvCell: formula injection (OWASP CSV injection)', () => {
  it('neutralises every formula-leading cell with a single quote, quoted', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('+5')).toBe(`"'+5"`);
    expect(csvCell('-1+1')).toBe(`"'-1+1"`);
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe(`"'-2+3+cmd|' /C calc'!A0"`);
    expect(csvCell('@SUM(A1:A9)')).toBe(`"'@SUM(A1:A9)"`);
    expect(csvCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvCell('-')).toBe(`"'-"`);
    expect(csvCell('-A1')).toBe(`"'-A1"`);
  });

  it('keeps plain decimal numbers, negative amounts included, as numbers', () => {
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell(-1250n)).toBe('-1250');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell('0.05')).toBe('0.05');
    expect(csvCell('2026-07-01')).toBe('2026-07-01');
  });

  it('applies to the header as well as the rows', () => {
    expect(toCsv(['=x'], [['-12.50'], ['=y']])).toBe(`"'=x"\r\n-12.50\r\n"'=y"\r\n`);
  });
});
