import { assertInScope, requireJurisdiction, requireRole, type Identity, type Role } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';

/** The AUTHORITY of this jurisdiction (data bureau): sets weights, assesses, accepts reports. */
export function requireAuthorityOf(identity: Identity, jurisdiction: string): void {
  requireRole(identity, 'AUTHORITY');
  requireJurisdiction(identity, jurisdiction);
}

/** One of these roles, acting in this jurisdiction. */
export function requireRoleIn(identity: Identity, jurisdiction: string, ...roles: Role[]): void {
  requireRole(identity, ...roles);
  requireJurisdiction(identity, jurisdiction);
}

/** Reading an operator's own records: the operator itself, or the AUTHORITY/EXPERT of its jurisdiction (packages/platform/src/access/scope.ts). */
export function requireOperatorOrSupervisor(identity: Identity, jurisdiction: string, operatorId: string): void {
  requireRole(identity, 'AUTHORITY', 'EXPERT', 'OPERATOR');
  assertInScope(identity, { jurisdiction, orgIds: [operatorId] }, { officials: ['AUTHORITY', 'EXPERT'] });
}

export const today = (now: Date) => todayInShanghai(now);
