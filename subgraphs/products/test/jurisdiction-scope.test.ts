/**
 * Jurisdiction scope of products' back office (packages/platform/src/access/scope.ts): the authority
 * and the implementing agency of one jurisdiction see nothing of another's usage agreements,
 * usage records, usage applications (with the developers' stated purposes) or unlisted drafts —
 * by id, in lists and through `_entities` — while those of the object's own jurisdiction do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce, sql } from '@pdo/platform';
import { DEMO_PRODUCTS, DEMO_USAGE_AGREEMENTS, orgByKey } from '@pdo/demo';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { CREATE } from './helpers.js';

const NOW = '2026-11-02T02:00:00Z';
let stack: TestStack;
let draftId: string;
const hnAgreement = DEMO_USAGE_AGREEMENTS.find((u) => u.key === 'logistics-carrier')!;
const hnProduct = DEMO_PRODUCTS.find((p) => p.key === 'hn-carrier-credit-api')!;
let hnRecordId: string;
let hnApplicationId: string;

const HN_AUTHORITY = who('AUTHORITY', orgByKey('hn-authority').id, 'HN');
const HN_AGENCY = who('AGENCY', orgByKey('hn-agency').id, 'HN');
const JL_AUTHORITY = who('AUTHORITY', orgByKey('jl-authority').id, 'JL');
const JL_AGENCY = who('AGENCY', orgByKey('jl-agency').id, 'JL');

const call = (q: string, v: Record<string, unknown>, as: ReturnType<typeof who>) => stack.subgraph('products', q, v, { as, now: NOW });

beforeAll(async () => {
  stack = await startTestStack([definition]);
  expect(await seedOnce(stack.runtimes.products!)).toBe(true);
  // An unlisted draft of HN's operator.
  const input = {
    scenarioId: hnProduct.scenarioId,
    name: '未挂牌草稿：运力画像',
    description: '尚未提交审核的草稿',
    form: 'API',
    chargingUnit: 'PER_CALL',
    deliveryMethod: 'API_CALL',
    resourceIds: hnProduct.resourceIds.slice(0, 1),
    outputSchema: [{ name: 'score', type: 'int', kind: 'SCORE', descriptionZh: '评分' }],
    sampleOutputs: [{ score: 1 }],
  };
  const c = await call(CREATE, { input }, who('OPERATOR', hnProduct.operatorId, 'HN'));
  expect(c.errors).toBeUndefined();
  draftId = c.data.createDataProduct.id;
  [{ id: hnRecordId }] = await sql<{ id: string }>(stack.em('products'), `select id::text from usage_record where usage_agreement_id = $1 order by occurred_at limit 1`, [hnAgreement.id]);
  [{ id: hnApplicationId }] = await sql<{ id: string }>(stack.em('products'), `select id::text from usage_application where usage_agreement_id = $1`, [hnAgreement.id]);
}, 120_000);
afterAll(async () => stack?.stop());

const BY_ID = `query($a: ID!, $p: ID!) { usageAgreement(id: $a) { id purpose } dataProduct(id: $p) { id name currentVersion { version } } }`;
const LISTS = `{
  usageAgreements(first: 1000) { totalCount edges { node { id } } }
  usageRecords(first: 1000) { totalCount edges { node { id } } }
  usageApplications(first: 1000) { totalCount edges { node { id purpose } } }
  dataProducts(first: 1000, listingStatus: UNLISTED) { totalCount edges { node { id jurisdiction } } }
}`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on UsageRecord { id units } ... on DataProduct { id name } } }`;

/** The jurisdictions of the rows a list returned (usage rows carry theirs in the table, not in the schema). */
async function jurisdictionsIn(data: any) {
  const of = async (table: string, list: any) => {
    const ids = list.edges.map((e: any) => e.node.id);
    const rows = await sql<{ j: string }>(stack.em('products'), `select distinct jurisdiction as j from ${table} where id = any($1::uuid[]) order by 1`, [ids]);
    return rows.map((r) => r.j);
  };
  return {
    agreements: await of('usage_agreement', data.usageAgreements),
    records: await of('usage_record', data.usageRecords),
    applications: await of('usage_application', data.usageApplications),
    drafts: await of('data_product', data.dataProducts),
  };
}

