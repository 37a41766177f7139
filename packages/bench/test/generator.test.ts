/**
 * Keeps the benchmark's data generator from rotting as the subgraphs' schemas move on: a tiny
 * dataset, generated straight into the tables, must come back through the real gateway's listing
 * journey (search, facets, products with operator, resources, source agencies, price, usage) and
 * the same through the subgraphs directly. No timings here: `pnpm bench` measures, tests assert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIdentityHeaders, platformConfig, ANONYMOUS } from '@pdo/platform';
import { startTestStack, type TestStack } from '@pdo/testing';
import { SUBGRAPHS } from '@pdo/events';
import { PRESETS } from '../src/scale.js';
import { benchId, generate, KIND, SEARCH_TERM } from '../src/generate.js';
import { DEFINITIONS } from '../src/stack.js';
import { LISTING_QUERY, PRODUCT_QUERY } from '../src/queries.js';
import { directListing, directProduct, subgraphOf } from '../src/direct.js';
import { canonical } from '../src/http.js';

const scale = PRESETS.tiny!;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(SUBGRAPHS.map((n) => DEFINITIONS[n]), { gateway: true });
  await generate(stack.db.url, scale);
});
afterAll(async () => {
  await stack?.stop();
});

describe('bench data generator', () => {
  it('lists every generated product in the marketplace, newest first, with facets adding up', async () => {
    const res = await stack.gql(LISTING_QUERY, { first: 100 });
    expect(res.errors).toBeUndefined();
    const page = res.data.productMarketplace;
    expect(page.totalCount).toBe(scale.products);
    expect(page.edges[0].node.id).toBe(benchId(KIND.product, scale.products));
    expect(page.facets.category.reduce((a: number, b: { count: number }) => a + b.count, 0)).toBe(scale.products);
  });

  it('resolves operator, resources, source agencies, price and usage across the subgraphs', async () => {
    const res = await stack.gql(LISTING_QUERY, { search: SEARCH_TERM, first: 20 });
    expect(res.errors).toBeUndefined();
    const nodes = res.data.productMarketplace.edges.map((e: { node: any }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const n of nodes) {
      expect(n.name).toContain(SEARCH_TERM);
      expect(n.operator.name).toMatch(/运营公司$/);
      expect(n.resources.length).toBeGreaterThanOrEqual(1);
      for (const r of n.resources) expect(r.sourceAgency.name).toMatch(/数据局$/);
      expect(n.listingPrice.free).toBe(n.category === 'FREE');
    }
    // evaluation's feed of the same products
    expect(res.data.announcements.totalCount).toBe(scale.products);
    expect(res.data.announcements.edges[0].node.subjectId).toBe(benchId(KIND.product, scale.products));
    const used = nodes.filter((n: any) => n.usageStats.usageRecords > 0);
    expect(used.length).toBeGreaterThan(0);
    expect(Number(used[0].usageStats.totalUnits)).toBeGreaterThan(0);
  });

  it('answers the same through the gateway and through the subgraphs directly', async () => {
    const t = { urls: stack.urls as Record<string, string>, headers: (url: string, body: string) => signIdentityHeaders(ANONYMOUS, platformConfig().gatewaySecret, { audience: subgraphOf(stack.urls as Record<string, string>, url), method: 'POST', path: new URL(url).pathname, body }) };
    const viaGateway = await stack.gql(LISTING_QUERY, { search: SEARCH_TERM, first: 20 });
    const direct = await directListing(t, { search: SEARCH_TERM, first: 20 });
    expect(canonical(direct.data)).toBe(canonical(viaGateway.data));
    const id = benchId(KIND.product, 2);
    const page = await stack.gql(PRODUCT_QUERY, { id });
    expect(page.data.dataProduct.id).toBe(id);
    expect(page.data.prices.edges[0].node.price).toBeTruthy(); // revenue's price of the product
    expect(page.data.disclosures.edges[0].node.kind).toBe('PRODUCT_LISTED');
    expect(canonical((await directProduct(t, { id })).data)).toBe(canonical(page.data));
  });

  it('charges every usage record once, for the product and developer of its usage agreement', async () => {
    // Reads revenue and products together: only the owner may (each service role sees its own schema).
    const em = await stack.ownerEm('revenue');
    const [row] = await em.getConnection().execute(
      `select count(*)::int as n, count(distinct c.usage_id)::int as usages,
              count(*) filter (where c.product_id <> u.product_id or c.developer_id <> u.developer_id)::int as mismatched
         from revenue.charge c join products.usage_record u on u.id = c.usage_id`,
    );
    expect(row).toEqual({ n: scale.usageRecords, usages: scale.usageRecords, mismatched: 0 });
  });
});
