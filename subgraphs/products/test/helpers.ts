import { randomUUID } from 'node:crypto';
import { EventPublisher, sql } from '@pdo/platform';
import type { SubgraphName, EventName } from '@pdo/events';
import { who, type TestStack } from '@pdo/testing';

/** Publishes an event as if another subgraph had, then waits until products consumed it. */
export async function publishAs(stack: TestStack, producer: SubgraphName, name: EventName, payload: object, jurisdiction: string | null = null): Promise<void> {
  const rt = stack.runtimes.products!;
  const pub = new EventPublisher(rt.boss, producer);
  await rt.orm.em.fork().transactional((tx) => pub.publish(tx, name, payload, jurisdiction));
  // settle() waits only for the started subgraphs' inboxes (here: products).
  await stack.settle(10_000);
}

/** Events products published (as seen on revenue's inbox), by name. */
export async function published(stack: TestStack, name: string): Promise<any[]> {
  const rows = await sql<{ data: any }>(stack.em('products'), `select data from pgboss.job where name = 'inbox_revenue' and data->>'name' = $1 order by created_on`, [name]);
  return rows.map((r) => r.data.payload);
}

export const count = async (stack: TestStack, table: string, where = 'true', params: unknown[] = []) =>
  Number((await sql<{ n: string }>(stack.em('products'), `select count(*)::text as n from ${table} where ${where}`, params))[0]!.n);

export interface World {
  jurisdiction: string;
  operatorId: string;
  agencyId: string;
  sourceAgencyId: string;
  agreementId: string;
  scenarioId: string;
  freeScenarioId: string;
  resources: string[];
  /** Access grants: [scenario r0, scenario r1, free scenario r2]. */
  grants: { grantId: string; scenarioId: string; resourceId: string }[];
  operator: ReturnType<typeof who>;
  agency: ReturnType<typeof who>;
}

/** An active authorization with an approved industry scenario granted r0, r1 (not r2) and a public-welfare one granted r2. */
export async function buildWorld(stack: TestStack, jurisdiction = 'HN'): Promise<World> {
  const operatorId = randomUUID();
  const agencyId = randomUUID();
  const sourceAgencyId = randomUUID();
  const agreementId = randomUUID();
  const scenarioId = randomUUID();
  const freeScenarioId = randomUUID();
  const resources = [randomUUID(), randomUUID(), randomUUID()];
  const names = ['车辆营运信息', '电子运单信息', '就业岗位信息'];
  const sectors = ['transport', 'transport', 'employment'];
  for (const [i, id] of resources.entries()) {
    await publishAs(stack, 'catalog', 'ResourcePublished', {
      resourceId: id, jurisdiction, code: `${jurisdiction}-SJ-T${i}`, nameZh: names[i], sector: sectors[i], sourceAgencyId, openness: 'CONDITIONAL', grade: 'L2', recordCount: 1000,
      quality: { completeness: '99', consistency: '98', accuracy: '97', timeliness: '96' }, authorizable: true, authorizableReasons: [], status: 'ACTIVE', version: 1, updatedAt: '2026-01-01T00:00:00Z',
    }, jurisdiction);
  }
  const facts = { agreementId, agreementNumber: `${jurisdiction}-SQ-T`, jurisdiction, operatorId, mode: 'WHOLE', status: 'ACTIVE', startDate: '2025-04-01', endDate: '2028-03-31', trialEndDate: null, resourceIds: resources, sectors: ['transport', 'employment'], profileVersion: 1 };
  await publishAs(stack, 'licensing', 'AgreementSigned', { ...facts, status: 'SIGNED' }, jurisdiction);
  await publishAs(stack, 'licensing', 'AgreementActivated', facts, jurisdiction);
  await publishAs(stack, 'licensing', 'ScenarioApproved', { scenarioId, agreementId, operatorId, jurisdiction, nameZh: '网络货运信用评估', category: 'INDUSTRY', resourceIds: resources.slice(0, 2), approvedAt: '2026-01-05T00:00:00Z' }, jurisdiction);
  await publishAs(stack, 'licensing', 'ScenarioApproved', { scenarioId: freeScenarioId, agreementId, operatorId, jurisdiction, nameZh: '就业服务公共信息', category: 'PUBLIC_WELFARE', resourceIds: [resources[2]], approvedAt: '2026-01-05T00:00:00Z' }, jurisdiction);
  const grants: World['grants'] = [];
  for (const [sc, rid] of [[scenarioId, resources[0]!], [scenarioId, resources[1]!], [freeScenarioId, resources[2]!]] as const) {
    const grantId = randomUUID();
    grants.push({ grantId, scenarioId: sc, resourceId: rid });
    await publishAs(stack, 'licensing', 'AccessGranted', { grantId, agreementId, scenarioId: sc, operatorId, resourceId: rid, jurisdiction, expiresOn: '2028-03-31', status: 'ACTIVE', effectiveAt: '2026-01-06T00:00:00Z' }, jurisdiction);
  }
  return { jurisdiction, operatorId, agencyId, sourceAgencyId, agreementId, scenarioId, freeScenarioId, resources, grants, operator: who('OPERATOR', operatorId, jurisdiction), agency: who('AGENCY', agencyId, jurisdiction) };
}

export const NOW = '2026-03-02T02:00:00Z';

