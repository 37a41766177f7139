/**
 * Jurisdiction and organization scope: the one place that says which objects a caller may see.
 * Every subgraph asks it, for lists (a SQL filter), for single objects (a guard) and for entity
 * references (`_entities`, applied by the platform from each subgraph's `entityAccess`).
 *
 * The rule (SECURITY.md, threat model "authenticated party"):
 * - officials (data authority, implementing agency, source agency, finance, expert) see their own
 *   jurisdiction's objects; a subgraph may narrow who counts as an official for an object kind
 *   (e.g. only AUTHORITY and AGENCY for usage agreements) — the others then fall back to their
 *   own organization;
 * - where a subgraph opts in (`national`, reads of catalog metadata), the authority and the
 *   implementing agency of the NATIONAL jurisdiction see every jurisdiction; elsewhere NATIONAL is
 *   a jurisdiction like the others (acting in a jurisdiction always needs `requireJurisdiction`);
 * - parties (operator, developer) see their own organization's objects;
 * - the public (no token, or a token without jurisdiction and organization) sees public objects only.
 * Every caller also sees what the object marks as public.
 */
import { DomainError, unauthenticated } from '../errors.js';
import { sql as kysql, type RawBuilder, type SqlBool } from 'kysely';
import { ROLES, type Identity, type Role } from '../identity.js';

