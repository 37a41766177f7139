import { describe, expect, it } from 'vitest';
import { DomainError, MONEY_MAX_FEN, MoneyAmountScalar, parseMoneyInput } from '../src/index.js';
import { Kind } from 'graphql';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? { code: e.code, reason: e.details?.reason } : { code: 'OTHER' };
  }
  return null;
};

describe('Money input bound (MONEY_MAX_FEN)', () => {
  it('is small enough that nine million amounts of the maximum still fit a PostgreSQL bigint', () => {
    expect(MONEY_MAX_FEN * 9_000_000n).toBeLessThan(9_223_372_036_854_775_807n);
  });

  it('accepts the maximum and its negative, in every input form', () => {
    expect(parseMoneyInput('10000000000.00')).toBe(MONEY_MAX_FEN);
    expect(parseMoneyInput({ fen: '1000000000000' })).toBe(MONEY_MAX_FEN);
    expect(parseMoneyInput({ yuan: '-10000000000' })).toBe(-MONEY_MAX_FEN);
  });

  it('refuses one fen more, either sign, and bigint-max, as BAD_USER_INPUT', () => {
    const out = { code: 'BAD_USER_INPUT', reason: 'MONEY_OUT_OF_RANGE' };
    expect(code(() => parseMoneyInput({ fen: '1000000000001' }))).toEqual(out);
    expect(code(() => parseMoneyInput({ fen: '-1000000000001' }))).toEqual(out);
    expect(code(() => parseMoneyInput('10000000000.01'))).toEqual(out);
    expect(code(() => parseMoneyInput({ fen: '9223372036854775807' }))).toEqual(out);
    expect(code(() => parseMoneyInput({ fen: '9'.repeat(400) }))).toEqual(out);
    expect(code(() => MoneyAmountScalar.parseLiteral({ kind: Kind.STRING, value: '92233720368547758.07' }))).toEqual(out);
  });
});
