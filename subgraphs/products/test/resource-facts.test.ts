import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { searchGrams } from '../src/domain/rules.js';
import { buildWorld, NOW, publishAs, type World } from './helpers.js';

/**
 * `DataResource.nameZh`, `sector` and `sourceAgency` are shared with the catalog: products answers them from its
 * resource_projection for the resources of its products, in one statement per page, and hides a resource from the
 * callers the catalog hides it from (withdrawn, prohibited: catalog access.ts).
 */
let stack: TestStack;
let w: World;
const agency = randomUUID();
/** Twenty resources, one per product, each with its own name; sectors alternate. */
const resources = Array.from({ length: 20 }, (_, i) => ({ id: randomUUID(), name: `测试资源${i}`, sector: i % 2 ? 'health' : 'credit' }));

beforeAll(async () => {
  stack = await startTestStack([definition]);
  w = await buildWorld(stack);
  const em = stack.em('products');
  await sql(em, `insert into organization_projection (id, jurisdiction, name_zh, occurred_at) values ($1, 'HN', '某数源单位', now())`, [agency]);
  for (const [i, r] of resources.entries()) {
    await sql(em, `insert into resource_projection (id, jurisdiction, code, name_zh, sector, source_agency_id, openness, authorizable, status, version)
      values ($1, 'HN', $2, $3, $4, $5, 'CONDITIONAL', true, 'ACTIVE', 1)`, [r.id, `HN-SJ-F${i}`, r.name, r.sector, agency]);
  }
  await sql(em, `insert into data_product (id, code, jurisdiction, operator_id, agreement_id, scenario_id, name, description, form, category, charging_unit, listing_status, listed_version, listed_at, resource_ids, sectors, source_agency_ids, search_text, search_grams)
    select gen_random_uuid(), 'HN-FACT-' || g, 'HN', $1, $2, $3, '资源事实产品' || g, '资源事实', 'API', 'PAID', 'PER_CALL', 'LISTED', 1, now() - (g || ' minutes')::interval,
           array[($4::uuid[])[g]], '{credit}', array[$5::uuid], '资源事实产品', $6::text[]
      from generate_series(1, 20) g`, [w.operatorId, w.agreementId, w.scenarioId, resources.map((r) => r.id), agency, searchGrams('资源事实产品')]);
}, 120_000);
afterAll(async () => stack?.stop());

const LISTING = (fields: string) => `query($s: String, $first: Int) { productMarketplace(search: $s, first: $first) { edges { node { code resources { ${fields} } } } } }`;
const FULL = LISTING('id nameZh sector sourceAgency { id name }');
const call = (q: string, v: Record<string, unknown>, as?: ReturnType<typeof who>) => stack.subgraph('products', q, v, { as, now: NOW });
const nodes = (res: any) => res.data.productMarketplace.edges.map((e: any) => e.node);
const resourceOf = (res: any, id: string) => nodes(res).flatMap((n: any) => n.resources).find((r: any) => r.id === id);

