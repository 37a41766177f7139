import { conflict, forbidden, inTransaction, newId, requireJurisdiction } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import type { EvaluationEvents } from '@pdo/events';
import { contributionReader } from '../access.js';
import { checkAssessablePeriod, validateWeights, type Weights } from '../domain/contribution.js';
import { badInput } from '../domain/refusal.js';
import { assessmentById, assessmentOfPeriod, assessmentPage, insertAssessment, insertScores, upsertWeights, weightsOf, type AssessmentRow } from '../data/contribution.js';
import { computeScores } from '../data/contribution-scoring.js';
import { useCase, type Ctx } from './refusals.js';

export type { AssessmentRow, StoredScore } from '../data/contribution.js';

type Window = { limit: number; offset: number };

export const contributionWeights = useCase(async (ctx, input: { jurisdiction: string }) => {
  contributionReader(ctx.identity, input.jurisdiction);
  return (await weightsOf(ctx.em, input.jurisdiction)) ?? null;
});

export const contributionAssessments = useCase(async (ctx, input: { jurisdiction: string; window: Window }) => {
  contributionReader(ctx.identity, input.jurisdiction);
  return assessmentPage(ctx.em, input.jurisdiction, input.window);
});

export const contributionAssessment = useCase(async (ctx, input: { id: string }) => {
  const r = await assessmentById(ctx.em, input.id);
  if (!r) return null;
  contributionReader(ctx.identity, r.jurisdiction);
  return r;
});

/** The scores of an assessment the caller may read: a source unit only its own. */
export async function assessmentScores(ctx: Ctx, input: { assessmentId: string; jurisdiction: string }) {
  const { ownOnly } = contributionReader(ctx.identity, input.jurisdiction);
  return (await ctx.loaders.scoresByAssessment.load(input.assessmentId)).filter((s) => !ownOnly || s.agency_id === ownOnly);
}

export async function assessmentScoreOf(ctx: Ctx, input: { assessmentId: string; jurisdiction: string; agencyId: string }) {
  const { ownOnly } = contributionReader(ctx.identity, input.jurisdiction);
  if (ownOnly && ownOnly !== input.agencyId) throw forbidden('只能查看本单位的贡献评价', "You may only read your own agency's assessment");
  return (await ctx.loaders.scoresByAssessment.load(input.assessmentId)).find((x) => x.agency_id === input.agencyId) ?? null;
}

export const setContributionWeights = useCase(async (ctx, input: Weights & { jurisdiction: string; source: string }) => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  if (!input.source?.trim()) throw badInput('须注明权重依据', 'A source for the weights is required', { field: 'input.source' });
  const w = validateWeights({ quantity: input.quantity, quality: input.quality, application: input.application, revenue: input.revenue });
  const source = input.source.trim();
  return inTransaction(ctx, async ({ tx, audit }) => {
    const held = await weightsOf(tx, input.jurisdiction);
    const before = held ? { quantity: held.quantity, quality: held.quality, application: held.application, revenue: held.revenue, source: held.source } : null;
    await upsertWeights(tx, { jurisdiction: input.jurisdiction, weights: { ...w, source }, setBy: ctx.identity.sub, setAt: ctx.now });
    audit({ entityType: 'ContributionWeights', entityId: input.jurisdiction, action: before ? 'UPDATED' : 'CREATED', changes: { before, after: { ...w, source } } });
    return { jurisdiction: input.jurisdiction, ...w, source, set_at: ctx.now };
  });
});

/** Assesses a period with the jurisdiction's weights and publishes the scores (ContributionAssessed, for revenue distribution). */
export const assessContribution = useCase(async (ctx, input: { jurisdiction: string; periodStart: string; periodEnd: string }): Promise<AssessmentRow> => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  checkAssessablePeriod(input.periodStart, input.periodEnd, todayInShanghai(ctx.now));
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const held = await weightsOf(tx, input.jurisdiction);
    if (!held) throw conflict('尚未设定贡献评价权重', 'Set the contribution weights first', { details: { jurisdiction: input.jurisdiction } });
    const weights = { quantity: held.quantity, quality: held.quality, application: held.application, revenue: held.revenue, source: held.source };
    const dup = await assessmentOfPeriod(tx, input.jurisdiction, input.periodStart, input.periodEnd);
    if (dup) throw conflict('该期间已评价', 'This period has already been assessed', { details: { assessmentId: dup.id } });
    const scores = await computeScores(tx, input.jurisdiction, input.periodStart, input.periodEnd, weights);
    if (scores.length === 0) throw conflict('该期间没有可评价的数源单位', 'No source unit had resources in this period');
    const id = newId();
    await insertAssessment(tx, { id, jurisdiction: input.jurisdiction, periodStart: input.periodStart, periodEnd: input.periodEnd, weights, assessedBy: ctx.identity.sub, assessedAt: ctx.now });
    await insertScores(tx, id, scores);
    audit({ entityType: 'ContributionAssessment', entityId: id, action: 'ASSESSED', changes: { period: [input.periodStart, input.periodEnd], weights, totals: Object.fromEntries(scores.map((s) => [s.agency_id, s.total])) } });
    const payload: EvaluationEvents.ContributionAssessed = {
      assessmentId: id,
      jurisdiction: input.jurisdiction,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      scores: scores.map((s) => ({ agencyId: s.agency_id, score: s.total })),
    };
    await publish('ContributionAssessed', payload, input.jurisdiction);
    return { id, jurisdiction: input.jurisdiction, period_start: input.periodStart, period_end: input.periodEnd, weights, assessed_at: ctx.now.toISOString() };
  });
});
