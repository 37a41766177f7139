import { addDays, addMonths, periodAfter, termEnd, type EffectiveProfile, type ReportKind, type ReportRule } from '@pdo/policy';
import { badInput, conflict, forbidden, policyViolation } from './refusal.js';

/**
 * Operating-report obligations come only from the jurisdiction's profile (HN quarterly + annual
 * summary by 31 March, PN business report by 31 March, TZ annual, ZJC annual for each full year of
 * operation and a half-yearly security report). A report has a due date only where the text gives
 * one (docs/policy/reports.md). Nothing here names a jurisdiction.
 */
export function reportRules(profile: Pick<EffectiveProfile, 'reports'>): { rules: ReportRule[]; source: string } {
  const p = profile.reports;
  return { rules: p.value, source: p.source };
}

const CADENCE_MONTHS = { QUARTER: 3, HALF_YEAR: 6, YEAR: 12 } as const;

export interface ReportPeriod {
  kind: ReportKind;
  periodStart: string;
  periodEnd: string;
  /** Null where the jurisdiction's text sets no deadline. */
  dueOn: string | null;
  source: string;
}

const byAgreement = (rule: ReportRule) => rule.dueRule.anchor === 'AGREEMENT';

/**
 * The period that starts on `periodStart` under `rule`, and its due date. Calendar periods start on
 * the first day of a quarter, half-year or year; agreement years on an anniversary of `agreementStart`.
 */
export function periodFor(rule: ReportRule, periodStart: string, source: string, agreementStart: string | null = null): ReportPeriod {
  const months = CADENCE_MONTHS[rule.dueRule.cadence];
  if (byAgreement(rule)) {
    const n = agreementStart ? Number(periodStart.slice(0, 4)) - Number(agreementStart.slice(0, 4)) : -1;
    if (!agreementStart || n < 0 || addMonths(agreementStart, n * months) !== periodStart) {
      throw badInput('报告期间须从授权协议起始日的周年日开始', "The period must start on an anniversary of the agreement's first day", { field: 'input.periodStart', details: { agreementStart } });
    }
  } else {
    const month = Number(periodStart.slice(5, 7));
    if (periodStart.slice(8) !== '01' || (month - 1) % months !== 0) {
      throw badInput(`报告期间须从${rule.dueRule.cadence}的首日开始`, `The period must start on the first day of a ${rule.dueRule.cadence.toLowerCase()}`, { field: 'input.periodStart' });
    }
  }
  const periodEnd = termEnd(periodStart, { months });
  let dueOn: string | null = null;
  if (rule.dueRule.dueMonthDay) {
    // "by 31 March of the following year" style: a fixed day after the period's year.
    dueOn = `${Number(periodEnd.slice(0, 4)) + 1}-${rule.dueRule.dueMonthDay}`;
  } else if (rule.dueRule.dueMonthsAfterPeriod) {
    dueOn = periodAfter(periodEnd, { months: rule.dueRule.dueMonthsAfterPeriod }).last;
  }
  return { kind: rule.kind, periodStart, periodEnd, dueOn, source };
}

/** Checks that `kind` is required in this jurisdiction and that the period is one it can report on. */
export function requiredPeriod(profile: Pick<EffectiveProfile, 'reports'>, kind: ReportKind, periodStart: string, today: string, agreementStart: string | null): ReportPeriod {
  const { rules, source } = reportRules(profile);
  const rule = rules.find((r) => r.kind === kind);
  if (!rule) {
    throw policyViolation(source, `本辖区不要求该类报告：${kind}`, `This jurisdiction does not require a ${kind} report`, { field: 'input.kind', details: { required: rules.map((r) => r.kind) } });
  }
  const p = periodFor(rule, periodStart, source, agreementStart);
  if (p.periodEnd >= today) {
    throw badInput('报告期间尚未结束', 'The reporting period has not ended yet', { field: 'input.periodStart', details: { periodEnd: p.periodEnd, today } });
  }
  return p;
}

/** Every period of every required kind that ended before `today` within an agreement's term. */
export function duePeriods(profile: Pick<EffectiveProfile, 'reports'>, agreementStart: string, agreementEnd: string, today: string): ReportPeriod[] {
  const { rules, source } = reportRules(profile);
  const out: ReportPeriod[] = [];
  for (const rule of rules) {
    const months = CADENCE_MONTHS[rule.dueRule.cadence];
    let start: string;
    if (byAgreement(rule)) start = agreementStart;
    else {
      const m0 = Number(agreementStart.slice(5, 7));
      start = `${agreementStart.slice(0, 4)}-${String(Math.floor((m0 - 1) / months) * months + 1).padStart(2, '0')}-01`;
    }
    for (;;) {
      const p = periodFor(rule, start, source, agreementStart);
      if (p.periodEnd >= today || p.periodStart > agreementEnd) break;
      out.push(p);
      start = addDays(p.periodEnd, 1);
    }
  }
  return out;
}

/** Kinds whose figures the rules require: costs, revenue and (net) profit (PN §5; TZ Art 22). */
const FINANCIAL_KINDS = new Set(['BUSINESS_REPORT', 'ANNUAL']);
/** Kinds that are the operator's annual disclosure once accepted (NS Art 19; HN Art 17). */
export const ANNUAL_KINDS = new Set(['ANNUAL_SUMMARY', 'BUSINESS_REPORT', 'ANNUAL']);

/** Past due and not submitted: a draft or returned report whose due date (if the rule sets one) is before today. */
export const isOverdue = (status: string, dueOn: string | null, today: string) => (status === 'DRAFT' || status === 'RETURNED') && dueOn !== null && dueOn < today;

export interface Submission {
  revenue: bigint | null;
  cost: bigint | null;
  narrative: string;
}

/** Checks a submission's text and figures; answers the profit (revenue − cost) where both are given. */
export function checkSubmission(input: Submission): bigint | null {
  if (!input.narrative?.trim()) throw badInput('须填写报告正文', 'The report narrative is required', { field: 'input.narrative' });
  if ((input.revenue != null && input.revenue < 0n) || (input.cost != null && input.cost < 0n)) throw badInput('金额不能为负', 'Amounts cannot be negative', { field: 'input.revenue' });
  return input.revenue != null && input.cost != null ? input.revenue - input.cost : null;
}

/** Whether the operator may submit this report now, with the figures its kind requires. */
export function checkSubmittable(report: { operatorId: string; status: string; kind: string; ruleSource: string }, operatorOrg: string | null, input: Submission): void {
  if (report.operatorId !== operatorOrg) throw forbidden('只能提交本单位的报告', "You may only submit your own organization's reports");
  if (report.status !== 'DRAFT' && report.status !== 'RETURNED') throw conflict('报告已提交或已通过', 'The report was already submitted or accepted', { details: { status: report.status } });
  if (FINANCIAL_KINDS.has(report.kind) && (input.revenue == null || input.cost == null)) {
    throw badInput('该报告须填报收入与成本', 'This report requires revenue and cost', { field: input.revenue == null ? 'input.revenue' : 'input.cost', details: { rule: report.ruleSource } });
  }
}
