import { connectionOf, forbidden, type RequestContext } from '@pdo/platform';
import { todayInShanghai, type LocalDate } from '@pdo/policy';
import { correctionOverdue, type CorrectionRow } from '../domain/correction.js';
import { correctionPage, correctionTimeliness, loadCorrection, toCorrectionRow, type CorrectionFilter } from '../data/corrections.js';
import { canViewCorrection } from '../access.js';
import type { CatalogLoaders } from '../loaders/index.js';

type Ctx = RequestContext<CatalogLoaders>;
type Page = { first?: number | null; after?: string | null };

/** A correction request, for the owning source unit, the raiser and the supervisors of the jurisdiction. */
export async function correctionById(ctx: Ctx, id: string): Promise<CorrectionRow | null> {
  const c = await loadCorrection(ctx.em, id);
  return c && canViewCorrection(ctx.identity, c) ? c : null;
}

export const corrections = (ctx: Ctx, input: { filter: Omit<CorrectionFilter, 'overdueOn'>; page: Page }) =>
  connectionOf(input.page, (win) => correctionPage(ctx.em, ctx.identity, input.filter, win), toCorrectionRow);

/** Open requests past their due date, by due date (optionally of one source unit). */
export const overdueCorrections = (ctx: Ctx, input: { sourceUnitId: string | null; page: Page }) =>
  connectionOf(input.page, (win) => correctionPage(ctx.em, ctx.identity, { sourceUnitId: input.sourceUnitId, overdueOn: todayInShanghai(ctx.now) }, win), toCorrectionRow);

/** Answer timeliness of a source unit (contribution evaluation); a source unit sees only its own. */
export async function timeliness(ctx: Ctx, input: { sourceUnitId: string; from: LocalDate; to: LocalDate }) {
  if (ctx.identity.role === 'SOURCE_UNIT' && ctx.identity.org !== input.sourceUnitId) throw forbidden('只能查看本单位', 'Only your own organization');
  return { sourceAgencyId: input.sourceUnitId, ...(await correctionTimeliness(ctx.em, input.sourceUnitId, input.from, input.to, todayInShanghai(ctx.now))) };
}

export const isCorrectionOverdue = (ctx: Ctx, c: CorrectionRow) => correctionOverdue(c, todayInShanghai(ctx.now));
