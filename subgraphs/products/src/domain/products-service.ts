import { randomUUID } from 'node:crypto';
import { badInput, conflict, forbidden, inTransaction, notFound, policyViolation, requireJurisdiction, requireRole, sql, sqlOne, type RequestContext } from '@pdo/platform';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProductsEvents } from '@pdo/events';
import { productFacts } from '../data/product-facts.js';
import { REVIEW_COLS, VERSION_COLS, type ProductRow, type ReviewRow, type VersionRow } from '../data/rows.js';
import { holdsOf } from '../data/holds.js';
import { publishVersionChanged } from '../data/delivery-events.js';
import { recipeEvidence } from '../data/recipe-evidence.js';
import { agreementView, lockProduct, nextProductCode, orgOf, requireActiveAgreement, todayOf } from './context.js';
import { categoryOf, checkOutputs, checkRecipeEvidence, checkReview, searchGrams, type ChargingUnit, type ChecklistEntry, type OutputField, type ProductForm } from './rules.js';

export interface ProductContentInput {
  resourceIds: string[];
  deliveryMethod: string;
  outputSchema: OutputField[];
  sampleOutputs: Record<string, unknown>[];
}
export interface CreateProductInput extends ProductContentInput {
  scenarioId: string;
  name: string;
  description: string;
  form: ProductForm;
  chargingUnit: ChargingUnit;
}

const HAS_CJK = /[\u3400-\u9fff]/;

function checkNaming(name: string, description: string) {
  if (!name.trim() || name.length > 100 || !HAS_CJK.test(name)) throw badInput('产品名称须为 1–100 字的中文名称', 'The product name must be a Chinese name of 1–100 characters', { field: 'input.name' });
  if (description.length > 2000) throw badInput('产品说明最多 2000 字', 'The description is at most 2000 characters', { field: 'input.description' });
}

/**
 * Resources must lie within the scenario's access grants that are active today (minimum
 * necessary, TZ Art 8; one scenario one list one review, HN Art 15 / ZJC), and still be in the
 * catalog and authorizable when the catalog has told us about them.
 */
async function checkResources(tx: EntityManager, scenarioId: string, resourceIds: string[], today: string): Promise<void> {
  if (resourceIds.length === 0) throw badInput('至少使用一项数据资源', 'A product uses at least one resource', { field: 'input.resourceIds' });
  if (new Set(resourceIds).size !== resourceIds.length) throw badInput('数据资源重复', 'Duplicate resources', { field: 'input.resourceIds' });
  const granted = await sql<{ resource_id: string; withdrawn: boolean; unauthorizable: boolean }>(
    tx,
    `select g.resource_id, coalesce(r.status = 'WITHDRAWN', false) as withdrawn, coalesce(not r.authorizable, false) as unauthorizable
       from access_grant_view g left join resource_view r on r.id = g.resource_id
      where g.scenario_id = $1 and g.status = 'ACTIVE' and (g.expires_on is null or g.expires_on >= $2::date) and g.resource_id = any($3::uuid[])`,
    [scenarioId, today, resourceIds],
  );
  const ok = new Set(granted.map((g) => g.resource_id));
  const outside = resourceIds.filter((r) => !ok.has(r));
  if (outside.length) {
    throw policyViolation('TZ Art 8; HN Art 15', '所用数据资源超出该场景的数据访问授权范围', 'Resources outside the scenario\'s access grants', { field: 'input.resourceIds', details: { outside } });
  }
  const bad = granted.filter((g) => g.withdrawn || g.unauthorizable).map((g) => g.resource_id);
  if (bad.length) throw policyViolation('NS Art 9', '数据资源已撤回或不可授权', 'Resources are withdrawn or no longer authorizable', { field: 'input.resourceIds', details: { resources: bad } });
}

