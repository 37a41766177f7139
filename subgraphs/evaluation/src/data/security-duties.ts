import { sql } from 'kysely';
import { pageOf, scopeWhere, type Em, type Identity, type ScopeOptions } from '@pdo/platform';
import { db } from './tables.js';

type Window = { limit: number; offset: number };

// ── emergency plans (应急处置预案) and drills ──

/** Whether the organization is registered in the jurisdiction (licensing's facts, projected). */
export async function orgOfJurisdiction(em: Em, id: string, jurisdiction: string): Promise<boolean> {
  return !!(await db(em).selectFrom('org_projection').select('id').where('id', '=', id).where('jurisdiction', '=', jurisdiction).executeTakeFirst());
}

export function planById(em: Em, id: string, lock = false) {
  let q = db(em).selectFrom('emergency_plan').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof planById>>>;

export function activePlanFor(em: Em, agreementId: string, holderOrgId: string) {
  return db(em).selectFrom('emergency_plan').select('id').where('agreement_id', '=', agreementId).where('holder_org_id', '=', holderOrgId).where('status', '=', 'ACTIVE').executeTakeFirst();
}

/** The plans of a jurisdiction the caller may see: the supervisors all, a holder its own. */
export function planPage(em: Em, identity: Identity, scope: ScopeOptions, f: { jurisdiction: string; holderOrgId: string | null; agreementId: string | null }, window: Window) {
  const k = db(em);
  let q = k.selectFrom('emergency_plan').selectAll().where('jurisdiction', '=', f.jurisdiction).where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['holder_org_id'] }, scope));
  if (f.holderOrgId) q = q.where('holder_org_id', '=', f.holderOrgId);
  if (f.agreementId) q = q.where('agreement_id', '=', f.agreementId);
  return pageOf(k, q.orderBy('created_at', 'desc').orderBy('id'), window);
}

export interface NewPlan {
  id: string;
  jurisdiction: string;
  holderOrgId: string;
  holderKind: string;
  agreementId: string | null;
  title: string;
  nextDrillDueOn: string | null;
  by: string;
  at: Date;
}
export function insertPlan(em: Em, p: NewPlan) {
  return db(em)
    .insertInto('emergency_plan')
    .values({ id: p.id, jurisdiction: p.jurisdiction, holder_org_id: p.holderOrgId, holder_kind: p.holderKind, agreement_id: p.agreementId, title: p.title, current_version: 1, status: 'ACTIVE', next_drill_due_on: p.nextDrillDueOn, created_by: p.by, created_at: p.at.toISOString() })
    .execute();
}

export function insertPlanVersion(em: Em, v: { planId: string; version: number; summary: string; adoptedOn: string; drillEveryMonths: number | null; by: string; at: Date }) {
  return db(em)
    .insertInto('emergency_plan_version')
    .values({ plan_id: v.planId, version: v.version, summary: v.summary, adopted_on: v.adoptedOn, drill_every_months: v.drillEveryMonths, recorded_by: v.by, recorded_at: v.at.toISOString() })
    .execute();
}

export function updatePlanSchedule(em: Em, id: string, set: { currentVersion?: number; nextDrillDueOn: string | null }) {
  return db(em)
    .updateTable('emergency_plan')
    .set({ ...(set.currentVersion ? { current_version: set.currentVersion } : {}), next_drill_due_on: set.nextDrillDueOn })
    .where('id', '=', id)
    .execute();
}

export function currentVersionOf(em: Em, planId: string, version: number) {
  return db(em).selectFrom('emergency_plan_version').selectAll().where('plan_id', '=', planId).where('version', '=', version).executeTakeFirstOrThrow();
}

export async function lastDrillOn(em: Em, planId: string): Promise<string | null> {
  const r = await db(em).selectFrom('emergency_drill').select((e) => e.fn.max('held_on').as('last')).where('plan_id', '=', planId).executeTakeFirst();
  return (r?.last as string | null | undefined) ?? null;
}

