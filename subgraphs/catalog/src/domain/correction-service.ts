import { randomUUID } from 'node:crypto';
import { badInput, conflict, notFound, requireRole, sql, sqlOne, type UnitOfWork } from '@pdo/platform';
import type { EffectiveProfile, LocalDate } from '@pdo/policy';
import type { CatalogEvents } from '@pdo/events';
import { calendarOfProfile, canSee, profileFor, requireManage, todayOf } from './access.js';
import { editResource, loadForChange, type Actor, type EditResourceInput } from './resource-service.js';

export type CorrectionState = 'OPEN' | 'CORRECTED' | 'REJECTED';

export interface CorrectionRow {
  id: string;
  resourceId: string;
  jurisdiction: string;
  sourceAgencyId: string;
  raisedBySub: string;
  raisedByOrg: string | null;
  fieldNames: string[];
  problem: string;
  evidence: string | null;
  raisedOn: LocalDate;
  dueOn: LocalDate | null;
  dueRule: string | null;
  state: CorrectionState;
  answeredOn: LocalDate | null;
  answeredBy: string | null;
  answerReason: string | null;
  correctedVersion: number | null;
  onTime: boolean | null;
  createdAt: Date;
}

export const CORRECTION_COLUMNS = `c.id, c.resource_id as "resourceId", c.jurisdiction, c.source_agency_id as "sourceAgencyId",
  c.raised_by_sub as "raisedBySub", c.raised_by_org as "raisedByOrg", c.field_names as "fieldNames", c.problem, c.evidence,
  to_char(c.raised_on, 'YYYY-MM-DD') as "raisedOn", to_char(c.due_on, 'YYYY-MM-DD') as "dueOn", c.due_rule as "dueRule", c.state,
  to_char(c.answered_on, 'YYYY-MM-DD') as "answeredOn", c.answered_by as "answeredBy", c.answer_reason as "answerReason",
  c.corrected_version as "correctedVersion", c.on_time as "onTime", c.created_at as "createdAt"`;

export async function loadCorrection(em: UnitOfWork['tx'], id: string, forUpdate = false): Promise<CorrectionRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return sqlOne<CorrectionRow>(em, `select ${CORRECTION_COLUMNS} from correction_request c where c.id = $1${forUpdate ? ' for update' : ''}`, [id]);
}

/**
 * Due date of an answer: the profile's working days after the day of the request (HN Art 16:
 * 7 wd, the submission day not counted). A jurisdiction without a number has no due date.
 */
export function correctionDue(profile: EffectiveProfile, raisedOn: LocalDate): { dueOn: LocalDate | null; rule: string } {
  const setting = profile.correctionAnswerWorkingDays;
  if (setting.value == null) return { dueOn: null, rule: setting.source };
  return { dueOn: calendarOfProfile(profile).addWorkingDays(raisedOn, setting.value), rule: setting.source };
}

export interface RaiseCorrectionInput {
  resourceId: string;
  fieldNames: string[];
  problem: string;
  evidence?: string | null;
}

/** 校核申请: an operator (or the implementing agency) reports that a resource's data is wrong. */
export async function raiseCorrection(uow: UnitOfWork, actor: Actor, input: RaiseCorrectionInput): Promise<CorrectionRow> {
  requireRole(actor.identity, 'OPERATOR', 'AGENCY');
  const resource = await loadForChange(uow, input.resourceId);
  if (!canSee(actor.identity, resource) || resource.status !== 'ACTIVE') throw notFound('数据资源', 'Data resource', input.resourceId);
  const problem = (input.problem ?? '').trim();
  if (!problem || problem.length > 2000) throw badInput('须说明问题（不超过 2000 字）', 'Describe what is wrong (≤ 2000 characters)', { field: 'input.problem' });
  const known = new Set(resource.fields.map((f) => f.name));
  const fieldNames = [...new Set(input.fieldNames ?? [])];
  const unknown = fieldNames.filter((f) => !known.has(f));
  if (unknown.length) throw badInput(`资源中没有这些数据项：${unknown.join('、')}`, `The resource has no fields: ${unknown.join(', ')}`, { field: 'input.fieldNames', details: { unknown } });
  const raisedOn = todayOf(actor.now);
  // The profile in force when the request is raised fixes its due date; a later edit does not move it.
  const due = correctionDue(await profileFor(uow.tx, resource.jurisdiction), raisedOn);
  const c: CorrectionRow = {
    id: randomUUID(),
    resourceId: resource.id,
    jurisdiction: resource.jurisdiction,
    sourceAgencyId: resource.sourceAgencyId,
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
  await sql(
    uow.tx,
    `insert into correction_request (id, resource_id, jurisdiction, source_agency_id, raised_by_sub, raised_by_org, field_names, problem, evidence, raised_on, due_on, due_rule, state, created_at)
     values ($1,$2,$3,$4,$5,$6,$7::jsonb,$8,$9,$10::date,$11::date,$12,'OPEN',$13)`,
    [c.id, c.resourceId, c.jurisdiction, c.sourceAgencyId, c.raisedBySub, c.raisedByOrg, JSON.stringify(c.fieldNames), c.problem, c.evidence, c.raisedOn, c.dueOn, c.dueRule, c.createdAt],
  );
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

/** The owning agency answers once: corrected (with a new version) or rejected with a reason. */
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
  const answeredOn = todayOf(actor.now);
  const onTime = c.dueOn === null || answeredOn <= c.dueOn;
  await sql(
    uow.tx,
    `update correction_request set state = $2, answered_on = $3::date, answered_by = $4, answer_reason = $5, corrected_version = $6, on_time = $7 where id = $1`,
    [c.id, input.outcome, answeredOn, actor.identity.sub, reason, correctedVersion, onTime],
  );
  uow.audit({ entityType: 'CorrectionRequest', entityId: c.id, action: `ANSWERED_${input.outcome}`, changes: { answeredOn, onTime, correctedVersion, reason } });
  const payload: CatalogEvents.CorrectionAnswered = {
    correctionId: c.id,
    resourceId: c.resourceId,
    sourceAgencyId: c.sourceAgencyId,
    jurisdiction: c.jurisdiction,
    raisedOn: c.raisedOn,
    dueOn: c.dueOn ?? answeredOn,
    answeredOn,
    onTime,
    outcome: input.outcome,
  };
  await uow.publish('CorrectionAnswered', payload, c.jurisdiction);
  return { ...c, state: input.outcome, answeredOn, answeredBy: actor.identity.sub, answerReason: reason, correctedVersion, onTime };
}
