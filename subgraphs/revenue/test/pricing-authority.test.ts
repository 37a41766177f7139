/**
 * The pricing authority (价格主管部门) as a role of its own (issue 19 item 11; `pricingAuthority` in the profiles): it
 * sets the maximum permitted revenue with the data authority and designates the bond yield (PN §2(1), §3(1)) in its
 * own jurisdiction, where the profile gives it that part; caps stay the implementing body's (PN §2(2)); it reads its
 * jurisdiction's cost surveys but no shares, statements or charges.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, seedOnce, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { orgByKey } from '@pdo/demo';
import { resolveProfile } from '@pdo/policy';
import { definition } from '../src/index.js';

let stack: TestStack;
const HN_OP = orgByKey('hn-operator').id;
const pricing = who('PRICING_AUTHORITY', orgByKey('hn-pricing').id, 'HN');

beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: true });
  await seedOnce(stack.runtimes.revenue!);
}, 120_000);
afterAll(async () => stack?.stop());

const RECORD = `mutation($input: RecordCostSurveyInput!) { recordCostSurvey(input: $input) { id markupPp ratePercent } }`;
const LOAD = `mutation($input: LoadBondYieldInput!) { loadBondYield(input: $input) { year version yieldPercent loadedBy } }`;
const survey = (operatorId: string, year: number) => ({
  operatorId, name: `${year} 成本调查`, periodStart: `${year}-01-01`, periodEnd: `${year}-12-31`, surveyYear: 2026,
  costItems: { platform: '1000000.00', dataHandling: '500000.00', personnel: '800000.00', dataAcquisition: '200000.00', periodExpenses: '100000.00' },
  subsidies: '100000.00', taxes: '50000.00', markupPp: '4',
});
const count = async (table: string) => Number((await sql<{ n: string }>(stack.em('revenue'), `select count(*) as n from ${table}`))[0]!.n);
const code = (r: { errors?: { extensions?: Record<string, any> }[] }) => r.errors?.[0]?.extensions?.code;

describe('the pricing authority', () => {
  it('HN: designates the bond yield and records the MAR with the markup it picks (PN §2(1), §3(1))', async () => {
    const y = await stack.gql(LOAD, { input: { year: 2025, yieldPercent: '1.81', sourceDocument: '豫发改价格〔2027〕1号（示例）' } }, { as: pricing });
    expect(y.errors).toBeUndefined();
    expect(y.data.loadBondYield).toMatchObject({ year: 2025, yieldPercent: '1.81', loadedBy: pricing.sub });
    const r = await stack.gql(RECORD, { input: survey(HN_OP, 2033) }, { as: pricing });
    expect(r.errors).toBeUndefined();
    expect(r.data.recordCostSurvey, JSON.stringify(r.data)).toMatchObject({ markupPp: '4', ratePercent: '5.81' });
    const seen = await stack.gql(`{ costSurveys(first: 100) { edges { node { id } } } }`, {}, { as: pricing });
    expect(seen.data.costSurveys.edges.map((e: any) => e.node.id)).toContain(r.data.recordCostSurvey.id);
  });

  it('an authority’s edit that takes the part away binds the next act', async () => {
    const p = resolveProfile('HN', { pricingAuthority: { value: { setsMaximumRevenue: false, designatesBondYield: false, setsCaps: false }, source: '豫政办〔2027〕2号（示例）' } } as never);
    await applyEvent(stack.runtimes.revenue!.orm, 'revenue', definition.handlers!, {
      id: randomUUID(), name: 'PolicyProfileChanged', version: 1, producer: 'licensing', occurredAt: new Date().toISOString(), jurisdiction: 'HN',
      payload: { jurisdiction: 'HN', profileVersion: 2, version: 2, changedFields: ['pricingAuthority'], profile: { code: p.code, nameZh: p.nameZh, nameEn: p.nameEn, settings: p.settings } },
    } as never);
    const r = await stack.gql(LOAD, { input: { year: 2026, yieldPercent: '1.80', sourceDocument: 'x' } }, { as: pricing });
    expect(code(r)).toBe('FORBIDDEN');
    expect(r.errors?.[0]?.extensions?.rule).toBe('豫政办〔2027〕2号（示例）');
    const surveys = await count('cost_survey');
    expect(code(await stack.gql(RECORD, { input: survey(HN_OP, 2034) }, { as: pricing }))).toBe('FORBIDDEN');
    expect(await count('cost_survey')).toBe(surveys);
  });

  it('sets no caps and reads no money of the parties', async () => {
    for (const q of [
      `mutation { setPriceCaps(input: { costSurveyId: "${randomUUID()}", caps: [] }) { id } }`,
      `{ revenueShares(first: 5) { totalCount } }`,
      `{ settlements(first: 5) { totalCount } }`,
      `{ charges(first: 5) { totalCount } }`,
    ]) {
      const r = await stack.gql(q, {}, { as: pricing });
      expect(['FORBIDDEN', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'], q).toContain(code(r));
      expect(r.data?.revenueShares ?? r.data?.settlements ?? r.data?.charges ?? null, q).toBeNull();
    }
  });
});
