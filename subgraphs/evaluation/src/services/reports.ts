import { conflict, forbidden, inTransaction, newId, notFound, requireJurisdiction, type Em, type UnitOfWork } from '@pdo/platform';
import { todayInShanghai, type ReportKind } from '@pdo/policy';
import { assertOperatorRecord, operatorFilter } from '../access.js';
import { ANNUAL_KINDS, checkSubmission, checkSubmittable, reportRules, requiredPeriod } from '../domain/reports.js';
import { badInput } from '../domain/refusal.js';
import { disclose, fact } from '../data/disclosures.js';
import { orgNameOrNull } from '../data/projections.js';
import { prefill } from '../data/report-prefill.js';
import { firstAgreementStart, insertReport, reportById, reportOfPeriod, reportPage, reviewReport, submitReport, type ReportRow } from '../data/reports.js';
import { profileOf } from '../data/profile.js';
import { useCase } from './refusals.js';

export type { ReportRow } from '../data/reports.js';

type Window = { limit: number; offset: number };

async function lockedReport(tx: UnitOfWork['tx'], id: string): Promise<ReportRow> {
  const r = await reportById(tx, id, true);
  if (!r) throw notFound('运营报告', 'Operating report', id);
  return r;
}

/** The report obligations of a jurisdiction, from its profile. */
export const operatingReportRules = useCase(async (ctx, input: { jurisdiction: string }) => {
  const { rules, source } = reportRules(await profileOf(ctx.em, input.jurisdiction));
  return rules.map((r) => ({ kind: r.kind, due: r.due, cadence: r.dueRule.cadence, source }));
});

export const operatingReports = useCase(async (ctx, input: { jurisdiction: string; operatorId: string | null; status: string | null; overdueOnly: boolean; window: Window }) => {
  const operatorId = operatorFilter(ctx.identity, input.jurisdiction, input.operatorId, ['只能查看本单位的报告', "You may only read your own organization's reports"]);
  return reportPage(ctx.em, { jurisdiction: input.jurisdiction, operatorId, status: input.status, overdueOnly: input.overdueOnly, today: todayInShanghai(ctx.now) }, input.window);
});

export const operatingReport = useCase(async (ctx, input: { id: string }) => {
  const r = await reportById(ctx.em, input.id);
  if (!r) return null;
  assertOperatorRecord(ctx.identity, r.jurisdiction, r.operator_id);
  return r;
});

/** The operator opens a report for a period its jurisdiction requires, prefilled from the platform's data. */
export const openOperatingReport = useCase(async (ctx, input: { kind: string; periodStart: string }) => {
  const operatorId = ctx.identity.org;
  const jurisdiction = ctx.identity.jurisdiction;
  if (!operatorId || !jurisdiction) throw forbidden('需要运营机构身份', 'An operator organization is required');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const agreementStart = await firstAgreementStart(tx, jurisdiction, operatorId);
    if (!agreementStart) throw notFound('本单位的授权协议', 'An authorization of your organization', operatorId);
    const p = requiredPeriod(await profileOf(tx, jurisdiction), input.kind as ReportKind, input.periodStart, todayInShanghai(ctx.now), agreementStart);
    const dup = await reportOfPeriod(tx, operatorId, p.kind, p.periodStart);
    if (dup) throw conflict('该期间的报告已存在', 'A report for this period already exists', { details: { reportId: dup.id, status: dup.status } });
    const id = newId();
    const pre = await prefill(tx, operatorId, p.periodStart, p.periodEnd);
    await insertReport(tx, { id, jurisdiction, operatorId, kind: p.kind, periodStart: p.periodStart, periodEnd: p.periodEnd, dueOn: p.dueOn, source: p.source, prefill: pre, createdAt: ctx.now });
    audit({ entityType: 'OperatingReport', entityId: id, action: 'OPENED', changes: { kind: p.kind, period: [p.periodStart, p.periodEnd], dueOn: p.dueOn } });
    return (await reportById(tx, id))!;
  });
});

