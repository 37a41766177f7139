import { PolicyInputError } from './errors.js';

export type Rounding = 'HALF_UP' | 'HALF_EVEN' | 'DOWN' | 'UP' | 'FLOOR' | 'CEIL';

const pow10 = (n: number) => 10n ** BigInt(n);

/** Divides a by b (b > 0 or < 0) and rounds the integer quotient by mode. */
function divRound(a: bigint, b: bigint, mode: Rounding): bigint {
  if (b === 0n) throw new PolicyInputError('DIVISION_BY_ZERO', 'Division by zero', '除数为零');
  if (b < 0n) {
    a = -a;
    b = -b;
  }
  const q = a / b; // truncates toward zero
  const r = a % b;
  if (r === 0n) return q;
  const negative = a < 0n;
  const twice = (r < 0n ? -r : r) * 2n;
  switch (mode) {
    case 'DOWN':
      return q;
    case 'UP':
      return negative ? q - 1n : q + 1n;
    case 'FLOOR':
      return negative ? q - 1n : q;
    case 'CEIL':
      return negative ? q : q + 1n;
    case 'HALF_UP':
      return twice >= b ? (negative ? q - 1n : q + 1n) : q;
    case 'HALF_EVEN': {
      if (twice > b || (twice === b && (q % 2n !== 0n))) return negative ? q - 1n : q + 1n;
      return q;
    }
  }
}

/**
 * Exact fixed-point decimal: value = units × 10^-scale. For rates, percentages and money
 * arithmetic where a float would lose a fen.
 */
export class Decimal {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static parse(s: string): Decimal {
    if (typeof s !== 'string' || !/^-?\d+(\.\d+)?$/.test(s)) {
      throw new PolicyInputError('INVALID_DECIMAL', `Invalid decimal: ${String(s)}`, `小数格式错误：${String(s)}`);
    }
    const neg = s.startsWith('-');
    const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
    return new Decimal(BigInt(i! + f) * (neg ? -1n : 1n), f.length);
  }

  static fromBigInt(n: bigint, scale = 0): Decimal {
    return new Decimal(n, scale);
  }

  static of(v: Decimal | string | bigint): Decimal {
    return v instanceof Decimal ? v : typeof v === 'bigint' ? new Decimal(v, 0) : Decimal.parse(v);
  }

  static readonly ZERO = new Decimal(0n, 0);

  private align(o: Decimal): [bigint, bigint, number] {
    const scale = Math.max(this.scale, o.scale);
    return [this.units * pow10(scale - this.scale), o.units * pow10(scale - o.scale), scale];
  }

  add(o: Decimal): Decimal {
    const [a, b, s] = this.align(o);
    return new Decimal(a + b, s);
  }
  sub(o: Decimal): Decimal {
    const [a, b, s] = this.align(o);
    return new Decimal(a - b, s);
  }
  mul(o: Decimal): Decimal {
    return new Decimal(this.units * o.units, this.scale + o.scale);
  }
  /** this ÷ o, rounded to `scale` places. */
  div(o: Decimal, scale: number, rounding: Rounding = 'HALF_UP'): Decimal {
    // (a/10^sa)/(b/10^sb) = a*10^(sb+scale-sa) / b  at result scale
    const shift = o.scale + scale - this.scale;
    const num = shift >= 0 ? this.units * pow10(shift) : this.units;
    const den = shift >= 0 ? o.units : o.units * pow10(-shift);
    return new Decimal(divRound(num, den, rounding), scale);
  }
  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }
  abs(): Decimal {
    return this.units < 0n ? this.neg() : this;
  }
  cmp(o: Decimal): -1 | 0 | 1 {
    const [a, b] = this.align(o);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  eq(o: Decimal) {
    return this.cmp(o) === 0;
  }
  lt(o: Decimal) {
    return this.cmp(o) < 0;
  }
  lte(o: Decimal) {
    return this.cmp(o) <= 0;
  }
  gt(o: Decimal) {
    return this.cmp(o) > 0;
  }
  gte(o: Decimal) {
    return this.cmp(o) >= 0;
  }
  isZero() {
    return this.units === 0n;
  }
  isNegative() {
    return this.units < 0n;
  }
  round(scale: number, mode: Rounding = 'HALF_UP'): Decimal {
    if (scale >= this.scale) return new Decimal(this.units * pow10(scale - this.scale), scale);
    return new Decimal(divRound(this.units, pow10(this.scale - scale), mode), scale);
  }
  /** Integer value rounded by mode (e.g. fen from a decimal fen amount). */
  toBigInt(mode: Rounding = 'HALF_UP'): bigint {
    return this.round(0, mode).units;
  }
  toFixed(scale: number, mode: Rounding = 'HALF_UP'): string {
    return this.round(scale, mode).toString();
  }
  toString(): string {
    const neg = this.units < 0n;
    const digits = (neg ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const int = digits.slice(0, digits.length - this.scale);
    const frac = digits.slice(digits.length - this.scale);
    return `${neg ? '-' : ''}${int}${this.scale ? '.' + frac : ''}`;
  }
  toJSON(): string {
    return this.toString();
  }
}
