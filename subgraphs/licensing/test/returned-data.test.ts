/**
 * Returned data (回流数据) through licensing's API on the demo world (ZJC §三(五)2; docs/policy/returned-data.md):
 * catalog's origin mark reaches the projection; approving a data request that includes a returned resource is refused
 * without a consent in force; the data authority records the consent, the grant ends with it; revocation closes the
 * grants going forward (AccessRevoked to products and delivery); an expired consent no longer covers a new request.
 * QHD does not regulate returned data: no consent needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyEvent, newId as uuidv7, sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { DEMO_AGREEMENTS, demoId, resourceByKey } from '@pdo/demo';
import type { EventEnvelope, EventName } from '@pdo/events';
import { definition } from '../src/index.js';
import { handlers } from '../src/handlers/index.js';
import { agency, at, authority, call, ok, operatorOf, org, refused, seedLicensing, snapshot, source } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  await seedLicensing(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const ag = (key: string) => DEMO_AGREEMENTS.find((a) => a.key === key)!;
const zjc = ag('zjc');
const qhd = ag('qhd');

async function deliver(name: EventName, payload: object): Promise<void> {
  const env: EventEnvelope = { id: uuidv7(), name, version: 1, producer: 'catalog', occurredAt: new Date().toISOString(), jurisdiction: null, payload: payload as never };
  await applyEvent(stack.runtimes.licensing!.orm, 'licensing', handlers, env, undefined, stack.runtimes.licensing!.events);
}

/** A catalog snapshot of a new resource returned by the province, in a sector the agreement covers. */
async function publishReturned(key: string, j: string, sector: string, agencyKey: string, code: string): Promise<string> {
  const id = demoId(`resource:${key}`);
  await deliver('ResourcePublished', {
    resourceId: id, jurisdiction: j, code, nameZh: '省回流人口基础信息', sector, sourceAgencyId: org(agencyKey), openness: 'CONDITIONAL', grade: 'L2', recordCount: 10,
    quality: { completeness: '1', consistency: '1', accuracy: '1', timeliness: '1' }, authorizable: true, authorizableReasons: [], status: 'ACTIVE', version: 1, updatedAt: new Date().toISOString(),
    returnedOrigin: { level: 'PROVINCE', from: '浙江省公共数据平台', reference: 'IRS-330624-0099' },
  });
  return id;
}

const SUBMIT = `mutation($input: SubmitScenarioInput!) { submitDataScenario(input: $input) { id } }`;
const REVIEW = `mutation($s: ID!, $r: ID!) { reviewScenarioResource(scenarioId: $s, resourceId: $r, approve: true) { id } }`;
const DECIDE = `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: true) { status grants { id resourceId status expiresOn } } }`;
const RECORD = `mutation($input: RecordReturnedDataConsentInput!) { recordReturnedDataConsent(input: $input) { id documentNumber consentedOn validUntil resourceIds agreementId operatorId consentingBody revokedOn } }`;
const REVOKE = `mutation($id: ID!, $on: LocalDate) { revokeReturnedDataConsent(consentId: $id, documentNumber: "浙数据函〔2026〕30号", reason: "省级数据主管部门收回同意", revokedOn: $on) { id revokedOn revocationDocumentNumber } }`;

/** Files a data request for `resourceId` under the agreement and has its source unit approve it. */
async function request(a: { id: string; operatorId: string; jurisdiction: string }, resourceId: string, agencyKey: string, day: string): Promise<string> {
  const j = a.jurisdiction;
  const sid = ok(await call(stack, SUBMIT, { input: { agreementId: a.id, nameZh: '人口结构分析', description: '分年龄段人口统计', category: 'PUBLIC_WELFARE', resources: [{ resourceId, justification: '仅需年龄段统计', fields: [] }] } }, operatorOf(a.operatorId, j), at(day))).submitDataScenario.id;
  ok(await call(stack, REVIEW, { s: sid, r: resourceId }, source(agencyKey, j), at(day)));
  return sid;
}

