import { badInput, conflict, connectionOf, forbidden, inTransaction, newId, notFound, policyViolation, requireJurisdiction, type PageArgs } from '@pdo/platform';
import { calendarOfProfile } from '@pdo/policy';
import type { LicensingEvents } from '@pdo/events';
import { canSeeScenario, SCENARIO_SCOPE } from '../access.js';
import { getAgreement } from '../data/agreements.js';
import { resourcesByIds } from '../data/resources.js';
import type { GrantRow, ScenarioRow } from '../data/rows.js';
import { decideScenario as recordScenarioDecision, decideScenarioResource, getGrant, getScenario, grantPage, insertGrants, insertScenario, insertScenarioResources, scenarioPage, scenarioResourcesOf } from '../data/scenarios.js';
import { AGREEMENT_TRANSITIONS } from '../domain/agreement-lifecycle.js';
import { MIN_NECESSITY, notAuthorizable, outsideAgreement, refusalReasons, SCENARIO_TRANSITIONS, type SubmitScenarioInput } from '../domain/scenarios.js';
import { assertReady } from './agreement-steps.js';
import { assertTransition, policyCall, required, today, type Ctx } from './checks.js';
import { revokeGrants } from './grants.js';
import { loadProfile } from './profiles.js';
import { assertIndustryOpinion } from './scenario-opinions.js';
import { assertReturnedDataConsent } from './returned-data.js';

export async function submitScenario(ctx: Ctx, input: SubmitScenarioInput): Promise<string> {
  const nameZh = required(input.nameZh, 'input.nameZh', '场景名称', 'Scenario name');
  const description = required(input.description, 'input.description', '场景描述', 'Description');
  if (!input.resources.length) throw badInput('须列出场景所需的数据资源', 'List the resources the scenario needs', { field: 'input.resources' });
  const ids = input.resources.map((r) => r.resourceId);
  if (new Set(ids).size !== ids.length) throw badInput('资源不能重复', 'Each resource once', { field: 'input.resources' });
  for (const [i, r] of input.resources.entries()) {
    if (!r.justification?.trim()) throw policyViolation(MIN_NECESSITY, '每项资源须说明最小必要理由', 'Each resource needs a minimum-necessity justification', { field: `input.resources.${i}.justification` });
  }
  const day = today(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await getAgreement(tx, input.agreementId);
    if (!a) throw notFound('授权协议', 'Agreement', input.agreementId);
    if (ctx.identity.org !== a.operatorId) throw forbidden('只能为本单位的授权协议申请场景', 'You may only file scenarios under your own agreement');
    assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, 'FILE_SCENARIO', a.status);
    const byId = new Map((await resourcesByIds(tx, ids)).map((r) => [r.resourceId, r]));
    const outOfScope = outsideAgreement(ids, a, byId);
    if (outOfScope.length) {
      throw policyViolation('NS Art 14(1); TZ Art 29(4) (use outside scope)', '申请的资源不在授权范围内', 'Requested resources are outside the agreement\'s scope', { field: 'input.resources', details: { resourceIds: outOfScope } });
    }
    const bad = notAuthorizable(ids, byId);
    if (bad.length) {
      throw policyViolation('NS Art 5 (prohibited data); catalog authorizability', '申请的资源禁止开放或当前不可授权', 'Requested resources are prohibited or not currently authorizable', {
        field: 'input.resources',
        details: { resources: bad.map((id) => ({ resourceId: id, openness: byId.get(id)?.openness ?? null, reasons: byId.get(id)?.authorizableReasons ?? ['UNKNOWN'] })) },
      });
    }
    // Review deadline only where the profile sets one (no seed does: docs/policy/profile-settings.md),
    // counted in the jurisdiction's working days as known today (a holiday notice loaded after signing counts).
    const { profile: current } = await loadProfile(tx, a.jurisdiction);
    const reviewDays = current.scenarioReviewWorkingDays.value;
    const reviewDueOn = reviewDays === null ? null : policyCall(() => calendarOfProfile(current).addWorkingDays(day, reviewDays));
    const id = newId();
    await insertScenario(tx, {
      id, agreementId: a.id, operatorId: a.operatorId, jurisdiction: a.jurisdiction, nameZh, description, category: input.category,
      expectedValue: input.expectedValue ?? null, plan: input.plan ?? null, status: 'SUBMITTED', submittedOn: day, reviewDueOn, at: ctx.now.toISOString(),
    });
    await insertScenarioResources(
      tx,
      input.resources.map((r) => ({ scenarioId: id, resourceId: r.resourceId, sourceAgencyId: byId.get(r.resourceId)!.sourceAgencyId, justification: r.justification.trim(), fields: r.fields, decision: 'PENDING', decidedBy: null })),
    );
    audit({ entityType: 'Scenario', entityId: id, action: 'SUBMITTED', changes: { agreementId: a.id, nameZh, category: input.category, resources: input.resources, reviewDueOn } });
    return id;
  });
}

