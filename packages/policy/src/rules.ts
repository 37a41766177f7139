import { Decimal } from './decimal.js';
import { addDays, addYears, compareDates, lastDayAtLeastBefore, periodAfter, periodEndingOn, termEnd, termMonths, type LocalDate } from './dates.js';
import type { WorkingDayCalendar } from './calendar.js';
import type { EffectiveProfile } from './profiles.js';

/** A rule check's verdict: which rule, where it comes from, and what to tell the user. */
export interface Violation {
  rule: string;
  source: string;
  messageZh: string;
  messageEn: string;
}
export type Check = { ok: true } | ({ ok: false } & Violation);
const ok: Check = { ok: true };
const fail = (rule: string, source: string, messageZh: string, messageEn: string): Check => ({ ok: false, rule, source, messageZh, messageEn });

/** Term of an authorization agreement (NS Art 14(2); local terms). `end` is the last day. */
export function checkAgreementTerm(profile: EffectiveProfile, start: LocalDate, end: LocalDate, trialMonths = 0): Check {
  const t = profile.agreementTerm.value;
  const src = profile.agreementTerm.source;
  if (compareDates(end, start) <= 0) return fail('AGREEMENT_TERM', src, '授权期限结束日须晚于开始日', 'The term must end after it starts');
  if (trialMonths > 0 && (t.trialMaxMonths === null || trialMonths > t.trialMaxMonths)) {
    return fail('TRIAL_PERIOD', src, `试运行期不得超过${t.trialMaxMonths ?? 0}个月`, `The trial period may not exceed ${t.trialMaxMonths ?? 0} months`);
  }
  const months = termMonths(start, end) - trialMonths;
  if (months > t.maxMonths) return fail('AGREEMENT_TERM', src, `授权期限不得超过${t.maxMonths}个月（${profile.nameZh}）`, `The term may not exceed ${t.maxMonths} months in ${profile.nameEn}`);
  if (t.fixed && months !== t.maxMonths) return fail('AGREEMENT_TERM', src, `授权期限须为${t.maxMonths}个月（${profile.nameZh}）`, `The term must be exactly ${t.maxMonths} months in ${profile.nameEn}`);
  return ok;
}

/**
 * Whether a renewal request on `requestDate` falls in the profile's window for an agreement
 * ending on `agreementEnd` (its last day). Both boundaries are inclusive.
 */
export function renewalWindowCheck(profile: EffectiveProfile, agreementEnd: LocalDate, requestDate: LocalDate): Check & { opensOn: LocalDate | null; closesOn: LocalDate } {
  const w = profile.renewalWindow.value;
  const src = profile.renewalWindow.source;
  if (w.kind === 'ONLY_WITHIN_LAST_MONTHS') {
    // "届满前N个月内": the N-month period that ends on the last day of the term (Civil Code Arts 201–202, 1259).
    const opensOn = periodEndingOn(agreementEnd, { months: w.months ?? 0 }).first;
    if (requestDate < opensOn || requestDate > agreementEnd) {
      return { ...fail('RENEWAL_WINDOW', src, `续期申请只能在到期前${w.months}个月内提出（${opensOn} 至 ${agreementEnd}）`, `Renewal may only be requested within the last ${w.months} months (${opensOn} to ${agreementEnd})`), opensOn, closesOn: agreementEnd };
    }
    return { ok: true, opensOn, closesOn: agreementEnd };
  }
  if (w.kind === 'AT_LEAST_MONTHS_BEFORE') {
    // "至少提前N个月": the last day whose N months (counted from the next day) still end by expiry.
    const closesOn = lastDayAtLeastBefore(agreementEnd, { months: w.months ?? 0 });
    if (requestDate > closesOn) {
      return { ...fail('RENEWAL_WINDOW', src, `续期须至少在到期前${w.months}个月提出（最晚 ${closesOn}）`, `Renewal must be requested at least ${w.months} months before expiry (by ${closesOn})`), opensOn: null, closesOn };
    }
    return { ok: true, opensOn: null, closesOn };
  }
  if (requestDate > agreementEnd) return { ...fail('RENEWAL_WINDOW', src, '协议已到期，不能续期', 'The agreement has expired and cannot be renewed'), opensOn: null, closesOn: agreementEnd };
  return { ok: true, opensOn: null, closesOn: agreementEnd };
}

/** First day the agreement may end after notice given on `noticeDate` (QHD ≥ 3 months). */
export function earliestTerminationDate(profile: EffectiveProfile, noticeDate: LocalDate): LocalDate {
  return periodAfter(noticeDate, { months: profile.earlyTermination.value.noticeMonths }).last;
}

