import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOnce, sql } from '@pdo/platform';
import { DEMO_AGREEMENTS, DEMO_PRODUCTS, DEMO_SCENARIOS, DEMO_USAGE_AGREEMENTS, demoId, orgByKey } from '@pdo/demo';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { count, published, publishAs } from './helpers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([definition]);
  expect(await seedOnce(stack.runtimes.products!)).toBe(true);
}, 120_000);
afterAll(async () => stack?.stop());

describe('demo seed', () => {
  it('builds the demo products with their ids, reviewed, registered and listed (Taizhou suspended)', async () => {
    expect(await count(stack, 'data_product')).toBe(DEMO_PRODUCTS.length);
    expect(await count(stack, 'data_product', `listing_status = 'SUSPENDED' and jurisdiction = 'TZ'`)).toBe(1);
    expect(await count(stack, 'product_registration', `registration_code is not null`)).toBe(DEMO_PRODUCTS.length);
    const forms = await sql<{ form: string }>(stack.em('products'), `select distinct form from data_product`);
    expect(forms).toHaveLength(6);
    expect(await seedOnce(stack.runtimes.products!)).toBe(false);
  });

  it('records ten months of usage per demo agreement and publishes the events revenue and evaluation consume', async () => {
    expect(await count(stack, 'usage_agreement', `status = 'SIGNED'`)).toBe(DEMO_USAGE_AGREEMENTS.length);
    expect(await count(stack, 'usage_record')).toBe(DEMO_USAGE_AGREEMENTS.length * 10);
    expect(await published(stack, 'ProductListed')).toHaveLength(DEMO_PRODUCTS.length);
    expect(await published(stack, 'UsageAgreementSigned')).toHaveLength(DEMO_USAGE_AGREEMENTS.length);
    expect(await published(stack, 'UsageRecorded')).toHaveLength(DEMO_USAGE_AGREEMENTS.length * 10);
  });

  it('serves the marketplace: a Chinese search narrowed by a facet, with price, registration and usage', async () => {
    const res = await stack.subgraph('products', `{ productMarketplace(search: "信用", filter: { jurisdictions: ["QHD"] }) {
        totalCount edges { node { id code name listingPrice { price { fen yuan } } registration { registrationCode state } usageStats { totalUnits } } }
        facets { jurisdiction { value count } } } }`, {}, { now: '2026-11-02T02:00:00Z' });
    expect(JSON.stringify(res.errors)).toBeUndefined();
    const m = res.data.productMarketplace;
    expect(m.totalCount).toBe(1);
    expect(m.edges[0].node).toMatchObject({ code: 'QHD-CP-0002', name: '企信通企业信用评分', listingPrice: { price: { fen: "100", yuan: "1.00" } }, registration: { state: 'CODED' } });
    expect(BigInt(m.edges[0].node.usageStats.totalUnits)).toBeGreaterThan(0n);
    const all = await stack.subgraph('products', `{ productMarketplace(first: 100) { totalCount facets { category { value count } } } }`, {});
    expect(all.data.productMarketplace.totalCount).toBe(DEMO_PRODUCTS.length - 1);
    const dev = orgByKey('dev-credit');
    const mine = await stack.subgraph('products', `{ usageAgreements { totalCount edges { node { id product { code } entitlement { status usedUnits } } } } }`, {}, { as: who('DEVELOPER', dev.id, 'QHD'), now: '2026-11-02T02:00:00Z' });
    expect(mine.data.usageAgreements.edges[0].node).toMatchObject({ id: DEMO_USAGE_AGREEMENTS.find((u) => u.key === 'credit-qixintong')!.id, product: { code: 'QHD-CP-0002' }, entitlement: { status: 'ACTIVE' } });
  });

  it('holds Taizhou by its suspended authorization and paused grants (licensing\'s ids): it is listed again only when all are lifted', async () => {
    const tz = DEMO_AGREEMENTS.find((a) => a.status === 'SUSPENDED')!;
    const [p] = await sql<{ id: string }>(stack.em('products'), `select id from data_product where agreement_id = $1 and listing_status = 'SUSPENDED'`, [tz.id]);
    const kinds = await sql<{ kind: string }>(stack.em('products'), `select distinct kind from product_hold where product_id = $1 order by kind`, [p!.id]);
    expect(kinds.map((k) => k.kind)).toEqual(['ACCESS_REVOKED', 'AGREEMENT_SUSPENDED']);
    const at = '2026-09-01T00:00:00Z';
    await publishAs(stack, 'licensing', 'AgreementReinstated', { agreementId: tz.id, jurisdiction: tz.jurisdiction, operatorId: tz.operatorId, status: 'ACTIVE', endDate: tz.endDate, reason: '整改完成', effectiveAt: at }, tz.jurisdiction);
    expect(await count(stack, 'data_product', `id = $1 and listing_status = 'SUSPENDED'`, [p!.id])).toBe(1);
    for (const sc of DEMO_SCENARIOS.filter((x) => x.agreementId === tz.id)) {
      for (const rid of sc.resourceIds) {
        await publishAs(stack, 'licensing', 'AccessGranted', { grantId: demoId(`grant:${sc.key}:${rid}`), agreementId: tz.id, scenarioId: sc.id, operatorId: tz.operatorId, resourceId: rid, jurisdiction: tz.jurisdiction, expiresOn: tz.endDate, status: 'ACTIVE', effectiveAt: at }, tz.jurisdiction);
      }
    }
    expect(await count(stack, 'data_product', `id = $1 and listing_status = 'LISTED'`, [p!.id])).toBe(1);
    expect(await count(stack, 'entitlement', `product_id = $1 and status = 'PAUSED'`, [p!.id])).toBe(0);
  });
});
