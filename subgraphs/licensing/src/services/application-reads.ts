import { connectionOf, type PageArgs } from '@pdo/platform';
import { canSee, isOfficialOf } from '../access.js';
import { applicationPage, getApplication } from '../data/calls.js';
import type { AppRow } from '../data/rows.js';
import { averageScore as meanOf } from '../domain/applications.js';
import type { Ctx } from './checks.js';

export { reviewsByApplications } from '../data/calls.js';

/** An application as stored (after a mutation by the applicant or an official). */
export const application = (ctx: Ctx, id: string) => getApplication(ctx.em, id);

/** Applicant or officials of the jurisdiction; anyone else learns nothing. */
export async function operatorApplication(ctx: Ctx, id: string): Promise<AppRow | null> {
  const a = await getApplication(ctx.em, id);
  return a && canSee(ctx.identity, a, a.applicantId) ? a : null;
}

/**
 * What a mutation may hand back to a caller who is neither the applicant nor an official of the jurisdiction (an
 * objector during publicity, a visiting expert): the publicly announced facts only — no materials, no
 * criterion-by-criterion eligibility, no notes, only the caller's own objections.
 */
export async function applicationFor(ctx: Ctx, id: string): Promise<AppRow | null> {
  const a = await getApplication(ctx.em, id);
  if (!a || canSee(ctx.identity, a, a.applicantId)) return a;
  return {
    ...a,
    documents: [],
    supplementRequest: null,
    decisionNote: null,
    objections: a.objections.filter((o) => o.raisedBy === ctx.identity.sub),
    eligibility: { ...a.eligibility, criteria: [] },
  };
}

export const operatorApplications = (ctx: Ctx, { args, filter }: { args: PageArgs; filter: { callId?: string | null; status?: string | null } }) =>
  connectionOf(args, (win) => applicationPage(ctx.em, ctx.identity, filter, win));

/** Scores are visible to officials of the jurisdiction (experts included), not to applicants. */
export async function expertReviews(ctx: Ctx, a: AppRow) {
  return isOfficialOf(ctx.identity, a.jurisdiction) ? ctx.loaders.reviewsByApplication.load(a.id) : null;
}

export async function averageScore(ctx: Ctx, a: AppRow): Promise<string | null> {
  if (!isOfficialOf(ctx.identity, a.jurisdiction)) return null;
  const rs: { score: string }[] = await ctx.loaders.reviewsByApplication.load(a.id);
  return meanOf(rs.map((r) => r.score));
}