export const CREATE = `mutation($input: CreateDataProductInput!) { createDataProduct(input: $input) { id code category listingStatus latestVersion sectors } }`;
export const productInput = (w: World, extra: Record<string, unknown> = {}) => ({
  scenarioId: w.scenarioId,
  name: '承运人信用评分接口',
  description: '输入车辆或企业标识，返回信用评分与风险标签',
  form: 'API',
  chargingUnit: 'PER_CALL',
  deliveryMethod: 'API_CALL',
  resourceIds: w.resources.slice(0, 2),
  outputSchema: [{ name: 'score', type: 'int', kind: 'SCORE', descriptionZh: '信用评分' }, { name: 'risk', type: 'string', kind: 'LABEL', descriptionZh: '风险标签' }],
  sampleOutputs: [{ score: 712, risk: 'LOW' }],
  ...extra,
});

export const CHECKLIST = ['DATA_SOURCE', 'DESENSITISATION', 'RAW_DATA_STAYS_IN_DOMAIN', 'ACCESS_CONTROL', 'ASSOCIATED_PARTY_AUTHORIZATION'].map((item) => ({ item, result: 'PASS', evidence: `材料 ${item}` }));

/**
 * The operating domain's analysis of a version's recipe, as delivery publishes it (products' tests
 * run without delivery; delivery's own tests submit real recipes): the evidence an executable form
 * needs before RAW_DATA_STAYS_IN_DOMAIN can pass.
 */
export async function recipeAnalysed(stack: TestStack, w: World, productId: string, version: number, outcome: 'ACCEPTED' | 'REFUSED' = 'ACCEPTED', analysedAt = '2026-03-02T01:00:00Z'): Promise<void> {
  await publishAs(stack, 'delivery', 'RecipeAnalysed', {
    recipeId: randomUUID(), productId, version, jurisdiction: w.jurisdiction, operatorId: w.operatorId, outcome, sqlSha256: 'a'.repeat(64), parserVersion: 180000, k: 5,
    aggregate: false, tables: [{ name: 'r1', resourceId: w.resources[0] }], columns: [{ name: 'score', kind: 'SCORE', sources: ['r1.x'], aggregated: false, masked: false }],
    filters: [], reviewNotes: [], violations: outcome === 'ACCEPTED' ? [] : ['TABLE_NOT_ALLOWED'], analysedAt,
  }, w.jurisdiction);
}

/** Creates, submits, approves and lists a product through the API; returns its id. */
export async function listedProduct(stack: TestStack, w: World, extra: Record<string, unknown> = {}): Promise<string> {
  const c = await stack.subgraph('products', CREATE, { input: productInput(w, extra) }, { as: w.operator, now: NOW });
  if (c.errors) throw new Error(JSON.stringify(c.errors));
  const id = c.data.createDataProduct.id;
  const s = await stack.subgraph('products', `mutation($id: ID!) { submitProductForReview(productId: $id) { id } }`, { id }, { as: w.operator, now: NOW });
  if (s.errors) throw new Error(JSON.stringify(s.errors));
  await recipeAnalysed(stack, w, id, 1);
  const r = await stack.subgraph('products', `mutation($i: ReviewProductInput!) { reviewProduct(input: $i) { decision } }`, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }, { as: w.agency, now: NOW });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const l = await stack.subgraph('products', `mutation($id: ID!) { listProduct(productId: $id) { listingStatus } }`, { id }, { as: w.operator, now: NOW });
  if (l.errors) throw new Error(JSON.stringify(l.errors));
  return id;
}

/** A developer applies, the operator assesses, the agency approves, both accept: returns the entitlement id. */
export async function signedEntitlement(stack: TestStack, w: World, productId: string, developerId: string): Promise<string> {
  const dev = who('DEVELOPER', developerId, w.jurisdiction);
  const ok = (r: any) => {
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const call = (q: string, v: Record<string, unknown>, as: any) => stack.subgraph('products', q, v, { as, now: NOW }).then(ok);
  const a = await call(`mutation($i: ApplyForProductUsageInput!) { applyForProductUsage(input: $i) { id } }`, {
    i: { productId, purpose: '风险评估', scenario: '准入评估', scope: '本单位', method: '接口调用', startDate: '2026-03-01', endDate: '2026-12-31' },
  }, dev);
  const appId = a.applyForProductUsage.id;
  await call(`mutation($i: AssessUsageApplicationInput!) { assessUsageApplication(input: $i) { id } }`, {
    i: { applicationId: appId, capabilityAdequate: true, needReasonable: true, scenarioCompliant: true, securityRisk: 'LOW', recommend: true, opinion: '同意', revenueDistribution: '按次', securityTerms: '仅限场景', confidentialityTerms: '保密' },
  }, w.operator);
  const d = await call(`mutation($id: ID!) { decideUsageApplication(applicationId: $id, approve: true) { usageAgreementId } }`, { id: appId }, w.agency);
  const uid = d.decideUsageApplication.usageAgreementId;
  await call(`mutation($id: ID!) { acceptUsageAgreement(id: $id) { id } }`, { id: uid }, dev);
  const s = await call(`mutation($id: ID!) { acceptUsageAgreement(id: $id) { entitlement { id } } }`, { id: uid }, w.operator);
  return s.acceptUsageAgreement.entitlement.id;
}
