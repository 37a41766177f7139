import { Decimal } from '@pdo/policy';
import { badInput } from './refusal.js';

/**
 * 数据贡献评价 — source-unit contribution (TZ Art 21: quantity, quality, application; ZJC:
 * quality, application, revenue). Four dimension scores 0–100, combined with the weights the
 * AUTHORITY sets (summing to 100 %). Each dimension is relative to the best source unit of the
 * jurisdiction in the period, so a score means "share of the best performance"; the scores
 * themselves are computed set-based in data/contribution-scoring.ts.
 */
export const DIMENSIONS = ['quantity', 'quality', 'application', 'revenue'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Weights = Record<Dimension, string>;

/** Weights are percentages with at most two decimals, each 0–100, summing to exactly 100. */
export function validateWeights(w: Weights): Weights {
  let sum = Decimal.ZERO;
  const out = {} as Weights;
  for (const d of DIMENSIONS) {
    const raw = w[d];
    if (typeof raw !== 'string' || !/^\d{1,3}(\.\d{1,2})?$/.test(raw)) {
      throw badInput(`权重格式错误：${d}`, `Invalid weight for ${d}: a percentage with at most 2 decimals`, { field: `input.${d}` });
    }
    const v = Decimal.parse(raw);
    if (v.cmp(Decimal.parse('100')) > 0) throw badInput(`权重须在 0 到 100 之间：${d}`, `Weight ${d} must be between 0 and 100`, { field: `input.${d}` });
    sum = sum.add(v);
    out[d] = v.toString();
  }
  if (sum.cmp(Decimal.parse('100')) !== 0) {
    throw badInput(`各项权重之和须为 100%，当前为 ${sum.toString()}%`, `Weights must sum to 100 %, got ${sum.toString()} %`, { field: 'input', details: { sum: sum.toString() } });
  }
  return out;
}

/** A period can be assessed once it has ended (`today` in Asia/Shanghai). */
export function checkAssessablePeriod(start: string, end: string, today: string): void {
  if (start > end) throw badInput('期间起始日不能晚于结束日', 'periodStart must not be after periodEnd', { field: 'input.periodStart' });
  if (end >= today) throw badInput('期间尚未结束，不能评价', 'The period has not ended yet', { field: 'input.periodEnd', details: { periodEnd: end, today } });
}
