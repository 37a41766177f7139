/**
 * Returned data (回流数据) needs the providing province's consent before it is granted (ZJC §三(五)2: 涉及省回流数据的，
 * 应经省公共数据主管部门同意); every other profile leaves it "not regulated". Worked examples of the pure rule.
 */
import { describe, expect, it } from 'vitest';
import { applyProfileEdit, consentCovers, consentedUntil, consentInForce, PROFILES, resolveProfile, returnedDataWithoutConsent, type ReturnedDataConsentFacts } from '../src/index.js';

const OP = '00000000-0000-7000-8000-00000000000a';
const AG = '00000000-0000-7000-8000-00000000000b';
const SC = '00000000-0000-7000-8000-00000000000c';
const scope = { operatorId: OP, agreementId: AG, scenarioId: SC };
const returned = { resourceId: 'r-returned', code: 'ZJC-HOUSEHOLD', nameZh: '省回流户籍人口数据', returnedFrom: '浙江省公共数据平台' };
const own = { resourceId: 'r-own', code: 'ZJC-ENTERPRISE', nameZh: '县企业登记数据', returnedFrom: null };
const consent = (o: Partial<ReturnedDataConsentFacts> = {}): ReturnedDataConsentFacts => ({
  id: 'c1', documentNumber: '浙数局函〔2026〕12号', resourceIds: ['r-returned'], operatorId: null, agreementId: null, scenarioId: null,
  consentedOn: '2026-03-01', validUntil: '2026-12-31', revokedOn: null, ...o,
});

describe('the setting returnedDataConsent', () => {
  it('ZJC requires the provincial data authority\'s consent, citing ZJC §三(五)2; every other profile is not regulated', () => {
    const zjc = resolveProfile('ZJC').returnedDataConsent;
    expect(zjc.value).toEqual({ required: true, consentingBody: expect.stringContaining('省公共数据主管部门') });
    expect(zjc.source).toMatch(/^ZJC §三\(五\)2: 涉及省回流数据的，应经省公共数据主管部门同意/);
    for (const j of ['NATIONAL', 'HN', 'JL', 'QHD', 'TZ']) {
      expect(resolveProfile(j).returnedDataConsent).toEqual({ value: { required: false, consentingBody: null }, source: 'platform default: not regulated' });
      if (j !== 'NATIONAL') expect(PROFILES[j as 'HN'].returnedDataConsent).toBeNull();
    }
  });

  it('an authority may edit it with a source; requiring consent names who consents', () => {
    expect(applyProfileEdit({}, { returnedDataConsent: { value: { required: true, consentingBody: '省数据局 | the provincial data bureau' }, source: '省通知' } }).returnedDataConsent?.value.required).toBe(true);
    expect(() => applyProfileEdit({}, { returnedDataConsent: { value: { required: true, consentingBody: null }, source: '省通知' } })).toThrow(/returnedDataConsent.consentingBody/);
    expect(() => applyProfileEdit({}, { returnedDataConsent: { value: { required: 'yes', consentingBody: null } as never, source: '省通知' } })).toThrow(/returnedDataConsent.required/);
  });
});

describe('a grant of returned data (ZJC)', () => {
  const zjc = resolveProfile('ZJC');
  it('is refused without a consent; the jurisdiction\'s own data needs none', () => {
    expect(returnedDataWithoutConsent(zjc, [returned, own], [], scope, '2026-06-01')).toEqual([returned]);
  });

  it('is accepted with a consent in force covering the resource, and capped at its last day', () => {
    expect(returnedDataWithoutConsent(zjc, [returned, own], [consent()], scope, '2026-06-01')).toEqual([]);
    expect(consentedUntil(zjc, returned, [consent()], scope, '2026-06-01')).toBe('2026-12-31');
    expect(consentedUntil(zjc, returned, [consent(), consent({ id: 'c2', validUntil: '2027-06-30' })], scope, '2026-06-01')).toBe('2027-06-30');
    expect(consentedUntil(zjc, returned, [consent({ validUntil: null })], scope, '2026-06-01')).toBeNull();
  });

  it('counts the consent from the day it was given to its last day inclusive', () => {
    expect(consentInForce(consent(), '2026-02-28')).toBe(false);
    expect(consentInForce(consent(), '2026-03-01')).toBe(true);
    expect(consentInForce(consent(), '2026-12-31')).toBe(true);
    expect(returnedDataWithoutConsent(zjc, [returned], [consent()], scope, '2027-01-01')).toEqual([returned]);
  });

  it('is refused after revocation: from the revocation day the consent no longer holds', () => {
    const revoked = consent({ revokedOn: '2026-07-15' });
    expect(returnedDataWithoutConsent(zjc, [returned], [revoked], scope, '2026-07-14')).toEqual([]);
    expect(returnedDataWithoutConsent(zjc, [returned], [revoked], scope, '2026-07-15')).toEqual([returned]);
  });

  it('is covered only within the consent\'s scope: its resources, operator, agreement and scenario', () => {
    expect(consentCovers(consent({ resourceIds: ['other'] }), 'r-returned', scope, '2026-06-01')).toBe(false);
    expect(consentCovers(consent({ operatorId: OP, agreementId: AG, scenarioId: SC }), 'r-returned', scope, '2026-06-01')).toBe(true);
    expect(consentCovers(consent({ operatorId: 'another-operator' }), 'r-returned', scope, '2026-06-01')).toBe(false);
    expect(consentCovers(consent({ agreementId: 'another-agreement' }), 'r-returned', scope, '2026-06-01')).toBe(false);
    expect(consentCovers(consent({ scenarioId: 'another-scenario' }), 'r-returned', scope, '2026-06-01')).toBe(false);
  });
});

describe('a grant of returned data where the rule is not regulated (HN, JL)', () => {
  it('is accepted without any consent, and not capped', () => {
    for (const j of ['HN', 'JL']) {
      const p = resolveProfile(j);
      expect(returnedDataWithoutConsent(p, [returned], [], scope, '2026-06-01')).toEqual([]);
      expect(consentedUntil(p, returned, [consent()], scope, '2026-06-01')).toBeNull();
    }
  });
});
