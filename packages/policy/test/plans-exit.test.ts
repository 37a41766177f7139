/**
 * Implementation plans (NS Arts 8, 11–12; HN Art 11; QHD §三(三)3(1)), exit checklists (QHD §三(二)3; ZJC §三(四)3(6);
 * JL §六7) and designated exchanges (QHD §三(一)2; ZJC §三(五)4), with a worked example per jurisdiction that has the rule.
 */
import { describe, expect, it } from 'vitest';
import { applyProfileEdit, checkDesignatedExchange, checkExitDuty, checkPlanDrafter, checkPlanInForce, exitDutiesOutstanding, planChangeIsMajor, resolveProfile } from '../src/index.js';

describe('implementation plan (实施方案)', () => {
  it('is drafted by whom the profile says: HN the implementing agency, QHD the city data bureau, national either', () => {
    expect(checkPlanDrafter(resolveProfile('HN'), 'AGENCY').ok).toBe(true);
    expect(checkPlanDrafter(resolveProfile('HN'), 'AUTHORITY')).toMatchObject({ ok: false, rule: 'PLAN_DRAFTER', source: expect.stringContaining('HN Art 11') });
    expect(checkPlanDrafter(resolveProfile('QHD'), 'AGENCY')).toMatchObject({ ok: false, messageZh: expect.stringContaining('数据主管部门') });
    for (const j of ['NATIONAL', 'JL', 'TZ', 'ZJC']) for (const r of ['AUTHORITY', 'AGENCY']) expect(checkPlanDrafter(resolveProfile(j), r).ok).toBe(true);
    expect(checkPlanDrafter(resolveProfile('NATIONAL'), 'OPERATOR').ok).toBe(false);
  });

  it('QHD: a change of scenarios or revenue distribution is major whatever the drafter declares; a contact-list change is not', () => {
    const qhd = resolveProfile('QHD');
    expect(planChangeIsMajor(qhd, ['SCENARIOS'], false)).toMatchObject({ major: true, matched: ['SCENARIOS'], source: expect.stringContaining('QHD §三(三)3(1)') });
    expect(planChangeIsMajor(qhd, ['REVENUE_DISTRIBUTION', 'OTHER'], false)).toMatchObject({ major: true, matched: ['REVENUE_DISTRIBUTION'] });
    expect(planChangeIsMajor(qhd, ['OTHER'], false)).toMatchObject({ major: false, matched: [] });
    expect(planChangeIsMajor(qhd, ['OTHER'], true).major).toBe(true);
  });

  it('national and HN name no grounds (NS Art 11 "较大变更"): the declaration decides', () => {
    for (const j of ['NATIONAL', 'HN']) {
      expect(planChangeIsMajor(resolveProfile(j), ['SCENARIOS'], false).major).toBe(false);
      expect(planChangeIsMajor(resolveProfile(j), ['SCENARIOS'], true).major).toBe(true);
    }
  });

  it('an agreement needs an approved plan in force everywhere (NS Art 12), unless an authority edits the requirement away', () => {
    for (const j of ['NATIONAL', 'HN', 'JL', 'QHD', 'TZ', 'ZJC']) {
      expect(checkPlanInForce(resolveProfile(j), null)).toMatchObject({ ok: false, rule: 'PLAN_IN_FORCE', source: expect.stringMatching(/Art 12|HN Art 11|QHD/) });
      expect(checkPlanInForce(resolveProfile(j), { id: 'p', status: 'DRAFTED' }).ok).toBe(false);
      expect(checkPlanInForce(resolveProfile(j), { id: 'p', status: 'APPROVED' }).ok).toBe(true);
    }
    const edited = applyProfileEdit({}, { implementationPlan: { value: { ...resolveProfile('JL').implementationPlan.value, required: false }, source: '某市通知' } });
    expect(checkPlanInForce(resolveProfile('JL', edited), null).ok).toBe(true);
    expect(() => applyProfileEdit({}, { implementationPlan: { value: { ...resolveProfile('JL').implementationPlan.value, drafters: ['OPERATOR'] } as never, source: 'x' } })).toThrow(/implementationPlan.drafters/);
    expect(() => applyProfileEdit({}, { implementationPlan: { value: { ...resolveProfile('JL').implementationPlan.value, majorChangeGrounds: ['PRICE'] } as never, source: 'x' } })).toThrow(/majorChangeGrounds/);
  });
});

