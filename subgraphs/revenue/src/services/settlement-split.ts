import { policyViolation, type Em, type UnitOfWork } from '@pdo/platform';
import { settlementShareTable } from '@pdo/events';
import { planStageOf, splitterOf, type PlanStage, type RevenueRightToSuppliers } from '../domain/allocation.js';
import { profileOf } from '../data/profile.js';
import { sourceUnitWeights, type ProductWeights } from '../domain/weights.js';
import { plansForProducts, type PlanRecord, type ProductScope } from '../data/plans.js';
import { contributionScores, productIdsOf, resourcesPerSourceUnit } from '../data/split-terms.js';
import { writeSettlementProducts, writeShares } from '../data/settlement-work.js';
import type { ProductTotal } from '../domain/run-totals.js';
import { ShareColumns } from '../data/share-columns.js';
import type { SettlementRun } from './settlement-steps.js';

/** Products split between two turns of the event loop (splitStep). */
const YIELD_EVERY = 50;

/** What the split needs besides the revenue: each product's plan and source-unit weights, and the period's contribution assessment. */
export interface SplitTerms {
  /** The products these terms were read for. */
  covered: Set<string>;
  plans: Map<string, PlanRecord>;
  weights: Map<string, ProductWeights>;
  assessmentId: string | null;
  /** Where the profile pays the revenue right to the supplying units (HN Art 21): its source; null when to the jurisdiction. */
  revenueRightToSuppliers: string | null;
}

/** Split terms of the given products, or (null) of every product of the jurisdiction. */
export async function readSplitTerms(em: Em, run: Pick<SettlementRun, 'jurisdiction' | 'start' | 'end'>, productIds: string[] | null): Promise<SplitTerms> {
  // Every product of the jurisdiction is named by the jurisdiction, not by a list of thousands of ids.
  const scope: ProductScope = productIds ? { productIds } : { jurisdiction: run.jurisdiction };
  const ids = productIds ?? (await productIdsOf(em, run.jurisdiction));
  const plans = await plansForProducts(em, scope);
  const assessment = await contributionScores(em, run.jurisdiction, run.start, run.end);
  const weights = sourceUnitWeights(await resourcesPerSourceUnit(em, scope), assessment?.scores ?? null);
  const profile = await profileOf(em, run.jurisdiction);
  const toSuppliers = profile.revenueRightPayee.value === 'SUPPLYING_UNITS' ? profile.revenueRightPayee.source : null;
  return { covered: new Set(ids), plans, weights, assessmentId: assessment?.assessmentId ?? null, revenueRightToSuppliers: toSuppliers };
}

export interface Split {
  shares: ShareColumns;
  /** Products with revenue. */
  paid: ProductTotal[];
  plans: Map<string, PlanRecord>;
  /** The contribution assessment the split used, if any source-unit pool was weighted by it. */
  assessmentId: string | null;
  /** The shares the SettlementCompleted event carries. */
  published: ReturnType<typeof settlementShareTable>;
  /** What each party is owed in total, by `kind:id`. */
  owed: Map<string, { kind: string; id: string; fen: bigint }>;
}

/**
 * Step 2, split: every product with revenue is split by its plan (domain/allocation.ts) and the shares written. The
 * split runs a batch of products at a time, and each batch's shares are written while Node computes the next one
 * (the run's lines and products' totals while it computes the first): the database and Node work side by side
 * instead of in turn. `before` is a write of the previous step still under way.
 */
