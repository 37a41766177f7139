import { pageOf, type Em } from '@pdo/platform';
import { camel, camelAll, type Camel } from './rows.js';
import { db, jsonb } from './tables.js';
import type { Selectable } from 'kysely';
import type { DB } from './tables.js';

/** Implementation plan versions and exit checklist items as plain rows. */
export type PlanStatus = 'DRAFTED' | 'APPROVED' | 'SUPERSEDED';
export type PlanRow = Omit<Camel<Selectable<DB['implementation_plan']>>, 'status'> & { status: PlanStatus };
export type ExitDutyRow = Camel<Selectable<DB['exit_duty']>>;

type Window = { limit: number; offset: number };

export async function getPlan(em: Em, id: string, lock = false): Promise<PlanRow | null> {
  let q = db(em).selectFrom('implementation_plan').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (camel(row) as PlanRow) : null;
}

export async function plansByIds(em: Em, ids: readonly string[]): Promise<PlanRow[]> {
  return camelAll(await db(em).selectFrom('implementation_plan').selectAll().where('id', 'in', ids).execute()) as PlanRow[];
}

/** The version of the jurisdiction's plan in `status` (at most one is in force and one in draft: unique indexes). */
export async function planInState(em: Em, jurisdiction: string, status: 'APPROVED' | 'DRAFTED', lock = false): Promise<PlanRow | null> {
  let q = db(em).selectFrom('implementation_plan').selectAll().where('jurisdiction', '=', jurisdiction).where('status', '=', status);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? (camel(row) as PlanRow) : null;
}

export async function latestPlanVersion(em: Em, jurisdiction: string): Promise<number> {
  const row = await db(em).selectFrom('implementation_plan').select((eb) => eb.fn.max<number>('version').as('v')).where('jurisdiction', '=', jurisdiction).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Every version of a jurisdiction's plan, newest first; the draft only when `withDraft`. */
export async function planPage(em: Em, jurisdiction: string, withDraft: boolean, window: Window) {
  const k = db(em);
  let q = k.selectFrom('implementation_plan').selectAll().where('jurisdiction', '=', jurisdiction).orderBy('version', 'desc');
  if (!withDraft) q = q.where('status', '<>', 'DRAFTED');
  const page = await pageOf(k, q, window);
  return { rows: camelAll(page.rows) as PlanRow[], totalCount: page.totalCount };
}

export async function insertPlan(
  em: Em,
  r: Pick<PlanRow, 'id' | 'jurisdiction' | 'version' | 'title' | 'summary' | 'contents' | 'amendsId' | 'changeGrounds' | 'changeNote' | 'majorChange' | 'draftedBy' | 'draftedByRole' | 'draftedOn' | 'profileVersion'> & { at: string },
): Promise<void> {
  await db(em)
    .insertInto('implementation_plan')
    .values({
      id: r.id, jurisdiction: r.jurisdiction, version: r.version, title: r.title, summary: r.summary, contents: jsonb(r.contents), status: 'DRAFTED',
      amends_id: r.amendsId, change_grounds: r.changeGrounds, change_note: r.changeNote, major_change: r.majorChange,
      drafted_by: r.draftedBy, drafted_by_role: r.draftedByRole, drafted_on: r.draftedOn, profile_version: r.profileVersion, created_at: r.at,
    })
    .execute();
}

export async function updatePlan(
  em: Em,
  id: string,
  patch: Partial<Pick<PlanRow, 'status' | 'decidedOn' | 'decisionBody' | 'decisionRef' | 'approvedOn' | 'approvedBy' | 'filedOn' | 'filedWith'>>,
): Promise<void> {
  await db(em)
    .updateTable('implementation_plan')
    .set({
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.decidedOn !== undefined && { decided_on: patch.decidedOn }),
      ...(patch.decisionBody !== undefined && { decision_body: patch.decisionBody }),
      ...(patch.decisionRef !== undefined && { decision_ref: patch.decisionRef }),
      ...(patch.approvedOn !== undefined && { approved_on: patch.approvedOn }),
      ...(patch.approvedBy !== undefined && { approved_by: patch.approvedBy }),
      ...(patch.filedOn !== undefined && { filed_on: patch.filedOn }),
      ...(patch.filedWith !== undefined && { filed_with: patch.filedWith }),
    })
    .where('id', '=', id)
    .execute();
}

export async function setAgreementPlan(em: Em, agreementId: string, planId: string): Promise<void> {
  await db(em).updateTable('agreement').set({ plan_id: planId }).where('id', '=', agreementId).execute();
}

// ── exit checklist ─────────────────────────────────────────────────────────

export async function exitDutiesOf(em: Em, agreementId: string): Promise<ExitDutyRow[]> {
  return camelAll(await db(em).selectFrom('exit_duty').selectAll().where('agreement_id', '=', agreementId).orderBy('created_at').orderBy('id').execute());
}

/** One query for a batch of agreements (the loader's). */
export async function exitDutiesOfMany(em: Em, agreementIds: readonly string[]): Promise<ExitDutyRow[]> {
  return camelAll(await db(em).selectFrom('exit_duty').selectAll().where('agreement_id', 'in', agreementIds).orderBy('created_at').orderBy('id').execute());
}

export async function insertExitDuty(em: Em, r: Omit<ExitDutyRow, 'createdAt'> & { at: string }): Promise<void> {
  await db(em)
    .insertInto('exit_duty')
    .values({
      id: r.id, agreement_id: r.agreementId, item: r.item, done_on: r.doneOn, evidence: r.evidence, document_hash: r.documentHash, successor_id: r.successorId,
      filed_with: r.filedWith, confirmed_by: r.confirmedBy, confirmed_by_role: r.confirmedByRole, created_at: r.at,
    })
    .execute();
}
