/**
 * Eligibility facts are recorded by officials with evidence; a company only proposes a change.
 * Through the gateway: a company's own updateOrganization of its tax grade, credit code or MLPS is
 * FORBIDDEN and eligibility stays false; a proposal accepted by the implementing agency flips it,
 * with the history showing evidence and actor; a rejection changes nothing; an official of another
 * jurisdiction cannot accept; a proposer may withdraw while pending; a name change reaches the
 * subgraphs that project organisations; names are validated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, newId, sql } from '@pdo/platform';
import type { EventEnvelope } from '@pdo/events';
import { handlers } from '../src/handlers/index.js';
import { startTestStack, who, type GqlResult, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { completeCreditCode } from '../src/domain/credit-code.js';
import { EVIDENCE, ok, org, refused, snapshot, testIdentifier } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition], { gateway: true, seed: true });
}, 120_000);
afterAll(async () => stack?.stop());

const NOW = '2026-05-06T10:00:00+08:00';
const gql = (q: string, v: Record<string, unknown>, as: ReturnType<typeof who>): Promise<GqlResult<any>> => stack.gql(q, v, { as, now: NOW });

const jlAuthority = who('AUTHORITY', org('jl-authority'), 'JL', 'jl-authority-user');
const jlAgency = who('AGENCY', org('jl-agency'), 'JL', 'jl-agency-clerk');
const hnAgency = who('AGENCY', org('hn-agency'), 'HN', 'hn-agency-clerk');
const strangerCompany = who('OPERATOR', org('jl-operator'), 'JL', 'jl-operator-user');

const CHECK = `query($o: ID!) { eligibilityCheck(organizationId: $o, jurisdiction: "JL") { eligible criteria { criterion passed } } }`;
const UPDATE_OLD_STYLE = `mutation($id: ID!, $input: OrganizationFactsInput!) { updateOrganization(id: $id, input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: OrganizationFactsInput!, $ev: FactEvidenceInput) { updateOrganization(id: $id, input: $input, evidence: $ev) { id name } }`;
const PROPOSE = `mutation($input: ProposeOrganizationChangeInput!) { proposeOrganizationChange(input: $input) { id status changes evidence { documentRef documentDate } } }`;
const ACCEPT = `mutation($id: ID!) { acceptOrganizationChange(id: $id, note: "核验原件无误") { id status decidedBy decidedByRole decisionReason } }`;
const REJECT = `mutation($id: ID!, $r: String!) { rejectOrganizationChange(id: $id, reason: $r) { id status decisionReason } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawOrganizationChange(id: $id) { id status } }`;
const HISTORY = `query($o: ID!) { organizationFactHistory(organizationId: $o, first: 10) { totalCount edges { node {
  kind fields oldValues newValues evidence { documentRef documentDate note } recordedBy recordedByRole recordedByOrganizationId recordedAt proposalId } } } }`;
const PROPOSALS = `query($o: ID) { organizationChangeProposals(filter: { organizationId: $o }) { totalCount edges { node { id status } } } }`;

const TAX_NOTICE = { documentRef: '国家税务总局吉林省税务局 2025年度纳税信用评价结果复评通知（吉税信〔2026〕7号）', documentDate: '2026-04-28' };

let companyId: string;
let company: ReturnType<typeof who>;
const code = completeCreditCode('91220200MA0FACT01');

async function eligible(): Promise<{ eligible: boolean; failing: string[] }> {
  const r = ok(await gql(CHECK, { o: companyId }, jlAuthority)).eligibilityCheck;
  return { eligible: r.eligible, failing: r.criteria.filter((c: any) => !c.passed).map((c: any) => c.criterion) };
}

describe('eligibility facts: recorded by officials with evidence, proposed by the company', () => {
  it('registers a JL company whose 2025 tax grade M fails TAX_CREDIT_GRADE; registration is the first history entry', async () => {
    const input = {
      jurisdiction: 'JL',
      name: '长春数智（吉林）科技有限公司',
      kinds: ['OPERATOR'],
      evidence: { documentRef: '营业执照 91220200MA0FACT01', documentDate: '2026-01-05' },
      facts: { creditCode: code, foundedOn: '2015-01-01', taxGrades: [{ year: 2025, grade: 'M' }], mlps3Experience: true, commercialCryptoExperience: true, securityDepartment: '数据安全部', securityHead: '赵安全' },
    };
    // Without evidence nothing is registered.
    refused(await gql(`mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`, { input: { ...input, evidence: null } }, jlAuthority), 'BAD_USER_INPUT');
    companyId = ok(await gql(`mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`, { input }, jlAuthority)).registerOrganization.id;
    company = who('OPERATOR', companyId, 'JL', 'fact-company-user');
    // The check shows what an application is judged by: with no legal representative on record JL's integrity
    // criterion (JL §三(二)) fails too, until the agency records one from the licence.
    expect(await eligible()).toEqual({ eligible: false, failing: ['TAX_CREDIT_GRADE', 'INTEGRITY_RECORDS'] });
    const persons = { organizationId: companyId, persons: [{ role: 'LEGAL_REPRESENTATIVE', name: '钱法人', identifier: testIdentifier() }], documentRef: '营业执照 91220200MA0FACT01', documentDate: '2026-01-05' };
    ok(await gql(`mutation($input: RecordOrganizationPersonsInput!) { recordOrganizationPersons(input: $input) { id } }`, { input: persons }, jlAgency));
    expect(await eligible()).toEqual({ eligible: false, failing: ['TAX_CREDIT_GRADE'] });
    const h = ok(await gql(HISTORY, { o: companyId }, company)).organizationFactHistory;
    expect(h.totalCount).toBe(1);
    expect(h.edges[0].node).toMatchObject({ kind: 'REGISTERED', recordedBy: 'jl-authority-user', recordedByRole: 'AUTHORITY', evidence: { documentRef: '营业执照 91220200MA0FACT01' } });
    expect(h.edges[0].node.newValues).toMatchObject({ name: '长春数智（吉林）科技有限公司', creditCode: code, taxGrades: [{ year: 2025, grade: 'M' }] });
  });

  it('refuses the company\'s own updateOrganization of its tax grade, credit code, MLPS or name (FORBIDDEN); eligibility stays false and nothing changes', async () => {
    const before = await snapshot(stack);
    const attempts: Record<string, unknown>[] = [
      { taxGrades: [{ year: 2025, grade: 'A' }] },
      { creditCode: completeCreditCode('91220200MA0FACT02') },
      { mlps3Experience: true, commercialCryptoExperience: true },
      { name: '=HYPERLINK("http://evil.example","点击领取补贴")' },
      { penalties: [], securityIncidents: [] },
    ];
    for (const input of attempts) {
      // Exactly the call of the attack (no evidence argument) …
      const ext = refused(await gql(UPDATE_OLD_STYLE, { id: companyId, input }, company), 'FORBIDDEN');
      expect(ext.details?.reason).toBe('RECORDED_BY_OFFICIALS');
      // … and with evidence attached: still the officials' to record.
      refused(await gql(UPDATE, { id: companyId, input, ev: TAX_NOTICE }, company), 'FORBIDDEN');
    }
    // A source unit may not record its own facts either.
    refused(await gql(UPDATE, { id: org('jl-src-housing'), input: { name: '吉林住建数据' }, ev: TAX_NOTICE }, who('SOURCE_UNIT', org('jl-src-housing'), 'JL')), 'FORBIDDEN');
    expect(await snapshot(stack)).toEqual(before);
    expect(await eligible()).toEqual({ eligible: false, failing: ['TAX_CREDIT_GRADE'] });
  });

  it('an official records only with evidence (document reference, a date not in the future)', async () => {
    const before = await snapshot(stack);
    refused(await gql(UPDATE, { id: companyId, input: { securityHead: '钱安全' } }, jlAgency), 'BAD_USER_INPUT');
    refused(await gql(UPDATE, { id: companyId, input: { securityHead: '钱安全' }, ev: { documentRef: '任命文件', documentDate: '2026-05-07' } }, jlAgency), 'BAD_USER_INPUT');
    refused(await gql(UPDATE, { id: companyId, input: { securityHead: '钱安全' }, ev: { documentRef: '\u0007', documentDate: '2026-05-06' } }, jlAgency), 'BAD_USER_INPUT');
    // An official of another jurisdiction records nothing here.
    refused(await gql(UPDATE, { id: companyId, input: { securityHead: '钱安全' }, ev: EVIDENCE }, hnAgency), 'FORBIDDEN');
    expect(await snapshot(stack)).toEqual(before);
  });

  let proposalId: string;
  it('a proposal changes nothing until decided; an official of another jurisdiction cannot accept it, nor the company itself', async () => {
    const p = ok(await gql(PROPOSE, { input: { organizationId: companyId, changes: { taxGrades: [{ year: 2025, grade: 'A' }] }, evidence: TAX_NOTICE } }, company)).proposeOrganizationChange;
    proposalId = p.id;
    expect(p).toMatchObject({ status: 'PENDING', changes: { taxGrades: [{ year: 2025, grade: 'A' }] }, evidence: TAX_NOTICE });
    expect(await eligible()).toEqual({ eligible: false, failing: ['TAX_CREDIT_GRADE'] });
    // Another company cannot propose for it.
    refused(await gql(PROPOSE, { input: { organizationId: companyId, changes: { taxGrades: [{ year: 2025, grade: 'D' }] }, evidence: TAX_NOTICE } }, strangerCompany), 'FORBIDDEN');

    const before = await snapshot(stack);
    refused(await gql(ACCEPT, { id: proposalId }, hnAgency), 'FORBIDDEN');
    refused(await gql(ACCEPT, { id: proposalId }, who('AUTHORITY', org('hn-authority'), 'HN')), 'FORBIDDEN');
    refused(await gql(ACCEPT, { id: proposalId }, company), 'FORBIDDEN');
    refused(await gql(REJECT, { id: proposalId, r: '无' }, hnAgency), 'FORBIDDEN');
    expect(await snapshot(stack)).toEqual(before);
    expect(await eligible()).toEqual({ eligible: false, failing: ['TAX_CREDIT_GRADE'] });
    // Officials of another jurisdiction do not even see it.
    expect(ok(await gql(PROPOSALS, { o: companyId }, hnAgency)).organizationChangeProposals.totalCount).toBe(0);
    expect(ok(await gql(PROPOSALS, { o: companyId }, jlAgency)).organizationChangeProposals.totalCount).toBe(1);
    expect(ok(await gql(PROPOSALS, {}, company)).organizationChangeProposals.totalCount).toBe(1);
  });

  it('accepted by the JL implementing agency: eligibility flips, the history shows old → new, evidence and actor, and the audit trail has it', async () => {
    const a = ok(await gql(ACCEPT, { id: proposalId }, jlAgency)).acceptOrganizationChange;
    expect(a).toMatchObject({ status: 'ACCEPTED', decidedBy: 'jl-agency-clerk', decidedByRole: 'AGENCY', decisionReason: '核验原件无误' });
    expect(await eligible()).toEqual({ eligible: true, failing: [] });
    const h = ok(await gql(HISTORY, { o: companyId }, jlAuthority)).organizationFactHistory;
    expect(h.totalCount).toBe(2);
    expect(h.edges[0].node).toMatchObject({
      kind: 'PROPOSAL_ACCEPTED',
      fields: ['taxGrades'],
      oldValues: { taxGrades: [{ year: 2025, grade: 'M' }] },
      newValues: { taxGrades: [{ year: 2025, grade: 'A' }] },
      evidence: TAX_NOTICE,
      recordedBy: 'jl-agency-clerk',
      recordedByRole: 'AGENCY',
      recordedByOrganizationId: org('jl-agency'),
      proposalId,
    });
    // Accepting twice is a wrong state, not a second change.
    refused(await gql(ACCEPT, { id: proposalId }, jlAgency), 'CONFLICT');
    const audit = await sql<{ action: string; actor_sub: string; entity_type: string }>(
      stack.em('licensing'),
      `select action, actor_sub, entity_type from audit_log where entity_id in ($1, $2) order by seq`,
      [companyId, proposalId],
    );
    expect(audit.map((r) => `${r.entity_type}:${r.action}:${r.actor_sub}`)).toEqual([
      'Organization:REGISTERED:jl-authority-user',
      'Organization:PERSONS_RECORDED:jl-agency-clerk',
      'OrganizationChangeProposal:PROPOSED:fact-company-user',
      'Organization:FACTS_RECORDED:jl-agency-clerk',
      'OrganizationChangeProposal:ACCEPTED:jl-agency-clerk',
    ]);
    // Another company sees neither the history nor the facts.
    refused(await gql(HISTORY, { o: companyId }, strangerCompany), 'NOT_FOUND');
  });

  it('a rejection needs a reason and changes nothing', async () => {
    const p = ok(await gql(PROPOSE, { input: { organizationId: companyId, changes: { mlps3Experience: false, foundedOn: '2010-01-01' }, evidence: { documentRef: '自述', documentDate: '2026-05-01' } } }, company)).proposeOrganizationChange;
    const facts = `query($id: ID!) { organization(id: $id) { name creditCode foundedOn mlps3Experience taxGrades { year grade } } }`;
    const before = ok(await gql(facts, { id: companyId }, jlAgency)).organization;
    refused(await gql(REJECT, { id: p.id, r: '  ' }, jlAgency), 'BAD_USER_INPUT');
    const r = ok(await gql(REJECT, { id: p.id, r: '未提供成立日期的登记机关证明' }, jlAgency)).rejectOrganizationChange;
    expect(r).toMatchObject({ status: 'REJECTED', decisionReason: '未提供成立日期的登记机关证明' });
    expect(ok(await gql(facts, { id: companyId }, jlAgency)).organization).toEqual(before);
    expect(ok(await gql(HISTORY, { o: companyId }, jlAgency)).organizationFactHistory.totalCount).toBe(2);
    expect(await eligible()).toEqual({ eligible: true, failing: [] });
    refused(await gql(ACCEPT, { id: p.id }, jlAgency), 'CONFLICT');
  });

  it('the proposer withdraws a pending proposal (nobody else can); it can no longer be accepted', async () => {
    const p = ok(await gql(PROPOSE, { input: { organizationId: companyId, changes: { securityHead: '孙安全' }, evidence: { documentRef: '任命通知（长数智〔2026〕3号）', documentDate: '2026-05-02' } } }, company)).proposeOrganizationChange;
    refused(await gql(WITHDRAW, { id: p.id }, strangerCompany), 'FORBIDDEN');
    refused(await gql(WITHDRAW, { id: p.id }, jlAgency), 'FORBIDDEN');
    expect(ok(await gql(WITHDRAW, { id: p.id }, company)).withdrawOrganizationChange).toMatchObject({ status: 'WITHDRAWN' });
    refused(await gql(ACCEPT, { id: p.id }, jlAgency), 'CONFLICT');
    refused(await gql(WITHDRAW, { id: p.id }, company), 'CONFLICT');
  });

  it('names are validated (formula start, control characters, length) but full-width punctuation is fine; an accepted name change reaches every projecting subgraph', async () => {
    const before = await snapshot(stack);
    for (const name of ['=HYPERLINK("http://evil.example","领取补贴")', '@SUM(1+1)', '长春数智\n科技有限公司', '长春数智\u202E司公限有', '数'.repeat(101)]) {
      // The name itself is refused, even from the official, before any question of evidence.
      expect(refused(await gql(UPDATE_OLD_STYLE, { id: companyId, input: { name } }, jlAgency), 'BAD_USER_INPUT').field).toBe('input.name');
      refused(await gql(UPDATE, { id: companyId, input: { name }, ev: TAX_NOTICE }, jlAgency), 'BAD_USER_INPUT');
      refused(await gql(PROPOSE, { input: { organizationId: companyId, changes: { name }, evidence: TAX_NOTICE } }, company), 'BAD_USER_INPUT');
    }
    expect(await snapshot(stack)).toEqual(before);

    const renamed = '长春数智科技（集团）有限公司·数据运营中心';
    const p = ok(await gql(PROPOSE, { input: { organizationId: companyId, changes: { name: `  ${renamed}\u3000` }, evidence: { documentRef: '名称变更登记通知书（长市监名变字〔2026〕15号）', documentDate: '2026-04-30' } } }, company)).proposeOrganizationChange;
    expect(p.changes).toEqual({ name: renamed });
    ok(await gql(ACCEPT, { id: p.id }, jlAuthority));
    expect(ok(await gql(`query($id: ID!) { organization(id: $id) { name } }`, { id: companyId }, who('ANONYMOUS'))).organization.name).toBe(renamed);
    for (const consumer of ['catalog', 'products', 'revenue', 'evaluation']) {
      const rows = await sql<{ data: any }>(stack.em('licensing'), `select data from pgboss.job where name = $1 and data->>'name' = 'OrganizationRegistered' order by created_on`, [`inbox_${consumer}`]);
      const mine = rows.map((r) => r.data.payload).filter((x: any) => x.organizationId === companyId);
      expect(mine.at(-1), consumer).toMatchObject({ nameZh: renamed, creditCode: code, jurisdiction: 'JL' });
    }
  });

  it('a security incident reported in evaluation enters the facts and their history once, with the incident as evidence', async () => {
    const incident = { incidentId: 'INC-FACTS-1', jurisdiction: 'JL', operatorId: companyId, agreementId: null, type: 'DATA_LEAK', severity: 'HIGH', stopProcessing: false, resourceIds: [], productIds: [], occurredAt: '2026-05-05T02:00:00Z' };
    const deliver = async () => {
      const env: EventEnvelope = { id: newId(), name: 'SecurityIncidentReported', version: 1, producer: 'evaluation', occurredAt: incident.occurredAt, jurisdiction: 'JL', payload: incident as never };
      await applyEvent(stack.runtimes.licensing!.orm, 'licensing', handlers, env, undefined, stack.runtimes.licensing!.events);
    };
    await deliver();
    await deliver(); // the same incident again, in a new envelope: recorded once
    const h = ok(await gql(HISTORY, { o: companyId }, jlAgency)).organizationFactHistory;
    const incidents = h.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'INCIDENT_REPORTED');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ fields: ['securityIncidents'], oldValues: { securityIncidents: [] }, evidence: { documentRef: '安全事件 INC-FACTS-1', documentDate: '2026-05-05' } });
    expect(incidents[0].newValues.securityIncidents).toEqual([expect.objectContaining({ incidentId: 'INC-FACTS-1', severity: 'MAJOR' })]);
  });

  it('keeps the history append-only in the database', async () => {
    const em = stack.em('licensing');
    await expect(sql(em, `update organization_fact_change set document_ref = 'forged' where organization_id = $1`, [companyId])).rejects.toThrow(/append-only/);
    await expect(sql(em, `delete from organization_fact_change where organization_id = $1`, [companyId])).rejects.toThrow(/append-only/);
  });
});
