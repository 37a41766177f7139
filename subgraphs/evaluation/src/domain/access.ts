import { forbidden, requireJurisdiction, requireRole, type Identity, type Role } from '@pdo/platform';
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

/** Reading an operator's own records: the operator itself, or the AUTHORITY/EXPERT of its jurisdiction. */
export function requireOperatorOrSupervisor(identity: Identity, jurisdiction: string, operatorId: string): void {
  requireRole(identity, 'AUTHORITY', 'EXPERT', 'OPERATOR');
  if (identity.role === 'OPERATOR') {
    if (identity.org !== operatorId) throw forbidden('只能查看本单位的报告', "You may only read your own organization's records");
    return;
  }
  requireJurisdiction(identity, jurisdiction);
}

export const today = (now: Date) => todayInShanghai(now);
