/**
 * The operating domain end to end through the gateway's origin (docs/operating-domain/data-plane.md),
 * in the demo world over all six subgraphs: the source agency loads its marriage registrations; the
 * operator opens a new version of the marriage-status verification (JL-CP-0003), submits its recipe,
 * which is analysed and passes compliance review with that analysis as evidence, and lists it; a
 * developer signs, makes a key and calls POST /v1/products/JL-CP-0003/invoke over raw rows it never
 * sees; those calls — not a typed figure — become METERED usage, charges and the source agency's
 * share in the month's settlement. Refusals: a bad key, a wrong parameter type, a revoked key.
 *
 * Then the demo world as `pnpm start` leaves it, with nothing prepared by the test: 企信通's developer
 * makes a key for its signed agreement and calls the credit-score API (QHD-CP-0002, a scoring
 * expression over the credit bureau's and the tax office's raw rows); the insurer's analyst submits a
 * sandbox job over 普惠保险精算数据包 (ZJC-CP-0001), which waits for the operator's review, is released
 * and downloaded; those calls and the job are metered usage, charges and the source units' shares in
 * November's settlements.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCTS, DEMO_USAGE_AGREEMENTS, DEMO_USERS, demoEntitlementId, orgByKey, resourceByKey } from '@pdo/demo';
import { demoLoads } from '@pdo/delivery';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import type { Identity } from '@pdo/platform';
import { DEFINITIONS } from '../security/all-subgraphs.js';

const user = (key: string): Identity => {
  const u = DEMO_USERS.find((x) => x.key === key)!;
  return { sub: u.sub, role: u.role, org: u.org, jurisdiction: u.jurisdiction };
};
const operator = user('jl-operator');
const developer = user('jl-developer');
const agency = who('AGENCY', orgByKey('jl-agency').id, 'JL', 'jl-agency-user');
const finance = who('FINANCE', orgByKey('jl-authority').id, 'JL', 'jl-finance-user');
const marriage = resourceByKey('jl-marriage');
const source = who('SOURCE_UNIT', marriage.agencyId, 'JL', 'jl-civil-user');
const product = DEMO_PRODUCTS.find((p) => p.code === 'JL-CP-0003')!;
const DAY = '2026-11-26T02:00:00Z';
const AFTER = '2026-12-02T02:00:00Z';
const PERSON = '220102199001011237';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack(DEFINITIONS, { gateway: true, seed: true });
}, 240_000);
afterAll(async () => stack?.stop());

async function ok<T = any>(query: string, variables: Record<string, unknown>, as: Identity, now = DAY): Promise<T> {
  const res = await stack.gql<T>(query, variables, { as, now });
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as T;
}
async function invoke(body: unknown, headers: Record<string, string>, code = product.code) {
  const res = await fetch(stack.gateway!.url.replace(/\/graphql$/, `/v1/products/${code}/invoke`), { method: 'POST', headers: { 'content-type': 'application/json', 'x-pdo-now': DAY, ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

describe('operating domain: load → recipe → review → sign → key → call → usage → charge → settlement', () => {
  let usageAgreementId: string;
  let apiKey: string;
  let credentialId: string;

  it('the source agency loads its data (a numbered, hashed batch)', async () => {
    const rows = ['id_no,registered_on,kind,district', `${PERSON},2024-05-20,结婚,南关区`, ...Array.from({ length: 40 }, (_, i) => `2201021985${String(100000 + i * 37).slice(-6)}X,2023-0${1 + (i % 9)}-1${i % 10},${i % 4 ? '结婚' : '离婚'},宽城区`)];
    const r = await ok(`mutation($i: LoadRawDataInput!) { loadRawData(input: $i) { batchNo rowCount status sha256 } }`, { i: { resourceId: marriage.id, format: 'CSV', content: rows.join('\n') + '\n' } }, source);
    expect(r.loadRawData).toMatchObject({ rowCount: 41, status: 'CURRENT' });
    expect(r.loadRawData.batchNo).toBeGreaterThan(1);
  });

  it('the operator opens version 2, submits its recipe; the analysis is stored and is the review\'s evidence; the agency approves; it is listed', async () => {
    await ok(`mutation($id: ID!) { createProductVersion(productId: $id, changeNote: "在运营域内执行（平台计量）") { id latestVersion } }`, { id: product.id }, operator);
    await ok(`mutation($id: ID!) { submitProductForReview(productId: $id) { id } }`, { id: product.id }, operator);
    await stack.settle();
    const submitted = await ok(
      `mutation($i: SubmitRecipeInput!) { submitRecipe(input: $i) { status sqlSha256 analysis { k aggregate columns { name kind } } violations { code } } }`,
      {
        i: {
          productId: product.id, version: 2, sql: 'select (kind = $2) as matches from jl_mz_0001 where id_no = $1',
          parameters: [{ name: 'id_no', type: 'text' }, { name: 'kind', type: 'text' }], outputs: [{ name: 'matches', kind: 'FLAG' }],
          subjects: [{ resourceId: marriage.id, field: 'id_no' }], verification: [{ column: 'matches', values: [true, false] }],
        },
      },
      operator,
    );
    expect(submitted.submitRecipe).toMatchObject({ status: 'ACCEPTED', violations: [], analysis: { aggregate: false, columns: [{ name: 'matches', kind: 'FLAG' }] } });
    await stack.settle();
    const checklist = ['DATA_SOURCE', 'DESENSITISATION', 'RAW_DATA_STAYS_IN_DOMAIN', 'ACCESS_CONTROL', 'ASSOCIATED_PARTY_AUTHORIZATION'].map((item) => ({
      item, result: 'PASS', evidence: item === 'RAW_DATA_STAYS_IN_DOMAIN' ? `配方分析 SHA-256 ${submitted.submitRecipe.sqlSha256}：仅输出核验标志` : `材料 ${item}`,
    }));
    await ok(`mutation($i: ReviewProductInput!) { reviewProduct(input: $i) { decision } }`, { i: { productId: product.id, version: 2, decision: 'APPROVED', checklist } }, agency);
    await ok(`mutation($id: ID!) { delistProduct(productId: $id, reason: "换用第2版") { id } }`, { id: product.id }, operator);
    const listed = await ok(`mutation($id: ID!) { listProduct(productId: $id) { listingStatus } }`, { id: product.id }, operator);
    expect(listed.listProduct.listingStatus).toBe('LISTED');
    await stack.settle();
  });

  it('a developer applies, is approved, signs, and makes an API key (shown once)', async () => {
    const applied = await ok(`mutation($input: ApplyForProductUsageInput!) { applyForProductUsage(input: $input) { id } }`, { input: { productId: product.id, purpose: '婚恋平台会员婚姻状况核验', scenario: '经本人授权的婚姻状况核验', scope: '本平台会员', method: '接口调用', startDate: '2026-11-26', endDate: '2027-05-31' } }, developer);
    await ok(`mutation($input: AssessUsageApplicationInput!) { assessUsageApplication(input: $input) { id } }`, { input: { applicationId: applied.applyForProductUsage.id, capabilityAdequate: true, needReasonable: true, scenarioCompliant: true, securityRisk: 'LOW', recommend: true, opinion: '同意', revenueDistribution: '按次计费', securityTerms: '仅限域内调用', confidentialityTerms: '结果保密', quotaUnits: '100' } }, operator);
    usageAgreementId = (await ok(`mutation($id: ID!) { decideUsageApplication(applicationId: $id, approve: true) { usageAgreementId } }`, { id: applied.applyForProductUsage.id }, agency)).decideUsageApplication.usageAgreementId;
    await ok(`mutation($id: ID!) { acceptUsageAgreement(id: $id) { status } }`, { id: usageAgreementId }, developer);
    await ok(`mutation($id: ID!) { acceptUsageAgreement(id: $id) { status } }`, { id: usageAgreementId }, operator);
    await stack.settle();
    const issued = await ok(`mutation($i: CreateApiCredentialInput!) { createApiCredential(input: $i) { apiKey credential { id } } }`, { i: { usageAgreementId, label: '生产环境' } }, developer);
    apiKey = issued.createApiCredential.apiKey;
    credentialId = issued.createApiCredential.credential.id;
    expect(apiKey).toMatch(/^pdo_/);
  });

  it('the developer calls the verification over raw rows it never sees; refusals are coded and meter nothing', async () => {
    const yes = await invoke({ id_no: PERSON, kind: '结婚' }, { 'x-api-key': apiKey, 'idempotency-key': 'member-1' });
    expect(yes.status).toBe(200);
    expect(yes.body.rows).toEqual([{ matches: true }]);
    expect(JSON.stringify(yes.body)).not.toContain(PERSON);
    const replay = await invoke({ id_no: PERSON, kind: '结婚' }, { 'x-api-key': apiKey, 'idempotency-key': 'member-1' });
    expect(replay.body).toEqual(yes.body);
    const no = await invoke({ id_no: PERSON, kind: '离婚' }, { 'x-api-key': apiKey });
    expect(no.body.rows).toEqual([{ matches: false }]);
    expect((await invoke({ id_no: PERSON, kind: '结婚' }, { 'x-api-key': `${apiKey.slice(0, -1)}${apiKey.endsWith('A') ? 'B' : 'A'}` })).status).toBe(401);
    const wrongType = await invoke({ id_no: 220102199001011237, kind: '结婚' }, { 'x-api-key': apiKey });
    expect([wrongType.status, wrongType.body.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
    const quota = await ok(`query($u: ID!) { dataPlaneQuota(usageAgreementId: $u) { usedUnits remainingUnits } }`, { u: usageAgreementId }, developer);
    expect(quota.dataPlaneQuota).toEqual({ usedUnits: '2', remainingUnits: '98' });
  });

  it('those calls — not a typed figure — are METERED usage and charges at the listed price', async () => {
    await stack.settle();
    const usage = await ok(`{ usageRecords { edges { node { usageAgreementId units source } } } }`, {}, developer);
    const mine = usage.usageRecords.edges.map((e: any) => e.node).filter((n: any) => n.usageAgreementId === usageAgreementId);
    expect(mine).toEqual([{ usageAgreementId, units: '1', source: 'METERED' }, { usageAgreementId, units: '1', source: 'METERED' }]);
    const charges = await ok(`query($f: ChargeFilter) { charges(filter: $f) { totalCount edges { node { units amount { fen yuan } } } } }`, { f: { productId: product.id, from: '2026-11-26T00:00:00Z' } }, finance);
    expect(charges.charges.totalCount).toBe(2);
    expect(charges.charges.edges.every((e: any) => e.node.units === '1' && BigInt(e.node.amount.fen) > 0n)).toBe(true);
  });

  it('the month\'s settlement shares them with the source agency', async () => {
    const run = await ok(`mutation($input: RunSettlementInput!) { runSettlement(input: $input) { id status reconciliation { reconciled } } }`, { input: { jurisdiction: 'JL', periodStart: '2026-11-01', periodEnd: '2026-11-30' } }, finance, AFTER);
    expect(run.runSettlement).toMatchObject({ status: 'COMPLETED', reconciliation: { reconciled: true } });
    await stack.settle();
    const statement = await ok(`query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { total { fen yuan } lines { productCode amount { fen yuan } } } }`, { s: run.runSettlement.id, p: marriage.agencyId }, source, AFTER);
    expect(statement.revenueStatement.lines.map((l: any) => l.productCode)).toContain('JL-CP-0003');
    expect(BigInt(statement.revenueStatement.total.fen)).toBeGreaterThan(0n);
  });

  it('a revoked key refuses the very next call', async () => {
    await ok(`mutation($i: RevokeApiCredentialInput!) { revokeApiCredential(input: $i) { status } }`, { i: { id: credentialId, reason: '泄露' } }, developer);
    const r = await invoke({ id_no: PERSON, kind: '结婚' }, { 'x-api-key': apiKey });
    expect([r.status, r.body.errors[0].extensions.reason]).toEqual([401, 'KEY_REVOKED']);
  });
});

/** A demo load's rows as objects (CSV: no quoted commas in the demo data). */
function demoRows(resourceKey: string): Record<string, string>[] {
  const [header, ...lines] = demoLoads().find((l) => l.resourceKey === resourceKey)!.content.trim().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i]!, v])));
}

