import { conflict, inTransaction, newId, notFound, requireJurisdiction, type UnitOfWork } from '@pdo/platform';
import { todayInShanghai, type Decimal } from '@pdo/policy';
import type { EvaluationEvents } from '@pdo/events';
import { assertOperatorRecord, operatorFilter } from '../access.js';
import { checkAllCriteriaScored, checkEvaluatedYear, checkOpen, checkRectificationRequest, parseScore } from '../domain/evaluations.js';
import { badInput } from '../domain/refusal.js';
import { disclose, fact } from '../data/disclosures.js';
import { orgNameOrNull } from '../data/projections.js';
import {
  agreementOfYear,
  closeRectification,
  criterionMeans,
  evaluationById,
  evaluationOfYear,
  evaluationPage,
  evaluationTotal,
  finalizeEvaluation,
  findingById,
  findingForClosing,
  insertEvaluation,
  insertFinding,
  upsertScore,
  type EvaluationRow,
} from '../data/evaluations.js';
import { useCase, type Ctx } from './refusals.js';

export type { EvaluationRow, FindingRow } from '../data/evaluations.js';

type Window = { limit: number; offset: number };

async function lockedEvaluation(tx: UnitOfWork['tx'], id: string): Promise<EvaluationRow> {
  const r = await evaluationById(tx, id, true);
  if (!r) throw notFound('运营评估', 'Operator evaluation', id);
  return r;
}

export const operatorEvaluations = useCase(async (ctx, input: { jurisdiction: string; operatorId: string | null; year: number | null; window: Window }) => {
  const operatorId = operatorFilter(ctx.identity, input.jurisdiction, input.operatorId, ['只能查看本单位的评估', 'You may only read your own evaluations']);
  return evaluationPage(ctx.em, { jurisdiction: input.jurisdiction, operatorId, year: input.year }, input.window);
});

export const operatorEvaluation = useCase(async (ctx, input: { id: string }) => {
  const r = await evaluationById(ctx.em, input.id);
  if (!r) return null;
  assertOperatorRecord(ctx.identity, r.jurisdiction, r.operator_id);
  return r;
});

/** The year's facts of an evaluation; "overdue" is relative to the request's now (test clock / X-PDO-Now), never the server clock. */
export function evaluationFactsOf(ctx: Ctx, e: { operatorId: string; year: number }) {
  return ctx.loaders.evaluationFacts.load({ operatorId: e.operatorId, year: e.year, today: todayInShanghai(ctx.now) });
}

export const openOperatorEvaluation = useCase(async (ctx, input: { jurisdiction: string; operatorId: string; year: number }) => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  checkEvaluatedYear(input.year, todayInShanghai(ctx.now));
  return inTransaction(ctx, async ({ tx, audit }) => {
    const ag = await agreementOfYear(tx, input.jurisdiction, input.operatorId, `${input.year}-12-31`);
    if (!ag) throw notFound('该运营机构在该年度的授权', 'An authorization of this operator in that year', input.operatorId);
    const dup = await evaluationOfYear(tx, input.operatorId, input.year);
    if (dup) throw conflict('该年度评估已存在', 'This year’s evaluation already exists', { details: dup });
    const id = newId();
    await insertEvaluation(tx, { id, jurisdiction: input.jurisdiction, operatorId: input.operatorId, agreementId: ag.id, year: input.year, openedBy: ctx.identity.sub, openedAt: ctx.now });
    audit({ entityType: 'OperatorEvaluation', entityId: id, action: 'OPENED', changes: { operatorId: input.operatorId, year: input.year } });
    return (await evaluationById(tx, id))!;
  });
});

export const scoreOperatorEvaluation = useCase(async (ctx, input: { evaluationId: string; criterion: string; score: Decimal; comment?: string | null }) => {
  const score = parseScore(input.score);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const ev = await lockedEvaluation(tx, input.evaluationId);
    requireJurisdiction(ctx.identity, ev.jurisdiction);
    checkOpen(ev.status, true);
    await upsertScore(tx, { evaluationId: ev.id, criterion: input.criterion, scorerSub: ctx.identity.sub, scorerRole: ctx.identity.role, score, comment: input.comment ?? null, scoredAt: ctx.now });
    audit({ entityType: 'OperatorEvaluation', entityId: ev.id, action: 'SCORED', changes: { criterion: input.criterion, score, scorer: ctx.identity.sub } });
    return ev;
  });
});

export interface NewFinding {
  evaluationId: string;
  criterion: string;
  severity: string;
  description: string;
  requestRectification: boolean;
  rectificationDeadline?: string | null;
}