describe('ZJC: returned data needs the province\'s consent (ZJC §三(五)2)', () => {
  let resourceId: string;
  let consentId: string;
  let grantedScenario: string;

  beforeAll(async () => {
    resourceId = await publishReturned('zjc-returned-population', 'ZJC', resourceByKey('zjc-traffic-flow').sector, 'zjc-src-transport', 'ZJC-HL-0001');
  });

  it('projects catalog\'s origin mark; the demo world\'s returned medical-insurance data has its consent', async () => {
    const [row] = await sql<any>(stack.em('licensing'), `select returned_origin from resource_projection where resource_id = $1`, [resourceId]);
    expect(row.returned_origin).toEqual({ level: 'PROVINCE', from: '浙江省公共数据平台', reference: 'IRS-330624-0099' });
    const list = ok(await call(stack, `{ returnedDataConsents(first: 10) { totalCount edges { node { resourceIds agreementId validUntil revokedOn } } } }`, {}, authority('ZJC'), at('2026-05-06'))).returnedDataConsents;
    expect(list.edges.map((e: any) => e.node)).toEqual([{ resourceIds: [resourceByKey('zjc-medical-insurance').id], agreementId: zjc.id, validUntil: zjc.endDate, revokedOn: null }]);
  });

  it('refuses approval without a consent, naming the resource, and writes nothing', async () => {
    const sid = await request(zjc, resourceId, 'zjc-src-transport', '2026-05-06');
    const before = await snapshot(stack);
    const ext = refused(await call(stack, DECIDE, { s: sid }, agency('ZJC'), at('2026-05-07')), 'POLICY_VIOLATION', /ZJC §三\(五\)2/);
    expect(ext.details.reason).toBe('RETURNED_DATA_CONSENT_MISSING');
    expect(ext.details.resources).toEqual([{ resourceId, code: 'ZJC-HL-0001', nameZh: '省回流人口基础信息', returnedFrom: '浙江省公共数据平台' }]);
    expect(ext.messageZh).toContain('省回流人口基础信息（ZJC-HL-0001）');
    expect(ext.messageEn).toContain('ZJC-HL-0001');
    expect(await snapshot(stack)).toEqual(before);
    grantedScenario = sid;
  });

  it('only the jurisdiction\'s data authority records a consent, only for returned resources', async () => {
    const input = { jurisdiction: 'ZJC', documentNumber: '浙数据函〔2026〕21号', consentedOn: '2026-05-08', validUntil: '2026-09-30', resourceIds: [resourceId], agreementId: zjc.id, attachmentRef: 'oss://consents/2026-21.pdf' };
    refused(await call(stack, RECORD, { input }, agency('ZJC'), at('2026-05-08')), 'FORBIDDEN');
    refused(await call(stack, RECORD, { input }, authority('QHD'), at('2026-05-08')), 'FORBIDDEN');
    const notReturned = refused(await call(stack, RECORD, { input: { ...input, resourceIds: [resourceByKey('zjc-traffic-flow').id] } }, authority('ZJC'), at('2026-05-08')), 'BAD_USER_INPUT');
    expect(notReturned.details.reason).toBe('NOT_RETURNED_DATA');
    refused(await call(stack, RECORD, { input: { ...input, validUntil: '2026-05-01' } }, authority('ZJC'), at('2026-05-08')), 'BAD_USER_INPUT');
    refused(await call(stack, RECORD, { input: { ...input, consentedOn: '2026-05-09' } }, authority('ZJC'), at('2026-05-08')), 'BAD_USER_INPUT');
    const c = ok(await call(stack, RECORD, { input }, authority('ZJC'), at('2026-05-08'))).recordReturnedDataConsent;
    expect(c).toMatchObject({ documentNumber: '浙数据函〔2026〕21号', validUntil: '2026-09-30', agreementId: zjc.id, operatorId: zjc.operatorId, consentingBody: expect.stringContaining('省公共数据主管部门'), revokedOn: null });
    consentId = c.id;
  });

  it('approves with the consent in force; the grant ends no later than the consent', async () => {
    const d = ok(await call(stack, DECIDE, { s: grantedScenario }, agency('ZJC'), at('2026-05-09'))).decideDataScenario;
    expect(d.status).toBe('APPROVED');
    expect(d.grants).toEqual([expect.objectContaining({ resourceId, status: 'ACTIVE', expiresOn: '2026-09-30' })]);
  });

  it('revocation closes the grants it covered going forward, with AccessRevoked for products and delivery; a second revocation conflicts', async () => {
    const r = ok(await call(stack, REVOKE, { id: consentId, on: null }, authority('ZJC'), at('2026-06-10'))).revokeReturnedDataConsent;
    expect(r).toMatchObject({ revokedOn: '2026-06-10', revocationDocumentNumber: '浙数据函〔2026〕30号' });
    const grants = await sql<any>(stack.em('licensing'), `select id, status, reason from access_grant where resource_id = $1`, [resourceId]);
    expect(grants).toEqual([expect.objectContaining({ status: 'REVOKED', reason: expect.stringContaining('浙数据函〔2026〕21号') })]);
    for (const consumer of ['products', 'delivery']) {
      const rows = await sql<{ data: any }>(stack.em('licensing'), `select data from pgboss.job where name = $1 and data->>'name' = 'AccessRevoked' and data->'payload'->>'grantId' = $2`, [`inbox_${consumer}`, grants[0].id]);
      expect(rows.map((x) => x.data.payload.status)).toEqual(['REVOKED']);
    }
    // The medical-insurance grants rest on another consent and stay open.
    const others = await sql<any>(stack.em('licensing'), `select distinct status from access_grant where resource_id = $1`, [resourceByKey('zjc-medical-insurance').id]);
    expect(others).toEqual([{ status: 'ACTIVE' }]);
    const again = refused(await call(stack, REVOKE, { id: consentId, on: null }, authority('ZJC'), at('2026-06-11')), 'CONFLICT');
    expect(again.details.reason).toBe('ALREADY_REVOKED');
    // The consent row itself is never changed: the revocation is a row of its own.
    await expect(sql(stack.em('licensing'), `update returned_data_consent set valid_until = '2030-01-01' where id = $1`, [consentId])).rejects.toThrow(/append-only/);
  });

  it('a revoked consent, or one past its last day, no longer covers a new request', async () => {
    const sid = await request(zjc, resourceId, 'zjc-src-transport', '2026-06-12');
    expect(refused(await call(stack, DECIDE, { s: sid }, agency('ZJC'), at('2026-06-12')), 'POLICY_VIOLATION').details.reason).toBe('RETURNED_DATA_CONSENT_MISSING');
    const input = { jurisdiction: 'ZJC', documentNumber: '浙数据函〔2026〕40号', consentedOn: '2026-06-12', validUntil: '2026-06-30', resourceIds: [resourceId], operatorId: zjc.operatorId };
    ok(await call(stack, RECORD, { input }, authority('ZJC'), at('2026-06-12')));
    expect(refused(await call(stack, DECIDE, { s: sid }, agency('ZJC'), at('2026-07-01')), 'POLICY_VIOLATION').details.reason).toBe('RETURNED_DATA_CONSENT_MISSING');
    const d = ok(await call(stack, DECIDE, { s: sid }, agency('ZJC'), at('2026-06-30'))).decideDataScenario;
    expect(d.grants).toEqual([expect.objectContaining({ status: 'ACTIVE', expiresOn: '2026-06-30' })]);
  });
});