describe('the demo world as it starts: the credit-score API and a sandbox job, metered into settlement', () => {
  const creditScore = DEMO_PRODUCTS.find((p) => p.key === 'qhd-credit-score')!;
  const qixintong = DEMO_USAGE_AGREEMENTS.find((u) => u.key === 'credit-qixintong')!;
  const creditDeveloper = user('qhd-developer');
  const actuarial = DEMO_PRODUCTS.find((p) => p.key === 'zjc-insurance-actuarial')!;
  const insurer = user('zjc-developer');
  const actuarialEntitlement = demoEntitlementId(DEMO_USAGE_AGREEMENTS.find((u) => u.key === 'insure-actuarial')!);
  const qhdFinance = who('FINANCE', orgByKey('qhd-authority').id, 'QHD', 'qhd-finance-user');
  const zjcFinance = who('FINANCE', orgByKey('zjc-authority').id, 'ZJC', 'zjc-finance-user');
  const [enterprise] = demoRows('qhd-enterprise-credit');
  const grade = demoRows('qhd-tax-credit').find((t) => t.uscc === enterprise!.uscc && t.tax_year === '2025')!.grade;
  let creditKey = '';
  let jobId = '';

  it("企信通's developer makes a key for its signed agreement and gets a credit score computed from raw rows it never sees", async () => {
    const issued = await ok(`mutation($i: CreateApiCredentialInput!) { createApiCredential(input: $i) { apiKey } }`, { i: { usageAgreementId: qixintong.id, label: '信贷审批系统' } }, creditDeveloper);
    creditKey = issued.createApiCredential.apiKey;
    const r = await invoke({ uscc: enterprise!.uscc }, { 'x-api-key': creditKey, 'idempotency-key': 'loan-0001' }, creditScore.code);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // The operator's scoring expression, recomputed here from the demo's raw rows (the oracle the API never shows); integers travel as strings.
    const e = enterprise!;
    const gradePoints = ({ A: 200, B: 120, M: 40, C: -80 } as Record<string, number>)[grade!] ?? -200;
    const score = 500 + gradePoints + (e.abnormal_listed === 'true' ? -150 : 60) - 40 * Number(e.penalties_3y) + (e.established_on! < '2015-01-01' ? 90 : e.established_on! < '2021-01-01' ? 40 : 0) + 5 * Number(e.licences);
    expect(r.body.rows).toEqual([{ score: String(score), risk_level: score >= 700 ? 'LOW' : score >= 550 ? 'MEDIUM' : 'HIGH' }]);
    expect(JSON.stringify(r.body)).not.toContain(e.name!);
    const unknown = await invoke({ uscc: '91130300MA00000000' }, { 'x-api-key': creditKey }, creditScore.code);
    expect([unknown.status, unknown.body.rows]).toEqual([200, []]);
    const wrongProduct = await invoke({ id_no: PERSON, kind: '结婚' }, { 'x-api-key': creditKey });
    expect(wrongProduct.status).toBe(403);
  });

  it("the insurer's sandbox job waits for the operator's review, is released, and is downloadable only then", async () => {
    const submitted = await ok(
      `mutation($input: SubmitSandboxJobInput!) { submitSandboxJob(input: $input) { id status rows resultCsv groupSizes reviewerRole } }`,
      { input: { entitlementId: actuarialEntitlement, sql: 'select age_band, count(person_ref) as insured from zjc_yb_0001 group by age_band', outputs: [{ name: 'age_band', kind: 'LABEL' }, { name: 'insured', kind: 'AGGREGATE' }], subjects: [{ resourceId: resourceByKey('zjc-medical-insurance').id, field: 'person_ref' }], epsilon: '0.5', sensitivity: 1 } },
      insurer,
    );
    expect(submitted.submitSandboxJob).toMatchObject({ status: 'PENDING_REVIEW', rows: null, resultCsv: null, reviewerRole: 'OPERATOR' });
    expect(submitted.submitSandboxJob.groupSizes).toHaveLength(5);
    jobId = submitted.submitSandboxJob.id;
    const released = await ok(`mutation($input: ReviewSandboxJobInput!) { reviewSandboxJob(input: $input) { status } }`, { input: { jobId, decision: 'RELEASED', note: '分组均达到 k，同意发布' } }, user('zjc-operator'));
    expect(released.reviewSandboxJob.status).toBe('RELEASED');
    const mine = await ok(`query($id: ID!) { sandboxJob(id: $id) { status resultCsv } }`, { id: jobId }, insurer);
    const lines = mine.sandboxJob.resultCsv.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('age_band,insured');
    expect(lines.slice(1).map((l: string) => l.split(',')[0]).sort()).toEqual(['18-29', '30-39', '40-49', '50-59', '60+']);
  });

  it("the call and the job are METERED usage and charges; November's settlements share them with the source units", async () => {
    await stack.settle();
    const usage = await ok(`{ usageRecords(first: 100) { edges { node { usageAgreementId units source } } } }`, {}, creditDeveloper);
    // Two successful calls (a score, and an enterprise the bureau does not know: an empty answer is still an answer).
    const one = { usageAgreementId: qixintong.id, units: '1', source: 'METERED' };
    expect(usage.usageRecords.edges.map((e: any) => e.node).filter((n: any) => n.source === 'METERED')).toEqual([one, one]);
    const jobUsage = await ok(`{ usageRecords(first: 100) { edges { node { usageAgreementId units source } } } }`, {}, insurer);
    expect(jobUsage.usageRecords.edges.map((e: any) => e.node).filter((n: any) => n.source === 'METERED')).toHaveLength(1);
    for (const [p, finance, count] of [[creditScore, qhdFinance, 2], [actuarial, zjcFinance, 1]] as const) {
      const charges = await ok(`query($f: ChargeFilter) { charges(filter: $f) { totalCount edges { node { units amount { fen } } } } }`, { f: { productId: p.id, from: '2026-11-26T00:00:00Z' } }, finance);
      expect([p.code, charges.charges.totalCount]).toEqual([p.code, count]);
      expect(BigInt(charges.charges.edges[0].node.amount.fen)).toBe(BigInt(p.priceFen));
      const run = await ok(`mutation($input: RunSettlementInput!) { runSettlement(input: $input) { id status reconciliation { reconciled } } }`, { input: { jurisdiction: p.jurisdiction, periodStart: '2026-11-01', periodEnd: '2026-11-30' } }, finance, AFTER);
      expect(run.runSettlement).toMatchObject({ status: 'COMPLETED', reconciliation: { reconciled: true } });
      await stack.settle();
      const agency = resourceByKey(p.key === creditScore.key ? 'qhd-enterprise-credit' : 'zjc-medical-insurance');
      const statement = await ok(`query($s: ID!, $p: String!) { revenueStatement(settlementId: $s, partyId: $p) { total { fen } lines { productCode } } }`, { s: run.runSettlement.id, p: agency.agencyId }, who('SOURCE_UNIT', agency.agencyId, p.jurisdiction, `${p.key}-source`), AFTER);
      expect(statement.revenueStatement.lines.map((l: any) => l.productCode)).toContain(p.code);
      expect(BigInt(statement.revenueStatement.total.fen)).toBeGreaterThan(0n);
    }
  });
});
