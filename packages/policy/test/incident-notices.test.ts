/** The `cyberspaceNotice` setting (docs/policy/security-duties.md, "Incidents"): HN Art 18 only; elsewhere not regulated. */
import { describe, expect, it } from 'vitest';
import { applyProfileEdit, resolveProfile } from '../src/index.js';

describe('incident notices to the cyberspace (网信) authority per jurisdiction', () => {
  it('HN: a leak, loss, tampering or destruction is also reported to the cyberspace authority (HN Art 18)', () => {
    const n = resolveProfile('HN').cyberspaceNotice;
    expect(n.value.incidentTypes).toEqual(['DATA_LEAK', 'DATA_LOSS', 'TAMPERING', 'DATA_DESTRUCTION']);
    expect(n.source).toMatch(/^HN Art 18/);
    // Risky linkage is not one of the notices (whether it stops processing is `linkageStop`).
    expect(n.value.incidentTypes).not.toContain('RISKY_LINKAGE');
  });
  it('JL: its texts require activating the plan and telling the implementing agency (§八(三)), not a cyberspace notice', () => {
    expect(resolveProfile('JL').cyberspaceNotice).toEqual({ value: { incidentTypes: [] }, source: 'platform default: not regulated' });
    expect(resolveProfile('JL').securityDuties.value.incidentActivatesPlan).toBe(true);
  });
  it('QHD, TZ (Art 26: report at the first moment, to whom it does not say), ZJC and national: no notice is required', () => {
    for (const code of ['QHD', 'TZ', 'ZJC', 'NATIONAL']) {
      expect(resolveProfile(code).cyberspaceNotice, code).toEqual({ value: { incidentTypes: [] }, source: 'platform default: not regulated' });
    }
  });
  it('an authority that is told to notify by its own notice edits it in with the source; unknown or repeated types are refused', () => {
    const next = applyProfileEdit({}, { cyberspaceNotice: { value: { incidentTypes: ['DATA_LEAK'] }, source: '县网信办通知〔2026〕1号' } });
    expect(resolveProfile('ZJC', next).cyberspaceNotice).toEqual({ value: { incidentTypes: ['DATA_LEAK'] }, source: '县网信办通知〔2026〕1号' });
    const bad = (incidentTypes: unknown) => () => applyProfileEdit({}, { cyberspaceNotice: { value: { incidentTypes } as never, source: 'x' } });
    expect(bad(['RISKY_LINKAGE'])).toThrow(/cyberspaceNotice.incidentTypes/);
    expect(bad(['DATA_LEAK', 'DATA_LEAK'])).toThrow(/cyberspaceNotice.incidentTypes/);
    expect(bad('DATA_LEAK')).toThrow(/cyberspaceNotice.incidentTypes/);
  });
});