export interface Submission {
  reportId: string;
  revenue?: bigint | null;
  cost?: bigint | null;
  narrative: string;
  secondaryDevelopment?: string | null;
}

export const submitOperatingReport = useCase(async (ctx, input: Submission) => {
  const figures = { revenue: input.revenue ?? null, cost: input.cost ?? null, narrative: input.narrative };
  const profit = checkSubmission(figures);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const r = await lockedReport(tx, input.reportId);
    checkSubmittable({ operatorId: r.operator_id, status: r.status, kind: r.kind, ruleSource: r.rule_source }, ctx.identity.org, figures);
    await submitReport(tx, r.id, { revenue: figures.revenue, cost: figures.cost, profit, narrative: input.narrative.trim(), secondaryDevelopment: input.secondaryDevelopment ?? null, at: ctx.now });
    const late = r.due_on !== null && r.due_on < todayInShanghai(ctx.now);
    audit({ entityType: 'OperatingReport', entityId: r.id, action: 'SUBMITTED', changes: { from: r.status, revenueFen: input.revenue?.toString() ?? null, costFen: input.cost?.toString() ?? null, late } });
    return (await reportById(tx, r.id))!;
  });
});

/** The AUTHORITY accepts or returns a submitted report; an accepted annual report is the operator's annual disclosure. */
export const reviewOperatingReport = useCase(async (ctx, input: { reportId: string; decision: 'ACCEPT' | 'RETURN'; note?: string | null }) => {
  if (input.decision === 'RETURN' && !input.note?.trim()) throw badInput('退回须说明理由', 'A return needs a note', { field: 'input.note' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const r = await lockedReport(tx, input.reportId);
    requireJurisdiction(ctx.identity, r.jurisdiction);
    if (r.status !== 'SUBMITTED') throw conflict('只有已提交的报告可以审核', 'Only a submitted report can be reviewed', { details: { status: r.status } });
    const next = input.decision === 'ACCEPT' ? 'ACCEPTED' : 'RETURNED';
    await reviewReport(tx, r.id, { status: next, at: ctx.now, note: input.note?.trim() ?? null, reviewer: ctx.identity.sub });
    audit({ entityType: 'OperatingReport', entityId: r.id, action: next, changes: { note: input.note ?? null } });
    if (next === 'ACCEPTED') await discloseAcceptedAnnualReport(tx, r, ctx.now);
    return (await reportById(tx, r.id))!;
  });
});

/**
 * An accepted annual report is the operator's annual disclosure (by 31 March; NS Art 19, HN Art 17):
 * one per operator and year — where a jurisdiction requires two yearly reports (HN's annual summary
 * and business report), the first accepted one discloses the year. Public: products and usage only;
 * costs, revenue and profit stay with the authority.
 */
export async function discloseAcceptedAnnualReport(tx: Em, r: Pick<ReportRow, 'id' | 'jurisdiction' | 'operator_id' | 'kind' | 'period_start' | 'prefill'>, publishedAt: Date): Promise<void> {
  if (!ANNUAL_KINDS.has(r.kind)) return;
  const operator = (await orgNameOrNull(tx, r.operator_id)) ?? r.operator_id;
  const year = r.period_start.slice(0, 4);
  await disclose(tx, {
    dedupeKey: `ANNUAL_DISCLOSURE:${r.operator_id}:${year}`,
    jurisdiction: r.jurisdiction,
    kind: 'ANNUAL_DISCLOSURE',
    title: `${year}年度运营情况公开：${operator}`,
    subjectId: r.id,
    rule: 'NS Art 19; HN Art 17',
    facts: [
      fact('operator', operator),
      fact('year', year),
      fact('listedProducts', r.prefill.listedProducts),
      fact('usageUnits', r.prefill.usageUnits),
      fact('secondaryDevelopers', r.prefill.secondaryDevelopers),
      fact('products', r.prefill.products.map((p) => `${p.productCode} ${p.name}`).join('；')),
    ],
    publishedAt,
  });
}
