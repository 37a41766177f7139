/** The `linkageStop` setting (docs/policy/security-duties.md, "Risky linkage"): HN Art 18 and ZJC §三(五)6; elsewhere not regulated. */
import { describe, expect, it } from 'vitest';
import { applyProfileEdit, resolveProfile } from '../src/index.js';

describe('risky linkage stops processing per jurisdiction', () => {
  it('HN Art 18: stops data processing and operation, reports to the implementing agency and the data authority at the same level', () => {
    const l = resolveProfile('HN').linkageStop;
    expect(l.value).toEqual({ stopsProcessing: true, reportTo: ['实施机构 | the implementing agency', '本级公共数据主管部门 | the public data authority at the same level'] });
    expect(l.source).toMatch(/^HN Art 18: .*立即停止数据处理和运营活动.*向实施机构和本级公共数据主管部门报告风险情况$/);
  });
  it('ZJC §三(五)6 数据安全管理: stops data processing, reports to the public data authority', () => {
    const l = resolveProfile('ZJC').linkageStop;
    expect(l.value).toEqual({ stopsProcessing: true, reportTo: ['公共数据主管部门 | the public data authority'] });
    expect(l.source).toMatch(/^ZJC §三\(五\)6: .*应立即停止数据处理活动，及时向公共数据主管部门报告风险情况$/);
  });
  it('JL, QHD, TZ and national say nothing: not regulated, no automatic stop', () => {
    for (const code of ['JL', 'QHD', 'TZ', 'NATIONAL']) {
      expect(resolveProfile(code).linkageStop, code).toEqual({ value: { stopsProcessing: false, reportTo: [] }, source: 'platform default: not regulated' });
    }
  });
  it('an authority edits it with its source; a stop must name whom it is reported to, names are unique and non-empty', () => {
    const next = applyProfileEdit({}, { linkageStop: { value: { stopsProcessing: true, reportTo: ['市数据局 | the city data bureau'] }, source: '市数据局通知〔2026〕3号' } });
    expect(resolveProfile('TZ', next).linkageStop).toEqual({ value: { stopsProcessing: true, reportTo: ['市数据局 | the city data bureau'] }, source: '市数据局通知〔2026〕3号' });
    const off = applyProfileEdit({}, { linkageStop: { value: { stopsProcessing: false, reportTo: [] }, source: '省数据局通知' } });
    expect(resolveProfile('HN', off).linkageStop.value.stopsProcessing).toBe(false);
    const bad = (value: unknown) => () => applyProfileEdit({}, { linkageStop: { value: value as never, source: 'x' } });
    expect(bad({ stopsProcessing: true, reportTo: [] })).toThrow(/linkageStop.reportTo/);
    expect(bad({ stopsProcessing: true, reportTo: ['a', 'a'] })).toThrow(/linkageStop.reportTo/);
    expect(bad({ stopsProcessing: true, reportTo: [' '] })).toThrow(/linkageStop.reportTo/);
    expect(bad({ stopsProcessing: 'yes', reportTo: ['a'] })).toThrow(/linkageStop.stopsProcessing/);
    expect(bad(null)).toThrow(/linkageStop/);
    expect(() => applyProfileEdit({}, { linkageStop: { value: { stopsProcessing: false, reportTo: [] }, source: ' ' } })).toThrow(/source/i);
  });
});
