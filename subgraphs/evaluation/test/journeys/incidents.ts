import { beforeAll, describe, expect, it } from 'vitest';
import { who, type TestStack } from '@pdo/testing';
import { applyProfileEdit, resolveProfile } from '@pdo/policy';
import { sql } from '@pdo/platform';
import { checkEvaluationInvariants } from '../../src/data/invariants.js';
import { code, count, emit, published } from '../helpers.js';

/* Journeys: security incidents (stop processing, notification, closure), disputes, and the anonymous disclosure feed. */
const J = 'ZJC';
const operator = '0190a0c2-0000-7000-8000-00000000a201';
const otherOperator = '0190a0c2-0000-7000-8000-00000000a202';
const agency = '0190a0c2-0000-7000-8000-00000000a203';
const developer = '0190a0c2-0000-7000-8000-00000000a204';
const agreement = '0190a0c2-0000-7000-8000-00000000c201';
const product = '0190a0c2-0000-7000-8000-00000000d201';
const res1 = '0190a0c2-0000-7000-8000-00000000b201';
const res2 = '0190a0c2-0000-7000-8000-00000000b202';
const NOW = '2026-11-25T02:00:00Z';
/** The authority's own basis for a notice no ZJC text requires (an edit of `cyberspaceNotice`). */
const NOTICE_SOURCE = '新昌县网信办通知〔2026〕1号';
const DISCLOSURE_SOURCE = '新昌县数据局关于公开安全事件处置情况的决定〔2026〕2号';
const authority = who('AUTHORITY', '0190a0c2-0000-7000-8000-00000000a205', J);
const op = who('OPERATOR', operator, J);
const dev = who('DEVELOPER', developer, J);

let stack: TestStack;
const gql = (q: string, v: Record<string, unknown> = {}, as = authority) => stack.subgraph('evaluation', q, v, { as, now: NOW });

const snapshot = (id: string, code: string) => ({
  resourceId: id, jurisdiction: J, code, nameZh: `医保${code}`, sector: 'medical_insurance', sourceAgencyId: agency, openness: 'CONDITIONAL', grade: 'L3',
  recordCount: 100, quality: { completeness: '90', consistency: '90', accuracy: '90', timeliness: '90' }, authorizable: true, authorizableReasons: [], status: 'ACTIVE', version: 1, updatedAt: '2026-01-01T00:00:00Z',
});

