import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { searchGrams } from '../src/domain/rules.js';
import { checkProductsInvariants } from '../src/data/invariants.js';
import { searchMarketplace, type MarketFilter, type MarketSort } from '../src/data/marketplace.js';
import { recountMarketplace } from '../src/data/marketplace-recount.js';
import { trimMarketSearches } from '../src/data/market-search-trim.js';
import { buildWorld, listedProduct, NOW, signedEntitlement, type World } from './helpers.js';

/*
 * The marketplace answers from market_listing and the searches kept in market_search (migration 0014): every answer
 * must equal the straightforward recount from data_product, on a miss, on a hit, and after listings and usage change.
 */
let stack: TestStack;
let w: World;
let apiProduct: string;
const TODAY = '2026-03-02';

beforeAll(async () => {
  stack = await startTestStack([definition]);
  w = await buildWorld(stack);
  apiProduct = await listedProduct(stack, w);
  // 40 more listed straight in SQL: names and texts with the phrase, with its bigrams apart, or without; equal listing
  // times in pairs so the id decides ties; two jurisdictions, two forms, both categories.
  const texts = ['企业信用评分', '企业 信用 评分', '信用评分企业', '运输企业信用', 'GreenCredit 信用'];
  await sql(stack.em('products'), `insert into data_product (id, code, jurisdiction, operator_id, agreement_id, scenario_id, name, description, form, category, charging_unit,
        listing_status, listed_version, listed_at, resource_ids, sectors, source_agency_ids, search_text, search_grams)
      select gen_random_uuid(), 'HN-MKT-' || g, case when g % 3 = 0 then 'JL' else 'HN' end, $1, $2, $3,
             case when g % 4 = 0 then '企业信用产品' || g else '产品' || g end, '', case when g % 2 = 0 then 'API' else 'MODEL' end,
             case when g % 5 = 0 then 'FREE' else 'PAID' end, 'PER_CALL', 'LISTED', 1, timestamptz '2026-02-01' + (g / 2) * interval '1 hour',
             $4::uuid[], case when g % 2 = 0 then '{transport}' else '{transport,employment}' end::text[], $5::uuid[],
             ($6::text[])[1 + g % 5] || ' 产品' || g, '{}'
        from generate_series(1, 40) g`, [w.operatorId, w.agreementId, w.scenarioId, w.resources.slice(0, 2), [w.sourceAgencyId], texts]);
  const rows = await sql<{ id: string; t: string }>(stack.em('products'), `select id, search_text as t from data_product where code like 'HN-MKT-%'`);
  for (const r of rows) await sql(stack.em('products'), `update data_product set search_grams = $2::text[] where id = $1`, [r.id, searchGrams(r.t)]);
}, 120_000);
afterAll(async () => stack?.stop());

const CASES: [MarketFilter, string | null, MarketSort, number, number][] = [
  [{}, null, 'NEWEST', 20, 0],
  [{}, '企业信用', 'RELEVANCE', 5, 0],
  [{}, '企业信用', 'RELEVANCE', 5, 5],
  [{}, '企业信用', 'RELEVANCE', 50, 0],
  [{}, '企业信用', 'NEWEST', 7, 3],
  [{ jurisdictions: ['JL', 'HN'], forms: ['API'] }, '信用评分', 'RELEVANCE', 10, 0],
  [{ forms: ['API'], jurisdictions: ['HN', 'JL'] }, '信用评分', 'RELEVANCE', 10, 2],
  [{ sectors: ['employment'], categories: ['PAID'] }, '信用', 'MOST_USED', 10, 0],
  [{}, 'credit', 'RELEVANCE', 10, 0],
  [{}, '不存在的词语', 'RELEVANCE', 10, 0],
  [{ maxPriceFen: 10_000n }, '信用', 'RELEVANCE', 10, 0],
  [{ sourceUnitIds: [] }, '企业信用', 'PRICE_ASC', 10, 0],
];

async function expectEqualToRecount() {
  const em = stack.em('products');
  for (const [filter, search, sort, limit, offset] of CASES) {
    const want = await recountMarketplace(em, TODAY, filter, search, sort, limit, offset);
    // Twice: the first may compute and keep the search, the second reads what was kept.
    for (const _ of [1, 2]) {
      const got = await searchMarketplace(em, TODAY, filter, search, sort, limit, offset);
      expect({ case: [filter, search, sort, limit, offset], ids: got.rows.map((r) => r.id), total: got.total, facets: got.facets })
        .toEqual({ case: [filter, search, sort, limit, offset], ids: want.rows.map((r) => r.id), total: want.total, facets: want.facets });
    }
  }
  expect(await checkProductsInvariants(em)).toEqual([]);
}
const version = async () => (await sql<{ v: string }>(stack.em('products'), `select version::text as v from market_listing_version`))[0]!.v;

