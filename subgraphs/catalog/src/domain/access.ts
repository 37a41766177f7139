import { forbidden, inScope, requireRole, scopeSql, SUPERVISOR_ROLES, type Identity, type ScopeTarget } from '@pdo/platform';
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

/**
 * Catalog's use of the platform's scope (packages/platform/src/access/scope.ts): the AGENCY and the
 * AUTHORITY see their jurisdiction's metadata (the NATIONAL ones every jurisdiction's), a source
 * agency its own resources.
 */
export const CATALOG_SCOPE = { officials: SUPERVISOR_ROLES, national: true } as const;
export const resourceTarget = (r: Owned): ScopeTarget => ({ jurisdiction: r.jurisdiction, orgIds: [r.sourceAgencyId] });

/** Prohibited and withdrawn resources are shown only to their owner, the AGENCY and the AUTHORITY. */
export function isPrivileged(identity: Identity, r: Owned): boolean {
  return inScope(identity, resourceTarget(r), CATALOG_SCOPE);
}

export const isPublicResource = (r: { openness: string; status: string }) => r.openness !== 'PROHIBITED' && r.status === 'ACTIVE';

export function canSee(identity: Identity, r: Owned & { openness: string; status: string }): boolean {
  return isPublicResource(r) || isPrivileged(identity, r);
}

/** The same rule as SQL over alias `r` (params appended to `params`). */
export function privilegedSql(identity: Identity, params: unknown[]): string {
  return scopeSql(identity, { jurisdiction: 'r.jurisdiction', orgs: ['r.source_agency_id'] }, params, CATALOG_SCOPE);
}
