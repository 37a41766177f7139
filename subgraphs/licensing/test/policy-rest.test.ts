/**
 * Issue 19's leftovers in licensing, on PostgreSQL:
 * - a list's `gates` and `exitChecklist` load the agreements' profile versions with one statement per request, however
 *   many agreements (no N+1);
 * - the operation gate follows evaluation's emergency plans (EmergencyPlanChanged, version-guarded, any order);
 * - integrity records keep keyed digests of ID numbers with their key version; digests of before (version 0) still
 *   match by the old method, and a person filed under one reaches records loaded after (SECURITY.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { EventPublisher, integrityDigestKey, newId, sql } from '@pdo/platform';
import { DEMO_AGREEMENTS } from '@pdo/demo';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { insertAgreement } from '../src/data/agreements.js';
import { DEMO_CONTENTS } from '../src/seed.js';
import { getOrg } from '../src/data/organizations.js';
import { integrityCriteria } from '../src/services/integrity.js';
import { resolveProfile } from '@pdo/policy';
import { agency, at, authority, call, ok, org, refused, seedLicensing } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedLicensing(stack);
}, 180_000);
afterAll(async () => stack?.stop());

const zjc = DEMO_AGREEMENTS.find((a) => a.key === 'zjc')!;

describe('agreement lists load profiles once per request', () => {
  const LIST = `query($n: Int) { agreements(first: $n) { edges { node { id gates { gate satisfied } exitChecklist { item } } } } }`;

  beforeAll(async () => {
    const EDIT = `mutation($input: EditPolicyProfileInput!) { editPolicyProfile(input: $input) { version } }`;
    for (const [n, months] of [[2, 30], [3, 24]] as const) {
      const change = { name: 'agreementTerm', value: { maxMonths: months, fixed: false, trialMaxMonths: null }, source: `泰州市数据局2026年第${n}号通知` };
      expect(ok(await call(stack, EDIT, { input: { jurisdiction: 'TZ', changes: [change] } }, authority('TZ'), at('2026-02-02'))).editPolicyProfile.version).toBe(n);
    }
    // Agreements signed under versions 2 and 3 of the Taizhou profile (version 1 needs no stored overrides).
    const tz = DEMO_AGREEMENTS.find((a) => a.key === 'tz')!;
    await stack.em('licensing').transactional(async (tx) => {
      for (let i = 0; i < 9; i++) {
        await insertAgreement(tx, {
          id: newId(), number: `TZ-SQ-2026-1${String(i).padStart(2, '0')}`, jurisdiction: 'TZ', operatorId: tz.operatorId, applicationId: null, mode: 'BY_SCENARIO', status: 'SIGNED',
          startDate: '2026-03-01', endDate: '2027-02-28', trialEndDate: null, resourceIds: [], sectors: [], contents: DEMO_CONTENTS, profileVersion: 2 + (i % 2), signedOn: '2026-02-20', at: new Date().toISOString(),
        });
      }
    });
  });

  it('the same statements for one agreement as for ten, under two edited profile versions', async () => {
    const one = await call(stack, LIST, { n: 1 }, authority('TZ'), at('2026-03-02'));
    const ten = await call(stack, LIST, { n: 10 }, authority('TZ'), at('2026-03-02'));
    expect(ok(one).agreements.edges).toHaveLength(1);
    expect(ok(ten).agreements.edges).toHaveLength(10);
    expect(ten.extensions?.sqlStatements?.licensing).toBe(one.extensions?.sqlStatements?.licensing);
    // Each agreement's gates follow its own profile version (the edits do not touch the gates, so all are alike here).
    expect(ok(ten).agreements.edges.every((e: any) => e.node.gates.some((g: any) => g.gate === 'TRAINING'))).toBe(true);
  });
});

describe('the operation gate follows evaluation’s emergency plans', () => {
  const GATES = `query($id: ID!) { agreement(id: $id) { gates { gate satisfied detail } } }`;
  const gate = async (id: string, day = '2026-05-06') => ok(await call(stack, GATES, { id }, authority('ZJC'), at(day))).agreement.gates.find((g: any) => g.gate === 'EMERGENCY_PLAN');
  const emit = (payload: object) => stack.runtimes.licensing!.orm.em.fork().transactional((tx) => new EventPublisher(stack.runtimes.licensing!.boss, 'evaluation').publish(tx, 'EmergencyPlanChanged', payload, 'ZJC'));

  it('the demo ZJC authorization has its plan (seeded as evaluation files it)', async () => {
    expect(await gate(zjc.id)).toMatchObject({ satisfied: true, detail: 'emergency plan version 1 adopted on 2024-12-18' });
  });

  it('a withdrawal closes the gate; a revision arriving before it (older version) does not reopen it; a newer one does', async () => {
    const planId = (await sql<{ plan_id: string }>(stack.em('licensing'), `select plan_id from emergency_plan_projection where agreement_id = $1`, [zjc.id]))[0]!.plan_id;
    const base = { planId, jurisdiction: 'ZJC', holderOrgId: zjc.operatorId, holderKind: 'OPERATOR', agreementId: zjc.id, adoptedOn: '2026-04-01' };
    await emit({ ...base, change: 'SUPERSEDED', status: 'ACTIVE', version: 3, effectiveAt: '2026-04-02T00:00:00Z' });
    await emit({ ...base, change: 'WITHDRAWN', status: 'WITHDRAWN', version: 3, effectiveAt: '2026-04-03T00:00:00Z' });
    await emit({ ...base, change: 'SUPERSEDED', status: 'ACTIVE', version: 2, effectiveAt: '2026-04-01T00:00:00Z' });
    await stack.settle();
    expect(await gate(zjc.id)).toMatchObject({ satisfied: false, detail: 'no emergency plan of the operator filed for this authorization' });
    await emit({ ...base, change: 'SUPERSEDED', status: 'ACTIVE', version: 4, adoptedOn: '2026-05-01', effectiveAt: '2026-05-01T00:00:00Z' });
    await stack.settle();
    // Adopted after the day asked about: not yet in force then.
    expect(await gate(zjc.id, '2026-04-30')).toMatchObject({ satisfied: false });
    expect(await gate(zjc.id)).toMatchObject({ satisfied: true, detail: 'emergency plan version 4 adopted on 2026-05-01' });
  });

  it('another holder’s plan for the authorization does not satisfy the operator’s duty', async () => {
    await emit({ planId: newId(), jurisdiction: 'ZJC', holderOrgId: org('zjc-authority'), holderKind: 'SERVICE_PROVIDER', agreementId: DEMO_AGREEMENTS.find((a) => a.key === 'zjc')!.id, change: 'FILED', status: 'ACTIVE', version: 1, adoptedOn: '2026-01-01', effectiveAt: '2026-01-01T00:00:00Z' });
    await stack.settle();
    const rows = await sql<{ n: number }>(stack.em('licensing'), `select count(*)::int as n from emergency_plan_projection where agreement_id = $1`, [zjc.id]);
    expect(rows[0]!.n).toBe(2);
    expect(await gate(zjc.id)).toMatchObject({ detail: 'emergency plan version 4 adopted on 2026-05-01' });
  });
});

describe('ID numbers are kept as keyed digests with their key version', () => {
  const RECORD = `mutation($input: RecordIntegrityInput!) { recordIntegrityRecord(input: $input) { id } }`;
  const PERSONS = `mutation($input: RecordOrganizationPersonsInput!) { recordOrganizationPersons(input: $input) { id } }`;
  const LIST = `query($j: String!, $i: String) { integrityRecords(jurisdiction: $j, identifier: $i) { totalCount } }`;
  const unkeyed = (n: string) => createHash('sha256').update(`pdo-integrity:${n}`).digest('hex');
  const record = (identifier: string, subjectName: string) => ({ jurisdiction: 'JL', subjectName, identifier, kind: 'CRIMINAL_RECORD', effectiveOn: '2025-01-01', source: '吉林市公安局证明（测试）', sourceDate: '2025-01-02' });

  it('a new record keeps an HMAC under the configured key, not the SHA-256 that could be enumerated', async () => {
    const n = '220202198001010011';
    ok(await call(stack, RECORD, { input: record(n, '张某') }, authority('JL'), at('2026-05-06')));
    const rows = await sql<{ subject_key: string; subject_key_version: number }>(stack.em('licensing'), `select subject_key, subject_key_version from integrity_record where subject_name = '张某'`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.subject_key).not.toBe(unkeyed(n));
    expect(rows[0]!.subject_key_version).toBe(integrityDigestKey().version);
    expect(ok(await call(stack, LIST, { j: 'JL', i: n }, authority('JL'), at('2026-05-06'))).integrityRecords.totalCount).toBe(1);
  });

  it('digests of before (version 0) still match: a legacy record bars a person recorded later, and a legacy person is reached by a record loaded later', async () => {
    const jl = DEMO_AGREEMENTS.find((a) => a.key === 'jl')!;
    const oldRecordNumber = '220202198001010022';
    const oldPersonNumber = '220202198001010033';
    const owner = await stack.ownerEm('licensing');
    // As 0006 wrote them: the unkeyed digest; 0010 marked them version 0.
    await owner.getConnection().execute(
      `insert into integrity_record (id, jurisdiction, subject_key, subject_key_version, subject_name, kind, effective_on, source, source_date, recorded_by, recorded_at) values (?, 'JL', ?, 0, '李某', 'CRIMINAL_RECORD', '2024-01-01', '旧记录', '2024-01-02', 'test', now())`,
      [newId(), unkeyed(oldRecordNumber)],
    );
    expect(ok(await call(stack, LIST, { j: 'JL', i: oldRecordNumber }, authority('JL'), at('2026-05-06'))).integrityRecords.totalCount).toBe(1);
    // The operator's executive is that person: recorded now, the check still finds the old record.
    const persons = (executive: string) => ({ organizationId: jl.operatorId, persons: [{ role: 'LEGAL_REPRESENTATIVE', name: '法定代表人乙', identifier: '220202198001010044' }, { role: 'EXECUTIVE', name: '李某', identifier: executive }], documentRef: '营业执照（测试）', documentDate: '2026-01-05' });
    ok(await call(stack, PERSONS, { input: persons(oldRecordNumber) }, agency('JL'), at('2026-05-06')));
    // The integrity criteria as application and signing run them (services/integrity.ts).
    const failed = async () => {
      const org = (await getOrg(stack.em('licensing'), jl.operatorId))!;
      return (await integrityCriteria(stack.em('licensing'), resolveProfile('JL'), org, '2026-05-06')).filter((c) => !c.passed);
    };
    expect(await failed()).toHaveLength(1);
    // A person filed under the unkeyed digest (as before 0010) is rekeyed when a record for the number is loaded, and barred by it.
    ok(await call(stack, PERSONS, { input: persons('220202198001010055') }, agency('JL'), at('2026-05-06')));
    await owner.getConnection().execute(`update organization_person set subject_key = ?, subject_key_version = 0 where organization_id = ? and name = '李某' and ended_at is null`, [unkeyed(oldPersonNumber), jl.operatorId]);
    expect(await failed()).toHaveLength(0);
    ok(await call(stack, RECORD, { input: record(oldPersonNumber, '李某') }, authority('JL'), at('2026-05-06')));
    const person = await sql<{ subject_key_version: number; legacy_subject_key: string | null }>(stack.em('licensing'), `select subject_key_version, legacy_subject_key from organization_person where organization_id = $1 and name = '李某' and ended_at is null`, [jl.operatorId]);
    expect(person).toEqual([{ subject_key_version: integrityDigestKey().version, legacy_subject_key: null }]);
    expect(await failed()).toHaveLength(1);
  });

  it('refuses to start in production without a strong key', () => {
    expect(() => integrityDigestKey({ NODE_ENV: 'production' })).toThrow(/INTEGRITY_DIGEST_KEY must be set/);
    expect(() => integrityDigestKey({ NODE_ENV: 'production', INTEGRITY_DIGEST_KEY: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => integrityDigestKey({ NODE_ENV: 'development', INTEGRITY_DIGEST_KEY_VERSION: '0' })).toThrow(/at least 1/);
    expect(integrityDigestKey({ NODE_ENV: 'production', INTEGRITY_DIGEST_KEY: 'k'.repeat(40), INTEGRITY_DIGEST_KEY_VERSION: '2' }).version).toBe(2);
    expect(() => definition.startupChecks!()).not.toThrow();
  });
});

describe('readiness records', () => {
  it('cannot be asked for an emergency plan: the input enum leaves it out (plans are filed in evaluation), the output keeps it', async () => {
    const res = await call(stack, `mutation($input: RecordReadinessInput!) { recordReadiness(input: $input) { id } }`, { input: { agreementId: zjc.id, kind: 'EMERGENCY_PLAN', subject: '预案', passed: true, doneOn: '2026-05-01' } }, agency('ZJC'), at('2026-05-06'));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/RecordableReadinessKind/);
    expect((await sql<{ n: number }>(stack.em('licensing'), `select count(*)::int as n from readiness_record where kind = 'EMERGENCY_PLAN'`))[0]!.n).toBe(0);
    const types = ok(await call(stack, `{ i: __type(name: "RecordableReadinessKind") { enumValues { name } } o: __type(name: "ReadinessKind") { enumValues { name } } }`, {}, agency('ZJC'), at('2026-05-06')));
    expect(types.i.enumValues.map((v: any) => v.name)).toEqual(['TRAINING', 'SECURITY_REVIEW']);
    expect(types.o.enumValues.map((v: any) => v.name)).toEqual(['TRAINING', 'SECURITY_REVIEW', 'EMERGENCY_PLAN']);
  });
});
