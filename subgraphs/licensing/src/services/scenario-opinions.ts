import { badInput, conflict, forbidden, inTransaction, newId, notFound, policyViolation, requireJurisdiction, type Em } from '@pdo/platform';
import type { EffectiveProfile } from '@pdo/policy';
import { getScenario } from '../data/scenarios.js';
import { insertOpinion, opinionsOf } from '../data/scenario-opinions.js';
import { SCENARIO_TRANSITIONS } from '../domain/scenarios.js';
import { assertTransition, type Ctx } from './checks.js';
import { loadProfile } from './profiles.js';

export type { ScenarioOpinionRow } from '../data/scenario-opinions.js';

/**
 * An industry department (行业主管部门) gives its opinion on a scenario's data request while it is under review, where
 * the jurisdiction has the implementing agency review together with it (`industryDepartments`, JL §五5). The
 * opinion is recorded as given, once per department; the agency still decides.
 */
export async function recordScenarioOpinion(ctx: Ctx, input: { scenarioId: string; supports: boolean; opinion: string }): Promise<string> {
  const opinion = input.opinion?.trim();
  if (!opinion) throw badInput('须填写审核意见', 'The opinion is required', { field: 'opinion' });
  if (!ctx.identity.org) throw forbidden('账号未关联单位', 'Your account has no organization');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const s = await getScenario(tx, input.scenarioId, true);
    if (!s) throw notFound('场景', 'Scenario', input.scenarioId);
    requireJurisdiction(ctx.identity, s.jurisdiction);
    const { profile } = await loadProfile(tx, s.jurisdiction);
    const part = profile.industryDepartments;
    if (!part.value.scenarioReviewOpinion) throw policyViolation(part.source, '本辖区规定行业主管部门不参与场景审核', 'Industry departments take no part in scenario review here');
    assertTransition('场景', 'Scenario', SCENARIO_TRANSITIONS, 'REVIEW_RESOURCE', s.status);
    const given = await insertOpinion(tx, { id: newId(), scenarioId: s.id, jurisdiction: s.jurisdiction, departmentOrgId: ctx.identity.org!, supports: input.supports, opinion, givenBy: ctx.identity.sub, givenAt: ctx.now.toISOString() });
    if (!given) throw conflict('本单位已就该场景提出意见', 'Your department already gave its opinion on this scenario');
    audit({ entityType: 'Scenario', entityId: s.id, action: 'INDUSTRY_OPINION', changes: { department: ctx.identity.org, supports: input.supports, opinion } });
    return s.id;
  });
}

/** Approval waits for an industry department's opinion where the profile has them review together (JL §五5). */
export async function assertIndustryOpinion(tx: Em, scenarioId: string, profile: Pick<EffectiveProfile, 'industryDepartments'>): Promise<void> {
  const part = profile.industryDepartments;
  if (!part.value.scenarioReviewOpinion) return;
  if ((await opinionsOf(tx, [scenarioId])).length === 0) {
    throw policyViolation(part.source, '尚无行业主管部门的审核意见', 'No industry department has given its opinion yet', { details: { reason: 'INDUSTRY_OPINION_MISSING' } });
  }
}
