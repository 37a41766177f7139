import { forbidden, requireRole, type Identity } from '@pdo/platform';
import { todayInShanghai, type LocalDate } from '@pdo/policy';

/**
 * The jurisdiction's effective policy profile (every limit with its source): the authority's
 * edits as licensing last published them (PolicyProfileChanged → policy_profile_projection) on top
 * of @pdo/policy's documented defaults. Never a hard-coded limit.
 */
export { profileFor, profilesFor } from '@pdo/platform';

/** The jurisdiction's working days: the built-in calendar plus the holiday notices its authority loaded. */
export { calendarOfProfile } from '@pdo/policy';
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
