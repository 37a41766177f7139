import type { Check } from './rules.js';
import type { EffectiveProfile, ExitDutyItem, LifecycleRole, PlanChangeGround } from './profiles.js';

const ok: Check = { ok: true };
const fail = (rule: string, source: string, messageZh: string, messageEn: string): Check => ({ ok: false, rule, source, messageZh, messageEn });

const ROLE = { AUTHORITY: ['数据主管部门', 'the data authority'], AGENCY: ['实施机构', 'the implementing agency'] } as const;

/** Whether `role` may draft the jurisdiction's implementation plan (NS Art 8; HN Art 11; QHD). */
export function checkPlanDrafter(profile: EffectiveProfile, role: string): Check {
  const s = profile.implementationPlan;
  if (s.value.drafters.includes(role as LifecycleRole)) return ok;
  const who = s.value.drafters.map((r) => ROLE[r]);
  return fail('PLAN_DRAFTER', s.source, `本辖区实施方案由${who.map((w) => w[0]).join('或')}编制`, `Here the implementation plan is drafted by ${who.map((w) => w[1]).join(' or ')}`);
}

/**
 * Whether a change of an approved plan is major (较大变更) and so needs a new collective decision. Where the profile
 * names the grounds (QHD §三(三)3(1)), a change on any of them is major whatever the drafter declares; where it names
 * none (NS Art 11), the drafter's declaration decides. A change that is not major stays under the approval it amends.
 */
export function planChangeIsMajor(profile: EffectiveProfile, grounds: readonly PlanChangeGround[], declaredMajor: boolean): { major: boolean; matched: PlanChangeGround[]; source: string } {
  const listed = profile.implementationPlan.value.majorChangeGrounds;
  const matched = listed ? grounds.filter((g) => listed.includes(g)) : [];
  return { major: declaredMajor || matched.length > 0, matched, source: profile.implementationPlan.source };
}

/** An agreement is signed only under an approved plan in force where the profile requires one (NS Art 12; HN Art 11). */
export function checkPlanInForce(profile: EffectiveProfile, plan: { id: string; status: string } | null): Check {
  const s = profile.implementationPlan;
  if (!s.value.required || (plan && plan.status === 'APPROVED')) return ok;
  return fail('PLAN_IN_FORCE', s.source, '本辖区尚无经审议通过的授权运营实施方案，不能签订授权协议', 'No approved implementation plan is in force here; the agreement cannot be signed');
}

/** The profile's exit checklist items not yet confirmed, in the profile's order. */
export const exitDutiesOutstanding = (profile: EffectiveProfile, done: readonly string[]): ExitDutyItem[] => profile.exitDuties.value.items.filter((i) => !done.includes(i));

/**
 * Whether an exit item may be confirmed now: it is on the profile's checklist, and the filing (QHD: 报省数政局备案
 * after the agreement ends) comes only once every other item is done, so what is filed is a finished exit.
 */
export function checkExitDuty(profile: EffectiveProfile, item: ExitDutyItem, done: readonly string[]): Check {
  const s = profile.exitDuties;
  if (!s.value.items.includes(item)) return fail('EXIT_DUTY_NOT_LISTED', s.source, `本辖区退出清单不含此项：${item}`, `The exit checklist here has no item ${item}`);
  if (done.includes(item)) return fail('EXIT_DUTY_DONE', s.source, `此项已确认：${item}`, `Already confirmed: ${item}`);
  if (item === 'EXIT_FILED') {
    const before = exitDutiesOutstanding(profile, done).filter((i) => i !== 'EXIT_FILED');
    if (before.length) return fail('EXIT_FILING_EARLY', s.source, `须先完成：${before.join('、')}，再报备案`, `File only after: ${before.join(', ')}`);
  }
  return ok;
}

/** Where the profile designates an exchange or zone (QHD; ZJC), a listing names it and its listing reference there. */
export function checkDesignatedExchange(profile: EffectiveProfile, venue: string | null | undefined, reference: string | null | undefined): Check {
  const s = profile.designatedExchange;
  if (!s.value.required) return ok;
  if (!venue?.trim() || !reference?.trim()) {
    return fail('DESIGNATED_EXCHANGE', s.source, `本辖区产品须在指定交易场所挂牌交易：${s.value.venue}（须填写交易场所及挂牌编号）`, `Products here trade through the designated venue: ${s.value.venue} (give the venue and its listing reference)`);
  }
  return ok;
}
