/** Security-duty rules (docs/policy/security-duties.md): worked examples per jurisdiction, periods by the Civil Code. */
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '@pdo/policy';
import { assessmentReportDue, checkAssessmentReport, checkPlanAuthorization, drillIntervalMonths, isOverdue, nextDrillDue, talkBasis } from '../src/domain/security-duties.js';
import { incidentObligations, planActivationRule } from '../src/domain/incidents.js';

describe('drills', () => {
  it('no seed states an interval: the plan’s own schedule applies, and without one no drill falls due', () => {
    for (const j of ['NATIONAL', 'HN', 'JL', 'QHD', 'TZ', 'ZJC']) {
      expect(drillIntervalMonths(resolveProfile(j), null), j).toBeNull();
      expect(drillIntervalMonths(resolveProfile(j), 6), j).toEqual({ months: 6, source: 'the emergency plan’s own drill schedule' });
    }
  });
  it('an interval an authority sets binds over the plan’s own', () => {
    const zjc = resolveProfile('ZJC', { securityDuties: { value: { ...resolveProfile('ZJC').securityDuties.value, drillIntervalMonths: 12 }, source: '县通知' } });
    expect(drillIntervalMonths(zjc, 6)).toEqual({ months: 12, source: '县通知' });
  });
  it('counts months as Civil Code Arts 201–202: from the corresponding day, or the month’s last day', () => {
    expect(nextDrillDue('2026-01-31', { months: 6 })).toBe('2026-07-31');
    expect(nextDrillDue('2025-08-31', { months: 6 })).toBe('2026-02-28');
    expect(nextDrillDue('2023-08-31', { months: 6 })).toBe('2024-02-29');
    expect(nextDrillDue('2026-01-31', null)).toBeNull();
  });
  it('is overdue from the day after the due day (the last day counts in full, Art 203)', () => {
    expect(isOverdue('2026-07-31', '2026-07-31')).toBe(false);
    expect(isOverdue('2026-07-31', '2026-08-01')).toBe(true);
    expect(isOverdue(null, '2099-01-01')).toBe(false);
  });
});

describe('plans', () => {
  it('ZJC: one plan per authorization — a plan must name its authorization; elsewhere it may', () => {
    expect(() => checkPlanAuthorization(resolveProfile('ZJC'), null)).toThrow(/一授权一预案/);
    expect(() => checkPlanAuthorization(resolveProfile('ZJC'), 'a')).not.toThrow();
    for (const j of ['HN', 'JL', 'TZ', 'QHD']) expect(() => checkPlanAuthorization(resolveProfile(j), null), j).not.toThrow();
  });
});

describe('assessments', () => {
  it('TZ says "periodically" without a number: the authority gives the due date; an interval it sets is counted from the last assessment', () => {
    expect(() => assessmentReportDue(resolveProfile('TZ'), null, '2026-03-01', null)).toThrow(/reportDueOn|报告期限/);
    expect(assessmentReportDue(resolveProfile('TZ'), '2026-06-30', '2026-03-01', null)).toBe('2026-06-30');
    const tz = resolveProfile('TZ', { securityDuties: { value: { ...resolveProfile('TZ').securityDuties.value, assessmentIntervalMonths: 12 }, source: '市通知' } });
    expect(assessmentReportDue(tz, null, '2026-03-01', '2025-02-28')).toBe('2026-02-28');
  });
  it('a significant or major risk needs a follow-up with a deadline after the assessment', () => {
    expect(() => checkAssessmentReport('SIGNIFICANT', null, null, '2026-03-01')).toThrow(/follow-up/);
    expect(() => checkAssessmentReport('MAJOR', '整改', '2026-03-01', '2026-03-01')).toThrow(/after the assessment/);
    expect(() => checkAssessmentReport('LOW', null, null, '2026-03-01')).not.toThrow();
  });
});