/** Records a finding; the AUTHORITY may ask licensing to open a rectification (RectificationRequested). */
export const addEvaluationFinding = useCase(async (ctx, input: NewFinding) => {
  const description = input.description?.trim();
  if (!description) throw badInput('须填写发现内容', 'A description is required', { field: 'input.description' });
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const ev = await lockedEvaluation(tx, input.evaluationId);
    requireJurisdiction(ctx.identity, ev.jurisdiction);
    checkOpen(ev.status, false);
    if (input.requestRectification) checkRectificationRequest(ctx.identity.role, input.rectificationDeadline, todayInShanghai(ctx.now), ev.agreement_id);
    const id = newId();
    const deadline = input.requestRectification ? input.rectificationDeadline! : null;
    await insertFinding(tx, { id, evaluationId: ev.id, criterion: input.criterion, severity: input.severity, description, rectification: input.requestRectification ? 'REQUESTED' : 'NONE', deadline, createdBy: ctx.identity.sub, createdAt: ctx.now });
    audit({ entityType: 'EvaluationFinding', entityId: id, action: 'RECORDED', changes: { evaluationId: ev.id, criterion: input.criterion, severity: input.severity, rectification: input.requestRectification } });
    if (input.requestRectification) {
      const payload: EvaluationEvents.RectificationRequested = {
        findingId: id,
        evaluationId: ev.id,
        agreementId: ev.agreement_id!,
        operatorId: ev.operator_id,
        jurisdiction: ev.jurisdiction,
        cause: description,
        deadline: deadline!,
      };
      await publish('RectificationRequested', payload, ev.jurisdiction);
    }
    return findingById(tx, id);
  });
});

/** Closes a requested rectification; the closing is disclosed publicly (HN Art 22; TZ Art 28). */
export const closeEvaluationFinding = useCase(async (ctx, input: { findingId: string; note: string }) => {
  const note = input.note?.trim();
  if (!note) throw badInput('须说明整改结果', 'A closure note is required', { field: 'note' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const f = await findingForClosing(tx, input.findingId);
    if (!f) throw notFound('评估发现', 'Finding', input.findingId);
    requireJurisdiction(ctx.identity, f.jurisdiction);
    if (f.rectification !== 'REQUESTED') throw conflict('该发现没有待关闭的整改', 'This finding has no open rectification', { details: { rectification: f.rectification } });
    await closeRectification(tx, f.id, ctx.now, note);
    audit({ entityType: 'EvaluationFinding', entityId: f.id, action: 'RECTIFICATION_CLOSED', changes: { note } });
    const operator = (await orgNameOrNull(tx, f.operator_id)) ?? f.operator_id;
    await disclose(tx, {
      dedupeKey: `RECTIFICATION_CLOSED:${f.id}`,
      jurisdiction: f.jurisdiction,
      kind: 'RECTIFICATION_CLOSED',
      title: `整改完成：${operator}（${f.year}年度评估）`,
      subjectId: f.id,
      rule: 'HN Art 22; TZ Art 28',
      facts: [fact('operator', operator), fact('year', f.year), fact('criterion', f.criterion), fact('severity', f.severity), fact('closedOn', todayInShanghai(ctx.now))],
      publishedAt: ctx.now,
    });
    return { ...f, rectification: 'CLOSED', closed_at: ctx.now.toISOString(), closure_note: note };
  });
});

/** Finalizes: the total (mean over criteria of the mean score per criterion), the conclusion and its public result. */
export const finalizeOperatorEvaluation = useCase(async (ctx, input: { evaluationId: string; conclusion: string; note?: string | null }) => {
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const ev = await lockedEvaluation(tx, input.evaluationId);
    requireJurisdiction(ctx.identity, ev.jurisdiction);
    if (ev.status !== 'OPEN') throw conflict('评估已定稿', 'The evaluation is already finalized', { details: { status: ev.status } });
    checkAllCriteriaScored((await criterionMeans(tx, ev.id)).map((a) => a.criterion));
    const total = await evaluationTotal(tx, ev.id);
    await finalizeEvaluation(tx, ev.id, { total, conclusion: input.conclusion, note: input.note ?? null, at: ctx.now });
    audit({ entityType: 'OperatorEvaluation', entityId: ev.id, action: 'FINALIZED', changes: { total, conclusion: input.conclusion } });
    const operator = (await orgNameOrNull(tx, ev.operator_id)) ?? ev.operator_id;
    await disclose(tx, {
      dedupeKey: `EVALUATION_RESULT:${ev.id}`,
      jurisdiction: ev.jurisdiction,
      kind: 'EVALUATION_RESULT',
      title: `${ev.year}年度运营评估结果：${operator}`,
      subjectId: ev.id,
      rule: 'TZ Art 28; HN Art 22',
      facts: [fact('operator', operator), fact('year', ev.year), fact('total', total), fact('conclusion', input.conclusion)],
      publishedAt: ctx.now,
    });
    // The basis of a later re-application (TZ Art 28): licensing keeps it for the reviewers.
    const finalized: EvaluationEvents.OperatorEvaluationFinalized = { evaluationId: ev.id, jurisdiction: ev.jurisdiction, operatorId: ev.operator_id, agreementId: ev.agreement_id, year: ev.year, total: String(total), conclusion: input.conclusion, finalizedAt: ctx.now.toISOString() };
    await publish('OperatorEvaluationFinalized', finalized, ev.jurisdiction);
    return (await evaluationById(tx, ev.id))!;
  });
});
