import { profileFor, type Em } from '@pdo/platform';
import { isJurisdictionCode, type EffectiveProfile } from '@pdo/policy';
import { badInput } from '../domain/refusal.js';

/**
 * The jurisdiction's effective profile: the authority's edits (projected from licensing's PolicyProfileChanged into
 * `policy_profile_projection`) on top of @pdo/policy's documented profile. Read inside the act's transaction when there
 * is one, so an edit applies to the acts after it only.
 */
export async function profileOf(em: Em, jurisdiction: string): Promise<EffectiveProfile> {
  if (!isJurisdictionCode(jurisdiction)) throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction ${jurisdiction}`, { field: 'jurisdiction' });
  return profileFor(em, jurisdiction);
}