describe('QHD does not regulate returned data', () => {
  it('grants a returned resource without any consent, to the agreement\'s end', async () => {
    const water = resourceByKey('qhd-water-usage');
    const id = await publishReturned('qhd-returned-population', 'QHD', water.sector, water.agencyKey, 'QHD-HL-0001');
    const sid = await request(qhd, id, water.agencyKey, '2026-05-06');
    const d = ok(await call(stack, DECIDE, { s: sid }, agency('QHD'), at('2026-05-07'))).decideDataScenario;
    expect(d.grants).toEqual([expect.objectContaining({ resourceId: id, status: 'ACTIVE', expiresOn: qhd.endDate })]);
  });
});

/** Delivers an event as its producer would (a fresh envelope id unless one is given: a redelivery reuses it). */
async function deliverFrom(name: EventName, producer: string, payload: object, id = uuidv7()): Promise<void> {
  const env: EventEnvelope = { id, name, version: 1, producer: producer as never, occurredAt: new Date().toISOString(), jurisdiction: null, payload: payload as never };
  await applyEvent(stack.runtimes.licensing!.orm, 'licensing', handlers, env, undefined, stack.runtimes.licensing!.events);
}
const resourceSnapshot = (id: string, j: string, code: string, sector: string, agencyKey: string, version: number, returned: boolean) => ({
  resourceId: id, jurisdiction: j, code, nameZh: `资源${code}`, sector, sourceAgencyId: org(agencyKey), openness: 'CONDITIONAL', grade: 'L2', recordCount: 10,
  quality: { completeness: '1', consistency: '1', accuracy: '1', timeliness: '1' }, authorizable: true, authorizableReasons: [], status: 'ACTIVE', version, updatedAt: '2026-07-03T02:00:00Z',
  ...(returned ? { returnedOrigin: { level: 'PROVINCE', from: '浙江省公共数据平台', reference: `IRS-${code}` } } : {}),
});
const grantsOn = (resourceId: string) => sql<{ id: string; status: string; reason: string | null }>(stack.em('licensing'), `select id, status, reason from access_grant where resource_id = $1 order by id`, [resourceId]);
const inbox = async (consumer: string, name: string, grantId: string) =>
  (await sql<{ n: number }>(stack.em('licensing'), `select count(*)::int as n from pgboss.job where name = $1 and data->>'name' = $2 and data->'payload'->>'grantId' = $3`, [`inbox_${consumer}`, name, grantId]))[0]!.n;
