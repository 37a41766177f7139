import { badInput, conflict, forbidden, inTransaction, notFound, policyViolation, requireJurisdiction, requireRole, sql, type RequestContext } from '@pdo/platform';
import { calendarOfProfile } from '@pdo/policy';
import type { LicensingEvents } from '@pdo/events';
import { getAgreement, getGrant, getScenario, resourcesByIds, SCENARIO_RES_COLS, type ScenarioResourceRow } from '../data/rows.js';
import { assertTransition, newId, policyCall, required, todayOf } from './common.js';
import { loadProfile } from './profiles.js';
import { AGREEMENT_TRANSITIONS, assertReady, revokeGrants } from './agreement-rules.js';

/**
 * One scenario, one request, one review (一场景一申请一审核; HN Art 15, ZJC §三(四), TZ Art 8):
 * the operator names the resources a scenario needs with a minimum-necessity justification each;
 * every owning source agency decides on its resources, then the implementing agency decides on
 * the scenario. Approval opens one access grant per resource, ending no later than the agreement.
 */
export const SCENARIO_TRANSITIONS: Record<string, readonly ('SUBMITTED' | 'APPROVED' | 'REFUSED')[]> = {
  REVIEW_RESOURCE: ['SUBMITTED'],
  APPROVE: ['SUBMITTED'],
  REFUSE: ['SUBMITTED'],
};
export const SCENARIO_CATEGORIES = ['PUBLIC_WELFARE', 'INDUSTRY'] as const;
const MIN_NECESSITY = 'TZ Art 8: minimum necessary (最小必要); ZJC 一场景一清单一审核';

export interface SubmitScenarioInput {
  agreementId: string;
  nameZh: string;
  description: string;
  category: 'PUBLIC_WELFARE' | 'INDUSTRY';
  expectedValue?: string | null;
  plan?: string | null;
  resources: { resourceId: string; justification: string; fields: string[] }[];
}

export async function submitScenario(ctx: RequestContext, input: SubmitScenarioInput): Promise<string> {
  requireRole(ctx.identity, 'OPERATOR');
  const nameZh = required(input.nameZh, 'input.nameZh', '场景名称', 'Scenario name');
  const description = required(input.description, 'input.description', '场景描述', 'Description');
  if (!input.resources.length) throw badInput('须列出场景所需的数据资源', 'List the resources the scenario needs', { field: 'input.resources' });
  const ids = input.resources.map((r) => r.resourceId);
  if (new Set(ids).size !== ids.length) throw badInput('资源不能重复', 'Each resource once', { field: 'input.resources' });
  for (const [i, r] of input.resources.entries()) {
    if (!r.justification?.trim()) throw policyViolation(MIN_NECESSITY, '每项资源须说明最小必要理由', 'Each resource needs a minimum-necessity justification', { field: `input.resources.${i}.justification` });
  }
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit }) => {
    const a = await getAgreement(tx, input.agreementId);
    if (!a) throw notFound('授权协议', 'Agreement', input.agreementId);
    if (ctx.identity.org !== a.operatorId) throw forbidden('只能为本单位的授权协议申请场景', 'You may only file scenarios under your own agreement');
    assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, 'FILE_SCENARIO', a.status);
    const outside = ids.filter((id) => !a.resourceIds.includes(id));
    const resources = await resourcesByIds(tx, ids);
    const byId = new Map(resources.map((r) => [r.resourceId, r]));
    // Whole-scope and by-domain agreements may cover a sector rather than a list.
    const outOfScope = outside.filter((id) => !(byId.get(id) && a.sectors.includes(byId.get(id)!.sector)));
    if (outOfScope.length) {
      throw policyViolation('NS Art 14(1); TZ Art 29(4) (use outside scope)', '申请的资源不在授权范围内', 'Requested resources are outside the agreement\'s scope', { field: 'input.resources', details: { resourceIds: outOfScope } });
    }
    const bad = ids.filter((id) => {
      const r = byId.get(id);
      return !r || r.status !== 'ACTIVE' || !r.authorizable || r.openness === 'PROHIBITED';
    });
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
    const reviewDueOn = reviewDays === null ? null : policyCall(() => calendarOfProfile(current).addWorkingDays(today, reviewDays));
    const id = newId(ctx.now.getTime());
    await sql(
      tx,
      `insert into scenario (id, agreement_id, operator_id, jurisdiction, name_zh, description, category, expected_value, plan, status, submitted_on, review_due_on, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,'SUBMITTED',$10,$11,$12)`,
      [id, a.id, a.operatorId, a.jurisdiction, nameZh, description, input.category, input.expectedValue ?? null, input.plan ?? null, today, reviewDueOn, ctx.now],
    );
    for (const r of input.resources) {
      await sql(tx, `insert into scenario_resource (scenario_id, resource_id, source_agency_id, justification, fields) values ($1,$2,$3,$4,$5)`, [id, r.resourceId, byId.get(r.resourceId)!.sourceAgencyId, r.justification.trim(), r.fields]);
    }
    audit({ entityType: 'Scenario', entityId: id, action: 'SUBMITTED', changes: { agreementId: a.id, nameZh, category: input.category, resources: input.resources, reviewDueOn } });
    return id;
  });
}

