/**
 * Listing through the designated exchange or zone (profile setting `designatedExchange`): QHD §三(一)2 (a data trading
 * institution) and ZJC §三(五)4 (the Xinchang zone) refuse a listing without its reference there; HN Art 15 only
 * encourages it; JL sets nothing. On PostgreSQL, through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { buildWorld, CHECKLIST, CREATE, NOW, productInput, recipeAnalysed, type World } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
}, 120_000);
afterAll(async () => stack?.stop());

const LIST = `mutation($id: ID!, $ref: String, $venue: String) { listProduct(productId: $id, exchangeListingRef: $ref, exchangeVenue: $venue) { listingStatus exchangeVenue exchangeListingRef } }`;

/** An approved, unlisted product of the world's operator. */
async function approved(w: World): Promise<string> {
  const call = async (q: string, v: Record<string, unknown>, as: unknown) => {
    const r = await stack.subgraph('products', q, v, { as: as as never, now: NOW });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data;
  };
  const id = (await call(CREATE, { input: productInput(w) }, w.operator)).createDataProduct.id;
  await call(`mutation($id: ID!) { submitProductForReview(productId: $id) { id } }`, { id }, w.operator);
  await recipeAnalysed(stack, w, id, 1);
  await call(`mutation($i: ReviewProductInput!) { reviewProduct(input: $i) { decision } }`, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }, w.agency);
  return id;
}

describe('designated exchange (交易场所)', () => {
  it('ZJC and QHD: listing is refused without the reference at the designated venue, and changes nothing; with it, the venue is recorded', async () => {
    for (const [j, rule, venue] of [['ZJC', /ZJC §三\(五\)4/, /新昌专区/], ['QHD', /QHD §三\(一\)2/, /数据交易机构/]] as const) {
      const w = await buildWorld(stack, j);
      const id = await approved(w);
      const r = await stack.subgraph('products', LIST, { id }, { as: w.operator, now: NOW });
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: expect.stringMatching(rule), field: 'exchangeListingRef' });
      expect(r.errors?.[0]?.extensions?.messageZh).toMatch(venue);
      const [row] = await sql<{ listing_status: string; n: number }>(stack.em('products'), `select listing_status, (select count(*)::int from audit_log where entity_id = $2 and action = 'LISTED') as n from data_product where id = $1`, [id, id]);
      expect(row).toEqual({ listing_status: 'UNLISTED', n: 0 });
      const ok = await stack.subgraph('products', LIST, { id, ref: `${j}-2026-0001` }, { as: w.operator, now: NOW });
      expect(ok.errors).toBeUndefined();
      expect(ok.data.listProduct).toEqual({ listingStatus: 'LISTED', exchangeVenue: expect.stringMatching(venue), exchangeListingRef: `${j}-2026-0001` });
    }
  });

  it('HN encourages, JL sets nothing: listing without a venue passes; a reference without a venue where none is designated is refused', async () => {
    const hn = await buildWorld(stack, 'HN');
    const hnId = await approved(hn);
    expect((await stack.subgraph('products', LIST, { id: hnId }, { as: hn.operator, now: NOW })).data.listProduct).toEqual({ listingStatus: 'LISTED', exchangeVenue: null, exchangeListingRef: null });
    const jl = await buildWorld(stack, 'JL');
    const jlId = await approved(jl);
    expect((await stack.subgraph('products', LIST, { id: jlId, ref: 'X-1' }, { as: jl.operator, now: NOW })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'exchangeVenue' });
    expect((await stack.subgraph('products', LIST, { id: jlId, ref: 'X-1', venue: '北方数据交易中心' }, { as: jl.operator, now: NOW })).data.listProduct).toEqual({ listingStatus: 'LISTED', exchangeVenue: '北方数据交易中心', exchangeListingRef: 'X-1' });
  });
});
