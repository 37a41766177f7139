/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-symbol alphabet (no I, O, Z, S, V);
 * the 18th is a check character over the first 17 with weights 3^i mod 31.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`invalid character ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return ALPHABET[c]!;
}

export type CreditCodeProblem = 'LENGTH' | 'CHARACTER' | 'CHECK_CHARACTER';

/** null when valid, else what is wrong (the message names it). */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'LENGTH';
  for (const ch of code) if (!ALPHABET.includes(ch)) return 'CHARACTER';
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'CHECK_CHARACTER';
}

/** A valid code built from 17 leading characters (demo data). */
export const completeCreditCode = (first17: string) => first17 + creditCodeCheckChar(first17);
