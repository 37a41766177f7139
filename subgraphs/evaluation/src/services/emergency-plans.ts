import { assertInScope, conflict, forbidden, inTransaction, newId, notFound, requireJurisdiction, type Identity, type UnitOfWork } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { profileOf } from '../data/profile.js';
import type { EvaluationEvents } from '@pdo/events';
import { SECURITY_DUTY_SCOPE, securityDutyHolder } from '../access.js';
import { badInput } from '../domain/refusal.js';
import { checkDrillInterval, checkPastDate, checkPlanAuthorization, drillIntervalMonths, nextDrillDue } from '../domain/security-duties.js';
import { agreementOperator } from '../data/incidents.js';
import {
  activePlanFor,
  currentVersionOf,
  insertDrill,
  insertPlan,
  insertPlanVersion,
  lastDrillOn,
  orgOfJurisdiction,
  planById,
  planPage,
  updatePlanSchedule,
  type PlanRow,
} from '../data/security-duties.js';
import { useCase } from './refusals.js';

export type { PlanRow, PlanVersionRow, DrillRow } from '../data/security-duties.js';

type Window = { limit: number; offset: number };
const text = (v: string | null | undefined, field: string, zh: string, en: string) => {
  const t = v?.trim();
  if (!t) throw badInput(zh, en, { field });
  return t;
};

/** The holder records and revises its own plan; the authority of the jurisdiction any plan there (ZJC §五(四): it makes the plan with the operator). */
function assertMayKeep(identity: Identity, plan: { jurisdiction: string; holder_org_id: string }): void {
  if (identity.role === 'AUTHORITY' && identity.jurisdiction === plan.jurisdiction) return;
  if (identity.org && identity.org === plan.holder_org_id && identity.jurisdiction === plan.jurisdiction) return;
  throw forbidden('只能维护本单位的应急预案', 'You may only keep your own organization’s emergency plan');
}

/** The plan's state as licensing's operation gate follows it (EmergencyPlanChanged, a full snapshot). */
function planChanged(plan: PlanRow, change: EvaluationEvents.EmergencyPlanChanged['change'], adoptedOn: string, at: Date): EvaluationEvents.EmergencyPlanChanged {
  return {
    planId: plan.id,
    jurisdiction: plan.jurisdiction,
    holderOrgId: plan.holder_org_id,
    holderKind: plan.holder_kind as EvaluationEvents.EmergencyPlanChanged['holderKind'],
    agreementId: plan.agreement_id,
    change,
    status: plan.status as EvaluationEvents.EmergencyPlanChanged['status'],
    version: plan.current_version,
    adoptedOn,
    effectiveAt: at.toISOString(),
  };
}

async function lockedPlan(tx: UnitOfWork['tx'], id: string): Promise<PlanRow> {
  const p = await planById(tx, id, true);
  if (!p) throw notFound('应急预案', 'Emergency plan', id);
  return p;
}

export const emergencyPlans = useCase(async (ctx, input: { jurisdiction: string; holderOrgId: string | null; agreementId: string | null; window: Window }) => {
  requireJurisdiction(ctx.identity, input.jurisdiction);
  return planPage(ctx.em, ctx.identity, SECURITY_DUTY_SCOPE, { jurisdiction: input.jurisdiction, holderOrgId: input.holderOrgId, agreementId: input.agreementId }, input.window);
});

export const emergencyPlan = useCase(async (ctx, input: { id: string }) => {
  const p = await planById(ctx.em, input.id);
  if (!p) return null;
  assertInScope(ctx.identity, { jurisdiction: p.jurisdiction, orgIds: [p.holder_org_id] }, { ...SECURITY_DUTY_SCOPE, entity: ['应急预案', 'Emergency plan'], id: input.id });
  return p;
});

export interface NewPlanInput {
  holderOrgId?: string | null;
  holderKind?: 'OPERATOR' | 'SERVICE_PROVIDER' | null;
  agreementId?: string | null;
  title: string;
  summary: string;
  adoptedOn: string;
  drillEveryMonths?: number | null;
}

/**
 * Records an emergency plan (version 1). Where the profile requires one plan per authorization (ZJC 一授权一预案) the
 * plan names its authorization and a second active plan of the same holder for it is refused.
 */
