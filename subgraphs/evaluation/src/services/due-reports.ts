import { inTransaction, newId, requireJurisdiction, type Em } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { duePeriods } from '../domain/reports.js';
import { prefill } from '../data/report-prefill.js';
import { authorizedOperators, insertReportIfAbsent, jurisdictionsWithAgreements } from '../data/reports.js';
import { profileOf } from '../data/profile.js';
import { useCase } from './refusals.js';

/**
 * Opens (as DRAFT, prefilled) every report that is due in a jurisdiction up to `today`, for each operator authorized
 * there. Idempotent: an existing report for the period is left alone. A step: the caller holds the transaction.
 */
export async function openDueReports(tx: Em, jurisdiction: string, today: string, now: Date): Promise<number> {
  let created = 0;
  const profile = await profileOf(tx, jurisdiction);
  for (const a of await authorizedOperators(tx, jurisdiction)) {
    for (const p of duePeriods(profile, a.start_date, a.end_date, today)) {
      const pre = await prefill(tx, a.operator_id, p.periodStart, p.periodEnd);
      const opened = await insertReportIfAbsent(tx, { id: newId(), jurisdiction, operatorId: a.operator_id, kind: p.kind, periodStart: p.periodStart, periodEnd: p.periodEnd, dueOn: p.dueOn, source: p.source, prefill: pre, createdAt: now });
      if (opened) created++;
    }
  }
  return created;
}

/** The AUTHORITY opens every due report of its jurisdiction at once. */
export const generateDueOperatingReports = useCase(async (ctx, input: { jurisdiction: string }) => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const n = await openDueReports(tx, input.jurisdiction, todayInShanghai(ctx.now), ctx.now);
    audit({ entityType: 'OperatingReport', entityId: input.jurisdiction, action: 'DUE_REPORTS_OPENED', changes: { created: n } });
    return n;
  });
});

/**
 * The scheduled job: reports fall due as periods end, so every jurisdiction's are opened as prefilled drafts and the
 * overdue list is complete. A job has no request clock: it runs at the server's now.
 */
export async function openDueReportsEverywhere(em: Em, now: Date): Promise<void> {
  await em.transactional(async (tx) => {
    for (const j of await jurisdictionsWithAgreements(tx)) await openDueReports(tx, j, todayInShanghai(now), now);
  });
}
