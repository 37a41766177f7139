import { PolicyInputError } from './errors.js';

export function parseYuan(s: string): bigint {
  const m = typeof s === 'string' ? /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s) : null;
  if (!m) throw new PolicyInputError(typeof s === 'string' && /^-?\d+\.\d{3,}$/.test(s) ? 'FRACTION_OF_FEN' : 'INVALID_MONEY', `Invalid yuan amount: ${s}`);
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -fen : fen;
}
export function parseFen(s: string): bigint {
  if (typeof s !== 'string' || !/^-?\d+$/.test(s)) throw new PolicyInputError('INVALID_MONEY', `Invalid fen amount: ${s}`);
  return BigInt(s);
}
export function formatYuan(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
