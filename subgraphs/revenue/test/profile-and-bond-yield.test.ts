import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, seedOnce, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { orgByKey } from '@pdo/demo';
import { resolveProfile } from '@pdo/policy';
import { definition } from '../src/index.js';

/**
 * Pricing on the authority's data (PN §§2–4): the MAR follows the jurisdiction's edited policy
 * profile (PolicyProfileChanged from licensing), and the 10-year bond yield is reference data the
 * authority loads — versioned, audited — instead of figures compiled into the code.
 */
let stack: TestStack;
const HN_OP = orgByKey('hn-operator').id;
const QHD_OP = orgByKey('qhd-operator').id;
const hnAuthority = who('AUTHORITY', orgByKey('hn-authority').id, 'HN');
const hnFinance = who('FINANCE', orgByKey('hn-authority').id, 'HN');
const qhdFinance = who('FINANCE', orgByKey('qhd-authority').id, 'QHD');
const qhdAuthority = who('AUTHORITY', orgByKey('qhd-authority').id, 'QHD');

beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: true });
  await seedOnce(stack.runtimes.revenue!);
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const RECORD = `mutation($input: RecordCostSurveyInput!) { recordCostSurvey(input: $input) { id ratePercent markupPp bondYear bondYieldPercent bondYieldSource working } }`;
const LOAD = `mutation($input: LoadBondYieldInput!) { loadBondYield(input: $input) { id jurisdiction year version yieldPercent sourceDocument illustrative loadedBy } }`;
const HISTORY = `query($year: Int) { bondYields(year: $year) { year version yieldPercent sourceDocument illustrative } }`;
const survey = (operatorId: string, year: number, surveyYear: number, markupPp: string) => ({
  operatorId, name: `${year} 成本调查`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, surveyYear,
  costItems: { platform: '1000000.00', dataHandling: '500000.00', personnel: '800000.00', dataAcquisition: '200000.00', periodExpenses: '100000.00' },
  subsidies: '100000.00', taxes: '50000.00', markupPp,
});
const count = async (table: string, where = 'true', params: unknown[] = []) => Number((await sql<{ n: string }>(stack.em('revenue'), `select count(*) as n from ${table} where ${where}`, params))[0]!.n);

/** The event licensing publishes after `editPolicyProfile`: the whole resolved profile after the edit. */
const profileEdited = (jurisdiction: string, version: number, edits: Record<string, { value: unknown; source: string }>) => {
  const p = resolveProfile(jurisdiction, edits as never);
  return applyEvent(stack.runtimes.revenue!.orm, 'revenue', definition.handlers!, {
    id: randomUUID(), name: 'PolicyProfileChanged', version: 1, producer: 'licensing', occurredAt: new Date().toISOString(), jurisdiction,
    payload: { jurisdiction, profileVersion: version, version, changedFields: Object.keys(edits), profile: { code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, settings: p.settings } },
  } as never);
};

describe('revenue follows the authority’s policy profile edits', () => {
  it('QHD’s markup edited to 5 pp: the next cost survey is held to it, the one before keeps its 6 pp', async () => {
    // Documented QHD profile: the markup is fixed at 6 pp (QHD §三(三)3(2)).
    const five = await stack.gql(RECORD, { input: survey(QHD_OP, 2031, 2026, '5') }, { as: qhdFinance });
    expect(five.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'MARKUP_FIXED' });
    const before = await stack.gql(RECORD, { input: survey(QHD_OP, 2031, 2026, '6') }, { as: qhdFinance });
    expect(before.errors).toBeUndefined();
    expect(before.data.recordCostSurvey.ratePercent).toBe('7.75');

    await profileEdited('QHD', 2, { pricing: { value: { maxMarkupPp: '5', markupFixed: true, deviationBandPercent: '10', evaluationCycleMaxYears: 3 }, source: '秦发改价格〔2026〕9号（示例）' } });

    const six = await stack.gql(RECORD, { input: survey(QHD_OP, 2032, 2026, '6') }, { as: qhdFinance });
    expect(six.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'MARKUP_ABOVE_MAX' });
    expect(six.errors?.[0]?.extensions?.details).toMatchObject({ maxMarkupPp: '5' });
    const after = await stack.gql(RECORD, { input: survey(QHD_OP, 2032, 2026, '5') }, { as: qhdFinance });
    expect(after.errors).toBeUndefined();
    expect(after.data.recordCostSurvey.ratePercent).toBe('6.75');
    // The edit applies to acts after it: the survey recorded before keeps its rate.
    const kept = await stack.gql(`query($id: ID!) { costSurvey(id: $id) { ratePercent markupPp revenueDeviation { bandPercent } } }`, { id: before.data.recordCostSurvey.id }, { as: qhdFinance });
    expect(kept.data.costSurvey).toMatchObject({ ratePercent: '7.75', markupPp: '6' });
  });

  it('an edited deviation band is what the revenue deviation reports', async () => {
    await profileEdited('QHD', 3, { pricing: { value: { maxMarkupPp: '5', markupFixed: true, deviationBandPercent: '15', evaluationCycleMaxYears: 3 }, source: '秦发改价格〔2026〕10号（示例）' } });
    const r = await stack.gql(`{ costSurveys(first: 1) { edges { node { revenueDeviation { bandPercent } } } } }`, {}, { as: qhdFinance });
    expect(r.errors).toBeUndefined();
    expect(r.data.costSurveys.edges[0].node.revenueDeviation.bandPercent).toBe('15');
  });
});

