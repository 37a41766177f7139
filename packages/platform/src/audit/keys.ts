import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/**
 * Keys of the tamper-evident audit trail. Neither lives in the database: whoever holds the
 * database (even as its owner) but not these keys can neither recompute a keyed chain after an
 * edit nor sign a checkpoint.
 *
 * - `AUDIT_CHAIN_KEY` — secret of the HMAC-SHA-256 that links records (chain version 2). At least
 *   32 characters; required in production (a fixed development key otherwise).
 * - `AUDIT_SIGNING_KEY` — Ed25519 private key that signs checkpoints: a PKCS#8 PEM, or a 32-byte
 *   seed in base64 or hex. Required in production; outside production a development key is
 *   derived deterministically, so every process of a development stack signs with the same key.
 * - `AUDIT_TRUSTED_PUBLIC_KEYS` — optional, comma-separated base64 SPKI public keys that signed
 *   earlier checkpoints (after a key rotation); the current key's public half is always trusted.
 */
export interface AuditKeys {
  chainKey: Buffer;
  signingKey: KeyObject;
  /** base64 of the DER SPKI public key, as published with every checkpoint. */
  publicKey: string;
  trustedPublicKeys: ReadonlySet<string>;
}

export const DEV_AUDIT_CHAIN_KEY = 'pdo-development-audit-chain-key-not-for-production';
const DEV_SIGNING_SEED = createHash('sha256').update('pdo-development-audit-signing-key').digest();
// PKCS#8 wrapper of a raw Ed25519 seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function signingKeyFrom(value: string): KeyObject {
  const v = value.trim();
  if (v.includes('BEGIN')) return createPrivateKey(v);
  const seed = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (seed.length !== 32) throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 PKCS#8 PEM or a 32-byte seed (base64 or hex)');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyOf(key: KeyObject): string {
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');
}

let cached: { fingerprint: string; keys: AuditKeys } | null = null;

/** Reads (and caches) the audit keys; throws in production when one is missing or weak. */
export function auditKeys(env: NodeJS.ProcessEnv = process.env): AuditKeys {
  const fingerprint = [env.NODE_ENV, env.AUDIT_CHAIN_KEY, env.AUDIT_SIGNING_KEY, env.AUDIT_TRUSTED_PUBLIC_KEYS].join('\u0000');
  if (cached?.fingerprint === fingerprint) return cached.keys;
  const production = env.NODE_ENV === 'production';
  const chain = env.AUDIT_CHAIN_KEY ?? (production ? '' : DEV_AUDIT_CHAIN_KEY);
  if (production && (chain.length < 32 || chain === DEV_AUDIT_CHAIN_KEY)) throw new Error('AUDIT_CHAIN_KEY must be set in production (at least 32 random characters)');
  if (chain.length < 16) throw new Error('AUDIT_CHAIN_KEY is too short (at least 16 characters, 32 in production)');
  if (production && !env.AUDIT_SIGNING_KEY) throw new Error('AUDIT_SIGNING_KEY must be set in production (Ed25519 private key)');
  const signingKey = env.AUDIT_SIGNING_KEY ? signingKeyFrom(env.AUDIT_SIGNING_KEY) : signingKeyFrom(DEV_SIGNING_SEED.toString('hex'));
  if (signingKey.asymmetricKeyType !== 'ed25519') throw new Error('AUDIT_SIGNING_KEY must be an Ed25519 key');
  if (production && env.AUDIT_SIGNING_KEY && publicKeyOf(signingKey) === publicKeyOf(signingKeyFrom(DEV_SIGNING_SEED.toString('hex')))) {
    throw new Error('AUDIT_SIGNING_KEY must not be the development key in production');
  }
  const publicKey = publicKeyOf(signingKey);
  const trusted = new Set([publicKey, ...(env.AUDIT_TRUSTED_PUBLIC_KEYS ?? '').split(',').map((k) => k.trim()).filter(Boolean)]);
  const keys: AuditKeys = { chainKey: Buffer.from(chain, 'utf8'), signingKey, publicKey, trustedPublicKeys: trusted };
  cached = { fingerprint, keys };
  return keys;
}