describe('exit checklist (退出)', () => {
  it('QHD: take back permissions, transfer, destroy what cannot be transferred, then file with the province', () => {
    const qhd = resolveProfile('QHD');
    expect(exitDutiesOutstanding(qhd, [])).toEqual(['PERMISSIONS_CLOSED', 'TRANSFERRED_TO_SUCCESSOR', 'UNTRANSFERABLE_DESTROYED', 'EXIT_FILED']);
    expect(checkExitDuty(qhd, 'EXIT_FILED', ['PERMISSIONS_CLOSED', 'TRANSFERRED_TO_SUCCESSOR'])).toMatchObject({ ok: false, rule: 'EXIT_FILING_EARLY', messageEn: 'File only after: UNTRANSFERABLE_DESTROYED', source: expect.stringContaining('QHD §三(二)3') });
    expect(checkExitDuty(qhd, 'EXIT_FILED', ['PERMISSIONS_CLOSED', 'TRANSFERRED_TO_SUCCESSOR', 'UNTRANSFERABLE_DESTROYED']).ok).toBe(true);
    expect(checkExitDuty(qhd, 'RETAINED_DATA_DELETED', [])).toMatchObject({ ok: false, rule: 'EXIT_DUTY_NOT_LISTED' });
    expect(checkExitDuty(qhd, 'PERMISSIONS_CLOSED', ['PERMISSIONS_CLOSED'])).toMatchObject({ ok: false, rule: 'EXIT_DUTY_DONE' });
    expect(qhd.exitDuties.value.filingWith).toMatch(/省数政局/);
  });

  it('ZJC and JL: permissions closed and retained data deleted, no filing; national, HN, TZ: no checklist (not regulated)', () => {
    for (const j of ['ZJC', 'JL']) expect(exitDutiesOutstanding(resolveProfile(j), ['PERMISSIONS_CLOSED'])).toEqual(['RETAINED_DATA_DELETED']);
    expect(resolveProfile('ZJC').exitDuties.source).toMatch(/ZJC §三\(四\)3\(6\)/);
    expect(resolveProfile('JL').exitDuties.source).toMatch(/JL §六7/);
    for (const j of ['NATIONAL', 'HN', 'TZ']) {
      expect(exitDutiesOutstanding(resolveProfile(j), [])).toEqual([]);
      expect(resolveProfile(j).exitDuties.source).toBe('platform default: not regulated');
    }
  });

  it('an edit keeps the filing item and its body together', () => {
    expect(() => applyProfileEdit({}, { exitDuties: { value: { items: ['EXIT_FILED'], filingWith: null }, source: 'x' } })).toThrow(/exitDuties.filingWith/);
    expect(() => applyProfileEdit({}, { exitDuties: { value: { items: ['PERMISSIONS_CLOSED', 'PERMISSIONS_CLOSED'], filingWith: null }, source: 'x' } })).toThrow(/exitDuties.items/);
    expect(applyProfileEdit({}, { exitDuties: { value: { items: ['PERMISSIONS_CLOSED', 'EXIT_FILED'], filingWith: '省数据局' }, source: 'x' } }).exitDuties?.value.items).toEqual(['PERMISSIONS_CLOSED', 'EXIT_FILED']);
  });
});

describe('designated exchange (交易场所)', () => {
  it('QHD and ZJC list only through their venue, with its listing reference; HN encourages; elsewhere not regulated', () => {
    const zjc = resolveProfile('ZJC');
    expect(checkDesignatedExchange(zjc, null, null)).toMatchObject({ ok: false, rule: 'DESIGNATED_EXCHANGE', messageZh: expect.stringContaining('新昌专区'), source: expect.stringContaining('ZJC §三(五)4') });
    expect(checkDesignatedExchange(zjc, '浙江大数据交易服务平台新昌专区', ' ').ok).toBe(false);
    expect(checkDesignatedExchange(zjc, '浙江大数据交易服务平台新昌专区', 'XC-2026-001').ok).toBe(true);
    expect(checkDesignatedExchange(resolveProfile('QHD'), null, null)).toMatchObject({ ok: false, source: expect.stringContaining('QHD §三(一)2') });
    for (const j of ['NATIONAL', 'HN', 'JL', 'TZ']) expect(checkDesignatedExchange(resolveProfile(j), null, null).ok).toBe(true);
    expect(resolveProfile('HN').designatedExchange.source).toMatch(/鼓励/);
    expect(() => applyProfileEdit({}, { designatedExchange: { value: { required: true, venue: null }, source: 'x' } })).toThrow(/designatedExchange.venue/);
  });
});
