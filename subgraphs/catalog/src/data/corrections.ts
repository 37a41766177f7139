import { sql, type Selectable } from 'kysely';
import { pageOf, scopeWhere, type Em, type Identity } from '@pdo/platform';
import type { LocalDate } from '@pdo/policy';
import type { CorrectionRow, CorrectionState } from '../domain/correction.js';
import { CATALOG_SCOPE, CORRECTION_SCOPE_COLUMNS } from '../access.js';
import { db, instant, jsonb, type DB } from './tables.js';
import { isUuid } from './resources.js';

export function toCorrectionRow(c: Selectable<DB['correction_request']>): CorrectionRow {
  return {
    id: c.id,
    resourceId: c.resource_id,
    jurisdiction: c.jurisdiction,
    sourceUnitId: c.source_agency_id,
    raisedBySub: c.raised_by_sub,
    raisedByOrg: c.raised_by_org,
    fieldNames: c.field_names,
    problem: c.problem,
    evidence: c.evidence,
    raisedOn: c.raised_on,
    dueOn: c.due_on,
    dueRule: c.due_rule,
    state: c.state as CorrectionState,
    answeredOn: c.answered_on,
    answeredBy: c.answered_by,
    answerReason: c.answer_reason,
    correctedVersion: c.corrected_version,
    onTime: c.on_time,
    createdAt: new Date(c.created_at),
  };
}

const corrections = (em: Em) => db(em).selectFrom('correction_request').selectAll();

export async function loadCorrection(em: Em, id: string, forUpdate = false): Promise<CorrectionRow | null> {
  if (!isUuid(id)) return null;
  let q = corrections(em).where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toCorrectionRow(row) : null;
}

export async function insertCorrection(em: Em, c: CorrectionRow): Promise<void> {
  await db(em)
    .insertInto('correction_request')
    .values({
      id: c.id,
      resource_id: c.resourceId,
      jurisdiction: c.jurisdiction,
      source_agency_id: c.sourceUnitId,
      raised_by_sub: c.raisedBySub,
      raised_by_org: c.raisedByOrg,
      field_names: jsonb(c.fieldNames),
      problem: c.problem,
      evidence: c.evidence,
      raised_on: c.raisedOn,
      due_on: c.dueOn,
      due_rule: c.dueRule,
      state: c.state,
      created_at: instant(c.createdAt),
    })
    .execute();
}

export async function saveAnswer(em: Em, c: Pick<CorrectionRow, 'id' | 'state' | 'answeredOn' | 'answeredBy' | 'answerReason' | 'correctedVersion' | 'onTime'>): Promise<void> {
  await db(em)
    .updateTable('correction_request')
    .set({ state: c.state, answered_on: c.answeredOn, answered_by: c.answeredBy, answer_reason: c.answerReason, corrected_version: c.correctedVersion, on_time: c.onTime })
    .where('id', '=', c.id)
    .execute();
}

export interface CorrectionFilter {
  resourceId?: string | null;
  sourceUnitId?: string | null;
  states?: string[] | null;
  /** Open and past due on this day. */
  overdueOn?: LocalDate | null;
}

/** A page of the correction requests the caller may see: newest first, or by due date for the overdue ones. */
export function correctionPage(em: Em, identity: Identity, f: CorrectionFilter, window: { limit: number; offset: number }) {
  let q = corrections(em).where(scopeWhere(identity, CORRECTION_SCOPE_COLUMNS, CATALOG_SCOPE));
  if (f.resourceId) q = q.where(sql`resource_id::text`, '=', f.resourceId);
  if (f.sourceUnitId) q = q.where(sql`source_agency_id::text`, '=', f.sourceUnitId);
  if (f.states?.length) q = q.where('state', 'in', f.states);
  if (f.overdueOn) q = q.where('state', '=', 'OPEN').where('due_on', '<', f.overdueOn).orderBy('due_on');
  else q = q.orderBy('created_at', 'desc');
  return pageOf(db(em), q.orderBy('id'), window);
}

/** Open requests per resource, for the loader. */
export async function openCorrectionCounts(em: Em, resourceIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await db(em)
    .selectFrom('correction_request')
    .select(['resource_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('state', '=', 'OPEN')
    .where('resource_id', 'in', resourceIds)
    .groupBy('resource_id')
    .execute();
  return new Map(rows.map((r) => [r.resource_id, Number(r.n)]));
}

/** How a source unit answered the requests raised in a period (contribution evaluation), one statement. */
export async function correctionTimeliness(em: Em, sourceUnitId: string, from: LocalDate, to: LocalDate, today: LocalDate) {
  const count = (when: ReturnType<typeof sql<boolean>>) => sql<string>`count(*) filter (where ${when})`;
  const row = await db(em)
    .selectFrom('correction_request')
    .select((eb) => [
      eb.fn.countAll<string>().as('raised'),
      count(sql`state <> 'OPEN'`).as('answered'),
      count(sql`on_time`).as('answeredOnTime'),
      count(sql`on_time = false`).as('answeredLate'),
      count(sql`state = 'OPEN' and due_on < ${today}`).as('openOverdue'),
    ])
    .where(sql`source_agency_id::text`, '=', sourceUnitId)
    .where('raised_on', '>=', from)
    .where('raised_on', '<=', to)
    .executeTakeFirst();
  const n = (v: string | undefined) => Number(v ?? 0);
  return { raised: n(row?.raised), answered: n(row?.answered), answeredOnTime: n(row?.answeredOnTime), answeredLate: n(row?.answeredLate), openOverdue: n(row?.openOverdue) };
}
