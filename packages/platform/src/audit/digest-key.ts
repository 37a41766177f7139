/**
 * The key of the digests that stand for identity numbers and credit codes in licensing's integrity records
 * (SECURITY.md, "Integrity records"). An 18-character ID number has few enough values to enumerate, so an unkeyed
 * SHA-256 of one is as good as the number to whoever reads the table; an HMAC-SHA-256 under a key kept outside the
 * database is not.
 *
 * - `INTEGRITY_DIGEST_KEY` — the HMAC key. Required (at least 32 bytes, not the development key) by licensing in
 *   production; a fixed development key otherwise.
 * - `INTEGRITY_DIGEST_KEY_VERSION` — the number recorded with each digest the key makes (1 unless rotated). Version 0 is
 *   the unkeyed SHA-256 of before keyed digests.
 */
import { weakSecret } from '../secret-strength.js';

export interface DigestKey {
  version: number;
  secret: Buffer;
}

export const DEV_INTEGRITY_DIGEST_KEY = 'pdo-development-integrity-digest-key-not-for-production';

let cached: { fingerprint: string; key: DigestKey } | null = null;

/** Reads (and caches) the digest key; throws in production when it is missing or weak. */
export function integrityDigestKey(env: NodeJS.ProcessEnv = process.env): DigestKey {
  const fingerprint = [env.NODE_ENV, env.INTEGRITY_DIGEST_KEY, env.INTEGRITY_DIGEST_KEY_VERSION].join('\u0000');
  if (cached?.fingerprint === fingerprint) return cached.key;
  const production = env.NODE_ENV === 'production';
  const given = env.INTEGRITY_DIGEST_KEY?.trim() || undefined;
  if (production && !given) throw new Error('INTEGRITY_DIGEST_KEY must be set in production (at least 32 random bytes)');
  const secret = given ?? DEV_INTEGRITY_DIGEST_KEY;
  const weak = production ? weakSecret(secret, [DEV_INTEGRITY_DIGEST_KEY]) : null;
  if (weak) throw new Error(`INTEGRITY_DIGEST_KEY: ${weak}`);
  const versionText = env.INTEGRITY_DIGEST_KEY_VERSION?.trim() || '1';
  const version = Number(versionText);
  if (!/^[0-9]+$/.test(versionText) || !Number.isSafeInteger(version) || version < 1) throw new Error('INTEGRITY_DIGEST_KEY_VERSION must be a whole number of at least 1 (0 is the unkeyed digest of before)');
  const key = { version, secret: Buffer.from(secret, 'utf8') };
  cached = { fingerprint, key };
  return key;
}
