/**
 * 开发处理环境 with 成果审核 end to end through the gateway and real PostgreSQL roles
 * (docs/operating-domain/sandbox.md): a developer's aggregate query over its SANDBOX product runs as
 * the product's reader role, groups below k are withheld, aggregates are noised and ε is charged;
 * the result waits for the operator's review and is downloadable (CSV) only once released. Hostile
 * queries — generated and by hand, differencing attacks included — are refused or release nothing
 * below k, and a refusal stores and meters nothing.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { DEMO_USAGE_AGREEMENTS, demoEntitlementId, orgByKey } from '@pdo/demo';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition as catalog } from '@pdo/catalog';
import { definition as licensing } from '@pdo/licensing';
import { definition as products } from '@pdo/products';
import { definition } from '../src/index.js';
import { agencyOf, approveAndList, operatorOf, product, SUBMIT_RECIPE, versionUnderReview } from './runtime-helpers.js';
import { publishAs } from './data-plane-world.js';

let stack: TestStack;
const traffic = product('zjc-traffic-api');
const usage = DEMO_USAGE_AGREEMENTS.find((u) => u.key === 'insure-traffic')!;
const entitlementId = demoEntitlementId(usage);
const developer = who('DEVELOPER', usage.developerId, 'ZJC');
const otherDeveloper = who('DEVELOPER', orgByKey('dev-fintech').id, 'ZJC');
const subjects = [{ resourceId: traffic.resourceIds[0], field: 'record_id' }];
const K = 6;

const SUBMIT = `mutation($input: SubmitSandboxJobInput!) { submitSandboxJob(input: $input) {
  id status epsilon chargedEpsilon groupSizes suppressedGroups flags reviewerRole rows resultCsv columns { name kind } } }`;
const JOB = `query($id: ID!) { sandboxJob(id: $id) { id status rows resultCsv groupSizes } }`;
const REVIEW = `mutation($input: ReviewSandboxJobInput!) { reviewSandboxJob(input: $input) { id status reviewNote } }`;

const job = (sqlText: string, outputs: { name: string; kind: string }[], extra: Record<string, unknown> = {}) => ({ input: { entitlementId, sql: sqlText, outputs, subjects, ...extra } });
const count = async (table: string) => Number((await sql<{ n: string }>(stack.em('delivery'), `select count(*)::text as n from ${table}`))[0]!.n);
const metered = async () => Number((await sql<{ n: string }>(stack.em('delivery'), `select count(*)::text as n from pgboss.job where name = 'inbox_products' and data->>'name' = 'ExecutionMetered'`))[0]!.n);

beforeAll(async () => {
  stack = await startTestStack([licensing, catalog, products, definition], { gateway: true, seed: true });
  await stack.settle();
  const version = await versionUnderReview(stack, 'zjc-traffic-api', 'SANDBOX');
  const r = await stack.gql(SUBMIT_RECIPE, {
    input: {
      productId: traffic.id, version, sql: 'select checkpoint_id as checkpoint, sum(vehicle_count) as vehicles from zjc_jt_0001 group by checkpoint_id',
      outputs: [{ name: 'checkpoint', kind: 'LABEL' }, { name: 'vehicles', kind: 'AGGREGATE' }], subjects, k: K,
    },
  }, { as: operatorOf('ZJC') });
  expect(r.data.submitRecipe.status).toBe('ACCEPTED');
  await approveAndList(stack, 'zjc-traffic-api', version);
}, 240_000);
afterAll(async () => stack?.stop());

describe('a sandbox job waits for output review', () => {
  let released = '';

  it('runs, withholds nothing of groups ≥ k, noises aggregates, charges ε and shows the developer nothing yet', async () => {
    const before = await metered();
    const res = await stack.gql(SUBMIT, job('select checkpoint_id as checkpoint, count(record_id) as n, sum(vehicle_count) as vehicles from zjc_jt_0001 group by checkpoint_id', [{ name: 'checkpoint', kind: 'LABEL' }, { name: 'n', kind: 'AGGREGATE' }, { name: 'vehicles', kind: 'AGGREGATE' }], { epsilon: '0.1', sensitivity: 800 }), { as: developer });
    expect(res.errors).toBeUndefined();
    const j = res.data.submitSandboxJob;
    expect(j).toMatchObject({ status: 'PENDING_REVIEW', epsilon: '0.100000', chargedEpsilon: '0.200000', suppressedGroups: 0, reviewerRole: 'OPERATOR', rows: null, resultCsv: null });
    expect(j.groupSizes).toEqual([168, 168, 168, 168, 168, 168]);
    released = j.id;
    expect(await metered()).toBe(before + 1);
  });

  it('the reviewer sees the noised result; another developer and the wrong reviewer see or decide nothing', async () => {
    const seen = await stack.gql(JOB, { id: released }, { as: operatorOf('ZJC') });
    expect(seen.data.sandboxJob.rows).toHaveLength(6);
    // Integer noise (scale Δ/ε) on every aggregate: integers, as strings.
    expect(seen.data.sandboxJob.rows.every((r: { n: string; vehicles: string }) => /^-?\d+$/.test(r.n) && /^-?\d+$/.test(r.vehicles))).toBe(true);
    expect((await stack.gql(JOB, { id: released }, { as: otherDeveloper })).data.sandboxJob).toBeNull();
    const agency = await stack.gql(REVIEW, { input: { jobId: released, decision: 'RELEASED' } }, { as: agencyOf('ZJC') });
    expect(agency.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await stack.gql(REVIEW, { input: { jobId: released, decision: 'RELEASED' } }, { as: operatorOf('JL') });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('released: the developer downloads it as CSV; refused: never', async () => {
    const ok = await stack.gql(REVIEW, { input: { jobId: released, decision: 'RELEASED', note: '同意发布' } }, { as: operatorOf('ZJC') });
    expect(ok.data.reviewSandboxJob.status).toBe('RELEASED');
    const again = await stack.gql(REVIEW, { input: { jobId: released, decision: 'REFUSED', note: 'x' } }, { as: operatorOf('ZJC') });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const mine = (await stack.gql(JOB, { id: released }, { as: developer })).data.sandboxJob;
    const lines = mine.resultCsv.replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('checkpoint,n,vehicles');
    expect(lines).toHaveLength(7);

    const second = (await stack.gql(SUBMIT, job('select checkpoint_id as checkpoint, count(record_id) as n from zjc_jt_0001 group by checkpoint_id', [{ name: 'checkpoint', kind: 'LABEL' }, { name: 'n', kind: 'AGGREGATE' }]), { as: developer })).data.submitSandboxJob;
    const noReason = await stack.gql(REVIEW, { input: { jobId: second.id, decision: 'REFUSED' } }, { as: operatorOf('ZJC') });
    expect(noReason.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await stack.gql(REVIEW, { input: { jobId: second.id, decision: 'REFUSED', note: '分组过细' } }, { as: operatorOf('ZJC') })).data.reviewSandboxJob.status).toBe('REFUSED');
    const refused = (await stack.gql(JOB, { id: second.id }, { as: developer })).data.sandboxJob;
    expect(refused).toMatchObject({ status: 'REFUSED', rows: null, resultCsv: null });
  });

  it('an exhausted ε budget is a coded refusal; nothing is stored or metered', async () => {
    const jobs = await count('sandbox_job');
    const before = await metered();
    const res = await stack.gql(SUBMIT, job('select checkpoint_id as checkpoint, count(record_id) as n from zjc_jt_0001 group by checkpoint_id', [{ name: 'checkpoint', kind: 'LABEL' }, { name: 'n', kind: 'AGGREGATE' }], { epsilon: '0.9' }), { as: developer });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', details: { code: 'BUDGET_EXHAUSTED' } });
    expect(await count('sandbox_job')).toBe(jobs);
    expect(await metered()).toBe(before);
    const budget = await stack.gql(`query($e: ID!) { privacyBudget(entitlementId: $e) { limitEpsilon spentEpsilon remainingEpsilon } }`, { e: entitlementId }, { as: developer });
    expect(budget.data.privacyBudget).toEqual({ limitEpsilon: '1.000000', spentEpsilon: '0.300000', remainingEpsilon: '0.700000' });
  });
});

describe('hostile sandbox queries end to end', () => {
  const out = [{ name: 'g', kind: 'LABEL' }, { name: 'n', kind: 'AGGREGATE' }];
  const HAND: [string, string][] = [
    ['row level', 'select record_id as g, vehicle_count as n from zjc_jt_0001'],
    ['differencing by subject', "select checkpoint_id as g, count(record_id) as n from zjc_jt_0001 where record_id <> 'ZJC-TF-000001' group by checkpoint_id"],
    ['conditional aggregate', "select checkpoint_id as g, sum(case when record_id = 'ZJC-TF-000001' then vehicle_count else 0 end) as n from zjc_jt_0001 group by checkpoint_id"],
    ['filter clause', "select checkpoint_id as g, count(record_id) filter (where record_id = 'ZJC-TF-000001') as n from zjc_jt_0001 group by checkpoint_id"],
    ['other resource', 'select kind as g, count(id_no) as n from jl_mz_0001 group by kind'],
    ['raw table under the view', 'select checkpoint_id as g, count(record_id) as n from raw.r_zjc_jt_0001_v1 group by checkpoint_id'],
    ['catalog', 'select rolname as g, count(oid) as n from pg_authid group by rolname'],
    ['second statement', 'select checkpoint_id as g, count(record_id) as n from zjc_jt_0001 group by checkpoint_id; delete from sandbox_job'],
    ['writing CTE', 'with x as (delete from sandbox_job returning id) select checkpoint_id as g, count(record_id) as n from zjc_jt_0001 group by checkpoint_id'],
    ['sleep', 'select checkpoint_id as g, count(record_id) + pg_sleep(10)::int as n from zjc_jt_0001 group by checkpoint_id'],
    ['search_path trick', "select set_config('search_path', 'raw', false) as g, count(record_id) as n from zjc_jt_0001"],
    ['comment-hidden table', 'select checkpoint_id as g, count(record_id) as n from /* zjc_jt_0001 */ pg_catalog.pg_class group by checkpoint_id'],
  ];

  it('hand list: each is refused with a code, and nothing is stored or metered', async () => {
    const jobs = await count('sandbox_job');
    const before = await metered();
    for (const [name, q] of HAND) {
      const res = await stack.gql(SUBMIT, job(q, out), { as: developer });
      expect(res.errors?.[0]?.extensions?.code, name).toBe('POLICY_VIOLATION');
    }
    expect(await count('sandbox_job')).toBe(jobs);
    expect(await metered()).toBe(before);
  });

  it('a group per subject releases nothing: every group is below k and withheld', async () => {
    const res = await stack.gql(SUBMIT, job('select hour_start as g, checkpoint_id as c, count(record_id) as n from zjc_jt_0001 group by hour_start, checkpoint_id', [...out, { name: 'c', kind: 'LABEL' }], { epsilon: '0.05' }), { as: developer });
    expect(res.errors).toBeUndefined();
    expect(res.data.submitSandboxJob).toMatchObject({ suppressedGroups: 1008, groupSizes: [] });
    expect(res.data.submitSandboxJob.flags).toContain('SUPPRESSED_GROUPS:1008');
    const seen = await stack.gql(JOB, { id: res.data.submitSandboxJob.id }, { as: operatorOf('ZJC') });
    expect(seen.data.sandboxJob.rows).toEqual([]);
  });

  it('generated: filters and groupings over the product’s fields never release a group below k or a raw row', async () => {
    const field = fc.constantFrom('checkpoint_id', 'hour_start', 'record_id', 'vehicle_count', 'avg_speed_kmh', 'updated_at');
    const predicate = fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 900 }).map((n) => `where vehicle_count > ${n}`),
      fc.constantFrom('ZJC-KK-01', 'ZJC-KK-02', 'x').map((c) => `where checkpoint_id <> '${c}'`),
      fc.constantFrom('ZJC-TF-000001', 'ZJC-TF-000500').map((r) => `where record_id = '${r}'`),
    );
    const aggregate = fc.constantFrom('count(record_id)', 'sum(vehicle_count)', 'count(*)', 'max(vehicle_count)', 'vehicle_count', 'record_id');
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(field, predicate, aggregate, async (g, where, agg) => {
        const q = `select ${g} as g, ${agg} as n from zjc_jt_0001 ${where} group by ${g}`;
        const res = await stack.gql(SUBMIT, job(q, out, { epsilon: '0.000001' }), { as: developer });
        if (res.errors) {
          refused++;
          expect(['POLICY_VIOLATION', 'BAD_USER_INPUT']).toContain(res.errors[0]!.extensions!.code);
          return;
        }
        accepted++;
        const j = res.data.submitSandboxJob;
        expect(j.groupSizes.every((n: number) => n >= K)).toBe(true);
        const rows = (await stack.gql(JOB, { id: j.id }, { as: operatorOf('ZJC') })).data.sandboxJob.rows as Record<string, unknown>[];
        expect(rows).toHaveLength(j.groupSizes.length);
        // No released label is a subject (record ids never leave as a group).
        expect(rows.some((r) => typeof r.g === 'string' && r.g.startsWith('ZJC-TF-'))).toBe(false);
      }),
      { numRuns: 60, seed: 20261202 },
    );
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 240_000);
});

