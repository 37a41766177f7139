/** The `securityDuties` setting (docs/policy/security-duties.md): each jurisdiction's own, with its source; nothing where a seed is silent. */
import { describe, expect, it } from 'vitest';
import { applyProfileEdit, resolveProfile } from '../src/index.js';

describe('security duties per jurisdiction', () => {
  it('JL: the operator and the data service providers keep a plan; a leak, destruction or loss activates it (JL §八(三))', () => {
    const d = resolveProfile('JL').securityDuties;
    expect(d.value).toMatchObject({ emergencyPlanHolders: ['OPERATOR', 'SERVICE_PROVIDER'], incidentActivatesPlan: true, drillIntervalMonths: null, thirdPartyAssessment: false, formalTalkGrounds: [] });
    expect(d.source).toMatch(/^JL §八\(三\)/);
  });
  it('HN: the primary developer keeps a plan (Art 8(三)); a major risk or an overdue rectification grounds a talk with the principal (Art 22)', () => {
    const d = resolveProfile('HN').securityDuties;
    expect(d.value).toMatchObject({ emergencyPlanHolders: ['OPERATOR'], formalTalkGrounds: ['MAJOR_RISK', 'OVERDUE_RECTIFICATION'], formalTalkWith: 'PRINCIPAL', incidentActivatesPlan: false });
    expect(d.source).toMatch(/HN Art 8\(三\).*HN Art 22/);
  });
  it('TZ: periodic third-party assessments without a stated interval; a significant risk grounds a talk with the operator (Art 27)', () => {
    const d = resolveProfile('TZ').securityDuties;
    expect(d.value).toMatchObject({ thirdPartyAssessment: true, assessmentIntervalMonths: null, formalTalkGrounds: ['ASSESSMENT_RISK'], formalTalkWith: 'OPERATOR', emergencyPlanHolders: [] });
    expect(d.source).toMatch(/^TZ Art 27/);
  });
  it('ZJC: one plan per authorization, drills organized by the authority, no interval stated', () => {
    const p = resolveProfile('ZJC');
    expect(p.emergencyPlanPerAuthorization).toMatchObject({ value: true, source: expect.stringMatching(/ZJC §五\(四\)/) });
    expect(p.securityDuties.value).toMatchObject({ emergencyPlanHolders: ['OPERATOR'], drillsRequired: true, drillIntervalMonths: null });
  });
  it('QHD and national: not regulated — no holder, no drill, no assessment, no ground for a talk', () => {
    for (const code of ['QHD', 'NATIONAL']) {
      const d = resolveProfile(code).securityDuties;
      expect(d.source, code).toBe('platform default: not regulated');
      expect(d.value, code).toEqual({ emergencyPlanHolders: [], drillsRequired: false, drillIntervalMonths: null, thirdPartyAssessment: false, assessmentIntervalMonths: null, formalTalkGrounds: [], formalTalkWith: null, incidentActivatesPlan: false });
    }
  });
  it('an authority may set a drill interval with its source; nonsense is refused field by field', () => {
    const base = resolveProfile('ZJC').securityDuties.value;
    const next = applyProfileEdit({}, { securityDuties: { value: { ...base, drillIntervalMonths: 12 }, source: '县数据局通知〔2026〕3号' } });
    expect(resolveProfile('ZJC', next).securityDuties).toEqual({ value: { ...base, drillIntervalMonths: 12 }, source: '县数据局通知〔2026〕3号' });
    const bad = (v: object) => () => applyProfileEdit({}, { securityDuties: { value: { ...base, ...v } as never, source: 'x' } });
    expect(bad({ drillIntervalMonths: 0 })).toThrow(/securityDuties.drillIntervalMonths/);
    expect(bad({ assessmentIntervalMonths: 1.5 })).toThrow(/securityDuties.assessmentIntervalMonths/);
    expect(bad({ emergencyPlanHolders: ['DEVELOPER'] })).toThrow(/securityDuties.emergencyPlanHolders/);
    expect(bad({ formalTalkGrounds: ['MAJOR_RISK', 'MAJOR_RISK'] })).toThrow(/securityDuties.formalTalkGrounds/);
    expect(bad({ formalTalkWith: 'ANYONE' })).toThrow(/securityDuties.formalTalkWith/);
  });
});

describe('the pricing authority’s part (pricingAuthority)', () => {
  it('sets the MAR and designates the bond yield with the data authority, never the caps (PN §2(1)–(2), §3(1))', () => {
    const n = resolveProfile('NATIONAL').pricingAuthority;
    expect(n.value).toEqual({ setsMaximumRevenue: true, designatesBondYield: true, setsCaps: false });
    expect(n.source).toMatch(/^PN §2\(1\)/);
  });
  it('JL and QHD name it in their own words; HN and ZJC refer to it; TZ is silent and takes the national part', () => {
    expect(resolveProfile('JL').pricingAuthority.source).toMatch(/^JL §八\(二\): 由发改部门会同实施机构/);
    expect(resolveProfile('QHD').pricingAuthority.source).toMatch(/^QHD §三\(三\)3\(2\): 发展改革部门会同数据主管部门/);
    expect(resolveProfile('HN').pricingAuthority.source).toMatch(/^HN Art 15/);
    expect(resolveProfile('ZJC').pricingAuthority.source).toMatch(/^ZJC §三\(五\)5/);
    expect(resolveProfile('TZ').pricingAuthority).toEqual(resolveProfile('NATIONAL').pricingAuthority);
    for (const j of ['NATIONAL', 'HN', 'JL', 'QHD', 'TZ', 'ZJC']) expect(resolveProfile(j).pricingAuthority.value.setsCaps, j).toBe(false);
  });
  it('an edit is shape-checked like every setting', () => {
    expect(() => applyProfileEdit({}, { pricingAuthority: { value: { setsMaximumRevenue: 'yes', designatesBondYield: true, setsCaps: false } as never, source: 'x' } })).toThrow(/pricingAuthority.setsMaximumRevenue/);
  });
});

describe('industry departments in scenario review (industryDepartments)', () => {
  it('JL: the agency reviews together with them (JL §五5); nowhere else does a text give them that part', () => {
    expect(resolveProfile('JL').industryDepartments).toEqual({ value: { scenarioReviewOpinion: true }, source: 'JL §五5: 实施机构会同行业主管部门审核申请' });
    for (const j of ['NATIONAL', 'HN', 'QHD', 'TZ', 'ZJC']) expect(resolveProfile(j).industryDepartments, j).toEqual({ value: { scenarioReviewOpinion: false }, source: 'platform default: not regulated' });
  });
});
