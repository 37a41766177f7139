/**
 * Issue 19 items 5–6 on PostgreSQL through licensing's API: integrity records loaded by the authority and checked at
 * application and again at signing (TZ Art 12(3), JL §三(二)); invited tenders; the ranking the call's scoring rules
 * and the experts' per-criterion scores decide; the publicity event; evaluation's results kept for reviewers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, newId as uuidv7, sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEMO_AGREEMENTS, resourceByKey } from '@pdo/demo';
import type { EventEnvelope, EventName } from '@pdo/events';
import { definition } from '../src/index.js';
import { handlers } from '../src/handlers/index.js';
import { completeCreditCode } from '../src/domain/credit-code.js';
import { agency, at, authority, call, CONTENTS, DOCS, EVIDENCE, expert, ok, operatorOf, org, recordLegalRepresentative, refused, seedLicensing, snapshot, testIdentifier } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedLicensing(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id creditCode } }`;
const PUBLISH = `mutation($input: PublishCallInput!) { publishCall(input: $input) { id } }`;
const APPLY = `mutation($c: ID!, $d: [ApplicationDocumentInput!]!) { submitOperatorApplication(callId: $c, documents: $d) { id eligibility { eligible criteria { criterion passed reasonZh } } } }`;
const LOAD = `mutation($input: RecordIntegrityInput!) { recordIntegrityRecord(input: $input) { id kind subjectName effectiveOn source liftedOn } }`;
const LIFT = `mutation($id: ID!, $on: LocalDate!) { liftIntegrityRecord(recordId: $id, liftedOn: $on, source: "移出失信被执行人名单决定书（测试）") { id liftedOn } }`;
const SELECT = `mutation($id: ID!) { selectOperatorApplication(id: $id) { status publicityEndsOn } }`;

let seq = 0;
async function company(j: string): Promise<{ id: string; creditCode: string }> {
  const div = { JL: '220200', TZ: '321200', QHD: '130300' }[j]!;
  const code = completeCreditCode(`91${div}MB${String(++seq).padStart(7, '0')}`);
  const input = { jurisdiction: j, name: `遴选测试公司${seq}`, kinds: ['OPERATOR'], evidence: EVIDENCE, facts: { creditCode: code, foundedOn: '2015-01-01', taxGrades: [{ year: 2025, grade: 'A' }, { year: 2026, grade: 'A' }], mlps3Experience: true, commercialCryptoExperience: true, securityDepartment: '安全部', securityHead: '李四' } };
  return ok(await call(stack, REGISTER, { input }, authority(j), at('2026-01-05'))).registerOrganization;
}
const publishCall = async (j: string, extra: Record<string, unknown>, day = '2026-03-02') =>
  ok(await call(stack, PUBLISH, { input: { jurisdiction: j, title: `${j} 遴选公告`, mode: j === 'QHD' ? 'WHOLE' : 'BY_SCENARIO', selectionMethod: 'OPEN_TENDER', resourceIds: [], sectors: ['weather'], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 3, ...extra } }, authority(j), at(day))).publishCall.id as string;
const review = (app: string, scores: [string, string][], n: number, j = 'JL') =>
  call(stack, `mutation($id: ID!, $s: [CriterionScoreInput!]) { submitExpertReview(applicationId: $id, criterionScores: $s, opinion: "意见") { id } }`, { id: app, s: scores.map(([criterion, score]) => ({ criterion, score })) }, expert(j, n), at('2026-04-02'));

describe('integrity records: loaded by the authority, checked at application and again at signing (TZ Art 12(3))', () => {
  let tzCo: { id: string; creditCode: string };
  let callId: string;
  const rep = testIdentifier();

  it('only the authority of the jurisdiction loads a record, with its source; the identity number itself is never stored', async () => {
    tzCo = await company('TZ');
    await recordLegalRepresentative(stack, tzCo.id, 'TZ', '2026-01-06', rep, '张三');
    const input = { jurisdiction: 'TZ', subjectName: '张三', identifier: rep, kind: 'DISHONEST_DEBTOR', effectiveOn: '2025-11-01', source: '（2025）苏12执123号', sourceDate: '2025-11-01' };
    refused(await call(stack, LOAD, { input }, agency('TZ'), at('2026-03-01')), 'FORBIDDEN');
    refused(await call(stack, LOAD, { input }, authority('HN'), at('2026-03-01')), 'FORBIDDEN');
    refused(await call(stack, LOAD, { input: { ...input, identifier: '123' } }, authority('TZ'), at('2026-03-01')), 'BAD_USER_INPUT');
    refused(await call(stack, LOAD, { input: { ...input, sourceDate: '2026-03-02' } }, authority('TZ'), at('2026-03-01')), 'BAD_USER_INPUT');
    const r = ok(await call(stack, LOAD, { input }, authority('TZ'), at('2026-03-01'))).recordIntegrityRecord;
    expect(r).toMatchObject({ kind: 'DISHONEST_DEBTOR', subjectName: '张三', source: '（2025）苏12执123号', liftedOn: null });
    const em = stack.em('licensing');
    const dump = JSON.stringify(await sql(em, `select (select json_agg(t) from integrity_record t) as r, (select json_agg(p) from organization_person p) as p, (select json_agg(a) from audit_log a) as a`));
    expect(dump).not.toContain(rep);
    // Append-only: neither a record nor a lifting is rewritten or deleted.
    await expect(sql(em, `update integrity_record set kind = 'CRIMINAL_RECORD' where id = $1`, [r.id])).rejects.toThrow(/append-only/);
    await expect(sql(em, `delete from integrity_record where id = $1`, [r.id])).rejects.toThrow(/append-only/);
    const listed = ok(await call(stack, `query($i: String) { integrityRecords(jurisdiction: "TZ", identifier: $i, first: 10) { totalCount edges { node { id } } } }`, { i: rep.toLowerCase() }, agency('TZ'), at('2026-03-01'))).integrityRecords;
    expect(listed.totalCount).toBe(1);
    refused(await call(stack, `query { integrityRecords(jurisdiction: "TZ", first: 10) { totalCount } }`, {}, operatorOf(tzCo.id, 'TZ'), at('2026-03-01')), 'FORBIDDEN');
  });

  it('an application is refused while the legal representative is listed, and accepted once the listing is lifted', async () => {
    callId = await publishCall('TZ', { selectionMethod: 'EXPERT_REVIEW', resourceIds: [resourceByKey('tz-weather').id], sectors: [] });
    const before = await snapshot(stack);
    const no = refused(await call(stack, APPLY, { c: callId, d: DOCS }, operatorOf(tzCo.id, 'TZ'), at('2026-03-03')), 'POLICY_VIOLATION', /TZ Art 12/);
    expect(no.details.failing.map((c: any) => c.criterion)).toEqual(['INTEGRITY_RECORDS']);
    expect(no.messageZh).toMatch(/法定代表人张三（失信被执行人，2025-11-01）/);
    // eligibilityCheck shows the criteria the application is judged by, integrity included.
    const check = async (day: string) => {
      const res = await call(stack, `query($o: ID!) { eligibilityCheck(organizationId: $o, jurisdiction: "TZ") { eligible criteria { criterion passed source } } }`, { o: tzCo.id }, operatorOf(tzCo.id, 'TZ'), at(day));
      return { ...ok(res).eligibilityCheck, statements: (res.extensions as any)?.sqlStatements?.licensing as number };
    };
    const seen = await check('2026-03-03');
    expect(seen.eligible).toBe(false);
    expect(seen.criteria.filter((c: any) => !c.passed).map((c: any) => c.criterion)).toEqual(['INTEGRITY_RECORDS']);
    expect(seen.criteria.find((c: any) => c.criterion === 'INTEGRITY_RECORDS').source).toMatch(/TZ Art 12\(3\)/);
    expect(await snapshot(stack)).toEqual(before);
    const rec = ok(await call(stack, `query($i: String) { integrityRecords(jurisdiction: "TZ", identifier: $i, first: 1) { edges { node { id } } } }`, { i: rep }, authority('TZ'), at('2026-03-05'))).integrityRecords.edges[0].node.id;
    refused(await call(stack, LIFT, { id: rec, on: '2025-11-01' }, authority('TZ'), at('2026-03-05')), 'BAD_USER_INPUT');
    ok(await call(stack, LIFT, { id: rec, on: '2026-03-05' }, authority('TZ'), at('2026-03-05')));
    refused(await call(stack, LIFT, { id: rec, on: '2026-03-05' }, authority('TZ'), at('2026-03-05')), 'CONFLICT');
    // Lifted from the 5th: no longer in force on that day.
    const cleared = await check('2026-03-05');
    expect(cleared).toMatchObject({ eligible: true });
    expect(cleared.criteria.find((c: any) => c.criterion === 'INTEGRITY_RECORDS').passed).toBe(true);
    // Flat in the number of persons and records: three more persons on record, the same statements.
    expect(cleared.statements).toBeGreaterThan(0);
    const more = { organizationId: tzCo.id, persons: [{ role: 'LEGAL_REPRESENTATIVE', name: '张三', identifier: rep }, ...[1, 2, 3].map((n) => ({ role: 'EXECUTIVE', name: `高管${n}`, identifier: testIdentifier() }))], documentRef: '营业执照（测试）', documentDate: '2026-01-05' };
    ok(await call(stack, `mutation($input: RecordOrganizationPersonsInput!) { recordOrganizationPersons(input: $input) { id } }`, { input: more }, agency('TZ'), at('2026-03-05')));
    expect((await check('2026-03-05')).statements).toBe(cleared.statements);
    const app = ok(await call(stack, APPLY, { c: callId, d: DOCS }, operatorOf(tzCo.id, 'TZ'), at('2026-03-05'))).submitOperatorApplication;
    expect(app.eligibility.criteria.find((c: any) => c.criterion === 'INTEGRITY_RECORDS')).toMatchObject({ passed: true });
  });

  it('a record loaded after approval bars the signature (checked again on the day of signing)', async () => {
    const app = ok(await call(stack, `query($c: ID) { operatorApplications(callId: $c, first: 5) { edges { node { id } } } }`, { c: callId }, authority('TZ'), at('2026-03-06'))).operatorApplications.edges[0].node.id;
    ok(await call(stack, `mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: app }, agency('TZ'), at('2026-03-06')));
    ok(await call(stack, `mutation($id: ID!) { submitExpertReview(applicationId: $id, score: "80", opinion: "可") { id } }`, { id: app }, expert('TZ'), at('2026-03-06')));
    ok(await call(stack, SELECT, { id: app }, agency('TZ'), at('2026-03-09')));
    ok(await call(stack, `mutation($id: ID!) { fileOperatorApplication(id: $id) { status } }`, { id: app }, authority('TZ'), at('2026-03-20')));
    ok(await call(stack, `mutation($id: ID!) { approveApplicationMajorDecision(id: $id, minutesRef: "纪要") { status } }`, { id: app }, authority('TZ'), at('2026-03-20')));
    ok(await call(stack, LOAD, { input: { jurisdiction: 'TZ', subjectName: '遴选测试公司', identifier: tzCo.creditCode, kind: 'MAJOR_TAX_VIOLATION', effectiveOn: '2026-03-23', source: '重大税收违法失信主体公布（测试）', sourceDate: '2026-03-23' } }, authority('TZ'), at('2026-03-23')));
    const SIGN = `mutation($input: SignAgreementInput!) { signAgreement(input: $input) { id } }`;
    const input = { applicationId: app, startDate: '2026-04-01', endDate: '2029-03-31', contents: CONTENTS };
    const no = refused(await call(stack, SIGN, { input }, authority('TZ'), at('2026-03-25')), 'POLICY_VIOLATION', /TZ Art 12/);
    expect(no.details.reason).toBe('NOT_ELIGIBLE_AT_SIGNING');
    expect(no.details.failing[0].reasonZh).toMatch(/申请单位.*重大税收违法案件当事人/);
  });

  it('persons are recorded by officials from a document, replace the earlier set, and are seen by officials and the company only', async () => {
    const P = `mutation($input: RecordOrganizationPersonsInput!) { recordOrganizationPersons(input: $input) { id } }`;
    const persons = [{ role: 'LEGAL_REPRESENTATIVE', name: '王五', identifier: testIdentifier() }, { role: 'EXECUTIVE', name: '赵六', identifier: testIdentifier() }];
    const input = { organizationId: tzCo.id, persons, documentRef: '变更登记通知书', documentDate: '2026-03-01' };
    refused(await call(stack, P, { input }, operatorOf(tzCo.id, 'TZ'), at('2026-03-02')), 'FORBIDDEN');
    refused(await call(stack, P, { input }, agency('JL'), at('2026-03-02')), 'FORBIDDEN');
    refused(await call(stack, P, { input: { ...input, persons: [persons[0], { ...persons[1], role: 'LEGAL_REPRESENTATIVE' }] } }, agency('TZ'), at('2026-03-02')), 'BAD_USER_INPUT');
    const persons$ = async (ended: boolean) => (await sql<{ n: number }>(stack.em('licensing'), `select count(*)::int as n from organization_person where organization_id = $1 and (ended_at is not null) = $2`, [tzCo.id, ended]))[0]!.n;
    const [current, endedBefore] = [await persons$(false), await persons$(true)];
    expect(current).toBeGreaterThan(0);
    ok(await call(stack, P, { input }, agency('TZ'), at('2026-03-02')));
    const Q = `query($id: ID!) { organization(id: $id) { persons { role name } } }`;
    expect(ok(await call(stack, Q, { id: tzCo.id }, operatorOf(tzCo.id, 'TZ'), at('2026-03-02'))).organization.persons).toEqual([{ role: 'LEGAL_REPRESENTATIVE', name: '王五' }, { role: 'EXECUTIVE', name: '赵六' }]);
    expect(ok(await call(stack, Q, { id: tzCo.id }, operatorOf(org('tz-operator'), 'TZ'), at('2026-03-02'))).organization.persons).toBeNull();
    // The earlier set ended, all of it.
    expect(await persons$(true)).toBe(endedBefore + current);
  });
});

describe('selection: invited tenders, and the ranking the scoring rules and the experts\' scores decide (NS Art 12; TZ Art 14)', () => {
  it('QHD: an invited tender lists companies, and refuses anyone else with NOT_INVITED', async () => {
    const invited = await company('QHD');
    const other = await company('QHD');
    await recordLegalRepresentative(stack, invited.id, 'QHD', '2026-01-06');
    refused(await call(stack, PUBLISH, { input: { jurisdiction: 'QHD', title: 'x', mode: 'WHOLE', selectionMethod: 'INVITED_TENDER', resourceIds: [resourceByKey('qhd-water-quality').id], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 3, invitees: [org('qhd-authority')] } }, authority('QHD'), at('2026-03-02')), 'BAD_USER_INPUT');
    const c = await publishCall('QHD', { selectionMethod: 'INVITED_TENDER', resourceIds: [resourceByKey('qhd-water-quality').id], sectors: [], invitees: [invited.id] });
    const no = refused(await call(stack, APPLY, { c, d: DOCS }, operatorOf(other.id, 'QHD'), at('2026-03-03')), 'POLICY_VIOLATION', /邀请招标/);
    expect(no.details.reason).toBe('NOT_INVITED');
    ok(await call(stack, APPLY, { c, d: DOCS }, operatorOf(invited.id, 'QHD'), at('2026-03-03')));
  });

  it('publicity: TZ requires at least one working day; where no text requires it (HN) a call may set none', async () => {
    refused(await call(stack, PUBLISH, { input: { jurisdiction: 'TZ', title: 'x', mode: 'BY_SCENARIO', selectionMethod: 'EXPERT_REVIEW', resourceIds: [], sectors: ['weather'], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 0 } }, authority('TZ'), at('2026-03-02')), 'POLICY_VIOLATION', /TZ Art 15/);
    ok(await call(stack, PUBLISH, { input: { jurisdiction: 'HN', title: 'x', mode: 'WHOLE', selectionMethod: 'OPEN_TENDER', resourceIds: [], sectors: ['transport'], scoringRules: [{ criterion: '综合', weight: 100 }], opensOn: '2026-03-01', closesOn: '2026-03-31', publicityWorkingDays: 0 } }, authority('HN'), at('2026-03-02')));
  });

  it('JL: every application reviewed per criterion, the first-ranked alone may be selected; the publicity goes out as an event', async () => {
    const rules = [{ criterion: '技术能力', weight: 60 }, { criterion: '数据资源', weight: 40 }];
    const c = await publishCall('JL', { scoringRules: rules, sectors: ['commerce'] });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const co = await company('JL');
      await recordLegalRepresentative(stack, co.id, 'JL', '2026-01-06');
      const app = ok(await call(stack, APPLY, { c, d: DOCS }, operatorOf(co.id, 'JL'), at('2026-03-10'))).submitOperatorApplication;
      expect(app.eligibility.eligible).toBe(true);
      ok(await call(stack, `mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: app.id }, agency('JL'), at('2026-04-01')));
      ids.push(app.id);
    }
    const [a, b, c3] = ids as [string, string, string];
    // Incomplete or unknown criteria are refused; an overall score only where the rules have one criterion.
    expect(refused(await review(a, [['技术能力', '90']], 1), 'BAD_USER_INPUT').details).toMatchObject({ problem: 'MISSING', criterion: '数据资源' });
    expect(refused(await review(a, [['技术能力', '90'], ['数据资源', '70'], ['关系', '100']], 1), 'BAD_USER_INPUT').details.problem).toBe('UNKNOWN');
    refused(await call(stack, `mutation($id: ID!) { submitExpertReview(applicationId: $id, score: "90", opinion: "x") { id } }`, { id: a }, expert('JL', 1), at('2026-04-02')), 'BAD_USER_INPUT');
    // A: 82.00 and 82.00. B: 81.00 and 82.80 → 81.90. C: not reviewed yet.
    ok(await review(a, [['技术能力', '90'], ['数据资源', '70']], 1));
    ok(await review(a, [['技术能力', '80'], ['数据资源', '85']], 2));
    ok(await review(b, [['技术能力', '95'], ['数据资源', '60']], 1));
    ok(await review(b, [['技术能力', '85'], ['数据资源', '79.5']], 2));
    const incomplete = refused(await call(stack, SELECT, { id: a }, agency('JL'), at('2026-04-06')), 'CONFLICT');
    expect(incomplete.details).toMatchObject({ reason: 'RANKING_INCOMPLETE', applicationIds: [c3] });
    ok(await review(c3, [['技术能力', '70'], ['数据资源', '70']], 1));
    const notFirst = refused(await call(stack, SELECT, { id: b }, agency('JL'), at('2026-04-06')), 'POLICY_VIOLATION', /NS Art 12/);
    expect(notFirst.details.ranking).toEqual([
      { id: a, rank: 1, score: '82.00', reviews: 2 },
      { id: b, rank: 2, score: '81.90', reviews: 2 },
      { id: c3, rank: 3, score: '70.00', reviews: 1 },
    ]);
    const sel = ok(await call(stack, SELECT, { id: a }, agency('JL'), at('2026-04-06'))).selectOperatorApplication;
    expect(sel).toEqual({ status: 'PUBLICITY', publicityEndsOn: '2026-04-09' }); // 3 working days from Mon 6 April 2026
    const events = await sql<{ data: any }>(stack.em('licensing'), `select data from pgboss.job where name = 'inbox_evaluation' and data->>'name' = 'SelectionPublicized' and data->'payload'->>'applicationId' = $1`, [a]);
    expect(events.map((e) => e.data.payload)).toEqual([
      expect.objectContaining({ applicantId: expect.any(String), callId: c, rank: 1, score: '82.00', publicityStartsOn: '2026-04-06', publicityEndsOn: '2026-04-09', workingDays: 3, objectionChannel: 'raiseApplicationObjection', rule: expect.stringMatching(/JL §六3/) }),
    ]);
    // With A out of review, B now ranks first among those left.
    ok(await call(stack, SELECT, { id: b }, agency('JL'), at('2026-04-07')));
  });

  it('equal first ranks are not broken by hand: TIED_RANKING', async () => {
    const c = await publishCall('JL', { sectors: ['commerce'] });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const co = await company('JL');
      await recordLegalRepresentative(stack, co.id, 'JL', '2026-01-06');
      const app = ok(await call(stack, APPLY, { c, d: DOCS }, operatorOf(co.id, 'JL'), at('2026-03-10'))).submitOperatorApplication.id;
      ok(await call(stack, `mutation($id: ID!) { passApplicationPrecheck(id: $id) { status } }`, { id: app }, agency('JL'), at('2026-04-01')));
      ok(await review(app, [['综合', '75.5']], 1));
      ids.push(app);
    }
    expect(refused(await call(stack, SELECT, { id: ids[0] }, agency('JL'), at('2026-04-06')), 'CONFLICT').details.reason).toBe('TIED_RANKING');
  });
});

describe('a company without a legal representative on record proposes one; the agency accepts; its application passes (TZ Art 12(3))', () => {
  const PROPOSE = `mutation($input: ProposeOrganizationChangeInput!) { proposeOrganizationChange(input: $input) { id status changes } }`;
  const ACCEPT = `mutation($id: ID!) { acceptOrganizationChange(id: $id) { id status } }`;
  const PERSONS = `query($id: ID!) { organization(id: $id) { persons { role name documentRef } } }`;

  it('is refused naming what to record, proposes it with the licence (nothing changes until accepted), and applies once the agency accepts', async () => {
    const co = await company('TZ');
    const c = await publishCall('TZ', { resourceIds: [resourceByKey('tz-weather').id], sectors: [] });
    const as = operatorOf(co.id, 'TZ');
    const no = refused(await call(stack, APPLY, { c, d: DOCS }, as, at('2026-03-03')), 'POLICY_VIOLATION', /TZ Art 12/);
    expect(no.messageZh).toMatch(/未登记法定代表人，无法核查/);
    expect(no.messageEn).toMatch(/No legal representative on record/);

    const rep = testIdentifier();
    const evidence = { documentRef: '营业执照（副本）', documentDate: '2026-03-02' };
    const persons = [{ role: 'LEGAL_REPRESENTATIVE', name: '孙七', identifier: rep }, { role: 'EXECUTIVE', name: '周八', identifier: testIdentifier() }];
    // Checked like an official's entry; the legal representative must be among them; only for one's own company.
    refused(await call(stack, PROPOSE, { input: { organizationId: co.id, persons: [persons[1]], evidence } }, as, at('2026-03-03')), 'BAD_USER_INPUT');
    refused(await call(stack, PROPOSE, { input: { organizationId: co.id, persons: [{ ...persons[0], identifier: '123' }], evidence } }, as, at('2026-03-03')), 'BAD_USER_INPUT');
    refused(await call(stack, PROPOSE, { input: { organizationId: co.id, persons, evidence } }, operatorOf(org('tz-operator'), 'TZ'), at('2026-03-03')), 'FORBIDDEN');
    refused(await call(stack, `mutation($input: RecordOrganizationPersonsInput!) { recordOrganizationPersons(input: $input) { id } }`, { input: { organizationId: co.id, persons, ...evidence } }, as, at('2026-03-03')), 'FORBIDDEN');
    const p = ok(await call(stack, PROPOSE, { input: { organizationId: co.id, persons, evidence } }, as, at('2026-03-03'))).proposeOrganizationChange;
    expect(p).toMatchObject({ status: 'PENDING', changes: { persons: [{ role: 'LEGAL_REPRESENTATIVE', name: '孙七' }, { role: 'EXECUTIVE', name: '周八' }] } });
    expect(ok(await call(stack, PERSONS, { id: co.id }, as, at('2026-03-03'))).organization.persons).toEqual([]);
    refused(await call(stack, APPLY, { c, d: DOCS }, as, at('2026-03-03')), 'POLICY_VIOLATION', /TZ Art 12/);
    const dump = JSON.stringify(await sql(stack.em('licensing'), `select (select json_agg(p) from organization_fact_proposal p) as p, (select json_agg(a) from audit_log a) as a`));
    expect(dump).not.toContain(rep);

    refused(await call(stack, ACCEPT, { id: p.id }, agency('JL'), at('2026-03-04')), 'FORBIDDEN');
    expect(ok(await call(stack, ACCEPT, { id: p.id }, agency('TZ'), at('2026-03-04'))).acceptOrganizationChange.status).toBe('ACCEPTED');
    expect(ok(await call(stack, PERSONS, { id: co.id }, as, at('2026-03-04'))).organization.persons).toEqual([
      { role: 'LEGAL_REPRESENTATIVE', name: '孙七', documentRef: '营业执照（副本）' },
      { role: 'EXECUTIVE', name: '周八', documentRef: '营业执照（副本）' },
    ]);
    const app = ok(await call(stack, APPLY, { c, d: DOCS }, as, at('2026-03-04'))).submitOperatorApplication;
    expect(app.eligibility.criteria.find((x: any) => x.criterion === 'INTEGRITY_RECORDS')).toMatchObject({ passed: true });
    // The proposal's persons replaced the (empty) earlier set.
    const [{ n }] = await sql<{ n: number }>(stack.em('licensing'), `select count(*)::int as n from organization_person where organization_id = $1 and ended_at is null`, [co.id]);
    expect(n).toBe(2);
  });
});

describe("evaluation's results, kept for the reviewers of a re-application (OperatorEvaluationFinalized)", () => {
  async function deliver(name: EventName, payload: object, id = uuidv7()): Promise<void> {
    const env: EventEnvelope = { id, name, version: 1, producer: 'evaluation', occurredAt: new Date().toISOString(), jurisdiction: null, payload: payload as never };
    await applyEvent(stack.runtimes.licensing!.orm, 'licensing', handlers, env, undefined, stack.runtimes.licensing!.events);
  }
  it('keeps one row per evaluation; a redelivery or an older finalization changes nothing', async () => {
    const tz = DEMO_AGREEMENTS.find((x) => x.key === 'tz')!;
    const p = { evaluationId: uuidv7(), jurisdiction: 'TZ', operatorId: tz.operatorId, agreementId: tz.id, year: 2026, total: '82.00', conclusion: 'RENEWAL_RECOMMENDED', finalizedAt: '2027-03-10T02:00:00Z' };
    const id = uuidv7();
    await deliver('OperatorEvaluationFinalized', p, id);
    await deliver('OperatorEvaluationFinalized', p, id);
    await deliver('OperatorEvaluationFinalized', { ...p, total: '10.00', finalizedAt: '2027-03-01T02:00:00Z' });
    const rows = await sql<{ total: string }>(stack.em('licensing'), `select total from operator_evaluation_projection where operator_id = $1`, [tz.operatorId]);
    expect(rows).toEqual([{ total: '82.00' }]);
  });
});
