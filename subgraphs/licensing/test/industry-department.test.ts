/**
 * Industry departments (行业主管部门) in the review of a scenario's data request (issue 19 item 11; profile setting
 * `industryDepartments`): in JL the implementing agency reviews together with them (JL §五5), so approval waits for a
 * department's recorded opinion; elsewhere no text gives them that part and their opinion is refused. Every scope is
 * crossed: another jurisdiction's department, another role, a second opinion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { DEMO_AGREEMENTS, resourceByKey } from '@pdo/demo';
import { definition } from '../src/index.js';
import { agency, at, call, ok, operatorOf, org, refused, seedLicensing, snapshot, source } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedLicensing(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const ag = (key: string) => DEMO_AGREEMENTS.find((a) => a.key === key)!;
const housingDept = who('INDUSTRY_DEPARTMENT', org('jl-src-housing'), 'JL', 'jl-housing-dept');
const SUBMIT = `mutation($input: SubmitScenarioInput!) { submitDataScenario(input: $input) { id } }`;
const OPINION = `mutation($s: ID!, $y: Boolean!, $o: String!) { recordScenarioOpinion(scenarioId: $s, supports: $y, opinion: $o) { id industryOpinions { departmentId supports opinion } } }`;
const DECIDE = `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: true) { status industryOpinions { departmentId supports } grants { status } } }`;

describe('JL: the agency reviews a data request together with the industry department (JL §五5)', () => {
  const jl = ag('jl');
  const housing = resourceByKey('jl-housing-transactions').id;
  let sid: string;

  beforeAll(async () => {
    sid = ok(await call(stack, SUBMIT, { input: { agreementId: jl.id, nameZh: '租房信息核验', description: '核验出租房源的网签备案', category: 'INDUSTRY', resources: [{ resourceId: housing, justification: '仅需备案编号与状态', fields: [] }] } }, operatorOf(org('jl-operator'), 'JL'), at('2026-06-01'))).submitDataScenario.id;
    ok(await call(stack, `mutation($s: ID!, $r: ID!) { reviewScenarioResource(scenarioId: $s, resourceId: $r, approve: true) { id } }`, { s: sid, r: housing }, source('jl-src-housing', 'JL'), at('2026-06-02')));
  });

  it('approval waits for a department’s opinion, and nothing changes meanwhile', async () => {
    const before = await snapshot(stack);
    const r = refused(await call(stack, DECIDE, { s: sid }, agency('JL'), at('2026-06-03')), 'POLICY_VIOLATION', /^JL §五5/);
    expect(r.details.reason).toBe('INDUSTRY_OPINION_MISSING');
    expect(await snapshot(stack)).toEqual(before);
  });

  it('a department finds the scenarios under review in its jurisdiction (and only there) to give its opinion on', async () => {
    const LIST = `query { dataScenarios(filter: { status: SUBMITTED }, first: 100) { edges { node { id jurisdiction } } } }`;
    const mine = ok(await call(stack, LIST, {}, housingDept, at('2026-06-03'))).dataScenarios.edges.map((e: any) => e.node);
    expect(mine.map((n: any) => n.id)).toContain(sid);
    expect(new Set(mine.map((n: any) => n.jurisdiction))).toEqual(new Set(['JL']));
    expect(ok(await call(stack, `query($id: ID!) { dataScenario(id: $id) { id } }`, { id: sid }, housingDept, at('2026-06-03'))).dataScenario).toEqual({ id: sid });
    expect(ok(await call(stack, `query($id: ID!) { dataScenario(id: $id) { id } }`, { id: sid }, who('INDUSTRY_DEPARTMENT', org('hn-src-market'), 'HN', 'hn-dept'), at('2026-06-03'))).dataScenario).toBeNull();
    expect(ok(await call(stack, LIST, {}, who('INDUSTRY_DEPARTMENT', org('hn-src-market'), 'HN', 'hn-dept'), at('2026-06-03'))).dataScenarios.edges.map((e: any) => e.node.id)).not.toContain(sid);
  });

  it('only an industry department of the jurisdiction gives an opinion, once', async () => {
    const text = { s: sid, y: true, o: '符合住房领域管理要求' };
    refused(await call(stack, OPINION, text, agency('JL'), at('2026-06-03')), 'FORBIDDEN');
    refused(await call(stack, OPINION, text, who('INDUSTRY_DEPARTMENT', org('hn-src-market'), 'HN', 'hn-dept'), at('2026-06-03')), 'FORBIDDEN');
    refused(await call(stack, OPINION, { ...text, o: '  ' }, housingDept, at('2026-06-03')), 'BAD_USER_INPUT');
    const given = ok(await call(stack, OPINION, text, housingDept, at('2026-06-03'))).recordScenarioOpinion;
    expect(given.industryOpinions).toEqual([{ departmentId: org('jl-src-housing'), supports: true, opinion: '符合住房领域管理要求' }]);
    refused(await call(stack, OPINION, { ...text, y: false }, housingDept, at('2026-06-03')), 'CONFLICT');
  });

  it('with the opinion on record the agency approves and the grants open', async () => {
    const d = ok(await call(stack, DECIDE, { s: sid }, agency('JL'), at('2026-06-04'))).decideDataScenario;
    expect(d).toMatchObject({ status: 'APPROVED', industryOpinions: [{ departmentId: org('jl-src-housing'), supports: true }], grants: [{ status: 'ACTIVE' }] });
  });

  it('a decided scenario takes no more opinions', async () => {
    refused(await call(stack, OPINION, { s: sid, y: true, o: '补充意见' }, who('INDUSTRY_DEPARTMENT', org('jl-src-nr'), 'JL', 'jl-nr-dept'), at('2026-06-05')), 'CONFLICT');
  });
});

describe('elsewhere no text gives industry departments a part in scenario review', () => {
  it('HN: the opinion is refused with the rule that says so', async () => {
    const hn = ag('hn');
    const res = resourceByKey(hn.resourceKeys[0]!).id;
    const sid = ok(await call(stack, SUBMIT, { input: { agreementId: hn.id, nameZh: '行业测试场景', description: '测试', category: 'INDUSTRY', resources: [{ resourceId: res, justification: '最小必要', fields: [] }] } }, operatorOf(org('hn-operator'), 'HN'), at('2026-06-01'))).submitDataScenario.id;
    refused(await call(stack, OPINION, { s: sid, y: true, o: '同意' }, who('INDUSTRY_DEPARTMENT', org('hn-src-transport'), 'HN', 'hn-dept'), at('2026-06-02')), 'POLICY_VIOLATION', 'platform default: not regulated');
  });
});
