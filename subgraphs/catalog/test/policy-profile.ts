import { describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { who } from '@pdo/testing';
import { orgByKey } from '@pdo/demo';
import type { EventName } from '@pdo/events';
import { stack } from './stack.js';
import { CREATE, publishAsLicensing, publishManyAsLicensing } from './helpers.js';

const market = orgByKey('hn-src-market').id;
const hnUnit = who('SOURCE_UNIT', market, 'HN', 'u-market');
const hnOtherUnit = who('SOURCE_UNIT', orgByKey('hn-src-transport').id, 'HN', 'u-transport');
const hnAgency = who('AGENCY', orgByKey('hn-agency').id, 'HN', 'u-hn-agency');
const hnOperator = who('OPERATOR', orgByKey('hn-operator').id, 'HN', 'u-hn-op');
const jlAgency = who('AGENCY', orgByKey('jl-agency').id, 'JL', 'u-jl-agency');

const bj = (d: string) => `${d}T02:00:00Z`;
const call = (q: string, v: Record<string, unknown>, as: ReturnType<typeof who> | undefined, day: string) => stack.subgraph('catalog', q, v, { as, now: bj(day) });

async function newResource(code: string): Promise<string> {
  const res = await call(CREATE, {
    input: {
      jurisdiction: 'HN', sourceAgencyId: market, code, nameZh: `测试资源${code}`, descriptionZh: '测试', sector: 'CREDIT',
      fields: [{ name: 'uscc', type: 'string', descriptionZh: '统一社会信用代码' }],
      classification: 'GENERAL', grade: 'L2', openness: 'CONDITIONAL', updateFrequency: 'DAILY', recordCount: 10,
    },
  }, hnUnit, '2026-08-20');
  expect(res.errors).toBeUndefined();
  return res.data.createDataResource.id;
}

describe('data provided but never applied for registration (应登未登, RG: 20 wd after data is provided)', () => {
  const Q = `query($j: String) { unappliedResourceRegistrations(jurisdiction: $j) { totalCount edges { node { resource { id code } jurisdiction sourceAgency { id } providedOn applicationDueOn rule } } } }`;
  const granted = (grantId: string, resourceId: string, effectiveAt: string): [EventName, object, string] => [
    'AccessGranted',
    { grantId, agreementId: '00000000-0000-4000-8000-0000000000a1', scenarioId: '00000000-0000-4000-8000-0000000000b1', operatorId: hnOperator.org, resourceId, jurisdiction: 'HN', expiresOn: '2027-12-31', status: 'ACTIVE', effectiveAt },
    'HN',
  ];

  it('lists resources whose first access grant is more than 20 working days old and that were never applied for', async () => {
    const provided = await newResource('HN-U-0001');
    const applied = await newResource('HN-U-0002');
    const recent = await newResource('HN-U-0003');
    const g1 = '00000000-0000-4000-8000-00000000c001';
    // a later revocation does not undo that the data was provided; the re-delivered grant does not move the date
    await publishManyAsLicensing(stack, [
      granted(g1, provided, '2026-09-01T02:00:00Z'),
      granted('00000000-0000-4000-8000-00000000c002', applied, '2026-09-01T02:00:00Z'),
      granted('00000000-0000-4000-8000-00000000c003', recent, '2026-10-20T02:00:00Z'),
      ['AccessRevoked', { grantId: g1, agreementId: '00000000-0000-4000-8000-0000000000a1', scenarioId: '00000000-0000-4000-8000-0000000000b1', operatorId: hnOperator.org, resourceId: provided, jurisdiction: 'HN', status: 'REVOKED', reason: '场景终止', effectiveAt: '2026-09-10T02:00:00Z' }, 'HN'],
    ]);
    await publishAsLicensing(stack, ...granted(g1, provided, '2026-09-01T02:00:00Z'));
    const apply = await call(`mutation($input: ApplyResourceRegistrationInput!) { applyResourceRegistration(input: $input) { id } }`, { input: { resourceId: applied, type: 'FIRST', providedOn: '2026-09-01' } }, hnUnit, '2026-09-15');
    expect(apply.errors).toBeUndefined();

    // due Tue 29 Sep (20 wd after 1 Sep; Sun 20 Sep is a make-up working day): listed only from the 30th
    expect((await call(Q, { j: 'HN' }, hnAgency, '2026-09-29')).data.unappliedResourceRegistrations.totalCount).toBe(0);
    const late = await call(Q, { j: 'HN' }, hnAgency, '2026-10-21');
    expect(late.errors).toBeUndefined();
    expect(late.data.unappliedResourceRegistrations.edges.map((e: any) => e.node)).toEqual([
      { resource: { id: provided, code: 'HN-U-0001' }, jurisdiction: 'HN', sourceAgency: { id: market }, providedOn: '2026-09-01', applicationDueOn: '2026-09-29', rule: 'RG Arts 9–12, 15' },
    ]);
    // the owning unit sees it (jurisdiction from its identity), another unit does not
    expect((await call(Q, {}, hnUnit, '2026-10-21')).data.unappliedResourceRegistrations.totalCount).toBe(1);
    expect((await call(Q, {}, hnOtherUnit, '2026-10-21')).data.unappliedResourceRegistrations.totalCount).toBe(0);
    // role gate (platform) and jurisdiction check (resolver)
    expect((await call(Q, { j: 'HN' }, hnOperator, '2026-10-21')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(Q, { j: 'HN' }, jlAgency, '2026-10-21')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(Q, { j: 'HN' }, undefined, '2026-10-21')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // once applied for, it leaves the list
    await call(`mutation($input: ApplyResourceRegistrationInput!) { applyResourceRegistration(input: $input) { id } }`, { input: { resourceId: provided, type: 'FIRST', providedOn: '2026-09-01' } }, hnUnit, '2026-10-21');
    expect((await call(Q, { j: 'HN' }, hnAgency, '2026-10-22')).data.unappliedResourceRegistrations.totalCount).toBe(0);
  });
});

describe('policy profile edits (licensing PolicyProfileChanged → policy_profile_projection)', () => {
  const RAISE = `mutation($input: RaiseCorrectionRequestInput!) { raiseCorrectionRequest(input: $input) { id dueOn dueRule } }`;
  const raise = async (rid: string) => {
    const res = await call(RAISE, { input: { resourceId: rid, fieldNames: ['uscc'], problem: '校验位错误' } }, hnOperator, '2026-11-02');
    expect(res.errors).toBeUndefined();
    return res.data.raiseCorrectionRequest;
  };
  const edit = (version: number, days: number | null, withProfile = true) => ({
    jurisdiction: 'HN',
    profileVersion: version,
    changedFields: ['correctionAnswerWorkingDays'],
    ...(withProfile ? { version, profile: { correctionAnswerWorkingDays: { value: days, source: `HN 修订第16条（v${version}）` } } } : {}),
  });

  it('an edit changes the due date of a correction raised after it, not of one raised before', async () => {
    const rid = await newResource('HN-P-0001');
    // HN Art 16: 7 wd after Mon 2 Nov 2026 (day not counted) → Wed 11 Nov
    const before = await raise(rid);
    expect(before).toMatchObject({ dueOn: '2026-11-11', dueRule: 'HN Art 16: result within 7 working days' });

    // an event without the profile (producer not yet upgraded) changes no limit
    await publishAsLicensing(stack, 'PolicyProfileChanged', edit(2, 3, false), 'HN');
    expect((await raise(rid)).dueOn).toBe('2026-11-11');

    await publishAsLicensing(stack, 'PolicyProfileChanged', edit(3, 3), 'HN');
    const after = await raise(rid);
    expect(after).toMatchObject({ dueOn: '2026-11-05', dueRule: 'HN 修订第16条（v3）' });
    const again = await call(`query($id: ID!) { correctionRequest(id: $id) { dueOn dueRule } }`, { id: before.id }, hnAgency, '2026-11-03');
    expect(again.data.correctionRequest).toEqual({ dueOn: '2026-11-11', dueRule: 'HN Art 16: result within 7 working days' });

    // a late, older edit does not roll the projection back
    await publishAsLicensing(stack, 'PolicyProfileChanged', edit(1, 15), 'HN');
    expect((await raise(rid)).dueOn).toBe('2026-11-05');
    const [row] = await sql<{ version: number }>(stack.em('catalog'), `select version from policy_profile_projection where jurisdiction = 'HN'`);
    expect(row!.version).toBe(3);

    // an edit that removes the number: no due date any more
    await publishAsLicensing(stack, 'PolicyProfileChanged', edit(4, null), 'HN');
    expect(await raise(rid)).toMatchObject({ dueOn: null, dueRule: 'HN 修订第16条（v4）' });
    // a profile without edits is the documented one again
    await publishAsLicensing(stack, 'PolicyProfileChanged', { ...edit(5, null), profile: {} }, 'HN');
    expect((await raise(rid)).dueOn).toBe('2026-11-11');
  });

  it("a holiday notice the authority loads moves the due dates of corrections raised after it", async () => {
    const rid = await newResource('HN-P-0002');
    const raiseOn = async (day: string) => {
      const res = await call(RAISE, { input: { resourceId: rid, fieldNames: ['uscc'], problem: '校验位错误' } }, hnOperator, day);
      expect(res.errors).toBeUndefined();
      return res.data.raiseCorrectionRequest.dueOn;
    };
    // Built-in 2027 is provisional (statutory days only, 5–8 Feb): 7 wd after Mon 1 Feb 2027 → Fri 12 Feb.
    expect(await raiseOn('2027-02-01')).toBe('2027-02-12');
    // The authority loads a notice (illustrative: 5–11 Feb off, Sun 31 Jan and Sat 20 Feb worked) → Wed 17 Feb.
    const notice = { year: 2027, holidays: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'], makeupWorkdays: ['2027-01-31', '2027-02-20'], source: '国办发明电〔2026〕X号（示例）' };
    await publishAsLicensing(stack, 'PolicyProfileChanged', {
      jurisdiction: 'HN', profileVersion: 6, version: 6, changedFields: ['calendarNotices'],
      profile: { calendarNotices: { value: [notice], source: '豫数〔2026〕9号：转发国务院办公厅通知' } },
    }, 'HN');
    expect(await raiseOn('2027-02-01')).toBe('2027-02-17');
  });
});