const audits = async (entityId: string) => (await sql<{ n: number }>(stack.em('licensing'), `select count(*)::int as n from audit_log where entity_id = $1`, [entityId]))[0]!.n;

describe('a resource marked as returned after grants on it exist (correctResourceOrigin → ResourceChanged)', () => {
  it('ZJC: the grants no consent covers are revoked like a consent revocation revokes them; a redelivered or later snapshot changes nothing more', async () => {
    const traffic = resourceByKey('zjc-traffic-flow');
    const id = demoId('resource:zjc-own-then-returned');
    await deliverFrom('ResourcePublished', 'catalog', resourceSnapshot(id, 'ZJC', 'ZJC-OWN-0101', traffic.sector, 'zjc-src-transport', 1, false));
    const sid = await request(zjc, id, 'zjc-src-transport', '2026-07-01');
    const d = ok(await call(stack, DECIDE, { s: sid }, agency('ZJC'), at('2026-07-02'))).decideDataScenario;
    expect(d.grants).toEqual([expect.objectContaining({ resourceId: id, status: 'ACTIVE', expiresOn: zjc.endDate })]);
    const marked = uuidv7();
    await deliverFrom('ResourceChanged', 'catalog', resourceSnapshot(id, 'ZJC', 'ZJC-OWN-0101', traffic.sector, 'zjc-src-transport', 2, true), marked);
    const [g] = await grantsOn(id);
    expect(g).toMatchObject({ status: 'REVOKED', reason: expect.stringContaining('returned data (浙江省公共数据平台)') });
    for (const consumer of ['products', 'delivery']) expect(await inbox(consumer, 'AccessRevoked', g!.id), consumer).toBe(1);
    const auditsAfter = await audits(g!.id);
    // The same event again, another envelope of the same snapshot, and a later snapshot still returned: nothing more.
    await deliverFrom('ResourceChanged', 'catalog', resourceSnapshot(id, 'ZJC', 'ZJC-OWN-0101', traffic.sector, 'zjc-src-transport', 2, true), marked);
    await deliverFrom('ResourceChanged', 'catalog', resourceSnapshot(id, 'ZJC', 'ZJC-OWN-0101', traffic.sector, 'zjc-src-transport', 2, true));
    await deliverFrom('ResourceChanged', 'catalog', resourceSnapshot(id, 'ZJC', 'ZJC-OWN-0101', traffic.sector, 'zjc-src-transport', 3, true));
    expect(await grantsOn(id)).toEqual([g]);
    expect(await audits(g!.id)).toBe(auditsAfter);
    for (const consumer of ['products', 'delivery']) expect(await inbox(consumer, 'AccessRevoked', g!.id), consumer).toBe(1);
  });

  it('QHD does not regulate returned data: marking changes no grant', async () => {
    const water = resourceByKey('qhd-water-usage');
    const id = demoId('resource:qhd-own-then-returned');
    await deliverFrom('ResourcePublished', 'catalog', resourceSnapshot(id, 'QHD', 'QHD-OWN-0101', water.sector, water.agencyKey, 1, false));
    const sid = await request(qhd, id, water.agencyKey, '2026-07-01');
    ok(await call(stack, DECIDE, { s: sid }, agency('QHD'), at('2026-07-02')));
    await deliverFrom('ResourceChanged', 'catalog', resourceSnapshot(id, 'QHD', 'QHD-OWN-0101', water.sector, water.agencyKey, 2, true));
    expect((await grantsOn(id)).map((g) => g.status)).toEqual(['ACTIVE']);
  });
});