/** Every role that signs in (everyone but the public). */
export const SIGNED_IN_ROLES: readonly Role[] = Object.freeze(ROLES.filter((r) => r !== 'ANONYMOUS'));
/** Roles acting for a jurisdiction (DESIGN §1): they see their jurisdiction's objects. */
export const OFFICIAL_ROLES: readonly Role[] = Object.freeze(['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'FINANCE', 'EXPERT'] as Role[]);
/** The data authority and the implementing agency: they supervise the jurisdiction. */
export const SUPERVISOR_ROLES: readonly Role[] = Object.freeze(['AUTHORITY', 'AGENCY'] as Role[]);
/** Roles acting for their own organization only. */
export const PARTY_ROLES: readonly Role[] = Object.freeze(['OPERATOR', 'DEVELOPER', 'SERVICE_PROVIDER'] as Role[]);
/** The national jurisdiction: its supervisors read every jurisdiction. */
export const NATIONAL_JURISDICTION = 'NATIONAL';

export type Scope =
  /** A national supervisor where the subgraph opts in (`national`): every jurisdiction. */
  | { kind: 'ALL'; org: string | null }
  /** An official: this jurisdiction (and whatever names its organization). */
  | { kind: 'JURISDICTION'; jurisdiction: string; org: string | null }
  /** A party: objects naming its organization. */
  | { kind: 'ORG'; org: string }
  /** The public: public objects only. */
  | { kind: 'PUBLIC' };

export interface ScopeOptions {
  /** Who counts as an official (sees the jurisdiction) for this kind of object. Default OFFICIAL_ROLES. */
  officials?: readonly Role[];
  /** The NATIONAL authority and agency see every jurisdiction (default false: only their own). */
  national?: boolean;
}

/** What an identity may see. */
export function scopeOf(identity: Identity, options: ScopeOptions = {}): Scope {
  const officials = options.officials ?? OFFICIAL_ROLES;
  if (identity.role === 'ANONYMOUS') return { kind: 'PUBLIC' };
  if (officials.includes(identity.role) && identity.jurisdiction) {
    if (options.national && identity.jurisdiction === NATIONAL_JURISDICTION && SUPERVISOR_ROLES.includes(identity.role)) return { kind: 'ALL', org: identity.org };
    return { kind: 'JURISDICTION', jurisdiction: identity.jurisdiction, org: identity.org };
  }
  if (identity.org) return { kind: 'ORG', org: identity.org };
  return { kind: 'PUBLIC' };
}

/** Where an object belongs: its jurisdiction, the organizations it is theirs (owner, parties), and whether it is public. */
export interface ScopeTarget {
  jurisdiction: string | null | undefined;
  orgIds?: readonly (string | null | undefined)[];
  /** Visible to everyone (a listed product, a public disclosure). */
  public?: boolean;
}

/** Whether the identity may see the object. */
export function inScope(identity: Identity, target: ScopeTarget, options: ScopeOptions = {}): boolean {
  if (target.public) return true;
  const scope = scopeOf(identity, options);
  const ownsIt = (org: string | null) => !!org && (target.orgIds ?? []).some((o) => o === org);
  switch (scope.kind) {
    case 'ALL':
      return true;
    case 'JURISDICTION':
      return (!!target.jurisdiction && target.jurisdiction === scope.jurisdiction) || ownsIt(scope.org);
    case 'ORG':
      return ownsIt(scope.org);
    case 'PUBLIC':
      return false;
  }
}

export interface AssertScopeOptions extends ScopeOptions {
  /** Names the object in the NOT_FOUND message, e.g. ['应用协议', 'Usage agreement']. */
  entity?: [zh: string, en: string];
  id?: string;
}

/**
 * Refuses an object the identity may not see, the same way everywhere:
 * - the public: UNAUTHENTICATED (signing in may help);
 * - a caller of another jurisdiction (or of none): NOT_FOUND — it is not told the object exists;
 * - a caller of the object's own jurisdiction who is not its party: FORBIDDEN.
 */
export function assertInScope(identity: Identity, target: ScopeTarget, options: AssertScopeOptions = {}): void {
  if (inScope(identity, target, options)) return;
  if (identity.role === 'ANONYMOUS') throw unauthenticated();
  if (identity.jurisdiction && identity.jurisdiction === target.jurisdiction) {
    throw new DomainError('FORBIDDEN', '无权查看该对象', 'You may not see this object');
  }
  const [zh, en] = options.entity ?? ['对象', 'Object'];
  throw new DomainError('NOT_FOUND', `${zh}不存在`, `${en} not found`, options.id ? { details: { id: options.id } } : {});
}

/** The columns of a table that `scopeSql` compares. */
export interface ScopeColumns {
  /** The jurisdiction column, e.g. `p.jurisdiction`. */
  jurisdiction?: string;
  /** Organization columns; a column of type uuid compares as uuid (write `col::text` for text columns if needed). */
  orgs?: readonly string[];
  /** A SQL predicate of public rows (e.g. `p.listed_at is not null`). */
  public?: string;
}

/**
 * The identity's scope as a SQL predicate over the given columns, for lists filtered in the
 * database (never after paging). Appends its parameters to `params`.
 */
export function scopeSql(identity: Identity, columns: ScopeColumns, params: unknown[], options: ScopeOptions = {}): string {
  const scope = scopeOf(identity, options);
  const add = (v: unknown) => `$${params.push(v)}`;
  const orgPredicates = (org: string | null) => (org ? (columns.orgs ?? []).map((c) => `${c} = ${add(org)}`) : []);
  const any = (preds: string[]) => (preds.length === 0 ? 'false' : preds.length === 1 ? preds[0]! : `(${preds.join(' or ')})`);
  const pub = columns.public ? [columns.public] : [];
  switch (scope.kind) {
    case 'ALL':
      return 'true';
    case 'JURISDICTION':
      return any([...(columns.jurisdiction ? [`${columns.jurisdiction} = ${add(scope.jurisdiction)}`] : []), ...orgPredicates(scope.org), ...pub]);
    case 'ORG':
      return any([...orgPredicates(scope.org), ...pub]);
    case 'PUBLIC':
      return any(pub);
  }
}

/** Whether an access rule (role gate) lets the identity in. */
export function roleAllowed(rule: 'PUBLIC' | readonly Role[], identity: Identity): boolean {
  return rule === 'PUBLIC' || rule.includes(identity.role);
}

/**
 * `scopeSql` for Kysely queries: the same decision as a boolean expression over the given columns (column names are
 * the table's, optionally `alias.column`; `public` is an expression of public rows).
 */
export function scopeWhere(
  identity: Identity,
  columns: { jurisdiction?: string; orgs?: readonly string[]; public?: RawBuilder<SqlBool> },
  options: ScopeOptions = {},
): RawBuilder<SqlBool> {
  const scope = scopeOf(identity, options);
  const orgPredicates = (org: string | null) => (org ? (columns.orgs ?? []).map((c) => kysql<SqlBool>`${kysql.ref(c)} = ${org}`) : []);
  const any = (preds: RawBuilder<SqlBool>[]) => (preds.length === 0 ? kysql<SqlBool>`false` : kysql<SqlBool>`(${kysql.join(preds, kysql` or `)})`);
  const pub = columns.public ? [columns.public] : [];
  switch (scope.kind) {
    case 'ALL':
      return kysql<SqlBool>`true`;
    case 'JURISDICTION':
      return any([...(columns.jurisdiction ? [kysql<SqlBool>`${kysql.ref(columns.jurisdiction)} = ${scope.jurisdiction}`] : []), ...orgPredicates(scope.org), ...pub]);
    case 'ORG':
      return any([...orgPredicates(scope.org), ...pub]);
    case 'PUBLIC':
      return any(pub);
  }
}
