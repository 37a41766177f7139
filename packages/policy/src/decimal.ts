import { PolicyInputError } from './errors.js';

/** Exact fixed-point decimal on bigint (placeholder until the full module lands). */
export class Decimal {
  private constructor(readonly units: bigint, readonly scale: number) {}
  static parse(s: string): Decimal {
    if (typeof s !== 'string' || !/^-?\d+(\.\d+)?$/.test(s)) throw new PolicyInputError('INVALID_DECIMAL', `Invalid decimal: ${s}`);
    const neg = s.startsWith('-');
    const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
    const units = BigInt(i + f) * (neg ? -1n : 1n);
    return new Decimal(units, f.length);
  }
  toString(): string {
    const neg = this.units < 0n;
    const digits = (neg ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const int = digits.slice(0, digits.length - this.scale);
    const frac = digits.slice(digits.length - this.scale);
    return `${neg ? '-' : ''}${int}${this.scale ? '.' + frac : ''}`;
  }
}
