import { assertInScope, forbidden, requireJurisdiction, requireRole, scopeOf, type Identity, type Role } from '@pdo/platform';

/** FINANCE and AUTHORITY act for their whole jurisdiction. */
export function requireFinance(identity: Identity, jurisdiction: string): void {
  requireRole(identity, 'FINANCE', 'AUTHORITY');
  requireJurisdiction(identity, jurisdiction);
}

export const isFinance = (identity: Identity) => identity.role === 'FINANCE' || identity.role === 'AUTHORITY';

/**
 * Revenue's use of the platform's scope (packages/platform/src/access/scope.ts): finance staff and
 * the authority see their jurisdiction; every other role only what names its organization.
 */
export const REVENUE_SCOPE = { officials: ['FINANCE', 'AUTHORITY'] as readonly Role[] } as const;

/**
 * Scope of party-level reads: finance staff see their jurisdiction; anyone else only what is
 * theirs (a source agency its shares, an operator its own, a developer its own charges).
 */
export function partyScope(identity: Identity): { jurisdiction: string | null; partyId: string | null } {
  if (identity.role === 'ANONYMOUS') throw forbidden('需要登录', 'Sign in to see revenue data');
  const scope = scopeOf(identity, REVENUE_SCOPE);
  if (scope.kind === 'JURISDICTION') return { jurisdiction: scope.jurisdiction, partyId: null };
  if (scope.kind === 'ORG') return { jurisdiction: null, partyId: scope.org };
  throw forbidden('未关联单位', 'Your account has no organization');
}

/** A single party's statement: finance of the jurisdiction, or the party itself. */
export function requirePartyOrFinance(identity: Identity, jurisdiction: string, partyId: string): void {
  assertInScope(identity, { jurisdiction, orgIds: [partyId] }, { ...REVENUE_SCOPE, entity: ['对账单', 'Statement'] });
}
