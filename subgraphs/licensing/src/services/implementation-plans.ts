import { badInput, conflict, connectionOf, forbidden, inTransaction, newId, notFound, policyViolation, requireJurisdiction, requireRole, type Em, type PageArgs } from '@pdo/platform';
import { checkPlanDrafter, checkPlanInForce, isJurisdictionCode, isLocalDate, PLAN_CHANGE_GROUNDS, planChangeIsMajor, type EffectiveProfile, type LocalDate, type PlanChangeGround } from '@pdo/policy';
import { isOfficialOf } from '../access.js';
import { getPlan, insertPlan, latestPlanVersion, planInState, planPage, setAgreementPlan, updatePlan, type PlanRow } from '../data/plans.js';
import { enforce, required, today, type Ctx } from './checks.js';
import { loadProfile } from './profiles.js';

export type { PlanRow } from '../data/plans.js';

/**
 * The implementation plan (实施方案) of a jurisdiction: drafted by whom the profile names (NS Art 8; HN Art 11; QHD),
 * approved by a collective decision (三重一大) recorded with its date, body and reference (NS Art 11; HN Art 11; QHD
 * §三(三)3(1)), approved again on a major change (较大变更: the profile's grounds, or the drafter's declaration), filed
 * (备案), every version kept. An agreement is signed under the plan in force (NS Art 12).
 */
export interface DraftPlanInput {
  jurisdiction: string;
  title: string;
  summary: string;
  /** NS Art 9 / HN Art 12 contents, item by item (free keys, text values). */
  contents?: Record<string, string> | null;
  /** For a change of the plan in force: what it changes, and why. */
  changeGrounds?: PlanChangeGround[] | null;
  changeNote?: string | null;
  /** The drafter declares the change major (较大变更) where the profile names no grounds. */
  declaredMajor?: boolean | null;
}

function cleanContents(c: Record<string, string> | null | undefined): Record<string, string> {
  if (c == null) return {};
  if (typeof c !== 'object' || Array.isArray(c)) throw badInput('方案内容须为条目对象', 'contents must be an object of items', { field: 'input.contents' });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(c)) {
    if (typeof v !== 'string' || !v.trim() || k.length > 100 || v.length > 4000) throw badInput(`方案内容条目无效：${k}`, `Invalid contents item ${k}`, { field: `input.contents.${k}` });
    out[k] = v.trim();
  }
  return out;
}

