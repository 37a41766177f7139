import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.js';
import { IDENTITY_HEADER, IDENTITY_SIG_HEADER, verifyIdentityHeaders, type Identity, type NonceStore, type SignedRequest } from '../identity.js';
import { ROUTER_SECRET_HEADER, type SubgraphAuthMode } from '../config.js';
import { createTokenClaimsVerifier, type JwtSettings } from './jwt.js';
import { checkDpop, DPOP_HEADER, type DpopSettings } from './dpop.js';

type Headers = Record<string, string | string[] | undefined>;

export interface SubgraphAuthSettings extends JwtSettings, DpopSettings {
  subgraphAuth: SubgraphAuthMode;
  routerSecret: string | null;
  gatewaySecret: string;
  signatureMaxSkewMs: number;
}

/**
 * How a subgraph knows who is calling (SECURITY.md; docs/operations-routers.md). Two ways in:
 *
 * - `signed` (the default): this project's gateway signs every subgraph call (identity, method,
 *   path, body digest, time and a nonce; identity.ts). Nothing else is accepted.
 * - `router`: a standard federation router (Hive Gateway, Apollo Router, Hive Router) cannot
 *   compute a per-request HMAC, but every one of them can forward the client's `Authorization`
 *   header and add a static header. The subgraph then requires the router's shared secret in
 *   `x-pdo-router-secret` (ROUTER_SHARED_SECRET) and verifies the bearer JWT itself, with the
 *   gateway's own verifier (auth/jwt.ts: signature, algorithm allow-list, issuer, audience, `exp`
 *   and the maximum lifetime). No token: the anonymous public, as through the gateway. A
 *   DPoP-bound token (`cnf.jkt`) must come with its client's proof, used once per request body
 *   (auth/dpop.ts; ROUTER_REQUIRE_DPOP makes every signed-in request bring one). What this gives
 *   up against the signature is said in docs/operations-routers.md.
 * - `both`: a request that carries the gateway's signature headers is verified as `signed`; any
 *   other as `router`.
 *
 * Returns a function the subgraph calls before it executes anything; it throws UNAUTHENTICATED.
 */
export function createSubgraphAuthenticator(settings: SubgraphAuthSettings, nonces: NonceStore): (headers: Headers, request: SignedRequest) => Promise<Identity> {
  const mode = settings.subgraphAuth;
  const verifySigned = (headers: Headers, request: SignedRequest) =>
    verifyIdentityHeaders(headers, request, { secret: settings.gatewaySecret, maxSkewMs: settings.signatureMaxSkewMs, nonces });
  if (mode === 'signed') return verifySigned;
  if (!settings.routerSecret) throw new Error(`SUBGRAPH_AUTH=${mode} needs ROUTER_SHARED_SECRET`);
  const expectedSecret = createHash('sha256').update(settings.routerSecret).digest();
  const verifyToken = createTokenClaimsVerifier(settings);
  const viaRouter = async (headers: Headers, request: SignedRequest): Promise<Identity> => {
    const given = first(headers[ROUTER_SECRET_HEADER]);
    if (!given) {
      throw new DomainError(
        'UNAUTHENTICATED',
        mode === 'both' ? '缺少网关签名或路由器凭据，请通过网关访问' : '缺少路由器凭据，请通过路由器访问',
        mode === 'both' ? 'Missing gateway signature or router credential: call the gateway or router, not the subgraph' : 'Missing router credential: call the router, not the subgraph',
      );
    }
    // Compared as SHA-256 digests: constant time, whatever the lengths.
    if (!timingSafeEqual(createHash('sha256').update(given).digest(), expectedSecret)) {
      throw new DomainError('UNAUTHENTICATED', '路由器凭据无效', 'Invalid router credential');
    }
    const verified = await verifyToken(first(headers.authorization));
    if (verified.token && verified.claims) await checkDpop(first(headers[DPOP_HEADER]), verified.token, verified.claims, request, nonces, settings);
    return verified.identity;
  };
  if (mode === 'router') return viaRouter;
  return (headers, request) => (first(headers[IDENTITY_SIG_HEADER]) !== undefined || first(headers[IDENTITY_HEADER]) !== undefined ? verifySigned(headers, request) : viaRouter(headers, request));
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