/** Refreshes the denormalised search text and facets of a product from its listed (or latest) version. */
export async function indexProduct(tx: EntityManager, productId: string): Promise<void> {
  const row = await sqlOne<{ name: string; description: string; scenario: string | null; resource_ids: string[]; names: string[] }>(
    tx,
    `select p.name, p.description, s.name_zh as scenario, v.resource_ids,
            coalesce((select array_agg(r.name_zh) from resource_view r where r.id = any(v.resource_ids) and r.name_zh is not null), '{}') as names
       from data_product p
       join product_version v on v.product_id = p.id and v.version = coalesce(p.listed_version, p.latest_version)
       left join scenario_view s on s.id = p.scenario_id
      where p.id = $1`,
    [productId],
  );
  if (!row) return;
  const text = [row.name, row.description, row.scenario ?? '', ...row.names].join(' ');
  await sql(
    tx,
    `update data_product p set resource_ids = $2::uuid[], search_text = $3, search_grams = $4::text[],
        sectors = coalesce((select array_agg(distinct r.sector order by r.sector) from resource_view r where r.id = any($2::uuid[]) and r.sector is not null), '{}'),
        source_agency_ids = coalesce((select array_agg(distinct r.source_agency_id) from resource_view r where r.id = any($2::uuid[]) and r.source_agency_id is not null), '{}'),
        updated_at = now()
      where p.id = $1`,
    [productId, row.resource_ids, text, searchGrams(text)],
  );
}

async function loadVersion(tx: EntityManager, productId: string, version: number, lock = false): Promise<VersionRow> {
  const v = await sqlOne<VersionRow>(tx, `select ${VERSION_COLS} from product_version v where v.product_id = $1 and v.version = $2${lock ? ' for update' : ''}`, [productId, version]);
  if (!v) throw notFound('产品版本', 'Product version', `${productId}@${version}`);
  return v;
}

function requireOwner(ctx: RequestContext<any>, p: ProductRow) {
  requireRole(ctx.identity, 'OPERATOR');
  if (orgOf(ctx.identity) !== p.operatorId) throw forbidden('只能操作本单位的产品', 'You may only act on your own organization\'s products');
}

