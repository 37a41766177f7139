import type { EntityManager } from '@mikro-orm/postgresql';
import type { EffectiveProfile } from '@pdo/policy';
import { badInput, profileFor } from '@pdo/platform';

/**
 * The jurisdiction's effective profile: the authority's edits (projected from licensing's
 * PolicyProfileChanged into `policy_profile_projection`) on top of @pdo/policy's defaults.
 * Read inside the act's transaction, so an edit applies to the acts after it only.
 */
export async function profileOf(em: EntityManager, jurisdiction: string): Promise<EffectiveProfile> {
  try {
    return await profileFor(em, jurisdiction);
  } catch (e) {
    if ((e as { name?: string }).name === 'PolicyInputError' || (e as { code?: string }).code === 'UNKNOWN_JURISDICTION') {
      throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction: ${jurisdiction}`, { field: 'jurisdiction' });
    }
    throw e;
  }
}