export interface ApplicantFacts {
  foundedOn: LocalDate;
  taxGrades: { year: number; grade: string }[];
  penalties: { date: LocalDate; severity: 'MINOR' | 'SERIOUS' }[];
  dishonestListEntries: { list: string; listedOn: LocalDate; removedOn?: LocalDate | null }[];
  securityIncidents: { date: LocalDate; severity: 'MINOR' | 'MAJOR' }[];
  mlps3Experience: boolean;
  commercialCryptoExperience: boolean;
  securityDepartment?: { name: string; head: string } | null;
}

export interface CriterionResult {
  criterion: 'YEARS_IN_BUSINESS' | 'TAX_CREDIT_GRADE' | 'SERIOUS_PENALTY' | 'DISHONEST_LIST' | 'SECURITY_INCIDENT' | 'MLPS3_AND_CRYPTO' | 'SECURITY_DEPARTMENT' | 'INTEGRITY_RECORDS';
  passed: boolean;
  reasonZh: string;
  reasonEn: string;
  source: string;
}

/** Eligibility of an operator applicant, criterion by criterion, as the jurisdiction's profile requires. */
export function evaluateEligibility(profile: EffectiveProfile, a: ApplicantFacts, asOf: LocalDate): { eligible: boolean; criteria: CriterionResult[] } {
  const e = profile.eligibility.value;
  const source = profile.eligibility.source;
  const out: CriterionResult[] = [];
  if (e.minYearsInBusiness !== null) {
    // "more than N years": founded strictly before asOf − N years.
    const passed = a.foundedOn < addYears(asOf, -e.minYearsInBusiness);
    out.push({ criterion: 'YEARS_IN_BUSINESS', passed, source, reasonZh: passed ? `成立于${a.foundedOn}，超过${e.minYearsInBusiness}年` : `成立于${a.foundedOn}，未超过${e.minYearsInBusiness}年`, reasonEn: passed ? `Founded ${a.foundedOn}: more than ${e.minYearsInBusiness} years` : `Founded ${a.foundedOn}: not more than ${e.minYearsInBusiness} years` });
  }
  if (e.allowedTaxGrades) {
    const year = Number(asOf.slice(0, 4)) - 1;
    const grade = a.taxGrades.find((g) => g.year === year)?.grade ?? null;
    const passed = grade !== null && e.allowedTaxGrades.includes(grade);
    out.push({ criterion: 'TAX_CREDIT_GRADE', passed, source, reasonZh: grade ? `${year}年纳税信用等级为${grade}` : `缺少${year}年纳税信用等级`, reasonEn: grade ? `Tax credit grade ${grade} for ${year}` : `No tax credit grade for ${year}` });
  }
  if (e.seriousPenaltyWindowYears !== null) {
    const from = addYears(asOf, -e.seriousPenaltyWindowYears);
    const hit = a.penalties.filter((p) => p.severity === 'SERIOUS' && p.date >= from && p.date <= asOf);
    out.push({ criterion: 'SERIOUS_PENALTY', passed: hit.length === 0, source, reasonZh: hit.length ? `${from}以来有严重行政处罚（${hit.map((p) => p.date).join('、')}）` : `${from}以来无严重行政处罚`, reasonEn: hit.length ? `Serious administrative penalty since ${from} (${hit.map((p) => p.date).join(', ')})` : `No serious administrative penalty since ${from}` });
  }
  if (e.dishonestListBars) {
    const listed = a.dishonestListEntries.filter((d) => d.listedOn <= asOf && (!d.removedOn || d.removedOn > asOf));
    out.push({ criterion: 'DISHONEST_LIST', passed: listed.length === 0, source, reasonZh: listed.length ? `在失信名单中：${listed.map((d) => d.list).join('、')}` : '不在失信名单中', reasonEn: listed.length ? `On dishonesty lists: ${listed.map((d) => d.list).join(', ')}` : 'Not on any dishonesty list' });
  }
  if (e.securityIncidentWindowYears !== null || e.majorIncidentOnly) {
    const from = e.securityIncidentWindowYears !== null ? addYears(asOf, -e.securityIncidentWindowYears) : '0000-01-01';
    const hit = a.securityIncidents.filter((i) => i.date >= from && i.date <= asOf && (!e.majorIncidentOnly || i.severity === 'MAJOR'));
    const what = e.majorIncidentOnly ? '较大影响的安全事件' : '网络或数据安全事件';
    const whatEn = e.majorIncidentOnly ? 'security incident with a large impact' : 'cyber or data security incident';
    out.push({ criterion: 'SECURITY_INCIDENT', passed: hit.length === 0, source, reasonZh: hit.length ? `发生过${what}（${hit.map((i) => i.date).join('、')}）` : `无${what}`, reasonEn: hit.length ? `Had a ${whatEn} (${hit.map((i) => i.date).join(', ')})` : `No ${whatEn}` });
  }
  if (e.requireMlps3AndCrypto) {
    const passed = a.mlps3Experience && a.commercialCryptoExperience;
    out.push({ criterion: 'MLPS3_AND_CRYPTO', passed, source, reasonZh: passed ? '具备等保三级及商用密码测评经验' : '缺少等保三级或商用密码测评经验', reasonEn: passed ? 'Has MLPS level-3 and commercial cryptography experience' : 'Lacks MLPS level-3 or commercial cryptography experience' });
  }
  if (e.requireSecurityDepartment) {
    const passed = !!a.securityDepartment?.name && !!a.securityDepartment?.head;
    out.push({ criterion: 'SECURITY_DEPARTMENT', passed, source, reasonZh: passed ? `安全部门：${a.securityDepartment!.name}，负责人${a.securityDepartment!.head}` : '未明确安全管理部门及负责人', reasonEn: passed ? `Security department ${a.securityDepartment!.name}, head ${a.securityDepartment!.head}` : 'No named security department and head' });
  }
  return { eligible: out.every((c) => c.passed), criteria: out };
}

