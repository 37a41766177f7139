import { evaluateEligibility, type ApplicantFacts, type EffectiveProfile, type LocalDate } from '@pdo/policy';
import type { PartyFacts } from './organization-facts.js';

/**
 * Operator selection (NS Art 12; TZ Arts 12–15): a call, applications within its window with automatic eligibility,
 * pre-check with a supplement loop, expert review, selection, publicity with objections, filing with the government,
 * the 三重一大 approval, then signing.
 */
export type ApplicationStatus = 'SUBMITTED' | 'SUPPLEMENT_REQUESTED' | 'EXPERT_REVIEW' | 'PUBLICITY' | 'FILED' | 'APPROVED' | 'SIGNED' | 'REJECTED';
export const APPLICATION_TRANSITIONS: Record<string, readonly ApplicationStatus[]> = {
  REQUEST_SUPPLEMENT: ['SUBMITTED'],
  SUPPLEMENT: ['SUPPLEMENT_REQUESTED'],
  PASS_PRECHECK: ['SUBMITTED'],
  EXPERT_REVIEW: ['EXPERT_REVIEW'],
  SELECT: ['EXPERT_REVIEW'],
  OBJECT: ['PUBLICITY'],
  RESOLVE_OBJECTION: ['PUBLICITY'],
  FILE: ['PUBLICITY'],
  APPROVE_MAJOR_DECISION: ['FILED'],
  SIGN: ['APPROVED'],
  REJECT: ['SUBMITTED', 'SUPPLEMENT_REQUESTED', 'EXPERT_REVIEW', 'PUBLICITY', 'FILED'],
};

export const WINDOW_SOURCE = 'NS Art 12; TZ Art 11: applications within the call\'s window';

export function applicantFacts(o: PartyFacts): ApplicantFacts {
  return {
    // No founding date on record: treated as not old enough rather than guessed.
    foundedOn: o.foundedOn ?? '9999-12-31',
    taxGrades: o.taxGrades,
    penalties: o.penalties,
    dishonestListEntries: o.dishonestListEntries,
    securityIncidents: o.securityIncidents,
    mlps3Experience: o.mlps3Experience,
    commercialCryptoExperience: o.commercialCryptoExperience,
    securityDepartment: o.securityDepartment && o.securityHead ? { name: o.securityDepartment, head: o.securityHead } : null,
  };
}

/** Eligibility of a party under a profile version on a day, criterion by criterion (throws PolicyInputError on bad facts). */
export function eligibilityOf(profile: EffectiveProfile, version: number, org: PartyFacts, asOf: LocalDate) {
  const r = evaluateEligibility(profile, applicantFacts(org), asOf);
  return { eligible: r.eligible, asOf, profileVersion: version, criteria: r.criteria };
}

/** The mean of scores with 2 decimals, rounded half-up to 2 decimals in integer hundredths (exact). */
export function averageScore(scores: string[]): string | null {
  if (!scores.length) return null;
  const sum = scores.reduce((s, r) => s + BigInt(Math.round(Number(r) * 100)), 0n);
  const n = BigInt(scores.length);
  const q = (sum * 2n + n) / (2n * n);
  return `${q / 100n}.${(q % 100n).toString().padStart(2, '0')}`;
}

/** What a resource looks like to the authorization rules (the catalog's facts, as projected). */
export interface ResourceFacts {
  resourceId: string;
  jurisdiction: string;
  sector: string;
  openness: string;
  authorizable: boolean;
  authorizableReasons: string[];
  status: string;
}

/** Resources a call or agreement of `jurisdiction` may not name (NS Art 5; RG Art 10), with why. */
export function unauthorizable(ids: string[], known: ResourceFacts[], jurisdiction: string) {
  const byId = new Map(known.map((r) => [r.resourceId, r]));
  return ids
    .map((id) => ({ id, r: byId.get(id) }))
    .filter(({ r }) => !r || r.status !== 'ACTIVE' || !r.authorizable || r.openness === 'PROHIBITED' || r.jurisdiction !== jurisdiction)
    .map(({ id, r }) => ({
      resourceId: id,
      reason: !r ? 'UNKNOWN' : r.jurisdiction !== jurisdiction ? 'OTHER_JURISDICTION' : r.status !== 'ACTIVE' ? 'WITHDRAWN' : r.openness === 'PROHIBITED' ? 'PROHIBITED' : 'NOT_AUTHORIZABLE',
      reasons: r?.authorizableReasons ?? [],
    }));
}