export async function createDataProduct(ctx: RequestContext<any>, input: CreateProductInput): Promise<string> {
  requireRole(ctx.identity, 'OPERATOR');
  const org = orgOf(ctx.identity);
  checkNaming(input.name, input.description);
  const outErr = checkOutputs(input.outputSchema, input.sampleOutputs);
  if (outErr) throw outErr;
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const sc = await sqlOne<{ id: string; agreement_id: string; operator_id: string; jurisdiction: string; category: string | null; status: string }>(
      tx,
      `select id, agreement_id, operator_id, jurisdiction, category, status from scenario_view where id = $1`,
      [input.scenarioId],
    );
    if (!sc) throw notFound('应用场景', 'Scenario', input.scenarioId);
    if (sc.operator_id !== org) throw forbidden('只能基于本单位的应用场景开发产品', 'You may only build products from your own scenarios');
    if (sc.status !== 'APPROVED') throw policyViolation('HN Art 15; ZJC 一场景一清单一审核', '应用场景未审核通过', 'The scenario is not approved', { field: 'input.scenarioId' });
    requireActiveAgreement(await agreementView(tx, sc.agreement_id), today, sc.agreement_id);
    await checkResources(tx, sc.id, input.resourceIds, today);
    const id = randomUUID();
    const code = await nextProductCode(tx, sc.jurisdiction);
    const category = categoryOf(sc.category);
    await sql(
      tx,
      `insert into data_product (id, code, jurisdiction, operator_id, agreement_id, scenario_id, name, description, form, category, charging_unit, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
      [id, code, sc.jurisdiction, org, sc.agreement_id, sc.id, input.name.trim(), input.description.trim(), input.form, category, input.chargingUnit, ctx.now],
    );
    await sql(
      tx,
      `insert into product_version (product_id, version, status, resource_ids, delivery_method, output_schema, sample_outputs, created_at)
       values ($1, 1, 'DRAFT', $2::uuid[], $3, $4::jsonb, $5::jsonb, $6)`,
      [id, input.resourceIds, input.deliveryMethod, JSON.stringify(input.outputSchema), JSON.stringify(input.sampleOutputs), ctx.now],
    );
    await indexProduct(tx, id);
    audit({ entityType: 'DataProduct', entityId: id, action: 'CREATED', changes: { code, scenarioId: sc.id, form: input.form, category, resourceIds: input.resourceIds } });
    return id;
  });
}

export interface UpdateDraftInput extends Partial<ProductContentInput> {
  productId: string;
  name?: string | null;
  description?: string | null;
  changeNote?: string | null;
}

/**
 * Edits the latest version while it is a draft. A submitted or delivered version is frozen:
 * changing a delivered product is re-development, which the operator may not do (NS Art 6; HN Art 7(3)).
 */
export async function updateProductDraft(ctx: RequestContext<any>, input: UpdateDraftInput): Promise<void> {
  const today = todayOf(ctx);
  await inTransaction(ctx, async ({ tx, audit }) => {
    const p = await lockProduct(tx, input.productId);
    requireOwner(ctx, p);
    const v = await loadVersion(tx, p.id, p.latestVersion, true);
    if (v.delivered) throw policyViolation('NS Art 6; HN Art 7(3)', '已交付的产品版本不得修改或再开发', 'A delivered product version may not be changed or re-developed', { details: { version: v.version } });
    if (v.status !== 'DRAFT') throw conflict(`版本状态为 ${v.status}，只能修改草稿`, `Version is ${v.status}; only a draft can be edited`, { details: { status: v.status } });
    const name = input.name ?? p.name;
    const description = input.description ?? p.description;
    checkNaming(name, description);
    const next = {
      resourceIds: input.resourceIds ?? v.resourceIds,
      deliveryMethod: input.deliveryMethod ?? v.deliveryMethod,
      outputSchema: input.outputSchema ?? v.outputSchema,
      sampleOutputs: input.sampleOutputs ?? (v.sampleOutputs as Record<string, unknown>[]),
    };
    const outErr = checkOutputs(next.outputSchema as OutputField[], next.sampleOutputs);
    if (outErr) throw outErr;
    if (input.resourceIds) await checkResources(tx, p.scenarioId, input.resourceIds, today);
    await sql(tx, `update data_product set name = $2, description = $3, updated_at = now() where id = $1`, [p.id, name.trim(), description.trim()]);
    await sql(
      tx,
      `update product_version set resource_ids = $3::uuid[], delivery_method = $4, output_schema = $5::jsonb, sample_outputs = $6::jsonb, change_note = coalesce($7, change_note)
        where product_id = $1 and version = $2`,
      [p.id, v.version, next.resourceIds, next.deliveryMethod, JSON.stringify(next.outputSchema), JSON.stringify(next.sampleOutputs), input.changeNote ?? null],
    );
    await indexProduct(tx, p.id);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'DRAFT_UPDATED', changes: { version: v.version, ...input } });
  });
}

/** Opens the next version as a draft copied from the latest; only when the latest has been decided. */
export async function createProductVersion(ctx: RequestContext<any>, productId: string, changeNote: string): Promise<void> {
  if (!changeNote.trim()) throw badInput('须说明版本变更内容', 'Describe what the new version changes', { field: 'changeNote' });
  const today = todayOf(ctx);
  await inTransaction(ctx, async ({ tx, audit }) => {
    const p = await lockProduct(tx, productId);
    requireOwner(ctx, p);
    if (p.listingStatus === 'WITHDRAWN') throw policyViolation('HN Art 7', '授权已终止，不能开发新版本', 'The authorization has ended; no new version', {});
    requireActiveAgreement(await agreementView(tx, p.agreementId), today, p.agreementId);
    const v = await loadVersion(tx, p.id, p.latestVersion);
    if (v.status === 'DRAFT' || v.status === 'SUBMITTED') throw conflict('当前版本尚未完成审核', 'The latest version is still open', { details: { status: v.status } });
    const next = v.version + 1;
    await sql(
      tx,
      `insert into product_version (product_id, version, status, resource_ids, delivery_method, output_schema, sample_outputs, change_note, created_at)
       select product_id, $2, 'DRAFT', resource_ids, delivery_method, output_schema, sample_outputs, $3, $4 from product_version where product_id = $1 and version = $5`,
      [p.id, next, changeNote.trim(), ctx.now, v.version],
    );
    await sql(tx, `update data_product set latest_version = $2, updated_at = now() where id = $1`, [p.id, next]);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'VERSION_OPENED', changes: { version: next, changeNote } });
  });
}

export async function submitProductForReview(ctx: RequestContext<any>, productId: string): Promise<void> {
  const today = todayOf(ctx);
  await inTransaction(ctx, async ({ tx, audit, publish }) => {
    const p = await lockProduct(tx, productId);
    requireOwner(ctx, p);
    requireActiveAgreement(await agreementView(tx, p.agreementId), today, p.agreementId);
    const v = await loadVersion(tx, p.id, p.latestVersion, true);
    if (v.status !== 'DRAFT') throw conflict(`版本状态为 ${v.status}，不能重复提交`, `Version is ${v.status}; it cannot be submitted again`, { details: { status: v.status } });
    // Grants may have been revoked since the draft was written.
    await checkResources(tx, p.scenarioId, v.resourceIds, today);
    await sql(tx, `update product_version set status = 'SUBMITTED', submitted_at = $3 where product_id = $1 and version = $2`, [p.id, v.version, ctx.now]);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'SUBMITTED_FOR_REVIEW', changes: { version: v.version } });
    // The operating domain learns of the version now: its recipe is submitted and analysed during review.
    await publishVersionChanged(tx, p.id, v.version, 'SUBMITTED', ctx.now.toISOString(), publish);
  });
}

export interface ReviewInput {
  productId: string;
  version: number;
  decision: 'APPROVED' | 'REFUSED';
  checklist: ChecklistEntry[];
  reasons?: string[] | null;
  legalBasis?: string | null;
}

/** 合规审核 by the implementing agency of the product's jurisdiction; one review per version. */
export async function reviewProduct(ctx: RequestContext<any>, input: ReviewInput): Promise<ReviewRow> {
  requireRole(ctx.identity, 'AGENCY');
  const reasons = (input.reasons ?? []).map((r) => r.trim()).filter(Boolean);
  const err = checkReview(input.decision, input.checklist, reasons, input.legalBasis);
  if (err) throw err;
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const p = await lockProduct(tx, input.productId);
    requireJurisdiction(ctx.identity, p.jurisdiction);
    const v = await loadVersion(tx, p.id, input.version, true);
    const existing = await sqlOne(tx, `select id from compliance_review where product_id = $1 and version = $2`, [p.id, v.version]);
    if (existing) throw conflict('该版本已审核，不能重复审核', 'This version has already been reviewed', { details: { version: v.version } });
    if (v.status !== 'SUBMITTED') throw conflict(`版本状态为 ${v.status}，未提交审核`, `Version is ${v.status}; it was not submitted for review`, { details: { status: v.status } });
    // The operating domain's analysis is the evidence of RAW_DATA_STAYS_IN_DOMAIN; the review keeps the one it saw.
    const evidence = await recipeEvidence(tx, p.id, v.version);
    const refusedEvidence = input.decision === 'APPROVED' ? checkRecipeEvidence(p.form, input.checklist, evidence) : null;
    if (refusedEvidence) throw refusedEvidence;
    const checklist = input.checklist.map((e) => (e.item === 'RAW_DATA_STAYS_IN_DOMAIN' && evidence ? { ...e, recipeAnalysis: evidence } : e));
    const id = randomUUID();
    await sql(
      tx,
      `insert into compliance_review (id, product_id, version, jurisdiction, decision, checklist, reasons, legal_basis, reviewer_sub, reviewer_org, reviewed_at)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7::text[], $8, $9, $10, $11)`,
      [id, p.id, v.version, p.jurisdiction, input.decision, JSON.stringify(checklist), reasons, input.legalBasis?.trim() || null, ctx.identity.sub, ctx.identity.org, ctx.now],
    );
    await sql(tx, `update product_version set status = $3 where product_id = $1 and version = $2`, [p.id, v.version, input.decision]);
    audit({ entityType: 'DataProduct', entityId: p.id, action: input.decision === 'APPROVED' ? 'REVIEW_APPROVED' : 'REVIEW_REFUSED', changes: { version: v.version, checklist: input.checklist, reasons, legalBasis: input.legalBasis } });
    await publishVersionChanged(tx, p.id, v.version, input.decision, ctx.now.toISOString(), publish);
    if (input.decision === 'APPROVED') {
      const facts = (await productFacts(tx, [p.id], v.version)).get(p.id)!;
      await publish('ProductApproved', facts satisfies ProductsEvents.ProductApproved, p.jurisdiction);
    }
    return (await sqlOne<ReviewRow>(tx, `select ${REVIEW_COLS} from compliance_review r where r.id = $1`, [id]))!;
  });
}

/** 挂牌: the latest approved version goes on the public market and counts as delivered from now on. */
export async function listProduct(ctx: RequestContext<any>, productId: string): Promise<void> {
  const today = todayOf(ctx);
  await inTransaction(ctx, async ({ tx, audit, publish }) => {
    const p = await lockProduct(tx, productId);
    requireOwner(ctx, p);
    if (p.listingStatus === 'LISTED') throw conflict('产品已挂牌', 'The product is already listed');
    if (p.listingStatus === 'WITHDRAWN') throw policyViolation('HN Art 7', '授权已终止，产品不能再挂牌', 'The authorization has ended; the product cannot be listed');
    if (p.listingStatus === 'SUSPENDED') throw policyViolation('HN Art 7', '授权暂停期间不能挂牌', 'Listing is suspended with the authorization');
    // A paused grant or an open security incident keeps the product off the market as well.
    const holds = await holdsOf(tx, p.id);
    if (holds.length) throw policyViolation('HN Art 7', `产品处于暂停状态（${holds[0]!.reason}），不能挂牌`, `The product is on hold (${holds[0]!.reason}) and cannot be listed`, { details: { holds: holds.map((h) => h.kind) } });
    requireActiveAgreement(await agreementView(tx, p.agreementId), today, p.agreementId);
    const approved = await sqlOne<{ version: number }>(tx, `select max(version)::int as version from product_version where product_id = $1 and status = 'APPROVED'`, [p.id]);
    if (!approved?.version) throw policyViolation('HN Art 15', '产品未通过合规审核，不能挂牌', 'Only a version that passed compliance review can be listed', { details: { latestVersion: p.latestVersion } });
    await sql(
      tx,
      `update data_product set listing_status = 'LISTED', listing_reason = null, listed_version = $2, listed_at = $3, updated_at = now() where id = $1`,
      [p.id, approved.version, ctx.now],
    );
    await sql(tx, `update product_version set delivered_at = coalesce(delivered_at, $3) where product_id = $1 and version = $2`, [p.id, approved.version, ctx.now]);
    await indexProduct(tx, p.id);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'LISTED', changes: { version: approved.version } });
    const facts = (await productFacts(tx, [p.id]))!.get(p.id)!;
    await publish('ProductListed', { ...facts, listedAt: ctx.now.toISOString() } satisfies ProductsEvents.ProductListed, p.jurisdiction);
  });
}

/** 摘牌 by the operator or the agency; existing entitlements run to their term. */
export async function delistProduct(ctx: RequestContext<any>, productId: string, reason: string): Promise<void> {
  requireRole(ctx.identity, 'OPERATOR', 'AGENCY');
  if (!reason.trim()) throw badInput('须说明摘牌原因', 'Give the reason for delisting', { field: 'reason' });
  await inTransaction(ctx, async ({ tx, audit, publish }) => {
    const p = await lockProduct(tx, productId);
    if (ctx.identity.role === 'OPERATOR') requireOwner(ctx, p);
    else requireJurisdiction(ctx.identity, p.jurisdiction);
    if (p.listingStatus !== 'LISTED' && p.listingStatus !== 'SUSPENDED') throw conflict(`产品挂牌状态为 ${p.listingStatus}，不能摘牌`, `Listing status is ${p.listingStatus}; nothing to delist`);
    await sql(tx, `update data_product set listing_status = 'DELISTED', listing_reason = $2, updated_at = now() where id = $1`, [p.id, reason.trim()]);
    await sql(tx, `update usage_application set status = 'REFUSED', decision_reasons = array['产品已摘牌 | The product was delisted'], updated_at = now() where product_id = $1 and status in ('APPLIED','ASSESSED')`, [p.id]);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'DELISTED', changes: { reason } });
    await publish('ProductDelisted', { productId: p.id, jurisdiction: p.jurisdiction, operatorId: p.operatorId, reason: reason.trim(), effectiveAt: ctx.now.toISOString() } satisfies ProductsEvents.ProductDelisted, p.jurisdiction);
  });
}