describe('one quota per usage agreement, whatever the channel', () => {
  it('sandbox jobs and data-plane calls draw on the same units: over the limit, each channel refuses', async () => {
    // A second agreement of the same developer for the traffic product, with a quota of 2 units.
    const usageAgreementId = randomUUID();
    const entitlement = {
      entitlementId: randomUUID(), usageAgreementId, productId: traffic.id, developerId: usage.developerId, operatorId: traffic.operatorId, jurisdiction: 'ZJC',
      status: 'ACTIVE', pauseReason: null, startDate: '2026-01-01', endDate: '2027-12-31', quotaUnits: '2', effectiveAt: '2026-11-01T00:00:00Z',
    };
    await publishAs(stack, 'products', 'EntitlementChanged', entitlement, 'ZJC');
    const key = (await stack.gql(`mutation($i: CreateApiCredentialInput!) { createApiCredential(input: $i) { apiKey } }`, { i: { usageAgreementId, label: '配额测试' } }, { as: developer })).data.createApiCredential.apiKey;
    const call = async () => {
      const res = await fetch(stack.gateway!.url.replace(/\/graphql$/, `/v1/products/${traffic.code}/invoke`), { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: '{}' });
      return { status: res.status, body: (await res.json()) as any };
    };
    const sandbox = () => stack.gql(SUBMIT, { input: { ...job('select checkpoint_id as checkpoint, count(record_id) as n from zjc_jt_0001 group by checkpoint_id', [{ name: 'checkpoint', kind: 'LABEL' }, { name: 'n', kind: 'AGGREGATE' }]).input, entitlementId: entitlement.entitlementId } }, { as: developer });

    expect((await sandbox()).errors).toBeUndefined(); // unit 1, by a job
    expect((await call()).status).toBe(200); // unit 2, by a call
    const quota = await stack.gql(`query($u: ID!) { dataPlaneQuota(usageAgreementId: $u) { usedUnits remainingUnits } }`, { u: usageAgreementId }, { as: developer });
    expect(quota.data.dataPlaneQuota).toEqual({ usedUnits: '2', remainingUnits: '0' });

    const jobs = await count('sandbox_job');
    const before = await metered();
    const refusedJob = await sandbox();
    expect(refusedJob.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', details: { code: 'QUOTA_EXHAUSTED' } });
    const refusedCall = await call();
    expect([refusedCall.status, refusedCall.body.errors[0].extensions.reason]).toEqual([403, 'QUOTA_EXHAUSTED']);
    expect(await count('sandbox_job')).toBe(jobs);
    expect(await metered()).toBe(before);
  });
});
