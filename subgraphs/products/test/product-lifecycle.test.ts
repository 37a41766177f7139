import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeOffsetCursor, sql } from '@pdo/platform';
import { startTestStack, who, type TestStack } from '@pdo/testing';
import { definition } from '../src/index.js';
import { searchGrams } from '../src/domain/rules.js';
import { buildWorld, CHECKLIST, count, CREATE, NOW, productInput, published, publishAs, type World, recipeAnalysed } from './helpers.js';

let stack: TestStack;
let w: World;

beforeAll(async () => {
  stack = await startTestStack([definition]);
  w = await buildWorld(stack);
}, 120_000);
afterAll(async () => stack?.stop());

const code = (res: any) => res.errors?.[0]?.extensions?.code;
const call = (q: string, v: Record<string, unknown>, as: any, now = NOW) => stack.subgraph('products', q, v, { as, now });

describe('data products from approved scenarios', () => {
  it('refuses resources outside the scenario grants and changes nothing', async () => {
    const before = await count(stack, 'data_product');
    const res = await call(CREATE, { input: productInput(w, { resourceIds: [w.resources[0], w.resources[2]] }) }, w.operator);
    expect(code(res)).toBe('POLICY_VIOLATION');
    expect(res.errors![0]!.extensions!.details.outside).toEqual([w.resources[2]]);
    expect(await count(stack, 'data_product')).toBe(before);
  });

  it('refuses samples that carry raw identifiers, another operator, and a refused scenario', async () => {
    const raw = await call(CREATE, { input: productInput(w, { sampleOutputs: [{ score: '410102199001011234', risk: 'LOW' }] }) }, w.operator);
    expect(code(raw)).toBe('POLICY_VIOLATION');
    const other = await call(CREATE, { input: productInput(w) }, who('OPERATOR', randomUUID(), 'HN'));
    expect(code(other)).toBe('FORBIDDEN');
    const dev = await call(CREATE, { input: productInput(w) }, who('DEVELOPER', randomUUID(), 'HN'));
    expect(code(dev)).toBe('FORBIDDEN');
    expect(await count(stack, 'data_product')).toBe(0);
  });

  it('inherits the category from the scenario (industry → paid, public welfare → free)', async () => {
    const paid = await call(CREATE, { input: productInput(w) }, w.operator);
    expect(paid.errors).toBeUndefined();
    expect(paid.data.createDataProduct).toMatchObject({ category: 'PAID', listingStatus: 'UNLISTED', latestVersion: 1, sectors: ['transport'] });
    expect(paid.data.createDataProduct.code).toMatch(/^HN-CP-\d{4}$/);
    const free = await call(CREATE, { input: productInput(w, { scenarioId: w.freeScenarioId, name: '就业岗位公共信息服务', resourceIds: [w.resources[2]], form: 'SERVICE' }) }, w.operator);
    expect(free.data.createDataProduct.category).toBe('FREE');
  });

  it('hides an unlisted product from the public but shows it to its operator', async () => {
    const [p] = await sql<{ id: string }>(stack.em('products'), `select id from data_product order by created_at limit 1`);
    const q = `query($id: ID!) { dataProduct(id: $id) { id name } }`;
    expect((await call(q, { id: p!.id }, undefined)).data.dataProduct).toBeNull();
    expect((await call(q, { id: p!.id }, w.operator)).data.dataProduct.id).toBe(p!.id);
  });
});