/** A source agency decides on the requested resources it owns. */
export async function reviewScenarioResource(ctx: RequestContext, scenarioId: string, resourceId: string, approve: boolean, reason: string | null): Promise<string> {
  requireRole(ctx.identity, 'SOURCE_UNIT');
  if (!approve) required(reason, 'input.reason', '不同意理由', 'Reason');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const s = await getScenario(tx, scenarioId, true);
    if (!s) throw notFound('场景', 'Scenario', scenarioId);
    const [row] = await sql<ScenarioResourceRow>(tx, `select ${SCENARIO_RES_COLS} from scenario_resource where scenario_id = $1 and resource_id = $2`, [scenarioId, resourceId]);
    if (!row) throw notFound('场景资源', 'Scenario resource', resourceId);
    if (ctx.identity.org !== row.sourceAgencyId) throw forbidden('只能审核本单位的数据资源', 'You may only decide on your own agency\'s resources');
    assertTransition('场景', 'Scenario', SCENARIO_TRANSITIONS, 'REVIEW_RESOURCE', s.status);
    if (row.decision !== 'PENDING') throw conflict('该资源已审核', 'This resource was already decided', { details: { decision: row.decision } });
    await sql(tx, `update scenario_resource set decision = $3, reason = $4, decided_by = $5 where scenario_id = $1 and resource_id = $2`, [scenarioId, resourceId, approve ? 'APPROVED' : 'REFUSED', reason, ctx.identity.sub]);
    audit({ entityType: 'Scenario', entityId: scenarioId, action: approve ? 'RESOURCE_APPROVED' : 'RESOURCE_REFUSED', changes: { resourceId }, reason });
    return scenarioId;
  });
}

