import { createHash, createHmac, createSecretKey, randomFillSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import { DomainError, forbidden, unauthenticated } from './errors.js';

/**
 * The roles of the platform (SECURITY.md, threat model). ANONYMOUS is the public: no token. SERVICE_PROVIDER is the
 * data service provider (数据服务商, JL §八(二)–(三)), a party to revenue distribution with its own emergency plan;
 * PRICING_AUTHORITY the pricing authority (价格主管部门), who sets the maximum permitted revenue with the data
 * authority (PN §2(1)); INDUSTRY_DEPARTMENT an industry department (行业主管部门) giving its opinion on data requests
 * where the jurisdiction says so (JL §五5).
 */
export const ROLES = ['AUTHORITY', 'AGENCY', 'SOURCE_UNIT', 'OPERATOR', 'DEVELOPER', 'FINANCE', 'EXPERT', 'SERVICE_PROVIDER', 'PRICING_AUTHORITY', 'INDUSTRY_DEPARTMENT', 'ANONYMOUS'] as const;
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
export const IDENTITY_NONCE_HEADER = 'x-pdo-identity-nonce';
export const IDENTITY_SIG_HEADER = 'x-pdo-identity-sig';
export const REQUEST_ID_HEADER = 'x-request-id';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** The request a signature is bound to: what the gateway sends, and what the subgraph received. */
export interface SignedRequest {
  /**
   * The subgraph the call is for (its name, e.g. `products`): every subgraph serves `/graphql`, so without it a
   * captured call could be replayed once at another subgraph (each keeps its own nonces).
   */
  audience: string;
  method: string;
  /** Path and query string, as on the request line (`/graphql`). */
  path: string;
  /** The exact body bytes (a string is taken as UTF-8). */
  body: string | Buffer;
}

export function bodyDigest(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64url');
}

/**
 * The signed message: a version tag, the request (the subgraph it is for, method, path, SHA-256 of
 * the body), the identity, the time and a nonce, separated by newlines (none of the parts can
 * contain one: a subgraph name, base64url, digits, an HTTP method and a request path).
 */
function sign(secret: string, request: SignedRequest, encodedIdentity: string, ts: string, nonce: string, digest = bodyDigest(request.body)): string {
  return createHmac('sha256', hmacKey(secret))
    .update(`pdo-sig-v3\n${request.audience}\n${request.method.toUpperCase()}\n${request.path}\n${digest}\n${encodedIdentity}\n${ts}\n${nonce}`)
    .digest('base64url');
}

/**
 * The secret as a key object, made once per secret: `createHmac` with a string converts and
 * imports it on every call, twice per subgraph call (the gateway signs, the subgraph verifies).
 */
const hmacKeys = new Map<string, KeyObject>();
function hmacKey(secret: string): KeyObject {
  let key = hmacKeys.get(secret);
  if (!key) {
    if (hmacKeys.size > 8) hmacKeys.clear();
    hmacKeys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  }
  return key;
}

/**
 * 16 random bytes per nonce, drawn from the system's CSPRNG 4 KiB at a time: one call into
 * OpenSSL per 256 subgraph calls instead of one per call. Each nonce uses its own bytes once.
 */
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let nonceOffset = noncePool.length;
export function newNonce(): string {
  if (nonceOffset === noncePool.length) {
    randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString('base64url', nonceOffset, nonceOffset + NONCE_BYTES);
  nonceOffset += NONCE_BYTES;
  return nonce;
}

/**
 * Headers the gateway attaches to one subgraph call: identity, time, a fresh nonce, and an HMAC
 * over those and the request itself (method, path, body digest). A captured header set is worth
 * nothing with another body, and nothing twice: the subgraph remembers the nonce.
 */
export function signIdentityHeaders(identity: Identity, secret: string, request: SignedRequest, now = Date.now(), nonce = newNonce()): Record<string, string> {
  const encoded = Buffer.from(JSON.stringify(identity)).toString('base64url');
  const ts = String(now);
  return { [IDENTITY_HEADER]: encoded, [IDENTITY_TS_HEADER]: ts, [IDENTITY_NONCE_HEADER]: nonce, [IDENTITY_SIG_HEADER]: sign(secret, request, encoded, ts, nonce) };
}

/**
 * Where a subgraph remembers the nonces it accepted, for as long as their signature could be
 * accepted again (the replay window). An interface so a shared, database-backed store can
 * replace the in-memory one.
 */
export interface NonceStore {
  /**
   * Records `nonce` until `expiresAt` (ms since the epoch). True when it was not seen before (or
   * its earlier record expired); false when it is a replay. May throw a DomainError to refuse.
   */
  claim(nonce: string, expiresAt: number, now: number): boolean | Promise<boolean>;
}

/**
 * The nonces one subgraph process has accepted, in memory and bounded. Enough for one replica:
 * with N replicas of a subgraph behind a load balancer a captured request could be replayed once
 * per replica, so a deployment that runs several needs a shared store (a table with a unique key,
 * or Redis SET NX PX) behind the same interface. When full of unexpired nonces it refuses new
 * requests (SERVICE_UNAVAILABLE) instead of forgetting one, which would reopen a replay.
 */
export class MemoryNonceStore implements NonceStore {
  private readonly seen = new Map<string, number>();
  private lastFullSweep = 0;

  constructor(readonly capacity = 500_000) {}

  get size(): number {
    return this.seen.size;
  }

  claim(nonce: string, expiresAt: number, now: number): boolean {
    const prior = this.seen.get(nonce);
    if (prior !== undefined && prior >= now) return false;
    // Oldest first (insertion order): drop the expired head cheaply on every call.
    for (const [k, exp] of this.seen) {
      if (exp >= now) break;
      this.seen.delete(k);
    }
    if (this.seen.size >= this.capacity && now - this.lastFullSweep >= 1000) {
      this.lastFullSweep = now;
      for (const [k, exp] of this.seen) if (exp < now) this.seen.delete(k);
    }
    if (this.seen.size >= this.capacity) {
      throw new DomainError('SERVICE_UNAVAILABLE', '服务繁忙，请稍后重试', 'Too many requests in the replay window; retry shortly');
    }
    this.seen.delete(nonce);
    this.seen.set(nonce, expiresAt);
    return true;
  }
}

export interface VerifyOptions {
  secret: string;
  /** How old (or how far in the future) a signature may be, in ms; its nonce is remembered that long. */
  maxSkewMs: number;
  /** Accepted nonces; a nonce seen twice within the window is a replay. */
  nonces: NonceStore;
  now?: number;
}

/**
 * Verifies the gateway's signature on a subgraph request: the identity headers and the request
 * they came with (method, path, body), within the time window, with a nonce not seen before. A
 * subgraph calls this before it executes anything, so calling a subgraph directly (bypassing the
 * gateway) grants nothing, and neither does replaying or re-targeting a captured call.
 */
export async function verifyIdentityHeaders(headers: Record<string, string | string[] | undefined>, request: SignedRequest, options: VerifyOptions): Promise<Identity> {
  const h = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const encoded = h(IDENTITY_HEADER);
  const ts = h(IDENTITY_TS_HEADER);
  const nonce = h(IDENTITY_NONCE_HEADER);
  const sig = h(IDENTITY_SIG_HEADER);
  if (!encoded || !ts || !sig || !nonce) {
    throw new DomainError('UNAUTHENTICATED', '缺少网关签名，请通过网关访问', 'Missing gateway signature: call the gateway, not the subgraph');
  }
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !/^[0-9]{1,16}$/.test(ts)) throw new DomainError('UNAUTHENTICATED', '网关签名无效', 'Invalid gateway signature');
  const expected = Buffer.from(sign(options.secret, request, encoded, ts, nonce));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new DomainError('UNAUTHENTICATED', '网关签名无效', 'Invalid gateway signature');
  }
  const now = options.now ?? Date.now();
  const age = Math.abs(now - Number(ts));
  if (!Number.isFinite(age) || age > options.maxSkewMs) {
    throw new DomainError('UNAUTHENTICATED', '网关签名已过期', 'Stale gateway signature');
  }
  if (!(await options.nonces.claim(nonce, Number(ts) + options.maxSkewMs, now))) {
    throw new DomainError('UNAUTHENTICATED', '重复的网关签名（重放）', 'Gateway signature already used (replay)');
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