describe('compliance review, registration and listing', () => {
  let id: string;
  const REVIEW = `mutation($i: ReviewProductInput!) { reviewProduct(input: $i) { id decision version checklist { item result evidence recipeAnalysis { outcome k sqlSha256 tables { resourceId } } } reasons legalBasis } }`;
  const LIST = `mutation($id: ID!) { listProduct(productId: $id) { listingStatus listedVersion } }`;

  beforeAll(async () => {
    const c = await call(CREATE, { input: productInput(w, { name: '区域货运景气指数报告', form: 'REPORT', chargingUnit: 'PER_ITEM', description: '按月发布的区域货运景气指数' }) }, w.operator);
    id = c.data.createDataProduct.id;
  });

  it('lists only a reviewed version; review needs a submitted version and a complete checklist', async () => {
    expect(code(await call(LIST, { id }, w.operator))).toBe('POLICY_VIOLATION');
    expect(code(await call(REVIEW, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }, w.agency))).toBe('CONFLICT');
    const sub = await call(`mutation($id: ID!) { submitProductForReview(productId: $id) { id } }`, { id }, w.operator);
    expect(sub.errors).toBeUndefined();
    const partial = await call(REVIEW, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST.slice(0, 4) } }, w.agency);
    expect(code(partial)).toBe('BAD_USER_INPUT');
    const failedItem = await call(REVIEW, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST.map((c, i) => (i === 2 ? { ...c, result: 'FAIL' } : c)) } }, w.agency);
    expect(code(failedItem)).toBe('POLICY_VIOLATION');
    const noBasis = await call(REVIEW, { i: { productId: id, version: 1, decision: 'REFUSED', checklist: CHECKLIST, reasons: ['样例不足'] } }, w.agency);
    expect(code(noBasis)).toBe('BAD_USER_INPUT');
    const otherJurisdiction = await call(REVIEW, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }, who('AGENCY', randomUUID(), 'JL'));
    expect(code(otherJurisdiction)).toBe('FORBIDDEN');
    expect(await count(stack, 'compliance_review')).toBe(0);
  });

  it('an executable form cannot pass RAW_DATA_STAYS_IN_DOMAIN without an accepted analysis of its current recipe', async () => {
    const none = await call(REVIEW, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }, w.agency);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', rule: 'HN Art 15', details: { code: 'RECIPE_ANALYSIS_REQUIRED', outcome: null } });
    await recipeAnalysed(stack, w, id, 1, 'REFUSED', '2026-03-02T00:30:00Z');
    const refused = await call(REVIEW, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }, w.agency);
    expect(refused.errors?.[0]?.extensions?.details).toMatchObject({ code: 'RECIPE_ANALYSIS_REQUIRED', outcome: 'REFUSED', violations: ['TABLE_NOT_ALLOWED'] });
    expect(await count(stack, 'compliance_review')).toBe(0);
  });

  it('approves with evidence per item, publishes ProductApproved, and refuses a second review of the same version', async () => {
    await recipeAnalysed(stack, w, id, 1);
    // An older analysis delivered late does not replace the current one.
    await recipeAnalysed(stack, w, id, 1, 'REFUSED', '2026-03-01T00:00:00Z');
    const ok = await call(REVIEW, { i: { productId: id, version: 1, decision: 'APPROVED', checklist: CHECKLIST } }, w.agency);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.reviewProduct.checklist).toHaveLength(5);
    const evidence = ok.data.reviewProduct.checklist.find((e: { item: string }) => e.item === 'RAW_DATA_STAYS_IN_DOMAIN');
    expect(evidence.recipeAnalysis).toMatchObject({ outcome: 'ACCEPTED', k: 5, sqlSha256: 'a'.repeat(64), tables: [{ resourceId: w.resources[0] }] });
    const again = await call(REVIEW, { i: { productId: id, version: 1, decision: 'REFUSED', checklist: CHECKLIST, reasons: ['x'], legalBasis: 'HN Art 15' } }, w.agency);
    expect(code(again)).toBe('CONFLICT');
    expect(await count(stack, 'compliance_review')).toBe(1);
    const events = await published(stack, 'ProductApproved');
    expect(events.find((e) => e.productId === id)).toMatchObject({ version: 1, category: 'PAID', form: 'REPORT', resources: [{ resourceId: w.resources[0], sourceAgencyId: w.sourceAgencyId }, { resourceId: w.resources[1], sourceAgencyId: w.sourceAgencyId }] });
  });

  it('registers the approved version through the shared RG state machine and timers', async () => {
    const APPLY = `mutation($id: ID!) { applyProductRegistration(productId: $id) { id state awaiting dueOn } }`;
    const ADV = `mutation($i: AdvanceProductRegistrationInput!) { advanceProductRegistration(input: $i) { state registrationCode codedOn validUntil noticeStartedOn awaiting dueOn } }`;
    const a = await call(APPLY, { id }, w.operator);
    expect(a.data.applyProductRegistration).toMatchObject({ state: 'APPLIED', awaiting: 'ACCEPTANCE' });
    expect(code(await call(APPLY, { id }, w.operator))).toBe('CONFLICT');
    const rid = a.data.applyProductRegistration.id;
    expect(code(await call(ADV, { i: { registrationId: rid, action: 'ACCEPT' } }, w.operator))).toBe('FORBIDDEN');
    for (const action of ['ACCEPT', 'START_FORMAL_REVIEW', 'PASS_FORMAL_REVIEW']) {
      const r = await call(ADV, { i: { registrationId: rid, action } }, w.agency);
      expect(r.errors).toBeUndefined();
    }
    const early = await call(ADV, { i: { registrationId: rid, action: 'CODE' } }, w.agency);
    expect(code(early)).toBe('POLICY_VIOLATION');
    expect(early.errors![0]!.extensions!.rule).toBe('RG Art 12');
    const coded = await call(ADV, { i: { registrationId: rid, action: 'CODE' } }, w.agency, '2026-04-01T02:00:00Z');
    expect(coded.errors).toBeUndefined();
    expect(coded.data.advanceProductRegistration).toMatchObject({ state: 'CODED', codedOn: '2026-04-01', validUntil: '2028-03-31', awaiting: 'EXPIRY' });
    expect(coded.data.advanceProductRegistration.registrationCode).toBe('HN-DJP-20260401-00001');
  });

  it('lists the approved version (delivered, immutable from then on) and publishes ProductListed', async () => {
    const l = await call(LIST, { id }, w.operator);
    expect(l.data.listProduct).toEqual({ listingStatus: 'LISTED', listedVersion: 1 });
    expect(code(await call(LIST, { id }, w.operator))).toBe('CONFLICT');
    const edit = await call(`mutation($i: UpdateProductDraftInput!) { updateProductDraft(input: $i) { id } }`, { i: { productId: id, name: '改名后的报告' } }, w.operator);
    expect(code(edit)).toBe('POLICY_VIOLATION');
    expect(edit.errors![0]!.extensions!.rule).toContain('NS Art 6');
    const nv = await call(`mutation($id: ID!) { createProductVersion(productId: $id, changeNote: "增加季度指数") { latestVersion listedVersion } }`, { id }, w.operator);
    expect(nv.data.createProductVersion).toEqual({ latestVersion: 2, listedVersion: 1 });
    expect((await published(stack, 'ProductListed')).some((e) => e.productId === id)).toBe(true);
    const page = await call(`query($id: ID!) { dataProduct(id: $id) { listingStatus versions { version delivered } review { decision } registration { registrationCode } operator { id } resources { id } sourceAgencies { id } } }`, { id }, undefined);
    expect(page.data.dataProduct).toMatchObject({ listingStatus: 'LISTED', versions: [{ version: 1, delivered: true }], review: { decision: 'APPROVED' }, operator: { id: w.operatorId }, sourceAgencies: [{ id: w.sourceAgencyId }] });
  });

  it('the first-application due date moves when HN shortens the period or loads a holiday notice', async () => {
    const Q = `query($id: ID!) { dataProduct(id: $id) { listedAt registrationDueOn } }`;
    const before = (await call(Q, { id }, w.operator)).data.dataProduct;
    // Listed Mon 2 Mar 2026; RG Art 9: 20 working days → Mon 30 Mar.
    expect(before.registrationDueOn).toBe('2026-03-30');
    const registration = { applyWithinWorkingDays: 10, legacyOperationsCutoff: '2025-03-01', legacyApplyWorkingDays: 30, acceptanceWorkingDays: 3, formalReviewWorkingDays: 20, publicNoticeWorkingDays: 10, cancellationWorkingDays: 10, validityYears: 3, renewalWindowDays: 60, renewalTermYears: 3 };
    const edit = (version: number, settings: Record<string, unknown>) => publishAs(stack, 'licensing', 'PolicyProfileChanged', { jurisdiction: 'HN', profileVersion: version, version, changedFields: Object.keys(settings), profile: { code: 'HN', nameZh: '河南省', nameEn: 'Henan', settings } }, 'HN');
    await edit(2, { registration: { value: registration, source: '豫数〔2026〕5号' } });
    // 10 working days → Mon 16 Mar.
    expect((await call(Q, { id }, w.operator)).data.dataProduct.registrationDueOn).toBe('2026-03-16');
    // A (made-up) notice taking 9–13 Mar off pushes it a week → Mon 23 Mar.
    const notice = { year: 2026, holidays: ['2026-01-01', '2026-01-02', '2026-01-03', '2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'], makeupWorkdays: [], source: '示例通知' };
    await edit(3, { registration: { value: registration, source: '豫数〔2026〕5号' }, calendarNotices: { value: [notice], source: '示例' } });
    expect((await call(Q, { id }, w.operator)).data.dataProduct.registrationDueOn).toBe('2026-03-23');
    // Edits withdrawn: the documented profile and the built-in calendar again.
    await edit(4, {});
    expect((await call(Q, { id }, w.operator)).data.dataProduct.registrationDueOn).toBe('2026-03-30');
  });
});

