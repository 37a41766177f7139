import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { ANONYMOUS, DomainError, isRole, type Identity, type Role } from '@pdo/platform';
import type { GatewayConfig } from './config.js';

/**
 * Verifies the bearer JWT (DESIGN.md §5): algorithm allow-list, signature, exp/nbf with a
 * clock tolerance, issuer and audience. No Authorization header → the anonymous public.
 */
export function createTokenVerifier(config: GatewayConfig) {
  const key = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : new TextEncoder().encode(config.jwtSecret!);
  return async function verify(authorization: string | undefined): Promise<Identity> {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
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
    const role = payload.role;
    if (!isRole(role) || role === 'ANONYMOUS' || typeof payload.sub !== 'string') throw invalidToken();
    return {
      sub: payload.sub,
      role,
      org: typeof payload.org === 'string' ? payload.org : null,
      jurisdiction: typeof payload.jurisdiction === 'string' ? payload.jurisdiction : null,
    };
  };
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
  expiresIn?: string;
}

/** Development tokens (HS256 with JWT_SECRET): `pnpm token` and `pnpm start` use this. */
export async function mintToken(config: Pick<GatewayConfig, 'jwtSecret' | 'jwtIssuer' | 'jwtAudience'>, o: MintOptions): Promise<string> {
  if (!config.jwtSecret) throw new Error('Minting needs JWT_SECRET (HS256)');
  return new SignJWT({ role: o.role, org: o.org ?? null, jurisdiction: o.jurisdiction ?? null, ...(o.name ? { name: o.name } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(o.sub)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setNotBefore('0s')
    .setExpirationTime(o.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(config.jwtSecret));
}