/** The implementing agency's decision on the whole scenario. */
export async function decideScenario(ctx: RequestContext, scenarioId: string, approve: boolean, reasons: string[]): Promise<string> {
  requireRole(ctx.identity, 'AGENCY');
  const today = todayOf(ctx);
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const s = await getScenario(tx, scenarioId, true);
    if (!s) throw notFound('场景', 'Scenario', scenarioId);
    requireJurisdiction(ctx.identity, s.jurisdiction);
    assertTransition('场景', 'Scenario', SCENARIO_TRANSITIONS, approve ? 'APPROVE' : 'REFUSE', s.status);
    const rows = await sql<ScenarioResourceRow>(tx, `select ${SCENARIO_RES_COLS} from scenario_resource where scenario_id = $1 order by resource_id`, [scenarioId]);
    if (!approve) {
      const rs = [...reasons.map((r) => r.trim()).filter(Boolean), ...rows.filter((r) => r.decision === 'REFUSED').map((r) => `${r.resourceId}: ${r.reason}`)];
      if (!rs.length) throw badInput('不予通过须说明理由', 'A refusal needs reasons', { field: 'input.reasons' });
      await sql(tx, `update scenario set status = 'REFUSED', agency_decision = 'REFUSED', refusal_reasons = $2, decided_at = $3 where id = $1`, [s.id, rs, ctx.now]);
      audit({ entityType: 'Scenario', entityId: s.id, action: 'REFUSED', changes: { reasons: rs } });
      const ev: LicensingEvents.ScenarioRefused = { scenarioId: s.id, agreementId: s.agreementId, operatorId: s.operatorId, jurisdiction: s.jurisdiction, reasons: rs };
      await publish('ScenarioRefused', ev, s.jurisdiction);
      return s.id;
    }
    const undecided = rows.filter((r) => r.decision !== 'APPROVED');
    if (undecided.length) {
      throw conflict('尚有数据资源未获来源部门同意', 'Some resources are not approved by their source agencies', { details: { reason: 'SOURCE_AGENCY_APPROVAL_MISSING', resources: undecided.map((r) => ({ resourceId: r.resourceId, sourceAgencyId: r.sourceAgencyId, decision: r.decision })) } });
    }
    const a = (await getAgreement(tx, s.agreementId, true))!;
    assertTransition('授权协议', 'Agreement', AGREEMENT_TRANSITIONS, 'OPEN_ACCESS', a.status);
    const { profile } = await loadProfile(tx, a.jurisdiction, a.profileVersion);
    // Access opens only with training passed and a valid security review (gates re-checked today).
    await assertReady(tx, a, profile, today);
    const resources = await resourcesByIds(tx, rows.map((r) => r.resourceId));
    const gone = resources.filter((r) => r.status !== 'ACTIVE' || !r.authorizable).map((r) => r.resourceId);
    if (gone.length) throw policyViolation('catalog authorizability', '部分资源已不可授权', 'Some resources are no longer authorizable', { details: { resourceIds: gone } });
    await sql(tx, `update scenario set status = 'APPROVED', agency_decision = 'APPROVED', decided_at = $2 where id = $1`, [s.id, ctx.now]);
    audit({ entityType: 'Scenario', entityId: s.id, action: 'APPROVED', changes: { resources: rows.map((r) => r.resourceId) } });
    const approved: LicensingEvents.ScenarioApproved = { scenarioId: s.id, agreementId: a.id, operatorId: s.operatorId, jurisdiction: s.jurisdiction, nameZh: s.nameZh, category: s.category, resourceIds: rows.map((r) => r.resourceId), approvedAt: ctx.now.toISOString() };
    await publish('ScenarioApproved', approved, s.jurisdiction);
    for (const r of rows) {
      const grantId = newId(ctx.now.getTime());
      await sql(tx, `insert into access_grant (id, agreement_id, scenario_id, operator_id, resource_id, jurisdiction, expires_on, status, updated_at) values ($1,$2,$3,$4,$5,$6,$7,'ACTIVE',$8)`, [
        grantId, a.id, s.id, s.operatorId, r.resourceId, s.jurisdiction, a.endDate, ctx.now,
      ]);
      audit({ entityType: 'AccessGrant', entityId: grantId, action: 'GRANTED', changes: { scenarioId: s.id, resourceId: r.resourceId, expiresOn: a.endDate } });
      const ev: LicensingEvents.AccessGranted = { grantId, agreementId: a.id, scenarioId: s.id, operatorId: s.operatorId, resourceId: r.resourceId, jurisdiction: s.jurisdiction, expiresOn: a.endDate, status: 'ACTIVE', effectiveAt: ctx.now.toISOString() };
      await publish('AccessGranted', ev, s.jurisdiction);
    }
    return s.id;
  });
}

export async function revokeAccessGrant(ctx: RequestContext, grantId: string, reason: string): Promise<string> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
  const text = required(reason, 'input.reason', '撤销理由', 'Reason');
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    const g = await getGrant(tx, grantId, true);
    if (!g) throw notFound('访问授权', 'Access grant', grantId);
    requireJurisdiction(ctx.identity, g.jurisdiction);
    if (g.status === 'REVOKED') throw conflict('访问授权已撤销', 'The grant is already revoked', { details: { reason: 'INVALID_TRANSITION', from: g.status } });
    await revokeGrants(tx, [g], text, ctx.now, publish, audit);
    return g.id;
  });
}
