import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { orgByKey, DEMO_SETTLED_PERIOD } from '@pdo/demo';
import { definition } from '../src/index.js';
import { DEMO_EVAL } from '../src/seed.js';
import { count, published } from './helpers.js';

/* The demo world's evaluation part: built once, consistent with the other subgraphs' demo ids. */
let stack: TestStack;
const NOW = '2026-11-25T02:00:00Z';
const as = (j: string, role: 'AUTHORITY' | 'OPERATOR' = 'AUTHORITY', org = orgByKey(`${j.toLowerCase()}-authority`).id) => ({ as: who(role, org, j), now: NOW });

beforeAll(async () => {
  stack = await startTestStack([definition]);
  expect(await seedOnce(stack.runtimes.evaluation!)).toBe(true);
  expect(await seedOnce(stack.runtimes.evaluation!)).toBe(false);
}, 120_000);
afterAll(async () => stack?.stop());

describe('demo seed', () => {
  it('assesses every jurisdiction for the settled quarter and tells revenue', async () => {
    const res = await stack.subgraph('evaluation', `{ contributionAssessments(jurisdiction: "HN") { totalCount edges { node { periodStart periodEnd scores { totalCount edges { node { agencyName total inputs { resourceCount productCount usageUnits } } } } } } } }`, {}, as('HN'));
    expect(res.errors).toBeUndefined();
    expect(res.data.contributionAssessments.totalCount).toBe(3);
    const q3 = res.data.contributionAssessments.edges[0].node;
    expect([q3.periodStart, q3.periodEnd]).toEqual([DEMO_SETTLED_PERIOD.start, DEMO_SETTLED_PERIOD.end]);
    expect(q3.scores.totalCount).toBe(3);
    const transport = q3.scores.edges.find((e: any) => e.node.agencyName === '河南省交通运输厅').node;
    // Freight vehicles + waybills; carrier-credit API and logistics report; 12 000 calls a month for three months.
    expect(transport.inputs).toEqual({ resourceCount: 2, productCount: 2, usageUnits: '36000' });
    const events = await published(stack, 'ContributionAssessed', 'revenue');
    expect(events.filter((e) => e.periodStart === DEMO_SETTLED_PERIOD.start)).toHaveLength(5);
  });

  it('has reports in every state, with QHD’s business report overdue', async () => {
    const states = await stack.subgraph('evaluation', `{ operatingReports(jurisdiction: "QHD", overdueOnly: true) { edges { node { kind periodStart status } } } }`, {}, as('QHD'));
    expect(states.data.operatingReports.edges.map((e: any) => e.node)).toEqual([{ kind: 'BUSINESS_REPORT', periodStart: '2025-01-01', status: 'DRAFT' }]);
    for (const s of ['ACCEPTED', 'SUBMITTED', 'RETURNED', 'DRAFT']) expect(await count(stack, 'operating_report', 'status = $1', [s])).toBeGreaterThan(0);
  });

  it('has an operator evaluation, an incident, two disputes and a public feed', async () => {
    const ev = await stack.subgraph('evaluation', `query($id: ID!) { operatorEvaluation(id: $id) { status total conclusion findings { rectification } } }`, { id: DEMO_EVAL.hnEvaluationId }, as('HN'));
    expect(ev.data.operatorEvaluation).toEqual({ status: 'FINALIZED', total: '86.60', conclusion: 'RENEWAL_RECOMMENDED', findings: [{ rectification: 'CLOSED' }] });
    const inc = await stack.subgraph('evaluation', `query($id: ID!) { securityIncident(id: $id) { type status timeline { kind } } }`, { id: DEMO_EVAL.incidentId }, as('HN'));
    expect(inc.data.securityIncident.status).toBe('CLOSED');
    expect(inc.data.securityIncident.timeline).toHaveLength(5);
    expect(await count(stack, 'dispute')).toBe(2);
    const feed = await stack.subgraph('evaluation', `{ disclosures(first: 100) { totalCount edges { node { kind } } } }`);
    const kinds = new Set(feed.data.disclosures.edges.map((e: any) => e.node.kind));
    for (const k of ['AUTHORIZATION', 'PRODUCT_LISTED', 'PRICE', 'EVALUATION_RESULT', 'RECTIFICATION_CLOSED', 'INCIDENT_SUMMARY']) expect(kinds.has(k)).toBe(true);
  });
});
