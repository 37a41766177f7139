import { isLocalDate, periodAfter, type EffectiveProfile, type FormalTalkGround, type LocalDate } from '@pdo/policy';
import { badInput, conflict, policyViolation } from './refusal.js';

/**
 * Security duties (docs/policy/security-duties.md), as the jurisdiction's profile states them (`securityDuties`,
 * `emergencyPlanPerAuthorization`): emergency plans and their drills, third-party assessments, formal talks (约谈).
 */
type Duties = Pick<EffectiveProfile, 'securityDuties' | 'emergencyPlanPerAuthorization'>;

/** A date given by a caller: a real calendar day, not after today. */
export function checkPastDate(d: string, today: LocalDate, field: string): LocalDate {
  if (!isLocalDate(d)) throw badInput('日期格式应为 YYYY-MM-DD', 'A date is YYYY-MM-DD', { field });
  if (d > today) throw badInput('日期不能晚于今天', 'The date cannot be after today', { field });
  return d;
}

/**
 * The drill interval in force for a plan: the profile's where a text states one, else the plan's own schedule, else
 * none (no text states an interval and the plan sets none: no drill ever falls due).
 */
export function drillIntervalMonths(p: Duties, planEveryMonths: number | null): { months: number; source: string } | null {
  const stated = p.securityDuties.value.drillIntervalMonths;
  if (stated !== null) return { months: stated, source: p.securityDuties.source };
  return planEveryMonths !== null ? { months: planEveryMonths, source: 'the emergency plan’s own drill schedule' } : null;
}

/**
 * The day by which the next drill is due: the interval counted from the last drill (or, before any, from the plan's
 * adoption) as the Civil Code counts periods in months (Arts 201–202: the day itself is not counted, the period ends
 * on the corresponding day or the month's last day). Drilled 2026-01-31, every 6 months → due by 2026-07-31;
 * adopted 2025-08-31, every 6 months → due by 2026-02-28.
 */
export function nextDrillDue(lastDrillOrAdoption: LocalDate, interval: { months: number } | null): LocalDate | null {
  return interval ? periodAfter(lastDrillOrAdoption, { months: interval.months }).last : null;
}

/** A drill or report due by `dueOn` is overdue from the next day (the last day counts in full, Civil Code Art 203). */
export const isOverdue = (dueOn: LocalDate | null, today: LocalDate) => dueOn !== null && today > dueOn;

/** One plan per authorization where the profile says so (ZJC 一授权一预案): such a plan names its authorization. */
export function checkPlanAuthorization(p: Duties, agreementId: string | null): void {
  if (p.emergencyPlanPerAuthorization.value && !agreementId) {
    throw policyViolation(p.emergencyPlanPerAuthorization.source, '本辖区实行“一授权一预案”，预案须对应一项授权', 'One plan per authorization here: name the authorization the plan is for', { field: 'input.agreementId' });
  }
}

export function checkDrillInterval(months: number | null | undefined): number | null {
  if (months == null) return null;
  if (!Number.isInteger(months) || months < 1 || months > 120) throw badInput('演练间隔应为 1 到 120 个月', 'A drill interval is 1 to 120 months', { field: 'input.drillEveryMonths' });
  return months;
}

export type TalkGround = FormalTalkGround | 'OTHER';

/**
 * The basis a formal talk is recorded with: where the jurisdiction's text provides the ground, its source; otherwise
 * the authority must cite its own (the platform invents no ground). A talk on an assessment's risk names an assessment
 * that found a significant or major risk (TZ Art 27: 较大安全风险).
 */
export function talkBasis(p: Duties, ground: TalkGround, ownBasis: string | null | undefined, assessment: { riskLevel: string | null } | null): string {
  const d = p.securityDuties;
  if (ground === 'ASSESSMENT_RISK') {
    if (!assessment) throw badInput('须指明发现风险的安全评估', 'Name the security assessment that found the risk', { field: 'input.assessmentId' });
    if (assessment.riskLevel !== 'SIGNIFICANT' && assessment.riskLevel !== 'MAJOR') {
      throw conflict('该评估未发现较大安全风险', 'The assessment found no significant risk', { details: { riskLevel: assessment.riskLevel } });
    }
  }
  if (ground !== 'OTHER' && d.value.formalTalkGrounds.includes(ground)) return d.source;
  const own = ownBasis?.trim();
  if (!own) throw badInput('本辖区规定未列此约谈情形，须注明依据', 'The jurisdiction’s text does not provide this ground: cite the basis', { field: 'input.basis', details: { provided: d.value.formalTalkGrounds } });
  return own;
}

/** The risk levels an assessment reports, and whether its findings need a follow-up. */
export const RISK_LEVELS = ['LOW', 'SIGNIFICANT', 'MAJOR'] as const;
export function checkAssessmentReport(riskLevel: string, followUp: string | null, followUpDueOn: string | null, assessedOn: LocalDate): void {
  if (!(RISK_LEVELS as readonly string[]).includes(riskLevel)) throw badInput('风险等级无效', 'Unknown risk level', { field: 'input.riskLevel' });
  if (riskLevel !== 'LOW' && (!followUp || !followUpDueOn)) {
    throw badInput('发现较大以上风险的，须明确整改措施和期限', 'A significant or major risk needs a follow-up and its deadline', { field: 'input.followUp' });
  }
  if (followUpDueOn !== null && (!isLocalDate(followUpDueOn) || followUpDueOn <= assessedOn)) {
    throw badInput('整改期限须晚于评估日期', 'The follow-up deadline must be after the assessment', { field: 'input.followUpDueOn' });
  }
}

/**
 * When the report of a commissioned assessment is due: as the authority sets it; where the profile states an interval
 * and none is given, one interval after the last assessment (or after commissioning).
 */
export function assessmentReportDue(p: Duties, given: string | null | undefined, commissionedOn: LocalDate, lastAssessedOn: LocalDate | null): LocalDate {
  if (given) {
    if (!isLocalDate(given) || given < commissionedOn) throw badInput('报告期限不能早于委托日期', 'The report is due on or after the commissioning', { field: 'input.reportDueOn' });
    return given;
  }
  const months = p.securityDuties.value.assessmentIntervalMonths;
  if (months === null) throw badInput('本辖区未规定评估周期，须给出报告期限', 'No interval is set here: give the report’s due date', { field: 'input.reportDueOn' });
  return periodAfter(lastAssessedOn ?? commissionedOn, { months }).last;
}