export function insertDrill(em: Em, d: { id: string; planId: string; planVersion: number; heldOn: string; scenario: string; findings: string; by: string; at: Date }) {
  return db(em)
    .insertInto('emergency_drill')
    .values({ id: d.id, plan_id: d.planId, plan_version: d.planVersion, held_on: d.heldOn, scenario: d.scenario, findings: d.findings, recorded_by: d.by, recorded_at: d.at.toISOString() })
    .execute();
}

/** Versions and drills of many plans, for the loaders. */
export function versionsOfPlans(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('emergency_plan_version').selectAll().where('plan_id', 'in', ids).orderBy('version').execute();
}
export type PlanVersionRow = Awaited<ReturnType<typeof versionsOfPlans>>[number];
export function drillsOfPlans(em: Em, ids: readonly string[]) {
  return db(em).selectFrom('emergency_drill').selectAll().where('plan_id', 'in', ids).orderBy('held_on').orderBy('id').execute();
}
export type DrillRow = Awaited<ReturnType<typeof drillsOfPlans>>[number];

// ── third-party security assessments (TZ Art 27) ──

export function assessmentById(em: Em, id: string, lock = false) {
  let q = db(em).selectFrom('security_assessment').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type AssessmentRow = NonNullable<Awaited<ReturnType<typeof assessmentById>>>;

export async function lastAssessedOn(em: Em, operatorId: string): Promise<string | null> {
  const r = await db(em).selectFrom('security_assessment').select((e) => e.fn.max('assessed_on').as('last')).where('operator_id', '=', operatorId).executeTakeFirst();
  return (r?.last as string | null | undefined) ?? null;
}

export function assessmentPage(em: Em, identity: Identity, scope: ScopeOptions, f: { jurisdiction: string; operatorId: string | null }, window: Window) {
  const k = db(em);
  let q = k.selectFrom('security_assessment').selectAll().where('jurisdiction', '=', f.jurisdiction).where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['operator_id'] }, scope));
  if (f.operatorId) q = q.where('operator_id', '=', f.operatorId);
  return pageOf(k, q.orderBy('commissioned_on', 'desc').orderBy('id'), window);
}

export function insertAssessment(em: Em, a: { id: string; jurisdiction: string; operatorId: string; assessor: string; commissionedOn: string; reportDueOn: string; by: string; at: Date }) {
  return db(em)
    .insertInto('security_assessment')
    .values({ id: a.id, jurisdiction: a.jurisdiction, operator_id: a.operatorId, assessor: a.assessor, commissioned_on: a.commissionedOn, report_due_on: a.reportDueOn, status: 'COMMISSIONED', commissioned_by: a.by, created_at: a.at.toISOString() })
    .execute();
}

export function recordAssessmentReport(em: Em, id: string, r: { assessedOn: string; riskLevel: string; findings: string; followUp: string | null; followUpDueOn: string | null }) {
  const done = r.riskLevel === 'LOW' && !r.followUp;
  return db(em)
    .updateTable('security_assessment')
    .set({ status: done ? 'FOLLOWED_UP' : 'REPORTED', assessed_on: r.assessedOn, risk_level: r.riskLevel, findings: r.findings, follow_up: r.followUp, follow_up_due_on: r.followUpDueOn })
    .where('id', '=', id)
    .execute();
}

export function recordFollowUp(em: Em, id: string, on: string, result: string) {
  return db(em).updateTable('security_assessment').set({ status: 'FOLLOWED_UP', followed_up_on: on, follow_up_result: result }).where('id', '=', id).execute();
}

// ── formal talks (约谈) ──

export function talkById(em: Em, id: string) {
  return db(em).selectFrom('formal_talk').selectAll().where('id', '=', id).executeTakeFirst();
}
export type TalkRow = NonNullable<Awaited<ReturnType<typeof talkById>>>;