describe('the marketplace from market_listing and the kept searches (migration 0014)', () => {
  it('answers exactly as a recount from data_product: page, ties, total and facets, on a miss and on a hit', async () => {
    const kept = await sql(stack.em('products'), `select 1 from market_search`);
    expect(kept).toHaveLength(0);
    await expectEqualToRecount();
    // The searches without a price bound were kept: the two orders of the same filters share one, an empty filter is
    // none, and a search's relevance order is kept apart from its other sorts (7 of the 11 unpriced cases).
    expect(await sql(stack.em('products'), `select 1 from market_search`)).toHaveLength(7);
  });

  it('a kept search is answered from its row: a doctored row shows, and the invariant names it', async () => {
    const em = stack.em('products');
    await sql(em, `update market_search set total = total + 100 where key like '["企业信用",%'`);
    const got = await searchMarketplace(em, TODAY, {}, '企业信用', 'RELEVANCE', 5, 0);
    const want = await recountMarketplace(em, TODAY, {}, '企业信用', 'RELEVANCE', 5, 0);
    expect(got.total).toBe(want.total + 100);
    expect(await checkProductsInvariants(em)).toEqual(expect.arrayContaining([expect.stringContaining('market search ["企业信用"')]));
    await sql(em, `update market_search set total = total - 100 where key like '["企业信用",%'`);
    expect(await checkProductsInvariants(em)).toEqual([]);
  });

  it('follows a listing, a withdrawal and a re-indexed product, each raising the listing version', async () => {
    const em = stack.em('products');
    const v0 = await version();
    await listedProduct(stack, w, { name: '企业信用画像接口' });
    const v1 = await version();
    expect(BigInt(v1)).toBeGreaterThan(BigInt(v0));
    await expectEqualToRecount();
    const del = await stack.subgraph('products', `mutation($id: ID!) { delistProduct(productId: $id, reason: "测试摘牌") { id } }`, { id: apiProduct }, { as: w.operator, now: NOW });
    expect(del.errors).toBeUndefined();
    expect(BigInt(await version())).toBeGreaterThan(BigInt(v1));
    await expectEqualToRecount();
    const [one] = await sql<{ id: string }>(em, `select id from data_product where code = 'HN-MKT-8'`);
    await sql(em, `update data_product set name = '无关产品', search_text = '无关产品', search_grams = $2::text[] where id = $1`, [one!.id, searchGrams('无关产品')]);
    await expectEqualToRecount();
  });

  it('follows usage without invalidating the kept searches; the invariant names a drifted projection row', async () => {
    const em = stack.em('products');
    const [p] = await sql<{ id: string }>(em, `select id from data_product where listing_status = 'LISTED' and code not like 'HN-MKT-%' limit 1`);
    const ent = await signedEntitlement(stack, w, p!.id, randomUUID());
    const v = await version();
    const rec = await stack.subgraph('products', `mutation($i: RecordUsageInput!) { recordUsage(input: $i) { id } }`,
      { i: { entitlementId: ent, units: '7', occurredAt: '2026-03-02T01:00:00Z', idempotencyKey: 'mkt-1' } }, { as: w.operator, now: NOW });
    expect(rec.errors).toBeUndefined();
    expect(await version()).toBe(v);
    const [used] = await sql<{ u: string }>(em, `select usage_units::text as u from market_listing where id = $1`, [p!.id]);
    expect(used!.u).toBe('7');
    await expectEqualToRecount();
    await sql(em, `update market_listing set usage_units = usage_units + 1 where id = $1`, [p!.id]);
    expect(await checkProductsInvariants(em)).toEqual([`product ${p!.id}: market_listing row stale (differs from the listed product)`]);
    await sql(em, `update market_listing set usage_units = usage_units - 1 where id = $1`, [p!.id]);
    expect(await checkProductsInvariants(em)).toEqual([]);
  });

  it('stays bounded: the trim drops the searches of earlier listing versions, then the least recently computed beyond the cap', async () => {
    const em = stack.em('products');
    await expectEqualToRecount();
    const current = await sql<{ key: string }>(em, `select key from market_search s join market_listing_version v on s.listing_version = v.version`);
    expect(current.length).toBeGreaterThan(2);
    // Three searches of an earlier version (never read again) and a flood of distinct terms at the current one.
    await sql(em, `insert into market_search (key, listing_version, total, facets, ranked, kept_at)
      select '["old-' || g || '"]', v.version - 1, 0, '[]', null, now() from generate_series(1, 3) g, market_listing_version v`);
    await sql(em, `insert into market_search (key, listing_version, total, facets, ranked, kept_at)
      select '["flood-' || g || '"]', v.version, 0, '[]', null, timestamptz '2026-01-01' + g * interval '1 second' from generate_series(1, 30) g, market_listing_version v`);
    const cap = current.length + 10;
    expect(await trimMarketSearches(em, cap)).toEqual({ stale: 3, overCap: 20 });
    const left = await sql<{ key: string }>(em, `select key from market_search order by key`);
    // The searches just computed stay (kept now); of the flood, the ten computed last.
    expect(left.map((r) => r.key)).toEqual([...current.map((r) => r.key), ...Array.from({ length: 10 }, (_, i) => `["flood-${21 + i}"]`)].sort());
    expect(await trimMarketSearches(em, cap)).toEqual({ stale: 0, overCap: 0 });
    await sql(em, `delete from market_search where key like '["flood-%'`);
    // What is left answers as before.
    await expectEqualToRecount();
  });
});
