import { forbidden, requireJurisdiction, requireRole, type Identity } from '@pdo/platform';

/** FINANCE and AUTHORITY act for their whole jurisdiction. */
export function requireFinance(identity: Identity, jurisdiction: string): void {
  requireRole(identity, 'FINANCE', 'AUTHORITY');
  requireJurisdiction(identity, jurisdiction);
}

export const isFinance = (identity: Identity) => identity.role === 'FINANCE' || identity.role === 'AUTHORITY';

/**
 * Scope of party-level reads: finance staff see their jurisdiction; anyone else only what is
 * theirs (a source agency its shares, an operator its own, a developer its own charges).
 */
export function partyScope(identity: Identity): { jurisdiction: string | null; partyId: string | null } {
  if (identity.role === 'ANONYMOUS') throw forbidden('需要登录', 'Sign in to see revenue data');
  if (isFinance(identity)) return { jurisdiction: identity.jurisdiction, partyId: null };
  if (!identity.org) throw forbidden('未关联单位', 'Your account has no organization');
  return { jurisdiction: null, partyId: identity.org };
}

/** A single party's statement: finance of the jurisdiction, or the party itself. */
export function requirePartyOrFinance(identity: Identity, jurisdiction: string, partyId: string): void {
  if (isFinance(identity) && identity.jurisdiction === jurisdiction) return;
  if (identity.org && identity.org === partyId) return;
  throw forbidden('只能查看本单位或本辖区的对账单', "You may only see your own organization's or your jurisdiction's statements");
}