export async function draftImplementationPlan(ctx: Ctx, input: DraftPlanInput): Promise<string> {
  const { jurisdiction } = input;
  if (!isJurisdictionCode(jurisdiction)) throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction ${jurisdiction}`, { field: 'input.jurisdiction' });
  const title = required(input.title, 'input.title', '方案名称', 'Title');
  const summary = required(input.summary, 'input.summary', '方案摘要', 'Summary');
  if (title.length > 200 || summary.length > 4000) throw badInput('名称或摘要过长', 'Title or summary too long', { field: 'input.summary' });
  const contents = cleanContents(input.contents);
  const grounds = [...new Set(input.changeGrounds ?? [])];
  if (grounds.some((g) => !(PLAN_CHANGE_GROUNDS as readonly string[]).includes(g))) throw badInput('变更事由无效', 'Unknown change ground', { field: 'input.changeGrounds' });
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
  requireJurisdiction(ctx.identity, jurisdiction);
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const { profile, version: profileVersion } = await loadProfile(tx, jurisdiction);
    const drafter = checkPlanDrafter(profile, ctx.identity.role);
    if (!drafter.ok) throw forbidden(`${drafter.messageZh}（${drafter.source}）`, `${drafter.messageEn} (${drafter.source})`, { details: { rule: drafter.source, drafters: profile.implementationPlan.value.drafters } });
    if (await planInState(tx, jurisdiction, 'DRAFTED')) throw conflict('本辖区已有待审议的方案草案', 'A draft plan is already awaiting approval here', { details: { reason: 'DRAFT_PENDING' } });
    const inForce = await planInState(tx, jurisdiction, 'APPROVED', true);
    let major = true;
    let changeNote: string | null = null;
    if (inForce) {
      if (!grounds.length) throw badInput('修改现行方案须说明变更事由', 'A change of the plan in force names what it changes', { field: 'input.changeGrounds' });
      changeNote = required(input.changeNote, 'input.changeNote', '变更说明', 'Change note');
      major = planChangeIsMajor(profile, grounds, input.declaredMajor === true).major;
    } else if (grounds.length) {
      throw badInput('尚无现行方案，首个方案不是变更', 'No plan is in force: a first plan is not a change', { field: 'input.changeGrounds' });
    }
    const id = newId();
    const version = (await latestPlanVersion(tx, jurisdiction)) + 1;
    await insertPlan(tx, {
      id, jurisdiction, version, title, summary, contents, amendsId: inForce?.id ?? null, changeGrounds: grounds, changeNote, majorChange: major,
      draftedBy: ctx.identity.sub, draftedByRole: ctx.identity.role, draftedOn: day, profileVersion, at: ctx.now.toISOString(),
    });
    audit({ entityType: 'ImplementationPlan', entityId: id, action: 'DRAFTED', changes: { jurisdiction, version, amendsId: inForce?.id ?? null, changeGrounds: grounds, majorChange: major, rule: profile.implementationPlan.source } });
    return id;
  });
}

export interface ApprovePlanInput {
  planId: string;
  decidedOn?: LocalDate | null;
  decisionBody?: string | null;
  decisionRef?: string | null;
}

/**
 * The data authority records the approval (NS Art 11: it submits the plan to the government). A first plan or a major
 * change needs the collective decision — date, body, reference; a change that is not major stays under the decision
 * of the plan it amends. The approved version supersedes the one in force.
 */
export async function approveImplementationPlan(ctx: Ctx, input: ApprovePlanInput): Promise<string> {
  const day = today(ctx);
  if (input.decidedOn != null && !isLocalDate(input.decidedOn)) throw badInput('决策日期无效', 'Invalid decision date', { field: 'input.decidedOn' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const plan = await loadPlan(tx, ctx, input.planId);
    if (plan.status !== 'DRAFTED') throw conflict(`方案版本当前状态为 ${plan.status}，不能审议`, `The plan version is ${plan.status}; only a draft is approved`, { details: { reason: 'INVALID_TRANSITION', from: plan.status } });
    const { profile } = await loadProfile(tx, plan.jurisdiction);
    const inForce = await planInState(tx, plan.jurisdiction, 'APPROVED', true);
    let decision: { decidedOn: string; decisionBody: string; decisionRef: string };
    if (plan.majorChange || !inForce?.decidedOn) {
      decision = collectiveDecision(profile, input, plan, day);
    } else {
      // Not major: the decision of the plan it amends carries over (NS Art 11: only a major change goes back).
      decision = { decidedOn: inForce.decidedOn, decisionBody: inForce.decisionBody!, decisionRef: inForce.decisionRef! };
    }
    if (inForce) await updatePlan(tx, inForce.id, { status: 'SUPERSEDED' });
    await updatePlan(tx, plan.id, { status: 'APPROVED', ...decision, approvedOn: day, approvedBy: ctx.identity.sub });
    audit({ entityType: 'ImplementationPlan', entityId: plan.id, action: plan.majorChange ? 'APPROVED' : 'MINOR_CHANGE_IN_FORCE', changes: { ...decision, supersedes: inForce?.id ?? null, rule: profile.implementationPlan.source } });
    if (inForce) audit({ entityType: 'ImplementationPlan', entityId: inForce.id, action: 'SUPERSEDED', changes: { by: plan.id } });
    return plan.id;
  });
}

function collectiveDecision(profile: EffectiveProfile, input: ApprovePlanInput, plan: PlanRow, day: LocalDate) {
  const s = profile.implementationPlan;
  const missing = (['decidedOn', 'decisionBody', 'decisionRef'] as const).filter((k) => !input[k]?.trim());
  if (missing.length) {
    const what = plan.amendsId ? '较大变更须按原流程重新审议' : '实施方案须经“三重一大”集体决策审议通过';
    const whatEn = plan.amendsId ? 'A major change is approved again by the same procedure' : 'The plan is approved by a collective decision (三重一大)';
    throw policyViolation(s.source, `${what}：须填写决策日期、决策机构（${s.value.approvalBody.split(' | ')[0]}）和决策文号`, `${whatEn}: give the decision's date, body (${s.value.approvalBody.split(' | ').at(-1)}) and reference`, {
      field: `input.${missing[0]}`,
      details: { reason: 'COLLECTIVE_DECISION_REQUIRED', missing },
    });
  }
  const decidedOn = input.decidedOn!;
  if (decidedOn > day) throw badInput('决策日期不能晚于今天', 'The decision cannot be in the future', { field: 'input.decidedOn' });
  if (decidedOn < plan.draftedOn) throw badInput('决策日期不能早于方案起草日', 'The decision cannot precede the draft', { field: 'input.decidedOn' });
  return { decidedOn, decisionBody: input.decisionBody!.trim(), decisionRef: input.decisionRef!.trim() };
}