/**
 * Earliest day retained logs may be purged after exit (ZJC ≥ 6 months): the day after the retention
 * period, which starts the day after exit and ends on the corresponding day (Civil Code Arts 201–202).
 * Exit 2026-08-31, 6 months → kept through 2027-02-28, purged from 2027-03-01. No period: from exit.
 */
export function logPurgeEarliestDate(profile: EffectiveProfile, exitDate: LocalDate): LocalDate {
  const months = profile.logRetentionMonthsAfterExit.value;
  return months === 0 ? exitDate : addDays(periodAfter(exitDate, { months }).last, 1);
}

/** Last day a security review is valid (ZJC 2 years); null when the profile sets no validity. */
export function securityReviewValidUntil(profile: EffectiveProfile, reviewedOn: LocalDate): LocalDate | null {
  const m = profile.securityReviewValidityMonths.value;
  // A validity that begins on the review day counts that day (a term, Civil Code Art 204; docs/policy/periods.md).
  return m === null ? null : termEnd(reviewedOn, { months: m });
}

/** Registration (登记) timers of RG, in the jurisdiction's working days. */
export function registrationDeadlines(profile: EffectiveProfile, calendar: WorkingDayCalendar) {
  const r = profile.registration.value;
  return {
    /** First application: within 20 wd after the data is provided or the product delivered; operations before the cut-off: 30 wd after it (RG Art 9). */
    firstApplicationDue(providedOn: LocalDate): LocalDate {
      if (providedOn < r.legacyOperationsCutoff) return calendar.addWorkingDays(addDays(r.legacyOperationsCutoff, -1), r.legacyApplyWorkingDays);
      return calendar.addWorkingDays(providedOn, r.applyWithinWorkingDays);
    },
    acceptanceDue: (submittedOn: LocalDate) => calendar.addWorkingDays(submittedOn, r.acceptanceWorkingDays),
    formalReviewDue: (acceptedOn: LocalDate) => calendar.addWorkingDays(acceptedOn, r.formalReviewWorkingDays),
    publicNoticeEnds: (startedOn: LocalDate) => calendar.addWorkingDays(startedOn, r.publicNoticeWorkingDays),
    cancellationDue: (acceptedOn: LocalDate) => calendar.addWorkingDays(acceptedOn, r.cancellationWorkingDays),
    /** 3 years from coding; a product under a shorter agreement: the agreement's end (RG Art 15). */
    validUntil(codedOn: LocalDate, agreementEnd?: LocalDate | null): LocalDate {
      const full = termEnd(codedOn, { years: r.validityYears });
      return agreementEnd && agreementEnd < full ? agreementEnd : full;
    },
    /** "届满前60日内" (RG Art 15): the 60-day period ending on the last day of validity, both ends included. */
    renewalWindowOpens: (validUntil: LocalDate) => periodEndingOn(validUntil, { days: r.renewalWindowDays }).first,
    /** A renewal runs from the day after expiry for up to 3 years. */
    renewedUntil: (validUntil: LocalDate) => termEnd(addDays(validUntil, 1), { years: r.renewalTermYears }),
  };
}

