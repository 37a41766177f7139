/**
 * Returned data (回流数据) end to end through the gateway (ZJC §三(五)2; docs/policy/returned-data.md): a Xinchang
 * resource the province returned is catalogued with its origin, the operator's data request for it is refused until the
 * county's data authority records the province's consent, then granted; revoking the consent closes the grant, and
 * delivery's projection of grants follows (so the operating domain stops reading it); a granted resource an official
 * later marks as returned loses the grant no consent covers. In Qinhuangdao, which does not
 * regulate returned data, a resource an official marks as returned is granted without any consent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGREEMENTS, orgByKey } from '@pdo/demo';
import { sql, type Identity } from '@pdo/platform';
import { startTestStack, who, type GqlResult, type TestStack } from '@pdo/testing';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const DAY = '2026-11-26T02:00:00Z';
const org = (key: string) => orgByKey(key).id;
const authority = (j: string) => who('AUTHORITY', org(`${j.toLowerCase()}-authority`), j, `${j}-authority-user`);
const agency = (j: string) => who('AGENCY', org(`${j.toLowerCase()}-agency`), j, `${j}-agency-user`);
const sourceUnit = (key: string, j: string) => who('SOURCE_UNIT', org(key), j, `src-${key}`);
const ag = (key: string) => DEMO_AGREEMENTS.find((a) => a.key === key)!;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 600_000);
afterAll(async () => stack?.stop());

const gql = (query: string, variables: Record<string, unknown>, as: Identity | undefined, now = DAY) => stack.gql(query, variables, { as, now });
async function ok<T = any>(query: string, variables: Record<string, unknown>, as?: Identity, now = DAY): Promise<T> {
  const res = await gql(query, variables, as, now);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
function refusal(res: GqlResult, code: string): Record<string, any> {
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  return res.errors![0]!.extensions!;
}

const CREATE = `mutation($input: CreateDataResourceInput!) { createDataResource(input: $input) { id version returnedOrigin { level from reference } } }`;
const DECIDE = `mutation($s: ID!) { decideDataScenario(scenarioId: $s, approve: true) { status grants { id resourceId status expiresOn } } }`;

async function catalogue(j: string, sourceKey: string, sector: string, code: string, returnedOrigin: object | null): Promise<string> {
  const input = {
    jurisdiction: j, sourceAgencyId: org(sourceKey), code, nameZh: '省回流人口基础信息', descriptionZh: '省公共数据平台回流的人口年龄结构', sector,
    fields: [{ name: 'age_band', type: 'string', descriptionZh: '年龄段' }], classification: 'GENERAL', grade: 'L2', openness: 'CONDITIONAL', updateFrequency: 'MONTHLY', recordCount: 1000,
    ...(returnedOrigin ? { returnedOrigin } : {}),
  };
  const r = (await ok(CREATE, { input }, agency(j))).createDataResource;
  expect(r.returnedOrigin).toEqual(returnedOrigin);
  return r.id;
}

/** The operator files a data request for the resource; its source unit approves. */
async function request(j: string, agreementKey: string, sourceKey: string, resourceId: string): Promise<string> {
  const a = ag(agreementKey);
  const op = who('OPERATOR', a.operatorId, j, `op-${a.operatorId.slice(0, 8)}`);
  const sid = (await ok(`mutation($input: SubmitScenarioInput!) { submitDataScenario(input: $input) { id } }`, {
    input: { agreementId: a.id, nameZh: '人口结构分析', description: '分年龄段人口统计', category: 'PUBLIC_WELFARE', resources: [{ resourceId, justification: '仅需年龄段', fields: ['age_band'] }] },
  }, op)).submitDataScenario.id;
  await ok(`mutation($s: ID!, $r: ID!) { reviewScenarioResource(scenarioId: $s, resourceId: $r, approve: true) { id } }`, { s: sid, r: resourceId }, sourceUnit(sourceKey, j));
  return sid;
}

