import type { ResourceFacts } from './applications.js';

/**
 * One scenario, one request, one review (一场景一申请一审核; HN Art 15, ZJC §三(四), TZ Art 8): the operator names the
 * resources a scenario needs with a minimum-necessity justification each; every owning source unit decides on its
 * resources, then the implementing agency decides on the scenario. Approval opens one access grant per resource,
 * ending no later than the agreement.
 */
export const SCENARIO_TRANSITIONS: Record<string, readonly ('SUBMITTED' | 'APPROVED' | 'REFUSED')[]> = {
  REVIEW_RESOURCE: ['SUBMITTED'],
  APPROVE: ['SUBMITTED'],
  REFUSE: ['SUBMITTED'],
};
export const SCENARIO_CATEGORIES = ['PUBLIC_WELFARE', 'INDUSTRY'] as const;
export const MIN_NECESSITY = 'TZ Art 8: minimum necessary (最小必要); ZJC 一场景一清单一审核';

export interface SubmitScenarioInput {
  agreementId: string;
  nameZh: string;
  description: string;
  category: 'PUBLIC_WELFARE' | 'INDUSTRY';
  expectedValue?: string | null;
  plan?: string | null;
  resources: { resourceId: string; justification: string; fields: string[] }[];
}

/** Requested resources outside the agreement: neither listed nor (whole-scope and by-domain agreements) of a covered sector. */
export function outsideAgreement(ids: string[], agreement: { resourceIds: string[]; sectors: string[] }, byId: Map<string, ResourceFacts>): string[] {
  return ids.filter((id) => !agreement.resourceIds.includes(id)).filter((id) => !(byId.get(id) && agreement.sectors.includes(byId.get(id)!.sector)));
}

/** Requested resources that are prohibited (NS Art 5), withdrawn or not currently authorizable. */
export function notAuthorizable(ids: string[], byId: Map<string, ResourceFacts>): string[] {
  return ids.filter((id) => {
    const r = byId.get(id);
    return !r || r.status !== 'ACTIVE' || !r.authorizable || r.openness === 'PROHIBITED';
  });
}

/** A refusal's reasons: the agency's own, then each source unit's refusal of its resource. */
export function refusalReasons(given: string[], resources: { resourceId: string; decision: string; reason: string | null }[]): string[] {
  return [...given.map((r) => r.trim()).filter(Boolean), ...resources.filter((r) => r.decision === 'REFUSED').map((r) => `${r.resourceId}: ${r.reason}`)];
}