export async function splitStep(
  uow: UnitOfWork,
  run: SettlementRun,
  products: ProductTotal[],
  early: SplitTerms | null,
  splitBatch: number,
  before: { done: Promise<unknown> } = { done: Promise.resolve() },
): Promise<Split> {
  const { tx } = uow;
  const paid = products.filter((p) => BigInt(p.revenue) > 0n);
  let terms = early;
  // A product with revenue outside what was read early (none, unless the catalogue of products moved meanwhile): read them all now.
  if (!terms || paid.some((p) => !terms!.covered.has(p.product_id))) {
    await before.done;
    terms = await readSplitTerms(tx, run, paid.map((p) => p.product_id));
  }
  const { plans, weights } = terms;
  const missing = paid.filter((p) => !plans.has(p.product_id)).map((p) => p.product_id);
  if (missing.length > 0) {
    throw policyViolation('DISTRIBUTION_PLAN_MISSING', '有收入的产品须先配置收益分配方案', 'Every product with revenue needs a distribution plan before settlement', { details: { source: 'TZ Art 10; NS Art 14(7)', productIds: missing } });
  }
  const productsWritten = await writeSettlementProducts(tx, run.id, products, plans);
  // The writes still under way (the run's lines, then its products), awaited together before the next is sent.
  let writing: { done: Promise<unknown> } = { done: Promise.all([before.done, productsWritten.done]) };
  writing.done.catch(() => {});
  const shares = new ShareColumns();
  // A plan's first stage is worked out once for all the products under it.
  const stages = new Map<PlanRecord, PlanStage>();
  const stageOf = (plan: PlanRecord) => stages.get(plan) ?? stages.set(plan, planStageOf(plan.parties)).get(plan)!;
  let usedAssessment = false;
  let split = 0;
  try {
    for (let from = 0; from < paid.length; from += splitBatch) {
      const first = shares.length;
      for (const p of paid.slice(from, from + splitBatch)) {
        // The event loop gets a turn now and then, so that a statement waiting for the previous one to finish is sent
        // while the split goes on, instead of after it: the database writes while Node splits.
        if (++split % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        const plan = plans.get(p.product_id)!;
        const w = weights.get(p.product_id);
        const pooled = plan.parties.some((x) => x.kind === 'SOURCE_AGENCIES');
        const right: RevenueRightToSuppliers | null = terms.revenueRightToSuppliers && plan.parties.some((x) => x.kind === 'JURISDICTION') ? { suppliers: w?.byResources ?? [], source: terms.revenueRightToSuppliers } : null;
        if (right && right.suppliers.length === 0) {
          throw policyViolation('NO_SOURCE_AGENCIES', '产品没有提供数据的单位可享有收益权', 'The product has no supplying units to hold the revenue right', { details: { productId: p.product_id, source: right.source } });
        }
        const useScores = plan.sourceBasis === 'CONTRIBUTION' && !!w?.byScore;
        usedAssessment ||= useScores && pooled;
        const units = (useScores ? w!.byScore : w?.byResources) ?? [];
        if (pooled && units.length === 0) {
          throw policyViolation('NO_SOURCE_AGENCIES', '产品没有可分配的数源单位', 'The product has no source units to share with', { details: { productId: p.product_id } });
        }
        const splitter = splitterOf(stageOf(plan), units, right);
        const amounts = splitter.amounts(BigInt(p.revenue));
        for (let i = 0; i < amounts.length; i++) shares.push(p.product_id, splitter.slots[i]!, amounts[i]!);
      }
      await writing.done;
      writing = await writeShares(tx, run.id, shares, first, shares.length);
    }
  } catch (e) {
    await writing.done.catch(() => {});
    throw e;
  }
  // While the last batch is written: the event's share table and the parties the ledger needs accounts for.
  const published = settlementShareTable(shares.nonZero());
  const owed = new Map<string, { kind: string; id: string; fen: bigint }>();
  for (let i = 0; i < shares.length; i++) {
    const key = `${shares.kind[i]}:${shares.partyId[i]}`;
    const party = owed.get(key);
    if (party) party.fen += BigInt(shares.amountFen[i]!);
    else owed.set(key, { kind: shares.kind[i]!, id: shares.partyId[i]!, fen: BigInt(shares.amountFen[i]!) });
  }
  await writing.done;
  return { shares, paid, plans, assessmentId: usedAssessment ? terms.assessmentId : null, published, owed };
}
