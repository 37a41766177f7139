import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, requireRole, sql, type Identity } from '@pdo/platform';
import { resolveProfile, todayInShanghai, calendarById, type EffectiveProfile, type LocalDate, type PolicyProfile, type WorkingDayCalendar } from '@pdo/policy';

/**
 * The jurisdiction's effective policy profile (every limit with its source): the authority's
 * edits as licensing last published them (PolicyProfileChanged → policy_profile_projection) on top
 * of @pdo/policy's documented defaults. Never a hard-coded limit.
 */
export async function profileFor(em: EntityManager, jurisdiction: string): Promise<EffectiveProfile> {
  return (await profilesFor(em, [jurisdiction])).get(jurisdiction)!;
}

/** One query for any number of jurisdictions (list resolvers go through the `profile` loader). */
export async function profilesFor(em: EntityManager, jurisdictions: readonly string[]): Promise<Map<string, EffectiveProfile>> {
  const codes = [...new Set(jurisdictions)];
  const rows = await sql<{ jurisdiction: string; version: number; overrides: Partial<PolicyProfile> | null }>(
    em,
    `select jurisdiction, version, overrides from policy_profile_projection where jurisdiction = any($1::text[]) and overrides is not null`,
    [codes],
  );
  const edited = new Map(rows.map((r) => [r.jurisdiction, r]));
  return new Map(codes.map((code) => {
    const e = edited.get(code);
    return [code, e ? editedProfile(code, e.version, e.overrides!) : defaultProfile(code)];
  }));
}

const defaults = new Map<string, EffectiveProfile>();
/** The documented profile without local edits (pure; safe to memoize per process). */
export function defaultProfile(jurisdiction: string): EffectiveProfile {
  let p = defaults.get(jurisdiction);
  if (!p) {
    p = resolveProfile(jurisdiction);
    defaults.set(jurisdiction, p);
  }
  return p;
}

// A published profile version never changes; memoize its resolution by content (several test
// databases may share a process, so the version alone is not a key).
const edited = new Map<string, EffectiveProfile>();
function editedProfile(jurisdiction: string, version: number, overrides: Partial<PolicyProfile>): EffectiveProfile {
  const key = `${jurisdiction}@${version}:${JSON.stringify(overrides)}`;
  let p = edited.get(key);
  if (!p) {
    p = resolveProfile(jurisdiction, overrides);
    edited.set(key, p);
  }
  return p;
}

export const calendarOfProfile = (p: EffectiveProfile): WorkingDayCalendar => calendarById(p.calendarId.value);
export const todayOf = (now: Date): LocalDate => todayInShanghai(now);

interface Owned {
  jurisdiction: string;
  sourceAgencyId: string;
}

/** 数源单位 of the owning organization, or the implementing agency (实施机构) of the jurisdiction. */
export function canManage(identity: Identity, r: Owned): boolean {
  if (identity.role === 'SOURCE_UNIT') return !!identity.org && identity.org === r.sourceAgencyId;
  if (identity.role === 'AGENCY') return identity.jurisdiction === r.jurisdiction;
  return false;
}

export function requireManage(identity: Identity, r: Owned): void {
  requireRole(identity, 'SOURCE_UNIT', 'AGENCY');
  if (!canManage(identity, r)) {
    throw forbidden('只能管理本单位或本辖区的数据资源', 'You may only manage resources of your own organization or jurisdiction', {
      details: { jurisdiction: r.jurisdiction, sourceAgencyId: r.sourceAgencyId },
    });
  }
}

/** Prohibited and withdrawn resources are shown only to their owner, the AGENCY and the AUTHORITY. */
export function isPrivileged(identity: Identity, r: Owned): boolean {
  if (identity.role === 'SOURCE_UNIT') return !!identity.org && identity.org === r.sourceAgencyId;
  if (identity.role === 'AGENCY' || identity.role === 'AUTHORITY') return identity.jurisdiction === r.jurisdiction || identity.jurisdiction === 'NATIONAL';
  return false;
}

export function canSee(identity: Identity, r: Owned & { openness: string; status: string }): boolean {
  if (r.openness !== 'PROHIBITED' && r.status === 'ACTIVE') return true;
  return isPrivileged(identity, r);
}

/** The same rule as SQL over alias `r` (params appended to `params`). */
export function privilegedSql(identity: Identity, params: unknown[]): string {
  if (identity.role === 'SOURCE_UNIT' && identity.org) {
    params.push(identity.org);
    return `r.source_agency_id = $${params.length}::uuid`;
  }
  if ((identity.role === 'AGENCY' || identity.role === 'AUTHORITY') && identity.jurisdiction) {
    if (identity.jurisdiction === 'NATIONAL') return 'true';
    params.push(identity.jurisdiction);
    return `r.jurisdiction = $${params.length}`;
  }
  return 'false';
}
