import { badInput, conflict, inTransaction, newId, notFound, profileFor, type RequestContext, type UnitOfWork } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import type { CatalogEvents } from '@pdo/events';
import { answeredOnTime, correctionDue, type CorrectionRow } from '../domain/correction.js';
import { insertCorrection, loadCorrection, saveAnswer } from '../data/corrections.js';
import { canSee, requireManage } from '../access.js';
import type { CatalogLoaders } from '../loaders/index.js';
import { loadForChange, type Actor } from './resource-commit.js';
import { editResource, type EditResourceInput } from './resources.js';

type Ctx = RequestContext<CatalogLoaders>;

export interface RaiseCorrectionInput {
  resourceId: string;
  fieldNames: string[];
  problem: string;
  evidence?: string | null;
}

/** 校核申请: an operator (or the implementing agency) reports that a resource's data is wrong. */
export async function raiseCorrection(uow: UnitOfWork, actor: Actor, input: RaiseCorrectionInput): Promise<CorrectionRow> {
  const resource = await loadForChange(uow, input.resourceId);
  if (!canSee(actor.identity, resource) || resource.status !== 'ACTIVE') throw notFound('数据资源', 'Data resource', input.resourceId);
  const problem = (input.problem ?? '').trim();
  if (!problem || problem.length > 2000) throw badInput('须说明问题（不超过 2000 字）', 'Describe what is wrong (≤ 2000 characters)', { field: 'input.problem' });
  const known = new Set(resource.fields.map((f) => f.name));
  const fieldNames = [...new Set(input.fieldNames ?? [])];
  const unknown = fieldNames.filter((f) => !known.has(f));
  if (unknown.length) throw badInput(`资源中没有这些数据项：${unknown.join('、')}`, `The resource has no fields: ${unknown.join(', ')}`, { field: 'input.fieldNames', details: { unknown } });
  const raisedOn = todayInShanghai(actor.now);
  // The profile in force when the request is raised fixes its due date; a later edit does not move it.
  const due = correctionDue(await profileFor(uow.tx, resource.jurisdiction), raisedOn);
  const c: CorrectionRow = {
    id: newId(),
    resourceId: resource.id,
    jurisdiction: resource.jurisdiction,
    sourceUnitId: resource.sourceUnitId,
    raisedBySub: actor.identity.sub,
    raisedByOrg: actor.identity.org,
    fieldNames,
    problem,
    evidence: input.evidence?.trim() || null,
    raisedOn,
    dueOn: due.dueOn,
    dueRule: due.rule,
    state: 'OPEN',
    answeredOn: null,
    answeredBy: null,
    answerReason: null,
    correctedVersion: null,
    onTime: null,
    createdAt: actor.now,
  };
  await insertCorrection(uow.tx, c);
  uow.audit({ entityType: 'CorrectionRequest', entityId: c.id, action: 'RAISED', changes: { resourceId: c.resourceId, fieldNames, dueOn: c.dueOn } });
  return c;
}

export interface AnswerCorrectionInput {
  id: string;
  outcome: 'CORRECTED' | 'REJECTED';
  reason?: string | null;
  /** For CORRECTED: the corrected values (a new resource version). */
  correction?: Omit<EditResourceInput, 'id'> | null;
}

/** The owning source unit (or the implementing agency) answers once: corrected (with a new version) or rejected with a reason. */
export async function answerCorrection(uow: UnitOfWork, actor: Actor, input: AnswerCorrectionInput): Promise<CorrectionRow> {
  const c = await loadCorrection(uow.tx, input.id, true);
  if (!c) throw notFound('校核申请', 'Correction request', input.id);
  requireManage(actor.identity, c);
  if (c.state !== 'OPEN') {
    throw conflict('该校核申请已答复，不能重复答复', 'The correction request was already answered', { details: { state: c.state, answeredOn: c.answeredOn } });
  }
  const reason = input.reason?.trim() || null;
  let correctedVersion: number | null = null;
  if (input.outcome === 'REJECTED') {
    if (!reason) throw badInput('不予更正须说明理由', 'A rejection needs a reason', { field: 'input.reason' });
  } else {
    if (!input.correction) throw badInput('更正须提交更正后的内容', 'A correction needs the corrected values', { field: 'input.correction' });
    const { row, changed } = await editResource(uow, actor, { ...input.correction, id: c.resourceId, note: reason ?? `校核 ${c.id}` }, 'CORRECTED');
    if (!changed) throw badInput('更正内容与现有版本相同', 'The correction changes nothing', { field: 'input.correction' });
    correctedVersion = row.version;
  }
  const answeredOn = todayInShanghai(actor.now);
  const answered: CorrectionRow = { ...c, state: input.outcome, answeredOn, answeredBy: actor.identity.sub, answerReason: reason, correctedVersion, onTime: answeredOnTime(c.dueOn, answeredOn) };
  await saveAnswer(uow.tx, answered);
  uow.audit({ entityType: 'CorrectionRequest', entityId: c.id, action: `ANSWERED_${input.outcome}`, changes: { answeredOn, onTime: answered.onTime, correctedVersion, reason } });
  const payload: CatalogEvents.CorrectionAnswered = {
    correctionId: c.id,
    resourceId: c.resourceId,
    sourceAgencyId: c.sourceUnitId,
    jurisdiction: c.jurisdiction,
    raisedOn: c.raisedOn,
    dueOn: c.dueOn ?? answeredOn,
    answeredOn,
    onTime: answered.onTime!,
    outcome: input.outcome,
  };
  await uow.publish('CorrectionAnswered', payload, c.jurisdiction);
  return answered;
}

export const raiseCorrectionRequest = (ctx: Ctx, input: RaiseCorrectionInput) => inTransaction(ctx, (uow) => raiseCorrection(uow, ctx, input));

export const answerCorrectionRequest = (ctx: Ctx, input: AnswerCorrectionInput) => inTransaction(ctx, (uow) => answerCorrection(uow, ctx, input));
