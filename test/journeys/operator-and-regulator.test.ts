/**
 * The supply side and the supervising side, end to end through the gateway:
 * - an operator turns an approved scenario into a product, the implementing agency reviews it
 *   item by item, it is listed and secondary developers can find it;
 * - an operator finds an error in a resource, the source agency corrects it with a new version,
 *   and the answer's timeliness reaches the contribution evaluation;
 * - a data leak is reported: licensing pauses the operator's grants for that resource and the
 *   products built on it leave the shop window, without anyone calling another subgraph.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, DEMO_USERS, demoId, orgByKey, resourceByKey } from '@pdo/demo';
import { startTestStack, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const as = (key: string): Identity => {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  return { sub: u.sub, role: u.role, org: u.org, jurisdiction: u.jurisdiction };
};
const DAY = '2026-11-26T02:00:00Z';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 180_000);
// stop() fails the suite if any platform or subgraph invariant was broken along the way.
afterAll(async () => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, who?: string, now = DAY): Promise<T> {
  const res = await stack.gql<T>(query, variables, { as: who ? as(who) : undefined, now });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}

const marketplace = (q: string) =>
  ok(`query($q: String) { productMarketplace(search: $q, first: 50) { totalCount edges { node { id code listingStatus } } } }`, { q });

describe('operator journey: approved scenario → product → compliance review → listing', () => {
  let productId: string;
  const scenarioId = demoId('scenario:hn-freight-credit');
  const resources = ['hn-freight-vehicles', 'hn-admin-penalties'].map((k) => resourceByKey(k).id);

  it('the operator creates a product from its approved scenario and submits it for review', async () => {
    const created = await ok(
      `mutation($input: CreateDataProductInput!) { createDataProduct(input: $input) { id category listingStatus } }`,
      {
        input: {
          scenarioId,
          name: '货运车辆合规核验',
          description: '核验承运车辆是否存在行政处罚，仅返回是否合规标志',
          form: 'VERIFICATION',
          chargingUnit: 'PER_CALL',
          deliveryMethod: 'API_CALL',
          resourceIds: resources,
          outputSchema: [{ name: 'compliant', type: 'boolean', kind: 'FLAG', descriptionZh: '是否合规' }],
          sampleOutputs: [{ compliant: true }],
        },
      },
      'operator',
    );
    productId = created.createDataProduct.id;
    expect(created.createDataProduct.category).toBe('PAID');
    await ok(`mutation($id: ID!) { submitProductForReview(productId: $id) { id } }`, { id: productId }, 'operator');
  });

  it('the operator submits the executable recipe; the operating domain analyses it against its granted resources', async () => {
    await stack.settle();
    const submitted = await ok(
      `mutation($input: SubmitRecipeInput!) { submitRecipe(input: $input) { status k analysis { tables { name } columns { name kind } } } }`,
      {
        input: {
          productId, version: 1, sql: 'select (vehicle_type = $2) as compliant from hn_jt_0001 where plate_no = $1',
          parameters: [{ name: 'plate_no', type: 'text' }, { name: 'vehicle_type', type: 'text' }],
          outputs: [{ name: 'compliant', kind: 'FLAG' }], verification: [{ column: 'compliant', values: [true, false] }],
        },
      },
      'operator',
    );
    expect(submitted.submitRecipe).toMatchObject({ status: 'ACCEPTED', k: 5, analysis: { tables: [{ name: 'hn_jt_0001' }], columns: [{ name: 'compliant', kind: 'FLAG' }] } });
    await stack.settle();
  });

  it('a refusal needs reasons and a legal basis; an approval needs every checklist item passed', async () => {
    const items = ['DATA_SOURCE', 'DESENSITISATION', 'RAW_DATA_STAYS_IN_DOMAIN', 'ACCESS_CONTROL', 'ASSOCIATED_PARTY_AUTHORIZATION'];
    const review = `mutation($input: ReviewProductInput!) { reviewProduct(input: $input) { decision } }`;
    const refusedWithoutReasons = await stack.gql(
      review,
      { input: { productId, version: 1, decision: 'REFUSED', checklist: items.map((item) => ({ item, result: 'PASS', evidence: '见材料' })) } },
      { as: as('agency'), now: DAY },
    );
    expect(refusedWithoutReasons.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const approved = await ok(review, { input: { productId, version: 1, decision: 'APPROVED', checklist: items.map((item) => ({ item, result: 'PASS', evidence: '审核材料第3页' })) } }, 'agency');
    expect(approved.reviewProduct.decision).toBe('APPROVED');
  });

  it('once listed, an anonymous visitor finds it in the marketplace', async () => {
    const before = await marketplace('合规核验');
    expect(before.productMarketplace.edges.some((e: any) => e.node.id === productId)).toBe(false);
    await ok(`mutation($id: ID!) { listProduct(productId: $id) { listingStatus } }`, { id: productId }, 'operator');
    const after = await marketplace('合规核验');
    expect(after.productMarketplace.edges.find((e: any) => e.node.id === productId)?.node.listingStatus).toBe('LISTED');
  });
});

describe('correction request (校核): raised by the operator, corrected by the source agency', () => {
  const resourceId = resourceByKey('hn-enterprise-registration').id;

  it('the correction produces a new resource version and its timeliness is recorded for the evaluation', async () => {
    const raised = await ok(
      `mutation($input: RaiseCorrectionRequestInput!) { raiseCorrectionRequest(input: $input) { id dueOn state } }`,
      { input: { resourceId, fieldNames: ['name'], problem: '部分企业名称含全角空格', evidence: '抽样 20 条比对' } },
      'operator',
    );
    expect(raised.raiseCorrectionRequest.dueOn > '2026-11-26').toBe(true);
    const versionsBefore = await ok(`query($id: ID!) { dataResource(id: $id) { versionsCount } }`, { id: resourceId }, 'source');
    await ok(
      `mutation($input: AnswerCorrectionRequestInput!) { answerCorrectionRequest(input: $input) { state } }`,
      { input: { id: raised.raiseCorrectionRequest.id, outcome: 'CORRECTED', correction: { descriptionZh: '市场主体设立、变更、注销登记信息（企业名称已去除全角空格）' } } },
      'source',
      '2026-11-27T02:00:00Z',
    );
    const versionsAfter = await ok(`query($id: ID!) { dataResource(id: $id) { versionsCount descriptionZh } }`, { id: resourceId }, 'source');
    expect(versionsAfter.dataResource.versionsCount).toBe(versionsBefore.dataResource.versionsCount + 1);
    expect(versionsAfter.dataResource.descriptionZh).toContain('全角空格');
    const timeliness = await ok(
      `query($a: ID!) { correctionTimeliness(sourceAgencyId: $a, from: "2026-11-01", to: "2026-11-30") { __typename } }`,
      { a: as('source').org },
      'agency',
    );
    expect(timeliness.correctionTimeliness).toBeTruthy();
  });
});

describe('security incident: risky data linkage stops processing across subgraphs (HN Art 18)', () => {
  it('licensing pauses the grants of the affected resource and products pulls the listings built on it', async () => {
    const resourceId = resourceByKey('hn-freight-waybills').id;
    const listed = await marketplace('货运景气');
    expect(listed.productMarketplace.edges.some((e: any) => e.node.code === 'HN-CP-0002')).toBe(true);
    await ok(
      `mutation($input: ReportSecurityIncidentInput!) { reportSecurityIncident(input: $input) { id } }`,
      { input: { type: 'RISKY_LINKAGE', severity: 'HIGH', occurredAt: '2026-11-26T01:00:00Z', description: '运单与车辆数据关联可识别个人', resourceIds: [resourceId] } },
      'operator',
    );
    await stack.settle();
    const grants = await ok(`query($a: ID) { accessGrants(filter: { agreementId: $a }, first: 100) { edges { node { resourceId status } } } }`, { a: demoId('agreement:hn') }, 'agency');
    const affected = grants.accessGrants.edges.map((e: any) => e.node).filter((g: any) => g.resourceId === resourceId);
    expect(affected.length).toBeGreaterThan(0);
    expect(affected.every((g: any) => g.status !== 'ACTIVE')).toBe(true);
    const after = await marketplace('货运景气');
    expect(after.productMarketplace.edges.some((e: any) => e.node.code === 'HN-CP-0002')).toBe(false);
  });
});

describe('names on the listing: projected from licensing, renamed there', () => {
  // The listing asks products for the operator's name and its resources' names and source agencies (with their names):
  // shared fields answered from products' projections of licensing's organizations and the catalog's resources; a
  // rename reaches them as OrganizationRegistered or ResourceChanged.
  const LISTING = `query($q: String) { productMarketplace(search: $q, first: 50) { edges { node { code
    operator { id name } resources { id sourceAgency { id name } } } } } }`;
  const RENAME = `mutation($id: ID!, $name: String!, $ev: FactEvidenceInput!) { updateOrganization(id: $id, input: { name: $name }, evidence: $ev) { id name } }`;
  const EVIDENCE = { documentRef: '名称变更登记通知书（测试）', documentDate: '2026-11-20' };
  const hnProduct = async () => {
    const page = await ok(LISTING, { q: null });
    return page.productMarketplace.edges.map((e: any) => e.node).find((n: any) => n.operator.id === orgByKey('hn-operator').id && n.resources.length > 0);
  };

  it('shows the names licensing holds, and a rename once the event is consumed', async () => {
    const before = await hnProduct();
    expect(before.operator.name).toBe(orgByKey('hn-operator').nameZh);
    const agencyId = before.resources[0].sourceAgency.id;
    expect(before.resources[0].sourceAgency.name).toBe(DEMO_ORGS.find((o) => o.id === agencyId)!.nameZh);

    await ok(RENAME, { id: orgByKey('hn-operator').id, name: '河南数据集团股份有限公司', ev: EVIDENCE }, 'authority');
    await ok(RENAME, { id: agencyId, name: '河南省某数源单位（更名）', ev: EVIDENCE }, 'authority');
    await stack.settle();

    const after = await ok(LISTING, { q: null });
    const node = after.productMarketplace.edges.map((e: any) => e.node).find((n: any) => n.code === before.code);
    expect(node.operator.name).toBe('河南数据集团股份有限公司');
    expect(node.resources.find((r: any) => r.sourceAgency.id === agencyId).sourceAgency.name).toBe('河南省某数源单位（更名）');
    // Licensing answers the same where nobody provides the name.
    const org = await ok(`query($id: ID!) { organization(id: $id) { name } }`, { id: orgByKey('hn-operator').id }, 'authority');
    expect(org.organization.name).toBe('河南数据集团股份有限公司');
  });

  it('shows a resource renamed in the catalog once ResourceChanged is consumed (products answers the shared name)', async () => {
    const RESOURCES = `query($q: String) { productMarketplace(search: $q, first: 50) { edges { node { code resources { id nameZh sector } } } } }`;
    const product = await hnProduct();
    const resourceId = product.resources[0].id;
    const listed = async () => (await ok(RESOURCES, { q: null })).productMarketplace.edges.map((e: any) => e.node).find((n: any) => n.code === product.code).resources.find((r: any) => r.id === resourceId);
    const before = await listed();
    const catalog = await ok(`query($id: ID!) { dataResource(id: $id) { nameZh sector } }`, { id: resourceId });
    expect(before).toEqual({ id: resourceId, ...catalog.dataResource });

    await ok(`mutation($i: EditDataResourceInput!) { editDataResource(input: $i) { id nameZh } }`, { i: { id: resourceId, nameZh: `${before.nameZh}（更名）`, note: '名称规范化' } }, 'agency');
    await stack.settle();

    expect((await listed()).nameZh).toBe(`${before.nameZh}（更名）`);
    // The catalog, the owner, answers the same.
    expect((await ok(`query($id: ID!) { dataResource(id: $id) { nameZh } }`, { id: resourceId })).dataResource.nameZh).toBe(`${before.nameZh}（更名）`);
  });
});
