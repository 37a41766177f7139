/**
 * Bearer-token verification and development tokens live in the platform
 * (packages/platform/src/auth/jwt.ts), so the gateway and a subgraph behind a standard router
 * verify tokens with one implementation. Re-exported here for the gateway's callers.
 */
export { createTokenVerifier, withinLifetime, mintToken, type MintOptions, type JwtSettings, type TokenVerifier } from '@pdo/platform';
