import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, sqlOne } from '@pdo/platform';
import { resolveProfile, type EffectiveProfile, type PolicyProfile } from '@pdo/policy';

/**
 * Profile versions: version 1 is the documents' own settings (no overrides); each authority edit
 * stores the full override set as the next version. Agreements keep the version they were signed
 * under, so an edit changes acts after it and never an agreement already signed.
 */
export const BASE_PROFILE_VERSION = 1;

export async function currentProfileVersion(em: EntityManager, jurisdiction: string): Promise<number> {
  const row = await sqlOne<{ v: number | null }>(em, `select max(version) as v from policy_profile_version where jurisdiction = $1`, [jurisdiction]);
  return row?.v ?? BASE_PROFILE_VERSION;
}

export async function profileOverrides(em: EntityManager, jurisdiction: string, version: number): Promise<Partial<PolicyProfile>> {
  if (version <= BASE_PROFILE_VERSION) return {};
  const row = await sqlOne<{ overrides: Partial<PolicyProfile> }>(em, `select overrides from policy_profile_version where jurisdiction = $1 and version = $2`, [jurisdiction, version]);
  return row?.overrides ?? {};
}

/** The effective profile of a jurisdiction at a version (default: current). */
export async function loadProfile(em: EntityManager, jurisdiction: string, version?: number): Promise<{ profile: EffectiveProfile; version: number }> {
  const v = version ?? (await currentProfileVersion(em, jurisdiction));
  return { profile: resolveProfile(jurisdiction, await profileOverrides(em, jurisdiction, v)), version: v };
}

export interface ProfileVersionRow {
  jurisdiction: string;
  version: number;
  changedFields: string[];
  note: string | null;
  editedBy: string;
  createdAt: Date;
}

export async function profileHistory(em: EntityManager, jurisdiction: string): Promise<ProfileVersionRow[]> {
  return sql<ProfileVersionRow>(
    em,
    `select jurisdiction, version, changed_fields as "changedFields", note, edited_by as "editedBy", created_at as "createdAt"
       from policy_profile_version where jurisdiction = $1 order by version desc`,
    [jurisdiction],
  );
}
