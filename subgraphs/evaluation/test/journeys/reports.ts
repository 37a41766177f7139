import { beforeAll, describe, expect, it } from 'vitest';
import { who, type TestStack } from '@pdo/testing';
import { code, count, emit, published } from '../helpers.js';

/* Journeys: the operator annual evaluation (scores, findings, rectification, result) and operating reports. */
const J = 'HN';
const operator = '0190a0c2-0000-7000-8000-00000000a101';
const otherOperator = '0190a0c2-0000-7000-8000-00000000a102';
const agency = '0190a0c2-0000-7000-8000-00000000a103';
const agreement = '0190a0c2-0000-7000-8000-00000000c101';
const product = '0190a0c2-0000-7000-8000-00000000d101';
const res1 = '0190a0c2-0000-7000-8000-00000000b101';
const NOW = '2026-11-25T02:00:00Z';
const authority = who('AUTHORITY', '0190a0c2-0000-7000-8000-00000000a104', J);
const expert = who('EXPERT', '0190a0c2-0000-7000-8000-00000000a105', J, 'expert-zhang');
const op = who('OPERATOR', operator, J);
const other = who('OPERATOR', otherOperator, J);

let stack: TestStack;
const gql = (q: string, v: Record<string, unknown> = {}, as = authority) => stack.subgraph('evaluation', q, v, { as, now: NOW });