describe('a product\'s resources: name, sector and source unit from products\' projection', () => {
  it('answers them for 20 products in one statement (resources with their source units\' names), as for one product', async () => {
    const bare = await call(`query($s: String, $first: Int) { productMarketplace(search: $s, first: $first) { edges { node { code } } } }`, { s: '资源事实', first: 20 });
    const full = await call(FULL, { s: '资源事实', first: 20 });
    const one = await call(FULL, { s: '资源事实', first: 1 });
    expect(full.errors).toBeUndefined();
    expect(nodes(full)).toHaveLength(20);
    for (const r of resources) {
      expect(resourceOf(full, r.id)).toEqual({ id: r.id, nameZh: r.name, sector: r.sector.toUpperCase(), sourceAgency: { id: agency, name: '某数源单位' } });
    }
    const statements = (res: any) => res.extensions.sqlStatements.products;
    // The resources with their source units' names, whatever the page size.
    expect(statements(full)).toBe(statements(bare) + 1);
    expect(statements(full)).toBe(statements(one));
  });

  it('answers the operator\'s name with the product\'s own row: no statement of its own, on a page or by id', async () => {
    const em = stack.em('products');
    await sql(em, `insert into organization_projection (id, jurisdiction, name_zh, occurred_at) values ($1, 'HN', '某运营机构', now())
      on conflict (id) do update set name_zh = excluded.name_zh`, [w.operatorId]);
    const bare = await call(`query($s: String, $first: Int) { productMarketplace(search: $s, first: $first) { edges { node { code } } } }`, { s: '资源事实', first: 20 });
    const named = await call(`query($s: String, $first: Int) { productMarketplace(search: $s, first: $first) { edges { node { code operator { id name } } } } }`, { s: '资源事实', first: 20 });
    expect(named.errors).toBeUndefined();
    expect(new Set(nodes(named).map((n: any) => n.operator.name))).toEqual(new Set(['某运营机构']));
    const statements = (res: any) => res.extensions.sqlStatements.products;
    expect(statements(named)).toBe(statements(bare));
    const id = (await sql<{ id: string }>(em, `select id from data_product where code = 'HN-FACT-1'`))[0]!.id;
    const byIdBare = await call(`query($id: ID!) { dataProduct(id: $id) { code } }`, { id });
    const byId = await call(`query($id: ID!) { dataProduct(id: $id) { code operator { id name } } }`, { id });
    expect(byId.data.dataProduct.operator).toEqual({ id: w.operatorId, name: '某运营机构' });
    expect(statements(byId)).toBe(statements(byIdBare));
  });

  it('shows a rename once the catalog\'s ResourceChanged is consumed, and ignores an older snapshot', async () => {
    const r = resources[0]!;
    const snapshot = (version: number, nameZh: string) => ({
      resourceId: r.id, jurisdiction: 'HN', code: 'HN-SJ-F0', nameZh, sector: 'transport', sourceAgencyId: agency, openness: 'CONDITIONAL', grade: 'L2', recordCount: 1,
      quality: { completeness: '99', consistency: '98', accuracy: '97', timeliness: '96' }, authorizable: true, authorizableReasons: [], status: 'ACTIVE', version, updatedAt: '2026-02-01T00:00:00Z',
    });
    await publishAs(stack, 'catalog', 'ResourceChanged', snapshot(3, '测试资源（更名）'), 'HN');
    await publishAs(stack, 'catalog', 'ResourceChanged', snapshot(2, '旧名'), 'HN');
    const res = await call(FULL, { s: '资源事实', first: 20 });
    expect(resourceOf(res, r.id)).toMatchObject({ nameZh: '测试资源（更名）', sector: 'TRANSPORT' });
  });

  it('hides a prohibited or withdrawn resource from the public, as the catalog does, but not from its source unit or the agency', async () => {
    const [prohibited, withdrawn] = [resources[1]!, resources[2]!];
    await sql(stack.em('products'), `update resource_projection set openness = 'PROHIBITED', authorizable = false where id = $1`, [prohibited.id]);
    await publishAs(stack, 'catalog', 'ResourceWithdrawn', { resourceId: withdrawn.id, jurisdiction: 'HN', sourceAgencyId: agency, version: 2, withdrawnAt: '2026-02-01T00:00:00Z' }, 'HN');
    const anonymous = await call(FULL, { s: '资源事实', first: 20 });
    expect(anonymous.errors).toBeUndefined();
    expect(resourceOf(anonymous, prohibited.id)).toBeUndefined();
    expect(resourceOf(anonymous, withdrawn.id)).toBeUndefined();
    expect(resourceOf(anonymous, resources[3]!.id)).toBeDefined();
    for (const insider of [who('SOURCE_UNIT', agency, 'HN'), who('AGENCY', randomUUID(), 'HN')]) {
      const res = await call(FULL, { s: '资源事实', first: 20 }, insider);
      expect(resourceOf(res, prohibited.id)?.nameZh).toBe(prohibited.name);
      expect(resourceOf(res, withdrawn.id)?.nameZh).toBe(withdrawn.name);
    }
    // Another jurisdiction's agency is not the catalog's insider.
    expect(resourceOf(await call(FULL, { s: '资源事实', first: 20 }, who('AGENCY', randomUUID(), 'JL')), prohibited.id)).toBeUndefined();
  });

  it('until a snapshot carries its openness (migration 0018), counts an authorizable resource as public and an unauthorizable one as hidden', async () => {
    const [open, closed] = [resources[4]!, resources[5]!];
    await sql(stack.em('products'), `update resource_projection set openness = null, authorizable = (id = $1) where id = any($2::uuid[])`, [open.id, [open.id, closed.id]]);
    const res = await call(FULL, { s: '资源事实', first: 20 });
    expect(resourceOf(res, open.id)?.nameZh).toBe(open.name);
    expect(resourceOf(res, closed.id)).toBeUndefined();
  });

  it('resolves a reference as the catalog does: null for a hidden resource or one it does not know, the facts for a public one', async () => {
    const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataResource { id nameZh products(first: 1) { totalCount } } } }`;
    const unknown = randomUUID();
    const res = await call(Q, { r: [resources[1]!.id, resources[3]!.id, unknown].map((id) => ({ __typename: 'DataResource', id })) });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([null, { id: resources[3]!.id, nameZh: resources[3]!.name, products: { totalCount: 1 } }, null]);
  });

  it('still answers the products of a resource it does not know yet when only those are asked (the catalog returned it)', async () => {
    const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on DataResource { id products(first: 1) { totalCount } } } }`;
    const unknown = randomUUID();
    const res = await call(Q, { r: [{ __typename: 'DataResource', id: unknown }] });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([{ id: unknown, products: { totalCount: 0 } }]);
  });
});