/** Filing (备案) of the version in force with the body the profile names (NS Art 11; HN Art 11). */
export async function fileImplementationPlan(ctx: Ctx, input: { planId: string }): Promise<string> {
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const plan = await loadPlan(tx, ctx, input.planId);
    if (ctx.identity.role !== 'AUTHORITY') throw forbidden('方案由数据主管部门报备', 'The data authority files the plan');
    if (plan.status !== 'APPROVED') throw conflict('只有现行方案可以备案', 'Only the plan in force is filed', { details: { reason: 'INVALID_TRANSITION', from: plan.status } });
    if (plan.filedOn) throw conflict('方案已备案', 'The plan is already filed');
    const { profile } = await loadProfile(tx, plan.jurisdiction);
    const filedWith = profile.implementationPlan.value.filingWith;
    if (!filedWith) throw conflict('本辖区未规定方案备案', 'No filing of the plan is provided for here', { details: { reason: 'NOT_REGULATED', rule: profile.implementationPlan.source } });
    await updatePlan(tx, plan.id, { filedOn: day, filedWith });
    audit({ entityType: 'ImplementationPlan', entityId: plan.id, action: 'FILED', changes: { filedOn: day, filedWith } });
    return plan.id;
  });
}

async function loadPlan(tx: Em, ctx: Ctx, id: string): Promise<PlanRow> {
  const plan = await getPlan(tx, id, true);
  if (!plan || !isOfficialOf(ctx.identity, plan.jurisdiction) || !['AUTHORITY', 'AGENCY'].includes(ctx.identity.role)) throw notFound('实施方案', 'Implementation plan', id);
  return plan;
}

/**
 * Signing step (NS Art 12): the plan in force where the profile requires one; its id is kept with the agreement. The
 * plan row is locked so an approval cannot supersede it between the check and the signature.
 */
export async function attachPlanInForce(tx: Em, profile: EffectiveProfile, jurisdiction: string, agreementId: string): Promise<string | null> {
  const plan = await planInState(tx, jurisdiction, 'APPROVED', true);
  enforce(checkPlanInForce(profile, plan), { reason: 'NO_PLAN_IN_FORCE' });
  if (plan) await setAgreementPlan(tx, agreementId, plan.id);
  return plan?.id ?? null;
}

// ── reads ──────────────────────────────────────────────────────────────────

/** Approved and superseded versions are public (NS Art 18: what is authorized and on what basis); drafts only to the jurisdiction's officials. */
const visible = (ctx: Ctx, p: PlanRow | null) => (p && (p.status !== 'DRAFTED' || isOfficialOf(ctx.identity, p.jurisdiction)) ? p : null);

export async function implementationPlan(ctx: Ctx, id: string): Promise<PlanRow | null> {
  return visible(ctx, await ctx.loaders.planById.load(id));
}

export async function planInForce(ctx: Ctx, jurisdiction: string): Promise<PlanRow | null> {
  if (!isJurisdictionCode(jurisdiction)) throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction ${jurisdiction}`, { field: 'jurisdiction' });
  return planInState(ctx.em, jurisdiction, 'APPROVED');
}

/** Every version, newest first; a draft only to the jurisdiction's officials. */
export async function implementationPlans(ctx: Ctx, input: { jurisdiction: string; args: PageArgs }) {
  if (!isJurisdictionCode(input.jurisdiction)) throw badInput(`未知辖区：${input.jurisdiction}`, `Unknown jurisdiction ${input.jurisdiction}`, { field: 'jurisdiction' });
  return connectionOf(input.args, (win) => planPage(ctx.em, input.jurisdiction, isOfficialOf(ctx.identity, input.jurisdiction), win));
}

export const planOfAgreement = (ctx: Ctx, planId: string | null) => (planId ? ctx.loaders.planById.load(planId) : null);
