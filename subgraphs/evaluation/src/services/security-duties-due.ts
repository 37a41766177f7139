import { todayInShanghai, type EffectiveProfile } from '@pdo/policy';
import { profileOf } from '../data/profile.js';
import { dutyOrgFilter } from '../access.js';
import { overdueDutyPage } from '../data/security-duties.js';
import { useCase } from './refusals.js';

export type { DueDutyRow } from '../data/security-duties.js';

/**
 * The regulator's due list of security duties (docs/policy/security-duties.md): what is overdue today in a
 * jurisdiction — drills, assessment reports and follow-ups, and, where one plan per authorization is required
 * (ZJC 一授权一预案), authorizations without a plan. An operator or service provider sees its own.
 */
export const securityDutiesDue = useCase(async (ctx, input: { jurisdiction: string; orgId: string | null; window: { limit: number; offset: number } }) => {
  const orgId = dutyOrgFilter(ctx.identity, input.jurisdiction, input.orgId);
  const profile = await profileOf(ctx.em, input.jurisdiction);
  return overdueDutyPage(ctx.em, { jurisdiction: input.jurisdiction, orgId, today: todayInShanghai(ctx.now), planPerAuthorization: profile.emergencyPlanPerAuthorization.value }, input.window);
});

/** Where each kind of overdue duty comes from. */
export function dutyRule(kind: string, p: EffectiveProfile): string {
  if (kind === 'EMERGENCY_PLAN_MISSING') return p.emergencyPlanPerAuthorization.source;
  if (kind === 'DRILL_OVERDUE') return p.securityDuties.value.drillIntervalMonths !== null ? p.securityDuties.source : 'the emergency plan’s own drill schedule';
  return p.securityDuties.value.thirdPartyAssessment ? p.securityDuties.source : 'the authority’s commission';
}

/** The profile the due list's rules are read from (the edited one). */
export const dutyProfile = useCase(async (ctx, input: { jurisdiction: string }) => profileOf(ctx.em, input.jurisdiction));
