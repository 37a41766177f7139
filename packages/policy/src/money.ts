import { Decimal, type Rounding } from './decimal.js';
import { PolicyInputError } from './errors.js';

/** "12.34" → 1234n fen. Only strings: a float has no place near money. */
export function parseYuan(s: string): bigint {
  if (typeof s !== 'string') throw new PolicyInputError('INVALID_MONEY', 'Money must be a string', '金额必须为字符串');
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim() === s ? s : '');
  if (!m) throw new PolicyInputError('INVALID_MONEY', `Invalid yuan amount: ${s}`, `金额格式错误：${s}`);
  const frac = m[3] ?? '';
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) {
    throw new PolicyInputError('FRACTION_OF_FEN', `Less than one fen: ${s}`, `金额不能小于一分：${s}`);
  }
  const fen = BigInt(m[2]!) * 100n + BigInt((frac.slice(0, 2) || '0').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

/** "1234" → 1234n. Integer strings only. */
export function parseFen(s: string): bigint {
  if (typeof s !== 'string' || !/^-?\d+$/.test(s)) throw new PolicyInputError('INVALID_MONEY', `Invalid fen amount: ${String(s)}`, `分金额格式错误：${String(s)}`);
  return BigInt(s);
}

/** 1234n → "12.34"; -5n → "-0.05". */
export function formatYuan(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** fen × rate (a fraction, e.g. 0.0775), rounded to the fen. */
export function mulRate(fen: bigint, rate: Decimal, rounding: Rounding = 'HALF_UP'): bigint {
  return Decimal.fromBigInt(fen).mul(rate).toBigInt(rounding);
}

export interface AllocationPart {
  key: string;
  weight: Decimal | bigint | string;
}

/**
 * Largest-remainder (Hamilton) allocation of `total` fen by weight: every part gets the floor of
 * its exact share, then the fen left over go one each to the largest remainders, ties to the
 * part declared first. The shares always sum exactly to `total`, and each differs from its
 * exact share by less than one fen. A negative total (a reversal) mirrors the positive one.
 */
export function allocateLargestRemainder(total: bigint, parts: AllocationPart[]): { key: string; amount: bigint }[] {
  const amounts = Allocation.of(parts.map((p) => p.weight)).amounts(total);
  return parts.map((p, i) => ({ key: p.key, amount: amounts[i]! }));
}

/**
 * allocateLargestRemainder with its weights fixed: checked, parsed and brought to one scale once, then applied to any
 * number of totals. A settlement splits thousands of products' revenue by a few dozen plans.
 */
export class Allocation {
  private constructor(
    private readonly ints: bigint[],
    private readonly sum: bigint,
  ) {}

  static of(weights: (Decimal | bigint | string)[]): Allocation {
    if (weights.length === 0) throw new PolicyInputError('NO_PARTS', 'Nothing to allocate to', '没有分配对象');
    const ds = weights.map((w) => Decimal.of(w));
    if (ds.some((w) => w.isNegative())) throw new PolicyInputError('NEGATIVE_WEIGHT', 'Weights must not be negative', '权重不能为负');
    const scale = Math.max(...ds.map((w) => w.scale));
    const ints = ds.map((w) => w.round(scale).units);
    const sum = ints.reduce((a, b) => a + b, 0n);
    if (sum <= 0n) throw new PolicyInputError('ZERO_WEIGHTS', 'Weights must sum to a positive total', '权重之和必须为正');
    return new Allocation(ints, sum);
  }

  /** The parts' amounts of `total`, in the order the weights were given. */
  amounts(total: bigint): bigint[] {
    const { ints, sum } = this;
    const sign = total < 0n ? -1n : 1n;
    const abs = total * sign;
    const floors: bigint[] = new Array(ints.length);
    const remainders: { i: number; r: bigint }[] = new Array(ints.length);
    let left = abs;
    for (let i = 0; i < ints.length; i++) {
      const share = abs * ints[i]!;
      floors[i] = share / sum;
      remainders[i] = { i, r: share % sum };
      left -= floors[i]!;
    }
    if (left > 0n) {
      remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
      for (const { i } of remainders) {
        if (left === 0n) break;
        floors[i]! += 1n;
        left -= 1n;
      }
    }
    if (sign < 0n) for (let i = 0; i < floors.length; i++) floors[i] = -floors[i]!;
    return floors;
  }
}