/** Registers this journey on a stack shared with the other journeys (own jurisdiction and ids). */
export function evaluationAndReportsJourney(getStack: () => TestStack): void {
 describe('operator evaluation and reports (HN)', () => {
beforeAll(async () => {
  stack = getStack();
  await emit(stack, 'licensing', 'OrganizationRegistered', { organizationId: operator, jurisdiction: J, nameZh: '河南数据集团', kinds: ['OPERATOR'] }, J);
  await emit(stack, 'licensing', 'AgreementSigned', {
    agreementId: agreement, agreementNumber: 'HN-SQ-2025-001', jurisdiction: J, operatorId: operator, mode: 'WHOLE', status: 'SIGNED',
    startDate: '2025-04-01', endDate: '2028-03-31', trialEndDate: null, resourceIds: [res1], sectors: ['transport'], profileVersion: 1,
  }, J);
  await emit(stack, 'products', 'ProductListed', {
    productId: product, productCode: 'HN-CP-0001', version: 1, jurisdiction: J, operatorId: operator, agreementId: agreement,
    scenarioId: '0190a0c2-0000-7000-8000-00000000f101', nameZh: '承运人信用评分接口', form: 'API', category: 'PAID',
    resources: [{ resourceId: res1, sourceAgencyId: agency }], listedAt: '2026-02-01T00:00:00Z',
  }, J);
  await emit(stack, 'products', 'UsageRecorded', {
    usageId: '0190a0c2-0000-7000-8000-000000009111', entitlementId: 'x', usageAgreementId: '0190a0c2-0000-7000-8000-000000009201',
    productId: product, operatorId: operator, developerId: '0190a0c2-0000-7000-8000-000000009301', jurisdiction: J, category: 'PAID', chargingUnit: 'PER_CALL',
    units: '12000', occurredAt: '2026-08-15T03:00:00Z',
  }, J);
  await emit(stack, 'revenue', 'PriceSet', { priceId: '0190a0c2-0000-7000-8000-000000007101', productId: product, operatorId: operator, jurisdiction: J, chargingUnit: 'PER_CALL', priceFen: '60', effectiveFrom: '2026-08-01' }, J);
  // A version-1 event (one object per share), as queued before an upgrade: still read. Sent to the
  // inbox as it was queued then (today's publisher writes version 2 and refuses this shape).
  await stack.runtimes.evaluation!.boss.send('inbox_evaluation', {
    id: '0190a0c2-0000-7000-8000-000000008109', name: 'SettlementCompleted', version: 1, producer: 'revenue', occurredAt: new Date().toISOString(), jurisdiction: J,
    payload: {
      settlementId: '0190a0c2-0000-7000-8000-000000008101', jurisdiction: J, periodStart: '2026-07-01', periodEnd: '2026-09-30', totalFen: '720000',
      shares: [{ partyId: operator, partyKind: 'OPERATOR', productId: product, amountFen: '600000' }, { partyId: agency, partyKind: 'SOURCE_AGENCY', productId: product, amountFen: '120000' }],
    },
  });
  await stack.settle();
}, 120_000);

const OPEN_EVAL = `mutation($i: OpenOperatorEvaluationInput!) { openOperatorEvaluation(input: $i) { id status year agreementId } }`;
const SCORE = `mutation($i: ScoreOperatorEvaluationInput!) { scoreOperatorEvaluation(input: $i) { id } }`;
const FINDING = `mutation($i: AddEvaluationFindingInput!) { addEvaluationFinding(input: $i) { id rectification rectificationDeadline } }`;
const FINALIZE = `mutation($i: FinalizeOperatorEvaluationInput!) { finalizeOperatorEvaluation(input: $i) { status total conclusion } }`;
const CRITERIA = ['AGREEMENT_PERFORMANCE', 'PRODUCTS_OUTCOMES', 'SECURITY', 'REPORTING_COMPLIANCE', 'DISCLOSURE'];

describe('operator annual evaluation', () => {
  let evalId: string;
  let findingId: string;

  it('is opened by the authority only, for a year that has ended, once', async () => {
    expect(code(await gql(OPEN_EVAL, { i: { jurisdiction: J, operatorId: operator, year: 2025 } }, expert))).toBe('FORBIDDEN');
    expect(code(await gql(OPEN_EVAL, { i: { jurisdiction: J, operatorId: operator, year: 2026 } }))).toBe('BAD_USER_INPUT');
    const res = await gql(OPEN_EVAL, { i: { jurisdiction: J, operatorId: operator, year: 2025 } });
    expect(res.errors).toBeUndefined();
    expect(res.data.openOperatorEvaluation).toMatchObject({ status: 'OPEN', year: 2025, agreementId: agreement });
    evalId = res.data.openOperatorEvaluation.id;
    expect(code(await gql(OPEN_EVAL, { i: { jurisdiction: J, operatorId: operator, year: 2025 } }))).toBe('CONFLICT');
    expect(await count(stack, 'operator_evaluation')).toBe(1);
  });

  it('refuses a score outside 0–100 or from the operator, and keeps nothing', async () => {
    expect(code(await gql(SCORE, { i: { evaluationId: evalId, criterion: 'SECURITY', score: '100.5' } }, expert))).toBe('BAD_USER_INPUT');
    expect(code(await gql(SCORE, { i: { evaluationId: evalId, criterion: 'SECURITY', score: '-1' } }, expert))).toBe('BAD_USER_INPUT');
    expect(code(await gql(SCORE, { i: { evaluationId: evalId, criterion: 'SECURITY', score: '90' } }, op))).toBe('FORBIDDEN');
    expect(await count(stack, 'operator_evaluation_score')).toBe(0);
  });

  it('will not finalize while a criterion is unscored', async () => {
    for (const c of CRITERIA.slice(0, 4)) expect((await gql(SCORE, { i: { evaluationId: evalId, criterion: c, score: '80' } }, expert)).errors).toBeUndefined();
    const res = await gql(FINALIZE, { i: { evaluationId: evalId, conclusion: 'RENEWAL_RECOMMENDED' } });
    expect(code(res)).toBe('CONFLICT');
    expect(res.errors![0]!.extensions!.details.missing).toEqual(['DISCLOSURE']);
  });

  it('lets an expert record a finding but only the authority request rectification, which reaches licensing', async () => {
    const base = { evaluationId: evalId, criterion: 'SECURITY', severity: 'MAJOR', description: '日志留存不足' };
    expect(code(await gql(FINDING, { i: { ...base, requestRectification: true, rectificationDeadline: '2027-01-31' } }, expert))).toBe('FORBIDDEN');
    expect(code(await gql(FINDING, { i: { ...base, requestRectification: true, rectificationDeadline: '2026-11-01' } }))).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'evaluation_finding')).toBe(0);
    expect((await gql(FINDING, { i: base }, expert)).errors).toBeUndefined();
    const res = await gql(FINDING, { i: { ...base, requestRectification: true, rectificationDeadline: '2027-01-31' } });
    expect(res.errors).toBeUndefined();
    expect(res.data.addEvaluationFinding).toMatchObject({ rectification: 'REQUESTED', rectificationDeadline: '2027-01-31' });
    findingId = res.data.addEvaluationFinding.id;
    const events = await published(stack, 'RectificationRequested', 'licensing');
    expect(events).toEqual([{ findingId, evaluationId: evalId, agreementId: agreement, operatorId: operator, jurisdiction: J, cause: '日志留存不足', deadline: '2027-01-31' }]);
  });

  it('finalizes with the mean of criterion means, shows prefilled facts, and publishes the result', async () => {
    await gql(SCORE, { i: { evaluationId: evalId, criterion: 'DISCLOSURE', score: '95' } }, expert);
    await gql(SCORE, { i: { evaluationId: evalId, criterion: 'SECURITY', score: '70' } }, authority);
    const res = await gql(FINALIZE, { i: { evaluationId: evalId, conclusion: 'RECTIFICATION_REQUIRED', note: '整改后续期' } });
    expect(res.errors).toBeUndefined();
    // (80 + 80 + (80+70)/2 + 80 + 95) / 5 = 82
    expect(res.data.finalizeOperatorEvaluation).toEqual({ status: 'FINALIZED', total: '82.00', conclusion: 'RECTIFICATION_REQUIRED' });
    expect(code(await gql(SCORE, { i: { evaluationId: evalId, criterion: 'SECURITY', score: '99' } }, expert))).toBe('CONFLICT');
    const view = await gql(`query($id: ID!) { operatorEvaluation(id: $id) { criterionAverages { criterion average scorerCount } findings { severity rectification } facts { listedProducts usageUnits } } }`, { id: evalId }, op);
    expect(view.errors).toBeUndefined();
    expect(view.data.operatorEvaluation.criterionAverages).toContainEqual({ criterion: 'SECURITY', average: '75.00', scorerCount: 2 });
    expect(view.data.operatorEvaluation.findings).toHaveLength(2);
    // The 2025 evaluation: the product was listed in 2026, so nothing listed or used in the year.
    expect(view.data.operatorEvaluation.facts).toEqual({ listedProducts: 0, usageUnits: '0' });
    const list = await gql(`{ operatorEvaluations(jurisdiction: "HN") { totalCount edges { node { year scores { score } findings { id } facts { reportsOverdue } criterionAverages { average } } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.extensions?.sqlStatements?.evaluation).toBeLessThanOrEqual(4);
    expect(code(await gql(`query($id: ID!) { operatorEvaluation(id: $id) { id } }`, { id: evalId }, other))).toBe('FORBIDDEN');
    const feed = await stack.subgraph('evaluation', `{ disclosures(jurisdiction: "HN", kinds: [EVALUATION_RESULT]) { edges { node { subjectId facts { key value } } } } }`);
    expect(feed.data.disclosures.edges).toHaveLength(1);
    expect(feed.data.disclosures.edges[0].node.facts).toEqual(expect.arrayContaining([{ key: 'total', value: '82.00' }, { key: 'conclusion', value: 'RECTIFICATION_REQUIRED' }]));
    // Findings' descriptions are not public.
    expect(JSON.stringify(feed.data)).not.toContain('日志留存不足');
  });

  it('closes the rectification and discloses it', async () => {
    expect(code(await gql(`mutation($id: ID!) { closeEvaluationFinding(findingId: $id, note: "已整改") { rectification } }`, { id: findingId }, expert))).toBe('FORBIDDEN');
    const res = await gql(`mutation($id: ID!) { closeEvaluationFinding(findingId: $id, note: "已整改") { rectification closedAt } }`, { id: findingId });
    expect(res.data.closeEvaluationFinding.rectification).toBe('CLOSED');
    expect(code(await gql(`mutation($id: ID!) { closeEvaluationFinding(findingId: $id, note: "again") { rectification } }`, { id: findingId }))).toBe('CONFLICT');
    expect(await count(stack, 'disclosure', `kind = 'RECTIFICATION_CLOSED'`)).toBe(1);
  });
});

const OPEN_REPORT = `mutation($i: OpenOperatingReportInput!) { openOperatingReport(input: $i) { id kind status periodStart periodEnd dueOn overdue ruleSource
  prefill { listedProducts usageUnits revenue { fen yuan } products { productCode usageUnits revenue { fen yuan } } priceChanges { kind amount { fen yuan } effectiveFrom } } } }`;
const SUBMIT = `mutation($i: SubmitOperatingReportInput!) { submitOperatingReport(input: $i) { status revenue { fen yuan } cost { fen yuan } profit { fen yuan } } }`;
const REVIEW = `mutation($i: ReviewOperatingReportInput!) { reviewOperatingReport(input: $i) { status reviewNote } }`;

describe('operating reports', () => {
  let quarterId: string;
  let businessId: string;

  it('lists the obligations of the jurisdiction from its profile', async () => {
    const res = await gql(`{ operatingReportRules(jurisdiction: "HN") { kind cadence source } }`, {}, op);
    expect(res.data.operatingReportRules.map((r: any) => r.kind)).toEqual(['QUARTERLY_OPERATING', 'ANNUAL_SUMMARY', 'BUSINESS_REPORT']);
    expect(res.data.operatingReportRules[0].source).toBe('HN Art 22; PN §5');
  });

  it('refuses a kind the jurisdiction does not require and a period that has not ended', async () => {
    expect(code(await gql(OPEN_REPORT, { i: { kind: 'ANNUAL', periodStart: '2025-01-01' } }, op))).toBe('POLICY_VIOLATION');
    expect(code(await gql(OPEN_REPORT, { i: { kind: 'QUARTERLY_OPERATING', periodStart: '2026-10-01' } }, op))).toBe('BAD_USER_INPUT');
    expect(code(await gql(OPEN_REPORT, { i: { kind: 'QUARTERLY_OPERATING', periodStart: '2026-08-01' } }, op))).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'operating_report')).toBe(0);
  });

  it('opens a quarter prefilled from the platform’s own data; a second one for the period is refused', async () => {
    const res = await gql(OPEN_REPORT, { i: { kind: 'QUARTERLY_OPERATING', periodStart: '2026-07-01' } }, op);
    expect(res.errors).toBeUndefined();
    const r = res.data.openOperatingReport;
    quarterId = r.id;
    // HN Art 22 asks for a quarterly report but sets no deadline: none is invented.
    expect(r).toMatchObject({ status: 'DRAFT', periodEnd: '2026-09-30', dueOn: null, overdue: false, ruleSource: 'HN Art 22; PN §5' });
    expect(r.prefill).toEqual({
      listedProducts: 1, usageUnits: '12000', revenue: { fen: '600000', yuan: '6000.00' },
      products: [{ productCode: 'HN-CP-0001', usageUnits: '12000', revenue: { fen: '600000', yuan: '6000.00' } }],
      priceChanges: [{ kind: 'PRICE', amount: { fen: '60', yuan: '0.60' }, effectiveFrom: '2026-08-01' }],
    });
    expect(code(await gql(OPEN_REPORT, { i: { kind: 'QUARTERLY_OPERATING', periodStart: '2026-07-01' } }, op))).toBe('CONFLICT');
    expect(await count(stack, 'operating_report')).toBe(1);
  });

  it('lists it to the authority (never overdue without a deadline), and hides it from another operator', async () => {
    const res = await gql(`{ operatingReports(jurisdiction: "HN") { totalCount edges { node { id overdue } } } }`);
    expect(res.data.operatingReports.edges.map((e: any) => e.node)).toEqual([{ id: quarterId, overdue: false }]);
    expect((await gql(`{ operatingReports(jurisdiction: "HN", overdueOnly: true) { totalCount } }`)).data.operatingReports.totalCount).toBe(0);
    expect(code(await gql(`query($id: ID!) { operatingReport(id: $id) { id } }`, { id: quarterId }, other))).toBe('FORBIDDEN');
    expect(code(await gql(`query($o: ID!) { operatingReports(jurisdiction: "HN", operatorId: $o) { totalCount } }`, { o: operator }, other))).toBe('FORBIDDEN');
    const mine = await gql(`{ operatingReports(jurisdiction: "HN") { totalCount } }`, {}, other);
    expect(mine.data.operatingReports.totalCount).toBe(0);
    expect(code(await gql(SUBMIT, { i: { reportId: quarterId, narrative: 'x' } }, other))).toBe('FORBIDDEN');
  });

  it('business report: needs costs and revenue, computes profit, can be returned and resubmitted, then accepted', async () => {
    const opened = await gql(OPEN_REPORT, { i: { kind: 'BUSINESS_REPORT', periodStart: '2025-01-01' } }, op);
    expect(opened.errors).toBeUndefined();
    businessId = opened.data.openOperatingReport.id;
    expect(opened.data.openOperatingReport.dueOn).toBe('2026-03-31');
    expect(code(await gql(SUBMIT, { i: { reportId: businessId, narrative: '年度经营', revenue: '1000.00' } }, op))).toBe('BAD_USER_INPUT');
    expect(code(await gql(REVIEW, { i: { reportId: businessId, decision: 'ACCEPT' } }))).toBe('CONFLICT');
    const sub = await gql(SUBMIT, { i: { reportId: businessId, narrative: '年度经营', revenue: '1000.00', cost: '800.50' } }, op);
    expect(sub.data.submitOperatingReport).toEqual({ status: 'SUBMITTED', revenue: { fen: '100000', yuan: '1000.00' }, cost: { fen: '80050', yuan: '800.50' }, profit: { fen: '19950', yuan: '199.50' } });
    expect(code(await gql(SUBMIT, { i: { reportId: businessId, narrative: 'again', revenue: '1', cost: '1' } }, op))).toBe('CONFLICT');
    expect(code(await gql(REVIEW, { i: { reportId: businessId, decision: 'RETURN' } }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(REVIEW, { i: { reportId: businessId, decision: 'ACCEPT' } }, who('AUTHORITY', 'x', 'TZ')))).toBe('FORBIDDEN');
    expect((await gql(REVIEW, { i: { reportId: businessId, decision: 'RETURN', note: '请补充价格变动说明' } })).data.reviewOperatingReport).toEqual({ status: 'RETURNED', reviewNote: '请补充价格变动说明' });
    expect((await gql(SUBMIT, { i: { reportId: businessId, narrative: '年度经营（补充价格说明）', revenue: '1000.00', cost: '800.50' } }, op)).data.submitOperatingReport.status).toBe('SUBMITTED');
    expect((await gql(REVIEW, { i: { reportId: businessId, decision: 'ACCEPT' } })).data.reviewOperatingReport.status).toBe('ACCEPTED');
    // The annual disclosure is public; costs, revenue and profit are not.
    const feed = await stack.subgraph('evaluation', `{ disclosures(jurisdiction: "HN", kinds: [ANNUAL_DISCLOSURE]) { totalCount edges { node { facts { key value } } } } }`);
    expect(feed.data.disclosures.totalCount).toBe(1);
    const keys = feed.data.disclosures.edges[0].node.facts.map((f: any) => f.key);
    expect(keys).toContain('listedProducts');
    expect(keys.some((k: string) => /cost|profit|revenue/i.test(k))).toBe(false);
    expect(JSON.stringify(feed.data)).not.toContain('80050');
  });

  it('opens every other due report as a prefilled draft, idempotently', async () => {
    const first = await gql(`mutation { generateDueOperatingReports(jurisdiction: "HN") }`);
    expect(first.errors).toBeUndefined();
    // Quarters 2025Q2…2026Q3 (6, one exists), annual summary and business report for 2025 (one exists).
    expect(first.data.generateDueOperatingReports).toBe(6);
    expect((await gql(`mutation { generateDueOperatingReports(jurisdiction: "HN") }`)).data.generateDueOperatingReports).toBe(0);
    expect(code(await gql(`mutation { generateDueOperatingReports(jurisdiction: "HN") }`, {}, op))).toBe('FORBIDDEN');
    // Only the annual summary has a deadline (by 31 March, HN Art 22): the 2025 one is overdue; the quarters have none.
    const overdue = await gql(`{ operatingReports(jurisdiction: "HN", overdueOnly: true, first: 3) { totalCount pageInfo { hasNextPage } edges { node { kind periodStart } } } }`);
    expect(overdue.data.operatingReports.edges.map((e: any) => e.node)).toEqual([{ kind: 'ANNUAL_SUMMARY', periodStart: '2025-01-01' }]);
    expect(overdue.data.operatingReports.pageInfo.hasNextPage).toBe(false);
  });
});

 });
}
