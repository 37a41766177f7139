import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { DomainError } from '../errors.js';
import { ANONYMOUS, isRole, type Identity, type Role } from '../identity.js';

/**
 * The bearer-token settings (JWT_* variables, packages/platform/src/config.ts). The gateway
 * verifies every client's token with them; a subgraph behind a standard router
 * (SUBGRAPH_AUTH=router|both, docs/operations-routers.md) verifies the forwarded token itself,
 * with the same function and the same settings.
 */
export interface JwtSettings {
  jwtSecret: string | null;
  jwksUrl: string | null;
  jwtIssuer: string;
  jwtAudience: string;
  jwtAlgorithms: string[];
  jwtClockToleranceSec: number;
  /** Longest accepted token lifetime, in seconds. */
  jwtMaxLifetimeSec: number;
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Identity>;

/** A verified bearer token: the identity, and the claims and raw token (null for the anonymous public). */
export interface VerifiedToken {
  identity: Identity;
  token: string | null;
  claims: JWTPayload | null;
}

/**
 * Verifies the bearer JWT (docs/architecture.md, Identity flow): algorithm allow-list, signature, exp/nbf with a
 * clock tolerance, issuer and audience, and a bounded lifetime: `exp` is required and a token
 * may live at most JWT_MAX_LIFETIME (`exp` − `iat`, and never more than that from now, so an
 * `iat` in the future buys nothing). A stolen token is worth a short while, not a century.
 * No Authorization header → the anonymous public.
 */
export function createTokenVerifier(config: JwtSettings): TokenVerifier {
  const verify = createTokenClaimsVerifier(config);
  return async (authorization) => (await verify(authorization)).identity;
}

/** The same verification, keeping the claims (`cnf` for DPoP, auth/dpop.ts) and the raw token. */
export function createTokenClaimsVerifier(config: JwtSettings): (authorization: string | undefined) => Promise<VerifiedToken> {
  if (!config.jwksUrl && !config.jwtSecret) throw new Error('Token verification needs JWT_SECRET or JWT_JWKS_URL');
  const key = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : new TextEncoder().encode(config.jwtSecret!);
  return async function verify(authorization: string | undefined): Promise<VerifiedToken> {
    if (!authorization) return { identity: ANONYMOUS, token: null, claims: null };
    // `DPoP` is the scheme of a DPoP-bound token (RFC 9449 §7.1); the token itself is checked the same way.
    const match = /^(?:Bearer|DPoP)\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw invalidToken();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1]!, key as never, {
        algorithms: config.jwtAlgorithms,
        issuer: config.jwtIssuer,
        audience: config.jwtAudience,
        clockTolerance: config.jwtClockToleranceSec,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch {
      throw invalidToken();
    }
    if (!withinLifetime(payload, config.jwtMaxLifetimeSec, config.jwtClockToleranceSec)) throw invalidToken();
    const role = payload.role;
    if (!isRole(role) || role === 'ANONYMOUS' || typeof payload.sub !== 'string') throw invalidToken();
    return {
      identity: {
        sub: payload.sub,
        role,
        org: typeof payload.org === 'string' ? payload.org : null,
        jurisdiction: typeof payload.jurisdiction === 'string' ? payload.jurisdiction : null,
      },
      token: match[1]!,
      claims: payload,
    };
  };
}

/** `exp` present, `iat` (when given) not in the future, and the token's lifetime within the maximum. */
export function withinLifetime(payload: JWTPayload, maxLifetimeSec: number, toleranceSec: number, nowSec = Math.floor(Date.now() / 1000)): boolean {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return false;
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat) || iat > nowSec + toleranceSec)) return false;
  if (typeof iat === 'number' && exp - iat > maxLifetimeSec) return false;
  return exp - nowSec <= maxLifetimeSec + toleranceSec;
}

function invalidToken() {
  return new DomainError('UNAUTHENTICATED', '令牌无效或已过期', 'The token is malformed, expired or not accepted');
}

export interface MintOptions {
  sub: string;
  role: Exclude<Role, 'ANONYMOUS'>;
  org?: string | null;
  jurisdiction?: string | null;
  name?: string;
  /** Lifetime in seconds (negative: already expired, for tests); default and maximum JWT_MAX_LIFETIME. */
  ttlSec?: number;
  /** Binds the token to a DPoP key: the key's JWK SHA-256 thumbprint (RFC 9449 §6.1, `cnf.jkt`). */
  dpopJkt?: string;
}

/**
 * Development tokens (HS256 with JWT_SECRET): `pnpm token`, `pnpm start` and the console's dev
 * sign-in use this. A lifetime above JWT_MAX_LIFETIME is refused: the gateway would refuse the token.
 */
export async function mintToken(config: Pick<JwtSettings, 'jwtSecret' | 'jwtIssuer' | 'jwtAudience' | 'jwtMaxLifetimeSec'>, o: MintOptions): Promise<string> {
  if (!config.jwtSecret) throw new Error('Minting needs JWT_SECRET (HS256)');
  const ttl = o.ttlSec ?? config.jwtMaxLifetimeSec;
  if (ttl > config.jwtMaxLifetimeSec) throw new Error(`Token lifetime ${ttl} s is over JWT_MAX_LIFETIME (${config.jwtMaxLifetimeSec} s)`);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: o.role, org: o.org ?? null, jurisdiction: o.jurisdiction ?? null, ...(o.name ? { name: o.name } : {}), ...(o.dpopJkt ? { cnf: { jkt: o.dpopJkt } } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.sub)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ttl)
    .sign(new TextEncoder().encode(config.jwtSecret));
}