export const recordEmergencyPlan = useCase(async (ctx, input: NewPlanInput) => {
  const jurisdiction = ctx.identity.jurisdiction;
  if (!jurisdiction) throw forbidden('需要辖区身份', 'A jurisdiction is required');
  const today = todayInShanghai(ctx.now);
  const holder = securityDutyHolder(ctx.identity, input.holderOrgId ?? null, input.holderKind ?? null);
  const title = text(input.title, 'input.title', '须填写预案名称', 'A title is required');
  const summary = text(input.summary, 'input.summary', '须概述预案内容', 'A summary is required');
  const adoptedOn = checkPastDate(input.adoptedOn, today, 'input.adoptedOn');
  const every = checkDrillInterval(input.drillEveryMonths);
  const profile = await profileOf(ctx.em, jurisdiction);
  const agreementId = input.agreementId ?? null;
  checkPlanAuthorization(profile, agreementId);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    if (!(await orgOfJurisdiction(tx, holder.orgId, jurisdiction))) throw notFound('本辖区的预案制定单位', 'Holder of the plan in this jurisdiction', holder.orgId);
    if (agreementId) {
      const ag = await agreementOperator(tx, agreementId, jurisdiction);
      if (!ag) throw notFound('授权协议', 'Agreement', agreementId);
      if (holder.kind === 'OPERATOR' && ag.operator_id !== holder.orgId) throw badInput('授权协议不属于该运营机构', 'The agreement is not the operator’s', { field: 'input.agreementId' });
      if (await activePlanFor(tx, agreementId, holder.orgId)) throw conflict('该授权已有应急预案，请修订现有预案', 'This authorization already has a plan: revise it', { details: { agreementId } });
    }
    const id = newId();
    const nextDue = nextDrillDue(adoptedOn, drillIntervalMonths(profile, every));
    await insertPlan(tx, { id, jurisdiction, holderOrgId: holder.orgId, holderKind: holder.kind, agreementId, title, nextDrillDueOn: nextDue, by: ctx.identity.sub, at: ctx.now });
    await insertPlanVersion(tx, { planId: id, version: 1, summary, adoptedOn, drillEveryMonths: every, by: ctx.identity.sub, at: ctx.now });
    audit({ entityType: 'EmergencyPlan', entityId: id, action: 'RECORDED', changes: { holderOrgId: holder.orgId, holderKind: holder.kind, agreementId, adoptedOn, drillEveryMonths: every, nextDrillDueOn: nextDue } });
    const plan = (await planById(tx, id))!;
    await publish('EmergencyPlanChanged', planChanged(plan, 'FILED', adoptedOn, ctx.now), jurisdiction);
    return plan;
  });
});

/** A new version of a plan: the drill schedule restarts from the last drill, or from the new version's adoption. */
export const reviseEmergencyPlan = useCase(async (ctx, input: { planId: string; summary: string; adoptedOn: string; drillEveryMonths?: number | null }) => {
  const today = todayInShanghai(ctx.now);
  const summary = text(input.summary, 'input.summary', '须概述修订内容', 'A summary is required');
  const adoptedOn = checkPastDate(input.adoptedOn, today, 'input.adoptedOn');
  const every = checkDrillInterval(input.drillEveryMonths);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const plan = await lockedPlan(tx, input.planId);
    assertMayKeep(ctx.identity, plan);
    if (plan.status !== 'ACTIVE') throw conflict('预案已撤销', 'The plan is withdrawn', { details: { status: plan.status } });
    const version = plan.current_version + 1;
    const lastDrill = await lastDrillOn(tx, plan.id);
    const from = lastDrill && lastDrill > adoptedOn ? lastDrill : adoptedOn;
    const nextDue = nextDrillDue(from, drillIntervalMonths(await profileOf(tx, plan.jurisdiction), every));
    await insertPlanVersion(tx, { planId: plan.id, version, summary, adoptedOn, drillEveryMonths: every, by: ctx.identity.sub, at: ctx.now });
    await updatePlanSchedule(tx, plan.id, { currentVersion: version, nextDrillDueOn: nextDue });
    audit({ entityType: 'EmergencyPlan', entityId: plan.id, action: 'REVISED', changes: { version, adoptedOn, drillEveryMonths: every, nextDrillDueOn: nextDue } });
    const revised = (await planById(tx, plan.id))!;
    await publish('EmergencyPlanChanged', planChanged(revised, 'SUPERSEDED', adoptedOn, ctx.now), plan.jurisdiction);
    return revised;
  });
});

/** A drill of the plan's current version, with its findings; the next drill falls due one interval after it. */
export const recordEmergencyDrill = useCase(async (ctx, input: { planId: string; heldOn: string; scenario: string; findings: string }) => {
  const today = todayInShanghai(ctx.now);
  const heldOn = checkPastDate(input.heldOn, today, 'input.heldOn');
  const scenario = text(input.scenario, 'input.scenario', '须说明演练场景', 'A drill scenario is required');
  const findings = text(input.findings, 'input.findings', '须记录演练发现的问题', 'The drill’s findings are required');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const plan = await lockedPlan(tx, input.planId);
    assertMayKeep(ctx.identity, plan);
    if (plan.status !== 'ACTIVE') throw conflict('预案已撤销', 'The plan is withdrawn', { details: { status: plan.status } });
    const current = await currentVersionOf(tx, plan.id, plan.current_version);
    if (heldOn < current.adopted_on) throw badInput('演练不能早于现行预案的发布日期', 'A drill cannot precede the adoption of the current version', { field: 'input.heldOn' });
    const id = newId();
    await insertDrill(tx, { id, planId: plan.id, planVersion: plan.current_version, heldOn, scenario, findings, by: ctx.identity.sub, at: ctx.now });
    const last = (await lastDrillOn(tx, plan.id))!;
    const nextDue = nextDrillDue(last, drillIntervalMonths(await profileOf(tx, plan.jurisdiction), current.drill_every_months));
    await updatePlanSchedule(tx, plan.id, { nextDrillDueOn: nextDue });
    audit({ entityType: 'EmergencyPlan', entityId: plan.id, action: 'DRILLED', changes: { drillId: id, heldOn, version: plan.current_version, nextDrillDueOn: nextDue } });
    return (await planById(tx, plan.id))!;
  });
});