describe('public marketplace', () => {
  const MARKET = `query($s: String, $f: ProductMarketplaceFilter, $sort: ProductSort, $first: Int, $after: String) {
    productMarketplace(search: $s, filter: $f, sort: $sort, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id name form category jurisdiction operator { id } resources { id } listingPrice { price { fen yuan } cap { fen yuan } free } currentVersion { version } registration { registrationCode } usageStats { totalUnits } } }
      facets { jurisdiction { value count } form { value count } category { value count } operator { value count } sector { value count } sourceAgency { value count } }
    } }`;

  it('finds listed products by a Chinese term, anonymously, with facets adding up to the total', async () => {
    const res = await call(MARKET, { s: '货运景气' }, undefined);
    expect(res.errors).toBeUndefined();
    const m = res.data.productMarketplace;
    expect(m.totalCount).toBe(1);
    expect(m.edges[0].node.name).toBe('区域货运景气指数报告');
    for (const f of ['jurisdiction', 'form', 'category', 'operator'] as const) expect(m.facets[f].reduce((s: number, b: any) => s + b.count, 0)).toBe(m.totalCount);
    expect((await call(MARKET, { s: '不存在的词语' }, undefined)).data.productMarketplace.totalCount).toBe(0);
    // Unlisted products never show
    expect((await call(MARKET, { s: '承运人' }, undefined)).data.productMarketplace.totalCount).toBe(0);
  });

  it('lists 10 and 500 products with operator, resources, price and version in the same number of statements', async () => {
    const em = stack.em('products');
    // Bulk-list 499 more products straight in SQL (the API path is covered above).
    await sql(em, `insert into data_product (id, code, jurisdiction, operator_id, agreement_id, scenario_id, name, description, form, category, charging_unit, listing_status, listed_version, listed_at, resource_ids, sectors, source_agency_ids, search_text, search_grams)
      select gen_random_uuid(), 'HN-BULK-' || g, case when g % 3 = 0 then 'JL' else 'HN' end, $1, $2, $3, '批量产品' || g, '信用评分', case when g % 2 = 0 then 'API' else 'MODEL' end, 'PAID', 'PER_CALL', 'LISTED', 1, now() - (g || ' minutes')::interval, $4::uuid[], '{transport}', $5::uuid[], '批量产品 信用评分', $6::text[]
      from generate_series(1, 499) g`, [w.operatorId, w.agreementId, w.scenarioId, w.resources.slice(0, 2), [w.sourceAgencyId], searchGrams('批量产品 信用评分')]);
    await sql(em, `insert into product_version (product_id, version, status, resource_ids, delivery_method, output_schema, sample_outputs, delivered_at)
      select id, 1, 'APPROVED', resource_ids, 'API_CALL', '[]', '[]', now() from data_product where code like 'HN-BULK-%'`);
    await sql(em, `insert into price_projection (id, kind, product_id, charging_unit, amount_fen, effective_from) select gen_random_uuid(), 'PRICE', id, 'PER_CALL', 100 + (random() * 100)::int, '2026-01-01' from data_product where code like 'HN-BULK-%'`);
    const small = await call(MARKET, { first: 10 }, undefined);
    const large = await call(MARKET, { first: 500 }, undefined);
    expect(small.errors).toBeUndefined();
    expect(large.data.productMarketplace.edges).toHaveLength(500);
    expect(large.data.productMarketplace.totalCount).toBe(500);
    expect(small.extensions!.sqlStatements.products).toBe(large.extensions!.sqlStatements.products);
    const priced = large.data.productMarketplace.edges.filter((e: any) => e.node.listingPrice?.price);
    expect(priced.length).toBe(499);
  });

  it('filters, sorts by price and paginates with a cursor', async () => {
    const f = { jurisdictions: ['JL'], forms: ['API'] };
    const all = await call(MARKET, { f, first: 1000 }, undefined);
    const n = all.data.productMarketplace.totalCount;
    expect(n).toBe(all.data.productMarketplace.edges.filter((e: any) => e.node.jurisdiction === 'JL' && e.node.form === 'API').length);
    const p1 = await call(MARKET, { f, first: 30, sort: 'PRICE_ASC' }, undefined);
    const p2 = await call(MARKET, { f, first: 30, sort: 'PRICE_ASC', after: p1.data.productMarketplace.pageInfo.endCursor }, undefined);
    const prices = [...p1.data.productMarketplace.edges, ...p2.data.productMarketplace.edges].map((e: any) => BigInt(e.node.listingPrice.price.fen));
    expect(prices).toEqual([...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const ids = new Set([...p1.data.productMarketplace.edges, ...p2.data.productMarketplace.edges].map((e: any) => e.node.id));
    expect(ids.size).toBe(60);
    const cheap = await call(MARKET, { f: { maxPrice: '1.20' }, first: 1000 }, undefined);
    expect(cheap.data.productMarketplace.edges.every((e: any) => BigInt(e.node.listingPrice.price.fen) <= 120n)).toBe(true);
    const facets = (await call(MARKET, { s: '信用评分' }, undefined)).data.productMarketplace;
    expect(facets.facets.form.reduce((s: number, b: any) => s + b.count, 0)).toBe(facets.totalCount);
  });

  it('searches a Chinese phrase by its bigrams, a latin word also by part, and ranks name hits first', async () => {
    const em = stack.em('products');
    const text = 'GreenCredit 绿色信用评分 碳排放';
    await sql(em, `insert into data_product (id, code, jurisdiction, operator_id, agreement_id, scenario_id, name, form, category, charging_unit, listing_status, listed_version, listed_at, search_text, search_grams)
      values (gen_random_uuid(), 'HN-GREEN-1', 'HN', $1, $2, $3, '绿色信用评分', 'API', 'FREE', 'PER_CALL', 'LISTED', 1, now() - interval '10 days', $4, $5::text[])`,
      [w.operatorId, w.agreementId, w.scenarioId, text, searchGrams(text)]);
    // The phrase is in the new product's name: it ranks above the 499 that only have it in their text.
    const phrase = (await call(MARKET, { s: '信用评分', first: 1000 }, undefined)).data.productMarketplace;
    expect(phrase.edges[0].node.name).toBe('绿色信用评分');
    expect(phrase.totalCount).toBe(phrase.edges.length);
    // Punctuation between the words: every bigram is there, so the products still match.
    expect((await call(MARKET, { s: '信用，评分', first: 1 }, undefined)).data.productMarketplace.totalCount).toBe(phrase.totalCount);
    // Part of a latin word, any case: only the phrase test finds it.
    for (const s of ['credit', 'GREENCRED']) {
      const latin = (await call(MARKET, { s }, undefined)).data.productMarketplace;
      expect(latin.edges.map((e: any) => e.node.name)).toEqual(['绿色信用评分']);
      expect(latin.facets.category).toEqual([{ value: 'FREE', count: 1 }]);
    }
    // A page past the end still reports the total and the facets.
    const past = (await call(MARKET, { s: '信用评分', first: 10, after: encodeOffsetCursor(5000) }, undefined)).data.productMarketplace;
    expect(past.edges).toEqual([]);
    expect(past.totalCount).toBe(phrase.totalCount);
  });
});
