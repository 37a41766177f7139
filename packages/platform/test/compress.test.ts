import { describe, expect, it } from 'vitest';
import { isCompressible, negotiateEncoding } from '../src/server/compress.js';

describe('negotiateEncoding (Accept-Encoding, RFC 9110 §12.5.3)', () => {
  it('prefers brotli, then gzip, else sends the body as it is', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('x-gzip')).toBe('gzip');
    expect(negotiateEncoding('deflate')).toBe('identity');
    expect(negotiateEncoding(undefined)).toBe('identity');
    expect(negotiateEncoding('')).toBe('identity');
  });

  it('honours q-values: q=0 refuses, a higher q wins, * stands for the rest', () => {
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.2, gzip;q=0.8')).toBe('gzip');
    expect(negotiateEncoding('gzip;q=0, br;q=0')).toBe('identity');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('*;q=0')).toBe('identity');
    expect(negotiateEncoding('br;q=0, *')).toBe('gzip');
    expect(negotiateEncoding('identity')).toBe('identity');
    expect(negotiateEncoding(['gzip', 'br;q=0'])).toBe('gzip');
  });

  it('compresses text, JSON, JavaScript and SVG; never images or archives that are compressed already', () => {
    for (const t of ['application/json; charset=utf-8', 'application/graphql-response+json', 'text/html; charset=utf-8', 'text/javascript', 'text/css', 'image/svg+xml', 'text/plain']) expect(isCompressible(t), t).toBe(true);
    for (const t of ['image/png', 'font/woff2', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', undefined]) expect(isCompressible(t), String(t)).toBe(false);
  });
});