describe('resuming a paused grant re-checks the consent (ZJC §三(五)2)', () => {
  const EDIT = `mutation($input: EditPolicyProfileInput!) { editPolicyProfile(input: $input) { version } }`;
  const ZJC_RULE = 'ZJC §三(五)2: 涉及省回流数据的，应经省公共数据主管部门同意';
  /** The authority lifts the requirement for a while and restores it (a grant made meanwhile has no consent). */
  const requireConsent = async (required: boolean, day: string) => {
    const value = required ? { required: true, consentingBody: '省公共数据主管部门 | the provincial public data authority' } : { required: false, consentingBody: null };
    ok(await call(stack, EDIT, { input: { jurisdiction: 'ZJC', changes: [{ name: 'returnedDataConsent', value, source: required ? ZJC_RULE : '新昌县数据局通知〔2026〕9号（试点期间暂缓）' }] } }, authority('ZJC'), at(day)));
  };
  const C = `mutation($id: ID!) { concludeRectification(rectificationId: $id, passed: true, note: "整改到位") { status accessGrants { resourceId status } } }`;
  const ORDER = `mutation($input: SuspendAgreementInput!) { orderRectification(input: $input) { status rectifications { id status cause } } }`;
  let resourceId: string;
  let consentId: string;

  it('an official\'s reinstatement is refused with RETURNED_DATA_CONSENT_MISSING while no consent is in force, and resumes once one is recorded', async () => {
    await requireConsent(false, '2026-07-06');
    const traffic = resourceByKey('zjc-traffic-flow');
    resourceId = demoId('resource:zjc-returned-resume');
    await deliverFrom('ResourcePublished', 'catalog', resourceSnapshot(resourceId, 'ZJC', 'ZJC-HL-0201', traffic.sector, 'zjc-src-transport', 1, true));
    const sid = await request(zjc, resourceId, 'zjc-src-transport', '2026-07-06');
    ok(await call(stack, DECIDE, { s: sid }, agency('ZJC'), at('2026-07-06')));
    await requireConsent(true, '2026-07-07');
    const ordered = ok(await call(stack, ORDER, { input: { agreementId: zjc.id, cause: 'OTHER_BREACH', description: '安全检查发现问题', deadline: '2026-08-31' } }, authority('ZJC'), at('2026-07-08'))).orderRectification;
    expect(ordered.status).toBe('SUSPENDED');
    expect((await grantsOn(resourceId)).map((g) => g.status)).toEqual(['PAUSED']);
    const rect = ordered.rectifications.find((r: any) => r.cause === 'OTHER_BREACH' && r.status === 'OPEN');
    ok(await call(stack, `mutation($id: ID!) { submitRectificationPlan(rectificationId: $id, plan: "补齐安全措施") { status } }`, { id: rect.id }, operatorOf(zjc.operatorId, 'ZJC'), at('2026-07-09')));
    const before = await snapshot(stack);
    const ext = refused(await call(stack, C, { id: rect.id }, authority('ZJC'), at('2026-07-10')), 'POLICY_VIOLATION', /ZJC §三\(五\)2/);
    expect(ext.details.reason).toBe('RETURNED_DATA_CONSENT_MISSING');
    expect(ext.details.resources).toEqual([expect.objectContaining({ resourceId, code: 'ZJC-HL-0201' })]);
    expect(await snapshot(stack)).toEqual(before);
    consentId = ok(await call(stack, RECORD, { input: { jurisdiction: 'ZJC', documentNumber: '浙数据函〔2026〕50号', consentedOn: '2026-07-10', resourceIds: [resourceId], agreementId: zjc.id } }, authority('ZJC'), at('2026-07-10'))).recordReturnedDataConsent.id;
    const back = ok(await call(stack, C, { id: rect.id }, authority('ZJC'), at('2026-07-10'))).concludeRectification;
    expect(back.status).toBe('ACTIVE');
    expect((await grantsOn(resourceId)).map((g) => g.status)).toEqual(['ACTIVE']);
  });

  it('an incident\'s closure (an event, not refused) revokes the grant no consent covers any more and resumes the others; a redelivery changes nothing', async () => {
    const incident = { incidentId: 'I-RETURNED-1', jurisdiction: 'ZJC', operatorId: zjc.operatorId, agreementId: zjc.id, type: 'RISKY_LINKAGE', severity: 'HIGH', stopProcessing: true, stopRule: 'ZJC §三(五)6', resourceIds: [], productIds: [], occurredAt: '2026-07-11T02:00:00Z' };
    await deliverFrom('SecurityIncidentReported', 'evaluation', incident);
    const paused = await sql<{ resource_id: string }>(stack.em('licensing'), `select resource_id from access_grant where agreement_id = $1 and status = 'PAUSED' and reason = 'incident:I-RETURNED-1'`, [zjc.id]);
    expect(paused.map((g) => g.resource_id)).toContain(resourceId);
    // While the requirement is lifted the consent is revoked (nothing closes then); the requirement is then restored.
    await requireConsent(false, '2026-07-12');
    ok(await call(stack, REVOKE, { id: consentId, on: null }, authority('ZJC'), at('2026-07-12')));
    expect((await grantsOn(resourceId)).map((g) => g.status)).toEqual(['PAUSED']);
    await requireConsent(true, '2026-07-13');
    const closed = { incidentId: 'I-RETURNED-1', jurisdiction: 'ZJC', agreementId: zjc.id, resourceIds: [], productIds: [], closedAt: '2026-07-14T02:00:00Z' };
    const envId = uuidv7();
    await deliverFrom('SecurityIncidentClosed', 'evaluation', closed, envId);
    const [g] = await grantsOn(resourceId);
    expect(g).toMatchObject({ status: 'REVOKED', reason: expect.stringContaining('no consent in force covers the grant on resumption') });
    const others = await sql<{ status: string }>(stack.em('licensing'), `select distinct status from access_grant where agreement_id = $1 and resource_id <> $2 and reason = 'incident closed'`, [zjc.id, resourceId]);
    expect(others.map((o) => o.status)).toEqual(paused.length > 1 ? ['ACTIVE'] : []);
    const n = await audits(g!.id);
    await deliverFrom('SecurityIncidentClosed', 'evaluation', closed, envId);
    await deliverFrom('SecurityIncidentClosed', 'evaluation', closed);
    expect(await grantsOn(resourceId)).toEqual([g]);
    expect(await audits(g!.id)).toBe(n);
  });
});
