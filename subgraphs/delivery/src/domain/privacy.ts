/**
 * Differential privacy for sandbox aggregates (docs/operating-domain/recipes.md, "Noise and budget"):
 * the discrete Laplace (two-sided geometric) mechanism for integer counts and sums, drawn with
 * node:crypto, and a pure ε budget ledger per agreement and period.
 */
import { randomBytes } from 'node:crypto';

/** A uniform draw in (0, 1]. */
export type UniformSource = () => number;

/** 53 random bits from node:crypto, mapped to (0, 1] (never 0, so the logarithm is finite). */
export const cryptoUniform: UniformSource = () => {
  const bits = randomBytes(8).readBigUInt64BE() >> 11n;
  return (Number(bits) + 1) / 2 ** 53;
};

function checkParameters(epsilon: number, sensitivity: number): void {
  if (!Number.isFinite(epsilon) || epsilon <= 0) throw new RangeError('epsilon must be a positive finite number');
  if (!Number.isSafeInteger(sensitivity) || sensitivity < 1) throw new RangeError('sensitivity must be a positive integer');
}

/**
 * One draw of two-sided geometric noise: P(Z = z) ∝ α^|z| with α = exp(−ε/Δ). Drawn as the
 * difference of two geometric variables, each by inversion: G = ⌊ln U / ln α⌋.
 */
export function discreteLaplace(epsilon: number, sensitivity: number, uniform: UniformSource = cryptoUniform): number {
  checkParameters(epsilon, sensitivity);
  const logAlpha = -epsilon / sensitivity;
  const geometric = () => Math.floor(Math.log(uniform()) / logAlpha);
  return geometric() - geometric();
}

/** The variance of the mechanism: 2α / (1 − α)². */
export function discreteLaplaceVariance(epsilon: number, sensitivity: number): number {
  checkParameters(epsilon, sensitivity);
  const alpha = Math.exp(-epsilon / sensitivity);
  return (2 * alpha) / (1 - alpha) ** 2;
}

/** Adds noise to an integer count or sum; a count is never released below 0. */
export function noisyInteger(value: bigint, epsilon: number, sensitivity: number, options: { nonNegative?: boolean; uniform?: UniformSource } = {}): bigint {
  const noisy = value + BigInt(discreteLaplace(epsilon, sensitivity, options.uniform));
  return options.nonNegative && noisy < 0n ? 0n : noisy;
}

/** ε in millionths: the ledger adds integers, so many small charges never drift. */
export const MICRO = 1_000_000;
export const toMicroEpsilon = (epsilon: number): number => Math.round(epsilon * MICRO);

export interface BudgetCharge {
  readonly agreementId: string;
  /** The budget period, e.g. '2026-12'. */
  readonly period: string;
  readonly microEpsilon: number;
}

export type BudgetDecision =
  | { readonly ok: true; readonly remainingMicroEpsilon: number }
  | { readonly ok: false; readonly code: 'BUDGET_EXHAUSTED' | 'INVALID_BUDGET_REQUEST'; readonly messageZh: string; readonly messageEn: string; readonly remainingMicroEpsilon: number };

/**
 * Whether the request fits in the agreement's budget for the period, given every charge so far.
 * Pure: the caller records the charge in the same transaction as the release.
 */
export function checkBudget(limitMicroEpsilon: number, spent: readonly BudgetCharge[], request: BudgetCharge): BudgetDecision {
  const used = spent
    .filter((c) => c.agreementId === request.agreementId && c.period === request.period)
    .reduce((sum, c) => sum + c.microEpsilon, 0);
  const remaining = Math.max(0, limitMicroEpsilon - used);
  if (!Number.isSafeInteger(request.microEpsilon) || request.microEpsilon <= 0 || !Number.isSafeInteger(limitMicroEpsilon) || limitMicroEpsilon < 0) {
    return { ok: false, code: 'INVALID_BUDGET_REQUEST', messageZh: '隐私预算请求无效', messageEn: 'Invalid privacy budget request', remainingMicroEpsilon: remaining };
  }
  if (request.microEpsilon > remaining) {
    return {
      ok: false, code: 'BUDGET_EXHAUSTED', remainingMicroEpsilon: remaining,
      messageZh: '本期隐私预算已用尽', messageEn: 'The privacy budget for this period is exhausted',
    };
  }
  return { ok: true, remainingMicroEpsilon: remaining - request.microEpsilon };
}

export type NoisyRelease =
  | { readonly ok: true; readonly rows: Record<string, unknown>[]; /** basic composition: ε × noised columns */ readonly microEpsilonToCharge: number }
  | { readonly ok: false; readonly code: 'NOISE_NOT_INTEGER'; readonly messageZh: string; readonly messageEn: string; readonly column: string };

const integerValue = (v: unknown): bigint | undefined => {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?[0-9]{1,30}$/.test(v)) return BigInt(v);
  return undefined;
};

/**
 * Adds discrete Laplace noise to every AGGREGATE column of guarded rows (counts and integer sums).
 * A non-integer aggregate (an average) cannot take integer noise: the release is refused, not
 * passed through unnoised. The budget to charge is ε per noised column (basic composition).
 */
export function addNoiseToAggregates(
  rows: readonly Readonly<Record<string, unknown>>[],
  columns: readonly { readonly name: string; readonly kind: string }[],
  epsilon: number,
  sensitivity: number,
  uniform: UniformSource = cryptoUniform,
): NoisyRelease {
  const aggregates = columns.filter((c) => c.kind === 'AGGREGATE').map((c) => c.name);
  const out: Record<string, unknown>[] = [];
  for (const row of rows) {
    const noisy: Record<string, unknown> = { ...row };
    for (const name of aggregates) {
      if (row[name] === null || row[name] === undefined) continue;
      const value = integerValue(row[name]);
      if (value === undefined) {
        return { ok: false, code: 'NOISE_NOT_INTEGER', column: name, messageZh: '非整数聚合结果无法加噪发布', messageEn: 'A non-integer aggregate cannot be released with integer noise' };
      }
      noisy[name] = noisyInteger(value, epsilon, sensitivity, { uniform }).toString();
    }
    out.push(noisy);
  }
  return { ok: true, rows: out, microEpsilonToCharge: toMicroEpsilon(epsilon) * aggregates.length };
}
