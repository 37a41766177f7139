/**
 * Issue 19 items 9 and 11, end to end through the gateway on the demo world (Henan):
 * - a data service provider (数据服务商, JL §八(二)) signs in and sees its own revenue shares and statement, never
 *   another party's;
 * - the operator's emergency plan falls behind its drill schedule and the drill shows on the regulator's due list;
 * - a data destruction (毁损) is reported and a formal talk (约谈, HN Art 22) recorded, both visible to the regulator and
 *   to the operator concerned, neither to another operator nor to the public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, orgByKey } from '@pdo/demo';
import { startTestStack, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const as = (key: string): Identity => {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  return { sub: u.sub, role: u.role, org: u.org, jurisdiction: u.jurisdiction };
};
const DAY = '2026-11-26T02:00:00Z';
const SVC = orgByKey('svc-cloud').id;
const HN_OPERATOR = orgByKey('hn-operator').id;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 180_000);
afterAll(async () => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, who: string, now = DAY): Promise<T> {
  const res = await stack.gql<T>(query, variables, { as: as(who), now });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
const refusal = async (query: string, variables: Record<string, unknown>, who: Identity | undefined) => (await stack.gql(query, variables, { as: who, now: DAY })).errors?.[0]?.extensions?.code;
const nodes = (c: { edges: { node: any }[] }) => c.edges.map((e) => e.node);

describe('a data service provider signs in and sees only its own shares', () => {
  let settlementId: string;
  const SHARES = `query($f: RevenueShareFilter) { revenueShares(filter: $f, first: 100) { totalCount edges { node { partyKind partyId amount { fen } } } } }`;
  const STATEMENT = `query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { partyKind total { fen yuan } lines { productCode amount { fen } } } }`;

  beforeAll(async () => {
    const run = await ok(`mutation($i: RunSettlementInput!) { runSettlement(input: $i) { id status } }`, { i: { jurisdiction: 'HN', periodStart: '2026-10-01', periodEnd: '2026-10-31' } }, 'finance');
    expect(run.runSettlement.status).toBe('COMPLETED');
    settlementId = run.runSettlement.id;
    await stack.settle();
  });

  it('the settlement pays the service provider its share under the HN distribution plans', async () => {
    const all = nodes((await ok(SHARES, { f: { settlementId } }, 'finance')).revenueShares);
    expect(all.some((s: any) => s.partyKind === 'SERVICE_PROVIDER' && s.partyId === SVC)).toBe(true);
    expect(all.some((s: any) => s.partyId !== SVC)).toBe(true);
  });

  it('its list of shares holds its own only, and asking for the operator’s yields nothing of the operator’s', async () => {
    const mine = nodes((await ok(SHARES, { f: { settlementId } }, 'service-provider')).revenueShares);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s: any) => s.partyKind === 'SERVICE_PROVIDER' && s.partyId === SVC)).toBe(true);
    const res = await stack.gql(SHARES, { f: { settlementId, partyId: HN_OPERATOR } }, { as: as('service-provider'), now: DAY });
    const leaked = res.data?.revenueShares ? nodes(res.data.revenueShares).filter((s: any) => s.partyId === HN_OPERATOR) : [];
    expect(leaked).toEqual([]);
  });

  it('its statement answers; the operator’s statement and the settlement list are refused', async () => {
    const st = (await ok(STATEMENT, { s: settlementId, p: SVC }, 'service-provider')).revenueStatement;
    expect(st.partyKind).toBe('SERVICE_PROVIDER');
    expect(BigInt(st.total.fen)).toBeGreaterThan(0n);
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(await refusal(STATEMENT, { s: settlementId, p: HN_OPERATOR }, as('service-provider')));
    expect(await refusal(`{ settlements(first: 5) { totalCount } }`, {}, as('service-provider'))).toBe('FORBIDDEN');
    expect(await refusal(STATEMENT, { s: settlementId, p: SVC }, as('developer'))).toMatch(/FORBIDDEN|NOT_FOUND/);
  });
});

describe('security duties on the regulator’s desk', () => {
  let planId: string;
  let incidentId: string;
  const DUE = `{ securityDutiesDue(jurisdiction: "HN") { totalCount edges { node { kind subjectId organization { id } dueOn rule } } } }`;

  it('the operator records its plan (HN Art 8(三)) with a yearly drill; none held, the drill shows overdue on the regulator’s due list', async () => {
    const plan = await ok(
      `mutation($i: RecordEmergencyPlanInput!) { recordEmergencyPlan(input: $i) { id holderKind nextDrillDueOn drillOverdue } }`,
      { i: { title: '河南数据集团数据安全事件应急处置预案', summary: '分级响应、处置流程、报告网信部门', adoptedOn: '2025-06-01', drillEveryMonths: 12 } },
      'operator',
    );
    planId = plan.recordEmergencyPlan.id;
    expect(plan.recordEmergencyPlan).toMatchObject({ holderKind: 'OPERATOR', nextDrillDueOn: '2026-06-01', drillOverdue: true });
    const due = nodes((await ok(DUE, {}, 'authority')).securityDutiesDue);
    expect(due).toContainEqual({ kind: 'DRILL_OVERDUE', subjectId: planId, organization: { id: HN_OPERATOR }, dueOn: '2026-06-01', rule: 'the emergency plan’s own drill schedule' });
    expect(nodes((await ok(DUE, {}, 'agency')).securityDutiesDue).map((d: any) => d.subjectId)).toContain(planId);
    expect(await refusal(DUE, {}, as('developer'))).toBe('FORBIDDEN');
    expect(await refusal(DUE, {}, undefined)).toBe('UNAUTHENTICATED');
    expect(nodes((await ok(`{ securityDutiesDue(jurisdiction: "JL") { totalCount edges { node { subjectId } } } }`, {}, 'jl-operator')).securityDutiesDue)).toEqual([]);
  });

  it('a data destruction is reported by the operator: the regulator sees it, with the cyberspace authority to be told (HN Art 18)', async () => {
    const rep = await ok(
      `mutation($i: ReportSecurityIncidentInput!) { reportSecurityIncident(input: $i) { id type notifyCyberspaceAuthority stopProcessing } }`,
      { i: { type: 'DATA_DESTRUCTION', severity: 'HIGH', description: '备份介质损坏致部分历史数据毁损', occurredAt: '2026-11-26T01:00:00Z' } },
      'operator',
    );
    incidentId = rep.reportSecurityIncident.id;
    expect(rep.reportSecurityIncident).toMatchObject({ type: 'DATA_DESTRUCTION', notifyCyberspaceAuthority: true, stopProcessing: false });
    const seen = nodes((await ok(`{ securityIncidents(jurisdiction: "HN", first: 50) { edges { node { id type } } } }`, {}, 'authority')).securityIncidents);
    expect(seen).toContainEqual({ id: incidentId, type: 'DATA_DESTRUCTION' });
  });

  it('the authority records a formal talk with the principal on the overdue rectification (HN Art 22); the regulator and the operator see it, nobody else', async () => {
    const talk = await ok(
      `mutation($i: RecordFormalTalkInput!) { recordFormalTalk(input: $i) { id ground basis operator { id } } }`,
      { i: { jurisdiction: 'HN', operatorId: HN_OPERATOR, heldOn: '2026-11-26', talkedWith: '河南数据集团主要负责人', ground: 'OVERDUE_RECTIFICATION', reason: '数据毁损事件暴露的备份整改未按期完成', outcome: '责令12月31日前完成整改', rectificationDueOn: '2026-12-31' } },
      'authority',
    );
    expect(talk.recordFormalTalk).toMatchObject({ ground: 'OVERDUE_RECTIFICATION', basis: expect.stringMatching(/HN Art 22/), operator: { id: HN_OPERATOR } });
    const Q = `{ formalTalks(jurisdiction: "HN") { totalCount edges { node { id } } } }`;
    for (const who of ['authority', 'agency', 'operator']) expect(nodes((await ok(Q, {}, who)).formalTalks).map((t: any) => t.id), who).toContain(talk.recordFormalTalk.id);
    expect(await refusal(Q, {}, as('developer'))).toBe('FORBIDDEN');
    expect(await refusal(Q, {}, as('service-provider'))).toBeUndefined();
    expect((await ok(Q, {}, 'service-provider')).formalTalks.totalCount).toBe(0);
    const feed = await stack.gql(`{ disclosures(jurisdiction: "HN", first: 100) { edges { node { subjectId } } } }`, {}, { now: DAY });
    expect(nodes(feed.data.disclosures).map((d: any) => d.subjectId)).not.toContain(talk.recordFormalTalk.id);
  });
});