export function talkPage(em: Em, identity: Identity, scope: ScopeOptions, f: { jurisdiction: string; operatorId: string | null }, window: Window) {
  const k = db(em);
  let q = k.selectFrom('formal_talk').selectAll().where('jurisdiction', '=', f.jurisdiction).where(scopeWhere(identity, { jurisdiction: 'jurisdiction', orgs: ['operator_id'] }, scope));
  if (f.operatorId) q = q.where('operator_id', '=', f.operatorId);
  return pageOf(k, q.orderBy('held_on', 'desc').orderBy('id'), window);
}

export function insertTalk(em: Em, t: Omit<TalkRow, 'recorded_at'> & { recorded_at: Date }) {
  return db(em).insertInto('formal_talk').values({ ...t, recorded_at: t.recorded_at.toISOString() }).execute();
}

// ── the due list ──

export interface DueDutyRow {
  kind: 'DRILL_OVERDUE' | 'ASSESSMENT_REPORT_OVERDUE' | 'ASSESSMENT_FOLLOW_UP_OVERDUE' | 'EMERGENCY_PLAN_MISSING';
  subject_id: string;
  org_id: string;
  agreement_id: string | null;
  due_on: string | null;
}

/**
 * Security duties overdue on `today` in a jurisdiction (one org's where `orgId`): drills past their due day, assessment
 * reports and follow-ups past theirs, and — where one plan per authorization is required — authorizations in force
 * without an active plan of their operator. Hand-written: one set-based UNION over four record kinds, paged once,
 * which the query builder's paging (it rewrites the select list to count) cannot take.
 */
export async function overdueDutyPage(em: Em, f: { jurisdiction: string; orgId: string | null; today: string; planPerAuthorization: boolean }, window: Window) {
  const org = (col: string) => (f.orgId ? sql`and ${sql.ref(col)} = ${f.orgId}` : sql``);
  const missing = f.planPerAuthorization
    ? sql`union all
      select 'EMERGENCY_PLAN_MISSING', a.id, a.operator_id, a.id, null::date from agreement_projection a
       where a.jurisdiction = ${f.jurisdiction} and a.status in ('SIGNED', 'ACTIVE') and a.start_date <= ${f.today} and a.end_date >= ${f.today} ${org('a.operator_id')}
         and not exists (select 1 from emergency_plan p where p.agreement_id = a.id and p.holder_org_id = a.operator_id and p.status = 'ACTIVE')`
    : sql``;
  const rows = await sql<DueDutyRow & { total: string }>`
    select d.*, count(*) over () as total from (
      select 'DRILL_OVERDUE' as kind, p.id as subject_id, p.holder_org_id as org_id, p.agreement_id, p.next_drill_due_on as due_on from emergency_plan p
       where p.jurisdiction = ${f.jurisdiction} and p.status = 'ACTIVE' and p.next_drill_due_on < ${f.today} ${org('p.holder_org_id')}
      union all
      select 'ASSESSMENT_REPORT_OVERDUE', s.id, s.operator_id, null, s.report_due_on from security_assessment s
       where s.jurisdiction = ${f.jurisdiction} and s.status = 'COMMISSIONED' and s.report_due_on < ${f.today} ${org('s.operator_id')}
      union all
      select 'ASSESSMENT_FOLLOW_UP_OVERDUE', s.id, s.operator_id, null, s.follow_up_due_on from security_assessment s
       where s.jurisdiction = ${f.jurisdiction} and s.status = 'REPORTED' and s.follow_up_due_on < ${f.today} ${org('s.operator_id')}
      ${missing}
    ) d
    order by d.due_on nulls first, d.kind, d.subject_id
    limit ${window.limit} offset ${window.offset}`.execute(db(em));
  const total = rows.rows.length ? Number(rows.rows[0]!.total) : window.offset === 0 ? 0 : (await overdueDutyCount(em, f));
  return { rows: rows.rows.map(({ total: _t, ...r }) => ({ ...r, due_on: r.due_on === null ? null : String(r.due_on) })), totalCount: total };
}

async function overdueDutyCount(em: Em, f: { jurisdiction: string; orgId: string | null; today: string; planPerAuthorization: boolean }): Promise<number> {
  const all = await overdueDutyPage(em, f, { limit: 100_000, offset: 0 });
  return all.totalCount;
}
