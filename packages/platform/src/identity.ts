import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError, forbidden, unauthenticated } from './errors.js';

/** The roles of DESIGN.md §1. ANONYMOUS is the public: no token. */
export const ROLES = ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'OPERATOR', 'DEVELOPER', 'FINANCE', 'EXPERT', 'ANONYMOUS'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  /** Subject: the user id from the token, or "anonymous". */
  sub: string;
  role: Role;
  /** The caller's organization (licensing Organization id); null for anonymous. */
  org: string | null;
  /** The jurisdiction code the caller acts in (e.g. "HN"); null for anonymous. */
  jurisdiction: string | null;
}

export const ANONYMOUS: Identity = Object.freeze({ sub: 'anonymous', role: 'ANONYMOUS', org: null, jurisdiction: null });

export const IDENTITY_HEADER = 'x-pdo-identity';
export const IDENTITY_TS_HEADER = 'x-pdo-identity-ts';
export const IDENTITY_SIG_HEADER = 'x-pdo-identity-sig';
export const REQUEST_ID_HEADER = 'x-request-id';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function sign(secret: string, encodedIdentity: string, ts: string): string {
  return createHmac('sha256', secret).update(`${encodedIdentity}.${ts}`).digest('base64url');
}

/** Headers the gateway attaches to every subgraph call: identity, time, and an HMAC over both. */
export function signIdentityHeaders(identity: Identity, secret: string, now = Date.now()): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(identity)).toString('base64url');
  const ts = String(now);
  return { [IDENTITY_HEADER]: encoded, [IDENTITY_TS_HEADER]: ts, [IDENTITY_SIG_HEADER]: sign(secret, encoded, ts) };
}

export interface VerifyOptions {
  secret: string;
  /** How old (or how far in the future) a signature may be, in ms. Bounds replay of captured requests. */
  maxSkewMs: number;
  now?: number;
}

/**
 * Verifies the gateway's signature on the identity headers. A subgraph calls this before it
 * executes anything, so calling a subgraph directly (bypassing the gateway) grants nothing.
 */
export function verifyIdentityHeaders(headers: Record<string, string | string[] | undefined>, options: VerifyOptions): Identity {
  const h = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const encoded = h(IDENTITY_HEADER);
  const ts = h(IDENTITY_TS_HEADER);
  const sig = h(IDENTITY_SIG_HEADER);
  if (!encoded || !ts || !sig) {
    throw new DomainError('UNAUTHENTICATED', '缺少网关签名，请通过网关访问', 'Missing gateway signature: call the gateway, not the subgraph');
  }
  const expected = Buffer.from(sign(options.secret, encoded, ts));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new DomainError('UNAUTHENTICATED', '网关签名无效', 'Invalid gateway signature');
  }
  const age = Math.abs((options.now ?? Date.now()) - Number(ts));
  if (!Number.isFinite(age) || age > options.maxSkewMs) {
    throw new DomainError('UNAUTHENTICATED', '网关签名已过期', 'Stale gateway signature');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw unauthenticated();
  }
  const p = parsed as Partial<Identity>;
  if (!p || typeof p.sub !== 'string' || !isRole(p.role)) throw unauthenticated();
  return { sub: p.sub, role: p.role, org: p.org ?? null, jurisdiction: p.jurisdiction ?? null };
}

/** Domain-layer guard: the caller must hold one of these roles. */
export function requireRole(identity: Identity, ...roles: Role[]): void {
  if (identity.role === 'ANONYMOUS' && !roles.includes('ANONYMOUS')) throw unauthenticated();
  if (!roles.includes(identity.role)) {
    throw forbidden(`需要以下角色之一：${roles.join('、')}`, `Requires one of the roles: ${roles.join(', ')}`, { details: { required: roles, actual: identity.role } });
  }
}

/** Domain-layer guard: the caller acts for this organization. */
export function requireOrg(identity: Identity, orgId: string | null | undefined): void {
  if (!orgId || identity.org !== orgId) {
    throw forbidden('只能操作本单位的数据', 'You may only act on your own organization\'s objects');
  }
}

/** Domain-layer guard: the caller acts in this jurisdiction. */
export function requireJurisdiction(identity: Identity, jurisdiction: string | null | undefined): void {
  if (!jurisdiction || identity.jurisdiction !== jurisdiction) {
    throw forbidden('只能操作本辖区的数据', 'You may only act within your own jurisdiction');
  }
}