describe('formal talks (约谈)', () => {
  it('TZ: an assessment’s significant risk is a ground of TZ Art 27; a low risk is not', () => {
    expect(talkBasis(resolveProfile('TZ'), 'ASSESSMENT_RISK', null, { riskLevel: 'SIGNIFICANT' })).toMatch(/^TZ Art 27/);
    expect(() => talkBasis(resolveProfile('TZ'), 'ASSESSMENT_RISK', null, { riskLevel: 'LOW' })).toThrow(/no significant risk/);
    expect(() => talkBasis(resolveProfile('TZ'), 'ASSESSMENT_RISK', null, null)).toThrow(/Name the security assessment/);
  });
  it('HN: a major risk or an overdue rectification is a ground of HN Art 22', () => {
    expect(talkBasis(resolveProfile('HN'), 'OVERDUE_RECTIFICATION', null, null)).toMatch(/HN Art 22/);
    expect(talkBasis(resolveProfile('HN'), 'MAJOR_RISK', null, null)).toMatch(/HN Art 22/);
  });
  it('where the text provides no ground (QHD, JL, ZJC; TZ for a major risk) the authority must cite its own basis', () => {
    for (const j of ['QHD', 'JL', 'ZJC']) {
      expect(() => talkBasis(resolveProfile(j), 'MAJOR_RISK', null, null), j).toThrow(/cite the basis/);
      expect(talkBasis(resolveProfile(j), 'OTHER', ' 《数据安全法》第44条 ', null), j).toBe('《数据安全法》第44条');
    }
    expect(() => talkBasis(resolveProfile('TZ'), 'OVERDUE_RECTIFICATION', '', null)).toThrow(/cite the basis/);
  });
});

describe('data destruction (毁损)', () => {
  it('HN: is reported to the cyberspace authority like a leak (HN Art 18) and stops nothing by itself', () => {
    const hn = resolveProfile('HN').cyberspaceNotice;
    expect(incidentObligations('DATA_DESTRUCTION', hn, resolveProfile('HN').linkageStop)).toEqual({ stopProcessing: false, stopRule: null, reportTo: [], notifyCyberspace: true, notifyRule: hn.source });
    expect(hn.source).toMatch(/^HN Art 18/);
  });
  it('where no text requires a cyberspace notice (JL, QHD, TZ, ZJC, national) none is required, and nothing but a linkage stops', () => {
    for (const j of ['JL', 'QHD', 'TZ', 'ZJC', 'NATIONAL']) {
      const p = resolveProfile(j);
      for (const t of ['DATA_LEAK', 'DATA_LOSS', 'TAMPERING', 'DATA_DESTRUCTION'] as const) expect(incidentObligations(t, p.cyberspaceNotice, p.linkageStop), `${j} ${t}`).toMatchObject({ stopProcessing: false, stopRule: null, notifyCyberspace: false, notifyRule: null });
      expect(incidentObligations('RISKY_LINKAGE', p.cyberspaceNotice, p.linkageStop), j).toMatchObject({ notifyCyberspace: false });
    }
  });
});

describe('risky linkage (linkageStop): stops processing only where a text says so', () => {
  const linkage = (j: string) => {
    const p = resolveProfile(j);
    return incidentObligations('RISKY_LINKAGE', p.cyberspaceNotice, p.linkageStop);
  };
  it('HN Art 18: stops at once, reported to the implementing agency and the data authority at the same level', () => {
    const o = linkage('HN');
    expect(o).toMatchObject({ stopProcessing: true, notifyCyberspace: false });
    expect(o.stopRule).toMatch(/^HN Art 18: .*立即停止数据处理和运营活动/);
    expect(o.reportTo).toEqual(['实施机构 | the implementing agency', '本级公共数据主管部门 | the public data authority at the same level']);
  });
  it('ZJC §三(五)6: stops at once, reported to the public data authority', () => {
    const o = linkage('ZJC');
    expect(o).toMatchObject({ stopProcessing: true, reportTo: ['公共数据主管部门 | the public data authority'] });
    expect(o.stopRule).toMatch(/^ZJC §三\(五\)6: .*应立即停止数据处理活动/);
  });
  it('JL, QHD, TZ and national say nothing: not regulated, the linkage is recorded and nothing stops', () => {
    for (const j of ['JL', 'QHD', 'TZ', 'NATIONAL']) expect(linkage(j), j).toEqual({ stopProcessing: false, stopRule: null, reportTo: [], notifyCyberspace: false, notifyRule: null });
  });
  it('a leak never stops processing, even where a linkage does', () => {
    const p = resolveProfile('HN');
    expect(incidentObligations('DATA_LEAK', p.cyberspaceNotice, p.linkageStop)).toMatchObject({ stopProcessing: false, stopRule: null, notifyCyberspace: true });
  });
  it('JL: activates the emergency plan (JL §八(三)); not where the profile is silent', () => {
    expect(planActivationRule('DATA_DESTRUCTION', resolveProfile('JL').securityDuties)).toMatch(/^JL §八\(三\)/);
    expect(planActivationRule('TAMPERING', resolveProfile('JL').securityDuties)).toBeNull();
    for (const j of ['HN', 'QHD', 'TZ', 'ZJC', 'NATIONAL']) expect(planActivationRule('DATA_DESTRUCTION', resolveProfile(j).securityDuties), j).toBeNull();
  });
});
