import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWTPayload } from 'jose';
import { DomainError } from '../errors.js';
import type { NonceStore, SignedRequest } from '../identity.js';

/** The header that carries the client's proof (RFC 9449 §4.1); routers forward it like `Authorization`. */
export const DPOP_HEADER = 'dpop';

/** Proof algorithms accepted: asymmetric only (RFC 9449 §4.2: never `none` or a MAC). */
const PROOF_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA'];

export interface DpopSettings {
  /** ROUTER_REQUIRE_DPOP: a signed-in request must carry a DPoP-bound token (`cnf.jkt`) and its proof. */
  routerRequireDpop: boolean;
  /** ROUTER_PUBLIC_URL: when set, the proof's `htu` must be this URL (the router's, as the client called it). */
  routerPublicUrl: string | null;
  /** How old (or early) a proof may be, in ms (IDENTITY_MAX_SKEW_MS); its use is remembered that long. */
  signatureMaxSkewMs: number;
}

function refused(zh: string, en: string): DomainError {
  return new DomainError('UNAUTHENTICATED', zh, en);
}

/**
 * Replay protection behind a standard router (SUBGRAPH_AUTH=router|both), from what routers
 * forward: the client's bearer token and its DPoP proof (RFC 9449). A router cannot sign each
 * subgraph call, but the client can sign each of its requests: a DPoP proof is a JWT with a fresh
 * `jti`, the time (`iat`), the method and URL, and the hash of the access token (`ath`), signed with
 * the key the token is bound to (`cnf.jkt`). The subgraph checks all of it and remembers each
 * (proof, request body) it accepted in the nonce store — shared by its replicas with
 * REPLAY_STORE=postgres — for the window:
 *
 * - the same captured subgraph request sent again within the window is refused (UNAUTHENTICATED);
 * - after the window the proof is stale, so a captured request is worth nothing then;
 * - without the client's private key no new proof can be made for the token.
 *
 * The limit (docs/operations-routers.md): the body is not covered by the proof — one client
 * request becomes several subgraph calls with different bodies and the same proof — so within the
 * window (IDENTITY_MAX_SKEW_MS, 30 s) a captured proof can carry another query to the same subgraph.
 * Without DPoP that window is the token's whole life (JWT_MAX_LIFETIME).
 */
export async function checkDpop(
  proof: string | undefined,
  accessToken: string,
  token: JWTPayload,
  request: SignedRequest,
  nonces: NonceStore,
  settings: DpopSettings,
  now = Date.now(),
): Promise<void> {
  const bound = (token.cnf as { jkt?: unknown } | undefined)?.jkt;
  if (typeof bound !== 'string') {
    if (settings.routerRequireDpop) throw refused('令牌未绑定 DPoP 密钥', 'The token is not DPoP-bound (cnf.jkt); this platform requires DPoP behind a router');
    return;
  }
  if (!proof) throw refused('缺少 DPoP 证明', 'Missing DPoP proof for a DPoP-bound token');
  let payload: JWTPayload;
  let jkt: string;
  try {
    const verified = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: PROOF_ALGORITHMS });
    payload = verified.payload;
    jkt = await calculateJwkThumbprint(verified.protectedHeader.jwk!, 'sha256');
  } catch {
    throw refused('DPoP 证明无效', 'Invalid DPoP proof');
  }
  if (jkt !== bound) throw refused('DPoP 证明与令牌不匹配', 'The DPoP proof is not signed by the key the token is bound to');
  const { jti, iat, htm, htu, ath } = payload as { jti?: unknown; iat?: unknown; htm?: unknown; htu?: unknown; ath?: unknown };
  if (typeof jti !== 'string' || jti.length < 16 || jti.length > 128 || typeof iat !== 'number' || typeof htm !== 'string' || typeof htu !== 'string') {
    throw refused('DPoP 证明缺少必需声明', 'The DPoP proof lacks jti, iat, htm or htu');
  }
  // The client's method towards the router: GET or POST for GraphQL over HTTP.
  if (htm !== 'GET' && htm !== 'POST') throw refused('DPoP 证明的方法不符', 'The DPoP proof names another HTTP method');
  if (settings.routerPublicUrl && stripQuery(htu) !== stripQuery(settings.routerPublicUrl)) throw refused('DPoP 证明的地址不符', 'The DPoP proof names another URL');
  if (ath !== createHash('sha256').update(accessToken).digest('base64url')) throw refused('DPoP 证明与令牌不匹配', 'The DPoP proof is for another access token (ath)');
  if (Math.abs(now - iat * 1000) > settings.signatureMaxSkewMs) throw refused('DPoP 证明已过期', 'Stale DPoP proof');
  const body = createHash('sha256').update(request.body).digest('base64url');
  const key = `dpop:${jkt}:${jti}:${body}`;
  if (!(await nonces.claim(key, iat * 1000 + settings.signatureMaxSkewMs, now))) {
    throw refused('重复的请求（重放）', 'This request was already received with this DPoP proof (replay)');
  }
}

/** RFC 9449 §4.3: `htu` is compared without query and fragment. */
function stripQuery(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}