/** Registers this journey on a stack shared with the other journeys (own jurisdiction and ids). */
export function incidentsDisputesDisclosureJourney(getStack: () => TestStack): void {
 describe('incidents, disputes and disclosure (ZJC)', () => {
beforeAll(async () => {
  stack = getStack();
  await emit(stack, 'licensing', 'OrganizationRegistered', { organizationId: operator, jurisdiction: J, nameZh: '新昌数字经济', kinds: ['OPERATOR'] }, J);
  await emit(stack, 'catalog', 'ResourcePublished', snapshot(res1, 'R1'), J);
  await emit(stack, 'catalog', 'ResourcePublished', snapshot(res2, 'R2'), J);
  await emit(stack, 'licensing', 'AgreementSigned', {
    agreementId: agreement, agreementNumber: 'ZJC-SQ-2025-001', jurisdiction: J, operatorId: operator, mode: 'BY_SCENARIO', status: 'SIGNED',
    startDate: '2025-01-01', endDate: '2027-06-30', trialEndDate: '2025-06-30', resourceIds: [res1, res2], sectors: ['medical_insurance'], profileVersion: 1,
  }, J);
  await emit(stack, 'products', 'ProductListed', {
    productId: product, productCode: 'ZJC-CP-0001', version: 1, jurisdiction: J, operatorId: operator, agreementId: agreement,
    scenarioId: '0190a0c2-0000-7000-8000-00000000f201', nameZh: '普惠保险精算数据包', form: 'DATA_PACKAGE', category: 'PAID',
    resources: [{ resourceId: res1, sourceAgencyId: agency }], listedAt: '2026-03-01T00:00:00Z',
  }, J);
  await emit(stack, 'revenue', 'PriceCapSet', { capId: '0190a0c2-0000-7000-8000-000000007201', productId: product, operatorId: operator, jurisdiction: J, chargingUnit: 'PER_MB', capFen: '1000', effectiveFrom: '2026-03-01' }, J);
  await emit(stack, 'licensing', 'AgreementTerminated', { agreementId: '0190a0c2-0000-7000-8000-00000000c299', jurisdiction: J, operatorId: otherOperator, status: 'TERMINATED', endDate: '2026-06-30', reason: '评估不合格', effectiveAt: '2026-06-30T00:00:00Z' }, J);
  await stack.settle();
}, 120_000);

const REPORT = `mutation($i: ReportSecurityIncidentInput!) { reportSecurityIncident(input: $i) { id status stopProcessing notifyCyberspaceAuthority notificationRule agreementId operatorId reportingDelayMinutes timeline { kind } } }`;

describe('security incidents', () => {
  let leakId: string;

  it('refuses a report from the future, on unknown resources, or without a token, and keeps nothing', async () => {
    const base = { type: 'DATA_LEAK', severity: 'HIGH', description: '导出文件外泄', resourceIds: [res1] };
    expect(code(await gql(REPORT, { i: { ...base, occurredAt: '2026-11-26T00:00:00Z' } }, op))).toBe('BAD_USER_INPUT');
    expect(code(await gql(REPORT, { i: { ...base, occurredAt: '2026-11-25T01:00:00Z', resourceIds: ['0190a0c2-0000-7000-8000-00000000beef'] } }, op))).toBe('NOT_FOUND');
    expect(code(await stack.subgraph('evaluation', REPORT, { i: { ...base, occurredAt: '2026-11-25T01:00:00Z' } }))).toBe('UNAUTHENTICATED');
    expect(await count(stack, 'security_incident')).toBe(0);
    expect(await published(stack, 'SecurityIncidentReported', 'licensing')).toHaveLength(0);
  });

  it('a ZJC leak needs no cyberspace notice (no ZJC text requires one) and stops nothing by itself (only risky linkage does)', async () => {
    const res = await gql(REPORT, { i: { type: 'DATA_LEAK', severity: 'LOW', description: '测试环境日志外泄', occurredAt: '2026-11-25T01:10:00Z', resourceIds: [res1] } }, op);
    expect(res.errors).toBeUndefined();
    expect(res.data.reportSecurityIncident).toMatchObject({ stopProcessing: false, notifyCyberspaceAuthority: false, notificationRule: null });
    expect(res.data.reportSecurityIncident.timeline.map((t: any) => t.kind)).toEqual(['REPORTED']);
  });

  it('after the authority edits the profile (PolicyProfileChanged) a leak flags the cyberspace authority, citing the edit', async () => {
    // The edit also publishes closed incidents' summaries, which no text requires (incidentSummaryDisclosure).
    const overrides = applyProfileEdit({}, { cyberspaceNotice: { value: { incidentTypes: ['DATA_LEAK', 'DATA_LOSS'] }, source: NOTICE_SOURCE }, incidentSummaryDisclosure: { value: true, source: DISCLOSURE_SOURCE } });
    const edited = resolveProfile(J, overrides);
    await emit(stack, 'licensing', 'PolicyProfileChanged', { jurisdiction: J, profileVersion: 2, changedFields: ['cyberspaceNotice', 'incidentSummaryDisclosure'], version: 2, profile: { code: edited.code, nameZh: edited.nameZh, nameEn: edited.nameEn, settings: edited.settings } }, J);
    await stack.settle();
    const res = await gql(REPORT, { i: { type: 'DATA_LEAK', severity: 'HIGH', description: '导出文件外泄', occurredAt: '2026-11-25T01:30:00Z', resourceIds: [res1], productIds: [product] } }, op);
    expect(res.errors).toBeUndefined();
    const i = res.data.reportSecurityIncident;
    leakId = i.id;
    expect(i).toMatchObject({ status: 'OPEN', stopProcessing: false, notifyCyberspaceAuthority: true, notificationRule: NOTICE_SOURCE, agreementId: agreement, operatorId: operator, reportingDelayMinutes: 30 });
    expect(i.timeline.map((t: any) => t.kind)).toEqual(['REPORTED', 'NOTIFICATION_REQUIRED']);
    for (const consumer of ['licensing', 'products'] as const) {
      const events = await published(stack, 'SecurityIncidentReported', consumer);
      expect(events).toHaveLength(2);
      expect(events.slice(1)).toEqual([{ incidentId: leakId, jurisdiction: J, operatorId: operator, agreementId: agreement, type: 'DATA_LEAK', severity: 'HIGH', stopProcessing: false, stopRule: null, resourceIds: [res1], productIds: [product], occurredAt: '2026-11-25T01:30:00.000Z' }]);
    }
  });

  it('a risky linkage reported by a developer is recorded but stops nothing until the operator or an official reports it', async () => {
    const byDev = await gql(REPORT, { i: { type: 'RISKY_LINKAGE', severity: 'HIGH', description: '疑似关联识别', occurredAt: '2026-11-24T02:00:00Z', resourceIds: [res1] } }, dev);
    expect(byDev.errors).toBeUndefined();
    expect(byDev.data.reportSecurityIncident).toMatchObject({ stopProcessing: false });
    expect(byDev.data.reportSecurityIncident.timeline.map((t: any) => t.kind)).toEqual(['REPORTED', 'AWAITING_CONFIRMATION']);
    const events = await published(stack, 'SecurityIncidentReported', 'licensing');
    expect(events.find((e) => e.incidentId === byDev.data.reportSecurityIncident.id)).toMatchObject({ stopProcessing: false });
  });

  it('risky linkage stops processing (ZJC §三(五)6) without a cyberspace notice; loss is the other way round', async () => {
    const linkage = await gql(REPORT, { i: { type: 'RISKY_LINKAGE', severity: 'MEDIUM', description: '跨库关联识别风险', occurredAt: '2026-11-24T01:00:00Z', resourceIds: [res1, res2] } }, op);
    expect(linkage.data.reportSecurityIncident).toMatchObject({ stopProcessing: true, notifyCyberspaceAuthority: false });
    expect(linkage.data.reportSecurityIncident.timeline.map((t: any) => t.kind)).toEqual(['REPORTED', 'PROCESSING_STOPPED']);
    const event = (await published(stack, 'SecurityIncidentReported', 'products')).find((e) => e.incidentId === linkage.data.reportSecurityIncident.id);
    expect(event).toMatchObject({ stopProcessing: true, stopRule: resolveProfile(J).linkageStop.source });
    expect(event.stopRule).toMatch(/^ZJC §三\(五\)6/);
    const loss = await gql(REPORT, { i: { type: 'DATA_LOSS', severity: 'LOW', description: '备份丢失', occurredAt: '2026-11-24T01:00:00Z', operatorId: operator } });
    expect(loss.data.reportSecurityIncident).toMatchObject({ stopProcessing: false, notifyCyberspaceAuthority: true, agreementId: agreement });
  });

  it('only the authority or the operator concerned records actions; closing needs the cyberspace notice first', async () => {
    const ACTION = `mutation($id: ID!, $k: SecurityIncidentActionKind!) { addSecurityIncidentAction(incidentId: $id, kind: $k, note: "已处置") { id } }`;
    expect(code(await gql(ACTION, { id: leakId, k: 'CONTAINMENT' }, who('OPERATOR', otherOperator, J)))).toBe('FORBIDDEN');
    expect((await gql(ACTION, { id: leakId, k: 'CONTAINMENT' }, op)).errors).toBeUndefined();
    const CLOSE = `mutation($id: ID!) { closeSecurityIncident(incidentId: $id, summary: "已封堵导出通道，涉事数据已追回") { status closedAt } }`;
    expect(code(await gql(CLOSE, { id: leakId }, op))).toBe('FORBIDDEN');
    const refused = await gql(CLOSE, { id: leakId });
    expect(code(refused)).toBe('POLICY_VIOLATION');
    expect(refused.errors![0]!.extensions!.rule).toBe(NOTICE_SOURCE);
    expect(await published(stack, 'SecurityIncidentClosed', 'licensing')).toHaveLength(0);
    await gql(ACTION, { id: leakId, k: 'CYBERSPACE_AUTHORITY_NOTIFIED' }, op);
    const closed = await gql(CLOSE, { id: leakId });
    expect(closed.data.closeSecurityIncident.status).toBe('CLOSED');
    expect(await published(stack, 'SecurityIncidentClosed', 'licensing')).toEqual([
      { incidentId: leakId, jurisdiction: J, agreementId: agreement, resourceIds: [res1], productIds: [product], closedAt: '2026-11-25T02:00:00.000Z' },
    ]);
    expect(code(await gql(CLOSE, { id: leakId }))).toBe('CONFLICT');
    expect(code(await gql(ACTION, { id: leakId, k: 'OTHER' }, op))).toBe('CONFLICT');
  });

  it('shows incidents to the authority and the operator concerned only', async () => {
    const LIST = `{ securityIncidents(jurisdiction: "ZJC") { totalCount edges { node { id timeline { kind } } } } }`;
    const all = await gql(LIST);
    expect(all.data.securityIncidents.totalCount).toBe(5); // two leaks, the developer's linkage report, the operator's linkage, the loss
    expect(all.extensions?.sqlStatements?.evaluation).toBeLessThanOrEqual(3);
    expect((await gql(LIST, {}, who('OPERATOR', otherOperator, J))).data.securityIncidents.totalCount).toBe(0);
    expect(code(await gql(`query($id: ID!) { securityIncident(id: $id) { id } }`, { id: leakId }, who('OPERATOR', otherOperator, J)))).toBe('FORBIDDEN');
  });
});

const FILE = `mutation($i: FileDisputeInput!) { fileDispute(input: $i) { id status kind rule complainantName dueOn overdue } }`;

describe('disputes and appeals', () => {
  let appealId: string;

  it('refuses the wrong party, a missing real name and an objection without evidence', async () => {
    expect(code(await gql(FILE, { i: { kind: 'DATA_USE_APPEAL', subject: '调用被拒', complainantName: '王' } }, op))).toBe('FORBIDDEN');
    expect(code(await gql(FILE, { i: { kind: 'DATA_USE_APPEAL', subject: '调用被拒', complainantName: ' ' } }, dev))).toBe('BAD_USER_INPUT');
    expect(code(await gql(FILE, { i: { kind: 'REGISTRATION_OBJECTION', subject: '登记有误', complainantName: '王敏' } }, dev))).toBe('BAD_USER_INPUT');
    expect(code(await gql(FILE, { i: { kind: 'AGENCY_OPERATOR', subject: '频率争议', complainantName: '李强' } }, who('SOURCE_UNIT', agency, J)))).toBe('BAD_USER_INPUT');
    expect(await count(stack, 'dispute')).toBe(0);
  });

  it('goes from complaint to handling with a deadline to a decision', async () => {
    const filed = await gql(FILE, { i: { kind: 'DATA_USE_APPEAL', respondentOrgId: operator, subject: '数据使用审核未通过，申请复核', subjectRef: product, complainantName: '王敏', evidence: [{ title: '审核通知书' }] } }, dev);
    expect(filed.errors).toBeUndefined();
    appealId = filed.data.fileDispute.id;
    expect(filed.data.fileDispute).toMatchObject({ status: 'FILED', rule: 'QHD: secondary developer appeal', dueOn: null });
    const DECIDE = `mutation($id: ID!) { resolveDispute(disputeId: $id, outcome: UPHELD, decision: "撤销原审核结论，重新审核") { status outcome decision } }`;
    expect(code(await gql(DECIDE, { id: appealId }))).toBe('CONFLICT');
    const START = `mutation($id: ID!, $d: LocalDate!) { startDisputeHandling(disputeId: $id, dueOn: $d) { status dueOn overdue } }`;
    expect(code(await gql(START, { id: appealId, d: '2026-11-20' }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(START, { id: appealId, d: '2026-12-10' }, op))).toBe('FORBIDDEN');
    expect((await gql(START, { id: appealId, d: '2026-12-10' })).data.startDisputeHandling).toEqual({ status: 'IN_HANDLING', dueOn: '2026-12-10', overdue: false });
    // Seen from after the deadline, it is overdue.
    const late = await stack.subgraph('evaluation', `{ disputes(jurisdiction: "ZJC", overdueOnly: true) { totalCount } }`, {}, { as: authority, now: '2026-12-15T02:00:00Z' });
    expect(late.data.disputes.totalCount).toBe(1);
    expect((await gql(DECIDE, { id: appealId })).data.resolveDispute).toEqual({ status: 'RESOLVED', outcome: 'UPHELD', decision: '撤销原审核结论，重新审核' });
  });

  it('is visible to its parties and the authority only', async () => {
    const Q = `query($id: ID!) { dispute(id: $id) { id evidence { title } } }`;
    expect((await gql(Q, { id: appealId }, dev)).data.dispute.evidence).toEqual([{ title: '审核通知书' }]);
    expect((await gql(Q, { id: appealId }, op)).errors).toBeUndefined();
    expect(code(await gql(Q, { id: appealId }, who('OPERATOR', otherOperator, J)))).toBe('FORBIDDEN');
    expect((await gql(`{ disputes(jurisdiction: "ZJC") { totalCount } }`, {}, who('DEVELOPER', otherOperator, J))).data.disputes.totalCount).toBe(0);
  });
});

describe('public disclosure feed', () => {
  const FEED = `query($j: String, $k: [DisclosureKind!], $first: Int, $after: String) { disclosures(jurisdiction: $j, kinds: $k, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { kind name subjectId rule publishedAt facts { key value } } } } }`;

  it('shows anonymously, newest first, exactly what the rules make public', async () => {
    const res = await stack.subgraph('evaluation', FEED, { j: J });
    expect(res.errors).toBeUndefined();
    const kinds = res.data.disclosures.edges.map((e: any) => e.node.kind);
    expect([...kinds].sort()).toEqual(['AUTHORIZATION', 'AUTHORIZATION_ENDED', 'INCIDENT_SUMMARY', 'PRICE', 'PRODUCT_LISTED']);
    const times = res.data.disclosures.edges.map((e: any) => e.node.publishedAt);
    expect(times).toEqual([...times].sort().reverse());
    const incident = res.data.disclosures.edges.find((e: any) => e.node.kind === 'INCIDENT_SUMMARY').node;
    expect(incident.rule).toBe(DISCLOSURE_SOURCE);
    expect(incident.facts.map((f: any) => f.key)).toEqual(['operator', 'type', 'severity', 'occurredOn', 'closedOn', 'affectedResources', 'affectedProducts', 'summary']);
    // Private: the incident description, the reporter, the affected ids, the dispute — none of it is in the feed.
    const text = JSON.stringify(res.data);
    expect(text).not.toContain('导出文件外泄');
    expect(text).not.toContain(res1);
    expect(text).not.toContain('王敏');
    const price = res.data.disclosures.edges.find((e: any) => e.node.kind === 'PRICE').node;
    expect(price.facts).toEqual(expect.arrayContaining([{ key: 'priceKind', value: 'CAP' }, { key: 'yuan', value: '10.00' }]));
  });

  it('pages and filters by kind and jurisdiction', async () => {
    const p1 = await stack.subgraph('evaluation', FEED, { j: J, first: 2 });
    expect(p1.data.disclosures).toMatchObject({ totalCount: 5, pageInfo: { hasNextPage: true } });
    const p3 = await stack.subgraph('evaluation', FEED, { j: J, first: 2, after: (await stack.subgraph('evaluation', FEED, { j: J, first: 4 })).data.disclosures.pageInfo.endCursor });
    expect(p3.data.disclosures.edges).toHaveLength(1);
    expect(p3.data.disclosures.pageInfo.hasNextPage).toBe(false);
    const onlyProducts = await stack.subgraph('evaluation', FEED, { j: J, k: ['PRODUCT_LISTED', 'PRICE'] });
    expect(onlyProducts.data.disclosures.totalCount).toBe(2);
    // The other journeys of this stack publish in TZ and HN; nothing was ever published for JL.
    expect((await stack.subgraph('evaluation', FEED, { j: 'JL' })).data.disclosures.totalCount).toBe(0);
  });

  it('answers the announcements\' totalCount from the counts kept per jurisdiction and kind, which a recount confirms', async () => {
    const ANNOUNCEMENTS = `{ disclosures(jurisdiction: "ZJC", kinds: [PRODUCT_LISTED], first: 1) { totalCount edges { node { id } } } }`;
    const before = await stack.subgraph('evaluation', ANNOUNCEMENTS);
    expect(before.data.disclosures.totalCount).toBe(1);
    // The same listing again under a new event id (a replay): the feed keeps one row, and so does its count.
    await emit(stack, 'products', 'ProductListed', {
      productId: product, productCode: 'ZJC-CP-0001', version: 1, jurisdiction: J, operatorId: operator, agreementId: agreement,
      scenarioId: '0190a0c2-0000-7000-8000-00000000f201', nameZh: '普惠保险精算数据包', form: 'DATA_PACKAGE', category: 'PAID',
      resources: [{ resourceId: res1, sourceAgencyId: agency }], listedAt: '2026-03-01T00:00:00Z',
    }, J);
    await stack.settle();
    expect(await count(stack, 'disclosure', `jurisdiction = $1 and kind = 'PRODUCT_LISTED'`, [J])).toBe(1);
    expect(await count(stack, 'disclosure_count', `jurisdiction = $1 and kind = 'PRODUCT_LISTED' and n = 1`, [J])).toBe(1);
    expect(await checkEvaluationInvariants(stack.em('evaluation'))).toEqual([]);
    // The total is read from the count, not from the feed: a count out of step shows in totalCount and the invariant names it.
    const em = stack.em('evaluation');
    await sql(em, `update disclosure_count set n = n + 41 where jurisdiction = $1 and kind = 'PRODUCT_LISTED'`, [J]);
    try {
      expect((await stack.subgraph('evaluation', ANNOUNCEMENTS)).data.disclosures.totalCount).toBe(42);
      expect(await checkEvaluationInvariants(em)).toEqual(['evaluation: disclosure_count equals a recount of the feed per jurisdiction and kind: ZJC/PRODUCT_LISTED: kept 42, feed holds 1']);
    } finally {
      await sql(em, `update disclosure_count set n = n - 41 where jurisdiction = $1 and kind = 'PRODUCT_LISTED'`, [J]);
    }
    // A filter the counts do not cover (by subject) still counts the feed.
    const bySubject = await stack.subgraph('evaluation', `query($s: ID!) { disclosures(subjectId: $s, first: 1) { totalCount } }`, { s: product });
    expect(bySubject.data.disclosures.totalCount).toBe(2);
  });

  it('resolves one disclosure by id, anonymously', async () => {
    const feed = await stack.subgraph('evaluation', `{ disclosures(jurisdiction: "ZJC", kinds: [PRODUCT_LISTED]) { edges { node { id } } } }`);
    const id = feed.data.disclosures.edges[0].node.id;
    const one = await stack.subgraph('evaluation', `query($id: ID!) { disclosure(id: $id) { kind name facts { key value } } }`, { id });
    expect(one.errors).toBeUndefined();
    expect(one.data.disclosure).toMatchObject({ kind: 'PRODUCT_LISTED', name: '产品挂牌：普惠保险精算数据包（ZJC-CP-0001）' });
    expect(one.data.disclosure.facts).toContainEqual({ key: 'productCode', value: 'ZJC-CP-0001' });
  });

  it('publishes usage statistics per listed product', async () => {
    const res = await stack.subgraph('evaluation', `{ publicProductUsage(jurisdiction: "ZJC", from: "2026-01-01", to: "2026-12-31") { totalCount edges { node { productCode usageUnits developers } } } }`);
    expect(res.data.publicProductUsage.edges).toEqual([{ node: { productCode: 'ZJC-CP-0001', usageUnits: '0', developers: 0 } }]);
  });
});

 });
}