export interface PermittedRevenueInput {
  costItemsFen: Record<string, bigint>;
  subsidiesFen: bigint;
  taxesFen: bigint;
  bondYieldPercent: Decimal;
  markupPp: Decimal;
  profile: EffectiveProfile;
}

/**
 * Maximum permitted revenue (最高准许收入, PN §3(1)): operating cost (net of subsidies) + cost ×
 * (10-year bond yield + markup) + taxes. Profit is rounded half-up to the fen.
 */
export function permittedRevenue(i: PermittedRevenueInput): { ok: true; operatingCostFen: bigint; ratePercent: Decimal; permittedProfitFen: bigint; marFen: bigint; working: string[] } | ({ ok: false } & Violation) {
  const p = i.profile.pricing.value;
  const max = Decimal.parse(p.maxMarkupPp);
  if (i.markupPp.isNegative() || i.markupPp.gt(max)) {
    return { ok: false, rule: 'MARKUP_ABOVE_MAX', source: i.profile.pricing.source, messageZh: `利润加成不得超过${p.maxMarkupPp}个百分点`, messageEn: `The markup may not exceed ${p.maxMarkupPp} percentage points` };
  }
  if (p.markupFixed && !i.markupPp.eq(max)) {
    return { ok: false, rule: 'MARKUP_FIXED', source: i.profile.pricing.source, messageZh: `本辖区利润加成固定为${p.maxMarkupPp}个百分点`, messageEn: `The markup is fixed at ${p.maxMarkupPp} percentage points here` };
  }
  const gross = Object.values(i.costItemsFen).reduce((a, b) => a + b, 0n);
  const operatingCostFen = gross - i.subsidiesFen;
  const ratePercent = i.bondYieldPercent.add(i.markupPp);
  const permittedProfitFen = Decimal.fromBigInt(operatingCostFen).mul(ratePercent).div(Decimal.fromBigInt(100n), 0, 'HALF_UP').units;
  const marFen = operatingCostFen + permittedProfitFen + i.taxesFen;
  const y = (f: bigint) => `${f < 0n ? '-' : ''}${(f < 0n ? -f : f) / 100n}.${((f < 0n ? -f : f) % 100n).toString().padStart(2, '0')}`;
  const working = [
    ...Object.entries(i.costItemsFen).map(([k, v]) => `cost item ${k}: ${y(v)}`),
    `operating cost = ${y(gross)} − subsidies ${y(i.subsidiesFen)} = ${y(operatingCostFen)}`,
    `rate = bond yield ${i.bondYieldPercent.toString()}% + markup ${i.markupPp.toString()} pp = ${ratePercent.toString()}%`,
    `permitted profit = ${y(operatingCostFen)} × ${ratePercent.toString()}% = ${y(permittedProfitFen)} (half-up to the fen)`,
    `MAR = ${y(operatingCostFen)} + ${y(permittedProfitFen)} + taxes ${y(i.taxesFen)} = ${y(marFen)}`,
  ];
  return { ok: true, operatingCostFen, ratePercent, permittedProfitFen, marFen, working };
}

/** PN §4: yearly deviation of actual revenue from the MAR, both directions, and who must act. */
export function deviation(actualFen: bigint, marFen: bigint, bandPercent: Decimal | string): { deviationPercent: Decimal; action: 'NONE' | 'OPERATOR_ADJUSTS_PRICES' | 'AUTHORITY_RESETS_CAP' } {
  if (marFen <= 0n) throw new Error('MAR must be positive');
  const diff = actualFen - marFen;
  const pct = Decimal.fromBigInt(diff < 0n ? -diff : diff).mul(Decimal.fromBigInt(100n)).div(Decimal.fromBigInt(marFen), 2, 'HALF_UP');
  if (diff === 0n) return { deviationPercent: pct, action: 'NONE' };
  const band = Decimal.of(bandPercent);
  // Compare on the exact ratio, not the rounded percentage: 10.004% is above a 10% band.
  const above = Decimal.fromBigInt(diff < 0n ? -diff : diff).mul(Decimal.fromBigInt(100n)).gt(band.mul(Decimal.fromBigInt(marFen)));
  return { deviationPercent: pct, action: above ? 'AUTHORITY_RESETS_CAP' : 'OPERATOR_ADJUSTS_PRICES' };
}
