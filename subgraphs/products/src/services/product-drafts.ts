import { inTransaction, newId, notFound, type Em, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { insertProduct, productCount, renameProduct, setLatestVersion } from '../data/products.js';
import { grantedResources, scenarioFacts } from '../data/projections.js';
import { copyVersion, insertFirstVersion, setVersionStatus, updateDraft, versionOf } from '../data/versions.js';
import type { OutputFieldRow, VersionRow } from '../data/rows.js';
import { checkNaming, draftRefusal, grantRefusal, productCode, resourceListRefusal, scenarioRefusal } from '../domain/product-rules.js';
import { badInput, conflict, policyViolation } from '../domain/refusal.js';
import { categoryOf, checkOutputs, type ChargingUnit, type OutputField, type ProductForm } from '../domain/rules.js';
import { actingOrg, requireProductOwner } from '../access.js';
import type { Loaders } from '../loaders/index.js';
import { agreementInForce, lockedProduct } from './context.js';
import { check, found } from './refusal.js';
import { publishVersionChanged } from './delivery-events.js';
import { indexProduct } from './search-index.js';

/* The operator develops a product (产品开发): a draft per version, edited until it is submitted for compliance review. */

type Ctx = RequestContext<Loaders>;

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

/** The resources asked for, checked against the scenario's grants in force today. */
async function checkResources(em: Em, scenarioId: string, resourceIds: string[], today: string): Promise<void> {
  check(resourceListRefusal(resourceIds));
  check(grantRefusal(resourceIds, await grantedResources(em, scenarioId, resourceIds, today)));
}

async function draftVersion(em: Em, productId: string, version: number, lock = false): Promise<VersionRow> {
  return found(await versionOf(em, productId, version, lock), '产品版本', 'Product version', `${productId}@${version}`);
}

export async function createDataProduct(ctx: Ctx, input: CreateProductInput): Promise<string> {
  const org = actingOrg(ctx.identity);
  check(checkNaming(input.name, input.description));
  check(checkOutputs(input.outputSchema, input.sampleOutputs));
  const today = todayInShanghai(ctx.now);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const sc = await scenarioFacts(tx, input.scenarioId);
    if (!sc) throw notFound('应用场景', 'Scenario', input.scenarioId);
    check(scenarioRefusal(sc, org));
    await agreementInForce(tx, sc.agreementId, today);
    await checkResources(tx, sc.id, input.resourceIds, today);
    const id = newId();
    const code = productCode(sc.jurisdiction, (await productCount(tx, sc.jurisdiction)) + 1);
    const category = categoryOf(sc.category);
    const at = ctx.now.toISOString();
    await insertProduct(tx, {
      id, code, jurisdiction: sc.jurisdiction, operatorId: org, agreementId: sc.agreementId, scenarioId: sc.id, name: input.name.trim(),
      description: input.description.trim(), form: input.form, category, chargingUnit: input.chargingUnit, at,
    });
    await insertFirstVersion(tx, id, { resourceIds: input.resourceIds, deliveryMethod: input.deliveryMethod, outputSchema: input.outputSchema, sampleOutputs: input.sampleOutputs }, at);
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

/** Edits the latest version while it is a draft (domain/product-rules.ts, draftRefusal). */
export async function updateProductDraft(ctx: Ctx, input: UpdateDraftInput): Promise<void> {
  const today = todayInShanghai(ctx.now);
  await inTransaction(ctx, async ({ tx, audit }) => {
    const p = await lockedProduct(tx, input.productId);
    requireProductOwner(ctx.identity, p);
    const v = await draftVersion(tx, p.id, p.latestVersion, true);
    check(draftRefusal(v));
    const name = input.name ?? p.name;
    const description = input.description ?? p.description;
    check(checkNaming(name, description));
    const next = {
      resourceIds: input.resourceIds ?? v.resourceIds,
      deliveryMethod: input.deliveryMethod ?? v.deliveryMethod,
      outputSchema: (input.outputSchema ?? v.outputSchema) as OutputFieldRow[],
      sampleOutputs: input.sampleOutputs ?? v.sampleOutputs,
    };
    check(checkOutputs(next.outputSchema as OutputField[], next.sampleOutputs));
    if (input.resourceIds) await checkResources(tx, p.scenarioId, input.resourceIds, today);
    await renameProduct(tx, p.id, name.trim(), description.trim());
    await updateDraft(tx, p.id, v.version, next, input.changeNote ?? null);
    await indexProduct(tx, p.id);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'DRAFT_UPDATED', changes: { version: v.version, ...input } });
  });
}

/** Opens the next version as a draft copied from the latest; only when the latest has been decided. */
export async function createProductVersion(ctx: Ctx, input: { productId: string; changeNote: string }): Promise<void> {
  check(input.changeNote.trim() ? null : badInput('须说明版本变更内容', 'Describe what the new version changes', { field: 'changeNote' }));
  const today = todayInShanghai(ctx.now);
  await inTransaction(ctx, async ({ tx, audit }) => {
    const p = await lockedProduct(tx, input.productId);
    requireProductOwner(ctx.identity, p);
    if (p.listingStatus === 'WITHDRAWN') check(policyViolation('HN Art 7', '授权已终止，不能开发新版本', 'The authorization has ended; no new version', {}));
    await agreementInForce(tx, p.agreementId, today);
    const v = await draftVersion(tx, p.id, p.latestVersion);
    if (v.status === 'DRAFT' || v.status === 'SUBMITTED') check(conflict('当前版本尚未完成审核', 'The latest version is still open', { details: { status: v.status } }));
    const next = v.version + 1;
    await copyVersion(tx, p.id, v.version, next, input.changeNote.trim(), ctx.now.toISOString());
    await setLatestVersion(tx, p.id, next);
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'VERSION_OPENED', changes: { version: next, changeNote: input.changeNote } });
  });
}

/** The draft goes to the implementing agency (AGENCY) for compliance review (services/compliance-review.ts). */
export async function submitProductForReview(ctx: Ctx, input: { productId: string }): Promise<void> {
  const today = todayInShanghai(ctx.now);
  await inTransaction(ctx, async (uow) => {
    const { tx, audit } = uow;
    const p = await lockedProduct(tx, input.productId);
    requireProductOwner(ctx.identity, p);
    await agreementInForce(tx, p.agreementId, today);
    const v = await draftVersion(tx, p.id, p.latestVersion, true);
    if (v.status !== 'DRAFT') check(conflict(`版本状态为 ${v.status}，不能重复提交`, `Version is ${v.status}; it cannot be submitted again`, { details: { status: v.status } }));
    // Grants may have been revoked since the draft was written.
    await checkResources(tx, p.scenarioId, v.resourceIds, today);
    await setVersionStatus(tx, p.id, v.version, 'SUBMITTED', ctx.now.toISOString());
    audit({ entityType: 'DataProduct', entityId: p.id, action: 'SUBMITTED_FOR_REVIEW', changes: { version: v.version } });
    // The operating domain learns of the version now: its recipe is submitted and analysed during review.
    await publishVersionChanged(uow, p.id, v.version, 'SUBMITTED', ctx.now.toISOString());
  });
}
