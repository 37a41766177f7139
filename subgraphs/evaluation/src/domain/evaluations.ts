import { Decimal } from '@pdo/policy';
import { badInput, conflict, forbidden } from './refusal.js';

/** The criteria of the operator's annual evaluation (TZ Art 28; HN Art 22; QHD; ZJC). */
export const CRITERIA = ['AGREEMENT_PERFORMANCE', 'PRODUCTS_OUTCOMES', 'SECURITY', 'REPORTING_COMPLIANCE', 'DISCLOSURE'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** A score is 0–100 with at most two decimals. */
export function parseScore(d: Decimal): string {
  const s = d.toString();
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s) || d.gt(Decimal.parse('100'))) {
    throw badInput('评分须在 0 到 100 之间，最多两位小数', 'A score must be between 0 and 100 with at most 2 decimals', { field: 'input.score', details: { min: '0', max: '100' } });
  }
  return s;
}

/** The evaluated year must have ended before it is opened. */
export function checkEvaluatedYear(year: number, today: string): void {
  if (!Number.isInteger(year) || `${year}-12-31` >= today) throw badInput('评估年度尚未结束', 'The evaluated year has not ended yet', { field: 'input.year' });
}

/** Scores and findings are taken while the evaluation is open. */
export function checkOpen(status: string, scoring: boolean): void {
  if (status === 'OPEN') return;
  if (scoring) throw conflict('评估已定稿，不能再打分', 'The evaluation is finalized; scores are closed', { details: { status } });
  throw conflict('评估已定稿', 'The evaluation is finalized', { details: { status } });
}

/** Only the AUTHORITY asks for a rectification, with a deadline after today, of an evaluation tied to an agreement. */
export function checkRectificationRequest(role: string, deadline: string | null | undefined, today: string, agreementId: string | null): void {
  if (role !== 'AUTHORITY') throw forbidden('只有数据主管部门可以要求整改', 'Only the AUTHORITY may request a rectification');
  if (!deadline || deadline <= today) throw badInput('整改期限须晚于今天', 'The rectification deadline must be after today', { field: 'input.rectificationDeadline' });
  if (!agreementId) throw conflict('无对应授权协议，无法整改', 'No authorization to rectify');
}

/** Mean score per criterion, over the scorers who scored it (two decimals). */
export function criterionAverages(scores: readonly { criterion: string; score: string }[]): { criterion: string; average: string | null; scorerCount: number }[] {
  return CRITERIA.map((c) => {
    const mine = scores.filter((s) => s.criterion === c);
    if (!mine.length) return { criterion: c, average: null, scorerCount: 0 };
    const sum = mine.reduce((acc, s) => acc.add(Decimal.parse(s.score)), Decimal.ZERO);
    return { criterion: c, average: sum.div(Decimal.parse(String(mine.length)), 2).toString(), scorerCount: mine.length };
  });
}

/** Finalizing needs a score on every criterion. */
export function checkAllCriteriaScored(scored: readonly string[]): void {
  const missing = CRITERIA.filter((c) => !scored.includes(c));
  if (missing.length) throw conflict('仍有评估指标未打分', 'Some criteria have no score yet', { details: { missing } });
}