describe('products back office is scoped to the caller\'s jurisdiction', () => {
  it.each([
    ['authority', JL_AUTHORITY],
    ['agency', JL_AGENCY],
  ])('a JL %s gets none of HN\'s agreements, records, applications or unlisted drafts', async (_, jl) => {
    const one = await call(BY_ID, { a: hnAgreement.id, p: draftId }, jl);
    expect(one.data?.usageAgreement ?? null).toBeNull();
    expect(one.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(one.data?.dataProduct ?? null).toBeNull();

    const lists = await call(LISTS, {}, jl);
    expect(lists.errors).toBeUndefined();
    const seen = await jurisdictionsIn(lists.data);
    // JL's own rows only (JL has demo agreements, usage and applications; no unlisted draft).
    expect(seen).toEqual({ agreements: ['JL'], records: ['JL'], applications: ['JL'], drafts: [] });
    const texts = JSON.stringify(lists.data);
    expect(texts).not.toContain(hnAgreement.id);
    expect(texts).not.toContain(hnApplicationId);
    expect(texts).not.toContain(draftId);

    const refs = await call(ENTITIES, { r: [{ __typename: 'UsageRecord', id: hnRecordId }, { __typename: 'DataProduct', id: draftId }] }, jl);
    expect(refs.errors).toBeUndefined();
    expect(refs.data._entities).toEqual([null, null]);
  });

  it.each([
    ['authority', HN_AUTHORITY],
    ['agency', HN_AGENCY],
  ])('the HN %s sees them all', async (_, hn) => {
    const one = await call(BY_ID, { a: hnAgreement.id, p: draftId }, hn);
    expect(one.errors).toBeUndefined();
    expect(one.data.usageAgreement.id).toBe(hnAgreement.id);
    expect(one.data.dataProduct).toMatchObject({ id: draftId, currentVersion: { version: 1 } });

    const lists = await call(LISTS, {}, hn);
    expect(lists.errors).toBeUndefined();
    expect(await jurisdictionsIn(lists.data)).toEqual({ agreements: ['HN'], records: ['HN'], applications: ['HN'], drafts: ['HN'] });
    const texts = JSON.stringify(lists.data);
    expect(texts).toContain(hnAgreement.id);
    expect(texts).toContain(hnApplicationId);
    expect(texts).toContain(draftId);
    expect(lists.data.usageApplications.edges.find((e: any) => e.node.id === hnApplicationId).node.purpose).toBeTruthy();

    const refs = await call(ENTITIES, { r: [{ __typename: 'UsageRecord', id: hnRecordId }, { __typename: 'DataProduct', id: draftId }] }, hn);
    expect(refs.data._entities).toEqual([expect.objectContaining({ id: hnRecordId }), { id: draftId, name: '未挂牌草稿：运力画像' }]);
  });

  it('a developer resolves no other developer\'s usage record through _entities, and the public none at all', async () => {
    const other = who('DEVELOPER', orgByKey('dev-fintech').id, 'JL');
    const mine = who('DEVELOPER', orgByKey('dev-logistics').id, 'HN');
    const r = [{ __typename: 'UsageRecord', id: hnRecordId }];
    expect((await call(ENTITIES, { r }, other)).data._entities).toEqual([null]);
    expect((await stack.subgraph('products', ENTITIES, { r }, { now: NOW })).data._entities).toEqual([null]);
    expect((await call(ENTITIES, { r }, mine)).data._entities).toEqual([expect.objectContaining({ id: hnRecordId })]);
  });
});