/** A source unit (数源单位) decides on the requested resources it owns. */
export async function reviewScenarioResource(ctx: Ctx, input: { scenarioId: string; resourceId: string; approve: boolean; reason: string | null }): Promise<string> {
  const { scenarioId, resourceId, approve, reason } = input;
  if (!approve) required(reason, 'input.reason', '不同意理由', 'Reason');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const s = await getScenario(tx, scenarioId, true);
    if (!s) throw notFound('场景', 'Scenario', scenarioId);
    const [row] = await scenarioResourcesOf(tx, [scenarioId], resourceId);
    if (!row) throw notFound('场景资源', 'Scenario resource', resourceId);
    if (ctx.identity.org !== row.sourceAgencyId) throw forbidden('只能审核本单位的数据资源', 'You may only decide on your own agency\'s resources');
    assertTransition('场景', 'Scenario', SCENARIO_TRANSITIONS, 'REVIEW_RESOURCE', s.status);
    if (row.decision !== 'PENDING') throw conflict('该资源已审核', 'This resource was already decided', { details: { decision: row.decision } });
    await decideScenarioResource(tx, scenarioId, resourceId, { decision: approve ? 'APPROVED' : 'REFUSED', reason, by: ctx.identity.sub });
    audit({ entityType: 'Scenario', entityId: scenarioId, action: approve ? 'RESOURCE_APPROVED' : 'RESOURCE_REFUSED', changes: { resourceId }, reason });
    return scenarioId;
  });
}

