import { connectionOf, notFound, type RequestContext } from '@pdo/platform';
import { applicationById, applicationPage, usageAgreementById, usageAgreementPage, type UsageListFilter } from '../data/usage-applications.js';
import { usageById, usagePage } from '../data/usage-records.js';
import { assertUsageAgreementVisible, usageVisible } from '../access.js';
import type { Loaders } from '../loaders/index.js';

export type { UsageRow } from '../data/rows.js';

/* What the usage pages and lists read: parties see their own, the supervisors their jurisdiction's (access.ts). */

type Ctx = RequestContext<Loaders>;
type Page = { first?: number | null; after?: string | null };

export function usageApplications(ctx: Ctx, q: Page & UsageListFilter) {
  const visible = usageVisible(ctx.identity, 'usage_application', q.developerId);
  return connectionOf(q, (win) => applicationPage(ctx.em, visible, q, win));
}

export function usageAgreements(ctx: Ctx, q: Page & UsageListFilter) {
  const visible = usageVisible(ctx.identity, 'usage_agreement', q.developerId);
  return connectionOf(q, (win) => usageAgreementPage(ctx.em, visible, q, win));
}

export function usageRecords(ctx: Ctx, q: Page & UsageListFilter) {
  const visible = usageVisible(ctx.identity, 'usage_record', q.developerId);
  return connectionOf(q, (win) => usagePage(ctx.em, visible, q, win));
}

/** The application as it stands (a mutation's answer; the caller just acted on it). */
export function applicationFor(ctx: Ctx, id: string) {
  return applicationById(ctx.em, id);
}

/** The usage agreement, for its parties and the supervisors of its jurisdiction. */
export async function usageAgreementFor(ctx: Ctx, id: string) {
  const u = await usageAgreementById(ctx.em, id);
  if (!u) throw notFound('应用协议', 'Usage agreement', id);
  assertUsageAgreementVisible(ctx.identity, u);
  return u;
}

/** The agreement as it stands after a party acted on it. */
export function usageAgreementAfter(ctx: Ctx, id: string) {
  return usageAgreementById(ctx.em, id);
}

/** A usage record by reference (`_entities`; the platform applies PRODUCTS_ENTITY_ACCESS). */
export function usageRecordFor(ctx: Ctx, id: string) {
  return usageById(ctx.em, id);
}
