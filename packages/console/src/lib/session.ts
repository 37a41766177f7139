/** The signed-in user: a bearer token kept for the browser tab (sessionStorage), never a password. */
export interface SessionClaims {
  sub: string;
  role: string;
  org: string | null;
  jurisdiction: string | null;
  name?: string;
  exp?: number;
}

const KEY = 'pdo.console.token';

/**
 * Reads a JWT's claims for display and navigation only. The gateway verifies the signature;
 * the browser cannot and does not trust these claims for anything else.
 */
export function decodeToken(token: string): SessionClaims | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
    const bin = atob(padded);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    if (typeof json.sub !== 'string' || typeof json.role !== 'string') return null;
    return {
      sub: json.sub,
      role: json.role,
      org: typeof json.org === 'string' ? json.org : null,
      jurisdiction: typeof json.jurisdiction === 'string' ? json.jurisdiction : null,
      name: typeof json.name === 'string' ? json.name : undefined,
      exp: typeof json.exp === 'number' ? json.exp : undefined,
    };
  } catch {
    return null;
  }
}

export function isExpired(claims: SessionClaims, nowMs = Date.now()): boolean {
  return claims.exp !== undefined && claims.exp * 1000 <= nowMs;
}

export function loadToken(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    /* private mode: the session lasts as long as the page */
  }
}

export type Desk = 'market' | 'mine' | 'operator' | 'finance' | 'regulator' | 'source' | 'party' | 'pricing' | 'industry' | 'apply';

/** Which desks a role works at (the API still decides; this only shapes the menu). */
export function desksFor(role: string | undefined): Desk[] {
  switch (role) {
    // Companies apply to operator calls (licensing's access.ts: APPLICANTS).
    case 'DEVELOPER':
      return ['market', 'mine', 'apply'];
    case 'OPERATOR':
      return ['market', 'operator', 'apply'];
    case 'FINANCE':
      return ['market', 'finance'];
    case 'AUTHORITY':
      return ['market', 'regulator', 'finance'];
    case 'AGENCY':
      return ['market', 'regulator'];
    case 'SOURCE_UNIT':
      // The source agency (数源单位) answers the correction requests on its own resources.
      return ['market', 'source'];
    case 'SERVICE_PROVIDER':
      // A party to settlements (数据服务商, JL §八(二)): its own shares and statements.
      return ['market', 'party'];
    case 'PRICING_AUTHORITY':
      // Sets the maximum permitted revenue with the data authority and designates the bond yield (PN §2(1), §3(1)).
      return ['market', 'pricing'];
    case 'INDUSTRY_DEPARTMENT':
      // Gives its opinion on scenarios under review where the profile says so (JL §五5).
      return ['market', 'industry'];
    default:
      return ['market'];
  }
}
