import { compareDates, type LocalDate } from './dates.js';
import type { EffectiveProfile } from './profiles.js';

/**
 * Returned data (回流数据): data a higher level (the province's public data platform) returned to the jurisdiction.
 * Where the profile's `returnedDataConsent` requires it (ZJC §三(五)2: 涉及省回流数据的，应经省公共数据主管部门同意),
 * access to such a resource is granted only under a consent of that level in force on the day and covering the grant;
 * elsewhere the setting is "not regulated" and returned data is granted like any other. docs/policy/returned-data.md.
 */

/** A resource as the rule needs it: whether (and from where) it was returned; null is the jurisdiction's own data. */
export interface ReturnedDataResource {
  resourceId: string;
  code: string;
  nameZh: string;
  returnedFrom: string | null;
}

/** A recorded consent: the resources it covers, its scope (null: any), its validity and revocation. */
export interface ReturnedDataConsentFacts {
  id: string;
  documentNumber: string;
  resourceIds: readonly string[];
  operatorId: string | null;
  agreementId: string | null;
  scenarioId: string | null;
  consentedOn: LocalDate;
  /** The last day it holds; null: until revoked. */
  validUntil: LocalDate | null;
  /** The first day it no longer holds; null: not revoked. */
  revokedOn: LocalDate | null;
}

/** What a grant is for: the operator, its agreement and the scenario (the data request). */
export interface GrantScope {
  operatorId: string;
  agreementId: string;
  scenarioId: string;
}

/** Whether a consent is in force on `day`: given by then, not past its last day, not yet revoked. */
export function consentInForce(c: Pick<ReturnedDataConsentFacts, 'consentedOn' | 'validUntil' | 'revokedOn'>, day: LocalDate): boolean {
  if (compareDates(c.consentedOn, day) > 0) return false;
  if (c.validUntil !== null && compareDates(day, c.validUntil) > 0) return false;
  return c.revokedOn === null || compareDates(day, c.revokedOn) < 0;
}

/** Whether a consent in force on `day` covers this resource for this grant (each scope field it sets must match). */
export function consentCovers(c: ReturnedDataConsentFacts, resourceId: string, scope: GrantScope, day: LocalDate): boolean {
  return (
    consentInForce(c, day) &&
    c.resourceIds.includes(resourceId) &&
    (c.operatorId === null || c.operatorId === scope.operatorId) &&
    (c.agreementId === null || c.agreementId === scope.agreementId) &&
    (c.scenarioId === null || c.scenarioId === scope.scenarioId)
  );
}

/**
 * The returned resources of a grant that no consent in force on `day` covers; empty where the profile does not
 * require consent or none is returned. The consent found (the latest-ending) caps each covered grant: `coveredUntil`.
 */
export function returnedDataWithoutConsent(
  profile: Pick<EffectiveProfile, 'returnedDataConsent'>,
  resources: readonly ReturnedDataResource[],
  consents: readonly ReturnedDataConsentFacts[],
  scope: GrantScope,
  day: LocalDate,
): ReturnedDataResource[] {
  if (!profile.returnedDataConsent.value.required) return [];
  return resources.filter((r) => r.returnedFrom !== null && !consents.some((c) => consentCovers(c, r.resourceId, scope, day)));
}

/**
 * The last day a grant of this resource may run on the consents in force today: the latest `validUntil` among the
 * covering consents (null: one of them runs until revoked, or no consent is needed). The grant's own end is the
 * earlier of this and the agreement's end, so an expired consent closes the grant the way an ended agreement does.
 */
export function consentedUntil(
  profile: Pick<EffectiveProfile, 'returnedDataConsent'>,
  resource: ReturnedDataResource,
  consents: readonly ReturnedDataConsentFacts[],
  scope: GrantScope,
  day: LocalDate,
): LocalDate | null {
  if (!profile.returnedDataConsent.value.required || resource.returnedFrom === null) return null;
  const covering = consents.filter((c) => consentCovers(c, resource.resourceId, scope, day));
  if (!covering.length || covering.some((c) => c.validUntil === null)) return null;
  return covering.map((c) => c.validUntil!).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
}
