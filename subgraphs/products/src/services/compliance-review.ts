import { inTransaction, newId, requireJurisdiction, type RequestContext } from '@pdo/platform';
import type { ProductsEvents } from '@pdo/events';
import { productFacts } from '../data/product-facts.js';
import { insertReview, reviewExists, setVersionStatus, versionOf } from '../data/versions.js';
import type { ReviewRow } from '../data/rows.js';
import { conflict } from '../domain/refusal.js';
import { checkRecipeEvidence, checkReview, type ChecklistEntry } from '../domain/rules.js';
import type { Loaders } from '../loaders/index.js';
import { lockedProduct } from './context.js';
import { publishVersionChanged } from './delivery-events.js';
import { recipeEvidence } from '../data/recipe-evidence.js';
import { check, found } from './refusal.js';

export interface ReviewInput {
  productId: string;
  version: number;
  decision: 'APPROVED' | 'REFUSED';
  checklist: ChecklistEntry[];
  reasons?: string[] | null;
  legalBasis?: string | null;
}

/**
 * 合规审核 (HN Art 15) by the implementing agency (AGENCY) of the product's jurisdiction; one review per version. An
 * approval publishes ProductApproved with the version's facts.
 */
export async function reviewProduct(ctx: RequestContext<Loaders>, input: ReviewInput): Promise<ReviewRow> {
  const reasons = (input.reasons ?? []).map((r) => r.trim()).filter(Boolean);
  check(checkReview(input.decision, input.checklist, reasons, input.legalBasis));
  return inTransaction(ctx, async (uow) => {
    const { tx, audit, publish } = uow;
    const p = await lockedProduct(tx, input.productId);
    requireJurisdiction(ctx.identity, p.jurisdiction);
    const v = found(await versionOf(tx, p.id, input.version, true), '产品版本', 'Product version', `${p.id}@${input.version}`);
    if (await reviewExists(tx, p.id, v.version)) check(conflict('该版本已审核，不能重复审核', 'This version has already been reviewed', { details: { version: v.version } }));
    if (v.status !== 'SUBMITTED') check(conflict(`版本状态为 ${v.status}，未提交审核`, `Version is ${v.status}; it was not submitted for review`, { details: { status: v.status } }));
    // The operating domain's analysis is the evidence of RAW_DATA_STAYS_IN_DOMAIN; the review keeps the one it saw.
    const evidence = await recipeEvidence(tx, p.id, v.version);
    if (input.decision === 'APPROVED') check(checkRecipeEvidence(p.form, input.checklist, evidence));
    const checklist = input.checklist.map((e) => (e.item === 'RAW_DATA_STAYS_IN_DOMAIN' && evidence ? { ...e, recipeAnalysis: evidence } : e));
    const review = await insertReview(tx, {
      id: newId(), productId: p.id, version: v.version, jurisdiction: p.jurisdiction, decision: input.decision, checklist, reasons,
      legalBasis: input.legalBasis?.trim() || null, reviewerSub: ctx.identity.sub, reviewerOrg: ctx.identity.org, reviewedAt: ctx.now.toISOString(),
    });
    await setVersionStatus(tx, p.id, v.version, input.decision);
    audit({ entityType: 'DataProduct', entityId: p.id, action: input.decision === 'APPROVED' ? 'REVIEW_APPROVED' : 'REVIEW_REFUSED', changes: { version: v.version, checklist: input.checklist, reasons, legalBasis: input.legalBasis } });
    await publishVersionChanged(uow, p.id, v.version, input.decision, ctx.now.toISOString());
    if (input.decision === 'APPROVED') {
      const facts = (await productFacts(tx, [p.id], v.version)).get(p.id)!;
      await publish('ProductApproved', facts satisfies ProductsEvents.ProductApproved, p.jurisdiction);
    }
    return review;
  });
}