/** The implementing agency's decision on the whole scenario: approval opens one access grant per resource. */
export async function decideScenario(ctx: Ctx, input: { scenarioId: string; approve: boolean; reasons: string[] }): Promise<string> {
  const { scenarioId, approve } = input;
  const day = today(ctx);
  const at = ctx.now.toISOString();
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const s = await getScenario(tx, scenarioId, true);
    if (!s) throw notFound('场景', 'Scenario', scenarioId);
    requireJurisdiction(ctx.identity, s.jurisdiction);
    assertTransition('场景', 'Scenario', SCENARIO_TRANSITIONS, approve ? 'APPROVE' : 'REFUSE', s.status);
    const rows = await scenarioResourcesOf(tx, [scenarioId]);
    if (!approve) {
      const rs = refusalReasons(input.reasons, rows);
      if (!rs.length) throw badInput('不予通过须说明理由', 'A refusal needs reasons', { field: 'input.reasons' });
      await recordScenarioDecision(tx, s.id, { status: 'REFUSED', refusalReasons: rs, at });
      audit({ entityType: 'Scenario', entityId: s.id, action: 'REFUSED', changes: { reasons: rs } });
      const ev: LicensingEvents.ScenarioRefused = { scenarioId: s.id, agreementId: s.agreementId, operatorId: s.operatorId, jurisdiction: s.jurisdiction, reasons: rs };
      await publish('ScenarioRefused', ev, s.jurisdiction);
      return s.id;
    }
    const undecided = rows.filter((r) => r.decision !== 'APPROVED');
    if (undecided.length) {
      throw conflict('尚有数据资源未获数源单位同意', 'Some resources are not approved by their source units', { details: { reason: 'SOURCE_AGENCY_APPROVAL_MISSING', resources: undecided.map((r) => ({ resourceId: r.resourceId, sourceAgencyId: r.sourceAgencyId, decision: r.decision })) } });
    }
    const a = (await getAgreement(tx, s.agreementId, true))!;
    assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, 'OPEN_ACCESS', a.status);
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    // Access opens only with training passed and a valid security review (gates re-checked today).
    await assertReady(tx, a, profile, day);
    await assertIndustryOpinion(tx, s.id, (await loadProfile(tx, a.jurisdiction)).profile);
    const resources = await resourcesByIds(tx, rows.map((r) => r.resourceId));
    const gone = resources.filter((r) => r.status !== 'ACTIVE' || !r.authorizable).map((r) => r.resourceId);
    if (gone.length) throw policyViolation('catalog authorizability', '部分资源已不可授权', 'Some resources are no longer authorizable', { details: { resourceIds: gone } });
    // Returned data needs the higher level's consent in force today (ZJC §三(五)2); a grant ends no later than it.
    const caps = await assertReturnedDataConsent(tx, (await loadProfile(tx, a.jurisdiction)).profile, resources, { jurisdiction: a.jurisdiction, operatorId: s.operatorId, agreementId: a.id, scenarioId: s.id }, day);
    await recordScenarioDecision(tx, s.id, { status: 'APPROVED', at });
    audit({ entityType: 'Scenario', entityId: s.id, action: 'APPROVED', changes: { resources: rows.map((r) => r.resourceId) } });
    const approved: LicensingEvents.ScenarioApproved = { scenarioId: s.id, agreementId: a.id, operatorId: s.operatorId, jurisdiction: s.jurisdiction, nameZh: s.nameZh, category: s.category, resourceIds: rows.map((r) => r.resourceId), approvedAt: at };
    await publish('ScenarioApproved', approved, s.jurisdiction);
    const endOf = (resourceId: string) => [a.endDate, caps.get(resourceId) ?? a.endDate].sort()[0]!;
    const grants = rows.map((r) => ({ id: newId(), agreementId: a.id, scenarioId: s.id, operatorId: s.operatorId, resourceId: r.resourceId, jurisdiction: s.jurisdiction, expiresOn: endOf(r.resourceId), status: 'ACTIVE' as const, updatedAt: at }));
    await insertGrants(tx, grants);
    for (const g of grants) {
      audit({ entityType: 'AccessGrant', entityId: g.id, action: 'GRANTED', changes: { scenarioId: s.id, resourceId: g.resourceId, expiresOn: g.expiresOn } });
      const ev: LicensingEvents.AccessGranted = { grantId: g.id, agreementId: a.id, scenarioId: s.id, operatorId: s.operatorId, resourceId: g.resourceId, jurisdiction: s.jurisdiction, expiresOn: g.expiresOn, status: 'ACTIVE', effectiveAt: at };
      await publish('AccessGranted', ev, s.jurisdiction);
    }
    return s.id;
  });
}

export async function revokeAccessGrant(ctx: Ctx, input: { grantId: string; reason: string }): Promise<string> {
  const text = required(input.reason, 'input.reason', '撤销理由', 'Reason');
  return inTransaction(ctx, async (uow) => {
    const g = await getGrant(uow.tx, input.grantId, true);
    if (!g) throw notFound('访问授权', 'Access grant', input.grantId);
    requireJurisdiction(ctx.identity, g.jurisdiction);
    if (g.status === 'REVOKED') throw conflict('访问授权已撤销', 'The grant is already revoked', { details: { reason: 'INVALID_TRANSITION', from: g.status } });
    await revokeGrants(uow, [g], text, ctx.now);
    return g.id;
  });
}

// ── reads ──────────────────────────────────────────────────────────────────

/** Its operator or the officials of its jurisdiction; anyone else learns nothing. */
export async function dataScenario(ctx: Ctx, id: string): Promise<ScenarioRow | null> {
  const s: ScenarioRow | null = await ctx.loaders.scenarioById.load(id);
  return s && canSeeScenario(ctx.identity, s) ? s : null;
}

export const dataScenarios = (ctx: Ctx, { args, filter }: { args: PageArgs; filter: { jurisdiction?: string | null; agreementId?: string | null; status?: string | null } | null }) =>
  connectionOf(args, (win) => scenarioPage(ctx.em, ctx.identity, filter ?? {}, win, SCENARIO_SCOPE));

export const accessGrants = (ctx: Ctx, { args, filter }: { args: PageArgs; filter: { agreementId?: string | null; scenarioId?: string | null; resourceId?: string | null; status?: string | null } | null }) =>
  connectionOf(args, (win) => grantPage(ctx.em, ctx.identity, filter ?? {}, win));

export const accessGrant = (ctx: Ctx, id: string): Promise<GrantRow | null> => getGrant(ctx.em, id);