describe('ZJC: province-returned data is granted only with the province\'s consent', () => {
  it('catalogued as returned → refused → consent recorded → granted → consent revoked → grant closed in licensing and delivery', async () => {
    const origin = { level: 'PROVINCE', from: '浙江省公共数据平台', reference: 'IRS-330624-0100' };
    const resourceId = await catalogue('ZJC', 'zjc-src-transport', 'TRANSPORT', 'ZJC-HL-0100', origin);
    await stack.settle();
    const shown = (await ok(`query($id: ID!) { dataResource(id: $id) { returnedOrigin { level from reference } authorizability { authorizable } } }`, { id: resourceId })).dataResource;
    expect(shown).toEqual({ returnedOrigin: origin, authorizability: { authorizable: true } });

    const sid = await request('ZJC', 'zjc', 'zjc-src-transport', resourceId);
    const refused = refusal(await gql(DECIDE, { s: sid }, agency('ZJC')), 'POLICY_VIOLATION');
    expect(refused.rule).toMatch(/ZJC §三\(五\)2/);
    expect(refused.details).toMatchObject({ reason: 'RETURNED_DATA_CONSENT_MISSING', resources: [{ resourceId, code: 'ZJC-HL-0100' }] });

    const consent = (await ok(`mutation($input: RecordReturnedDataConsentInput!) { recordReturnedDataConsent(input: $input) { id } }`, {
      input: { jurisdiction: 'ZJC', documentNumber: '浙数据函〔2026〕99号', consentedOn: '2026-11-20', validUntil: '2027-03-31', resourceIds: [resourceId], agreementId: ag('zjc').id, attachmentRef: 'oss://consents/2026-99.pdf' },
    }, authority('ZJC'))).recordReturnedDataConsent;
    const decided = (await ok(DECIDE, { s: sid }, agency('ZJC'))).decideDataScenario;
    expect(decided.status).toBe('APPROVED');
    const [grant] = decided.grants;
    expect(grant).toMatchObject({ resourceId, status: 'ACTIVE', expiresOn: '2027-03-31' });
    await stack.settle();
    const deliveryGrant = async () => (await sql<{ status: string; expires_on: string }>(stack.em('delivery'), `select status, expires_on::text from access_grant_projection where grant_id = $1`, [grant.id]))[0];
    expect(await deliveryGrant()).toEqual({ status: 'ACTIVE', expires_on: '2027-03-31' });

    await ok(`mutation($id: ID!) { revokeReturnedDataConsent(consentId: $id, documentNumber: "浙数据函〔2026〕120号", reason: "收回同意") { revokedOn } }`, { id: consent.id }, authority('ZJC'));
    await stack.settle();
    const after = (await ok(`query($s: ID!) { dataScenario(id: $s) { grants { status reason } } }`, { s: sid }, agency('ZJC'))).dataScenario;
    expect(after.grants).toEqual([{ status: 'REVOKED', reason: expect.stringContaining('浙数据函〔2026〕99号') }]);
    expect((await deliveryGrant())!.status).toBe('REVOKED');
  });
});

describe('ZJC: a resource marked as returned after it was granted', () => {
  it('the official\'s correction (correctResourceOrigin) revokes the grant no consent covers, in licensing and delivery', async () => {
    const resourceId = await catalogue('ZJC', 'zjc-src-transport', 'TRANSPORT', 'ZJC-OWN-0100', null);
    await stack.settle();
    const sid = await request('ZJC', 'zjc', 'zjc-src-transport', resourceId);
    const [grant] = (await ok(DECIDE, { s: sid }, agency('ZJC'))).decideDataScenario.grants;
    expect(grant).toMatchObject({ resourceId, status: 'ACTIVE' });
    await stack.settle();
    await ok(`mutation($id: ID!, $o: ReturnedOriginInput) { correctResourceOrigin(id: $id, returnedOrigin: $o, note: "省回流清单（2026年第4批）") { version } }`, {
      id: resourceId, o: { level: 'PROVINCE', from: '浙江省公共数据平台', reference: 'IRS-330624-0101' },
    }, authority('ZJC'));
    await stack.settle();
    const after = (await ok(`query($s: ID!) { dataScenario(id: $s) { grants { status reason } } }`, { s: sid }, agency('ZJC'))).dataScenario;
    expect(after.grants).toEqual([{ status: 'REVOKED', reason: expect.stringContaining('resource marked as returned data (浙江省公共数据平台)') }]);
    const [delivered] = await sql<{ status: string }>(stack.em('delivery'), `select status from access_grant_projection where grant_id = $1`, [grant.id]);
    expect(delivered).toEqual({ status: 'REVOKED' });
  });
});

describe('QHD does not regulate returned data', () => {
  it('an official marks a resource as returned (a new version, audited); it is granted without any consent', async () => {
    const resourceId = await catalogue('QHD', 'qhd-src-water', 'UTILITIES', 'QHD-HL-0100', null);
    const corrected = (await ok(`mutation($id: ID!, $o: ReturnedOriginInput) { correctResourceOrigin(id: $id, returnedOrigin: $o, note: "省回流清单（2026年第3批）") { version returnedOrigin { level from } } }`, {
      id: resourceId, o: { level: 'PROVINCE', from: '河北省公共数据平台', reference: null },
    }, authority('QHD'))).correctResourceOrigin;
    expect(corrected).toEqual({ version: 2, returnedOrigin: { level: 'PROVINCE', from: '河北省公共数据平台' } });
    const versions = (await ok(`query($id: ID!) { dataResourceVersions(resourceId: $id) { edges { node { version action } } } }`, { id: resourceId }, authority('QHD'))).dataResourceVersions;
    expect(versions.edges.map((e: any) => e.node)).toContainEqual({ version: 2, action: 'ORIGIN_CORRECTED' });
    await stack.settle();
    const sid = await request('QHD', 'qhd', 'qhd-src-water', resourceId);
    const decided = (await ok(DECIDE, { s: sid }, agency('QHD'))).decideDataScenario;
    expect(decided.grants).toEqual([expect.objectContaining({ resourceId, status: 'ACTIVE', expiresOn: ag('qhd').endDate })]);
  });
});