describe('10-year bond yields: reference data the authority loads', () => {
  it('the demo seed carries the 2023–2025 figures, marked illustrative', async () => {
    const r = await stack.gql(HISTORY, { year: 2025 }, { as: hnFinance });
    expect(r.errors).toBeUndefined();
    expect(r.data.bondYields).toEqual([{ year: 2025, version: 1, yieldPercent: '1.75', sourceDocument: expect.stringContaining('示意数据'), illustrative: true }]);
  });

  it('a 2027 cost survey is refused (coded, naming 2026) until the authority loads 2026’s yield, then works', async () => {
    const refused = await stack.gql(RECORD, { input: survey(HN_OP, 2027, 2027, '5') }, { as: hnFinance });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'BOND_YIELD_NOT_CONFIGURED', details: { bondYear: 2026 } });
    expect(refused.errors?.[0]?.message).toContain('2026');
    expect(await count('cost_survey', `operator_id = $1 and survey_year = 2027`, [HN_OP])).toBe(0);

    const loaded = await stack.gql(LOAD, { input: { year: 2026, yieldPercent: '1.8', sourceDocument: '中债十年期国债收益率 2026 年平均（财政部公告）' } }, { as: hnAuthority });
    expect(loaded.errors).toBeUndefined();
    expect(loaded.data.loadBondYield).toMatchObject({ jurisdiction: 'HN', year: 2026, version: 1, yieldPercent: '1.8', illustrative: false, loadedBy: hnAuthority.sub });

    const ok = await stack.gql(RECORD, { input: survey(HN_OP, 2027, 2027, '5') }, { as: hnFinance });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.recordCostSurvey).toMatchObject({ bondYear: 2026, bondYieldPercent: '1.8', ratePercent: '6.8' });
    expect(ok.data.recordCostSurvey.bondYieldSource).toContain('财政部公告');
    // Another jurisdiction's load is not QHD's: its 2027 survey is still refused.
    const qhd = await stack.gql(RECORD, { input: survey(QHD_OP, 2027, 2027, '5') }, { as: qhdFinance });
    expect(qhd.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'BOND_YIELD_NOT_CONFIGURED' });
  });

  it('a correction is a new version in force for later surveys; the history and the audit keep both', async () => {
    const fix = await stack.gql(LOAD, { input: { year: 2026, yieldPercent: '1.7650', sourceDocument: '更正：财政部公告（第二版）' } }, { as: hnAuthority });
    expect(fix.errors).toBeUndefined();
    expect(fix.data.loadBondYield).toMatchObject({ version: 2, yieldPercent: '1.765' });
    const h = await stack.gql(HISTORY, { year: 2026 }, { as: hnFinance });
    expect(h.data.bondYields.map((y: any) => [y.version, y.yieldPercent])).toEqual([[2, '1.765'], [1, '1.8']]);
    const later = await stack.gql(RECORD, { input: survey(HN_OP, 2029, 2027, '5') }, { as: hnFinance });
    expect(later.errors).toBeUndefined();
    expect(later.data.recordCostSurvey.bondYieldPercent).toBe('1.765');
    const audit = await sql<{ action: string; changes: any }>(stack.em('revenue'), `select action, changes from audit_log where entity_type = 'BondYield' order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['LOADED', 'CORRECTED']);
    expect(audit[1]!.changes.previous).toMatchObject({ version: 1, yieldPercent: '1.8' });
    // History is append-only in the database too.
    await expect(sql(stack.em('revenue'), `update bond_yield set yield_percent = 9 where year = 2026`)).rejects.toThrow(/append-only/);
  });

  it('refuses non-positive or implausible yields, a missing source, and callers other than the authority — writing nothing', async () => {
    const before = await count('bond_yield');
    const bad = async (input: object, as = hnAuthority) => (await stack.gql(LOAD, { input: { year: 2024, yieldPercent: '2', sourceDocument: '文件', ...input } }, { as })).errors?.[0]?.extensions;
    expect(await bad({ yieldPercent: '0' })).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'YIELD_NOT_POSITIVE' } });
    expect(await bad({ yieldPercent: '-1.5' })).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'YIELD_NOT_POSITIVE' } });
    expect(await bad({ yieldPercent: '25' })).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'YIELD_IMPLAUSIBLE' } });
    expect(await bad({ yieldPercent: '1.23456' })).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'YIELD_TOO_PRECISE' } });
    expect(await bad({ year: 2999 })).toMatchObject({ code: 'BAD_USER_INPUT', details: { reason: 'YEAR_OUT_OF_RANGE' } });
    expect(await bad({ sourceDocument: '  ' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await bad({}, hnFinance)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await bad({}, who('OPERATOR', HN_OP, 'HN'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('bond_yield')).toBe(before);
    // The message is bilingual.
    const r = await stack.gql(LOAD, { input: { year: 2024, yieldPercent: '0', sourceDocument: '文件' } }, { as: qhdAuthority });
    expect(r.errors?.[0]?.message).toMatch(/收益率必须为正数/);
    expect(JSON.stringify(r.errors?.[0]?.extensions)).toMatch(/positive/);
  });
});
