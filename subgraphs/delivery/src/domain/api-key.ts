/**
 * API keys of the data plane (docs/operating-domain/data-plane.md), pure: the key's shape, where
 * its public part ends, and when it expires. Making and hashing keys is the services' work.
 *
 * A key reads `pdo_<prefix>_<secret>`: `prefix` (16 lowercase hex) finds the stored credential,
 * `secret` (43 base64url characters, 256 random bits) proves possession. Only the SHA-256 of the
 * whole key is stored.
 */

export const KEY_HEADER = 'x-api-key';
const KEY_RE = /^pdo_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface PresentedKey {
  prefix: string;
  key: string;
}

/** The key a caller presented, or null when the header is missing or is not a key's shape. */
export function parsePresentedKey(header: string | string[] | undefined): PresentedKey | null {
  if (typeof header !== 'string') return null;
  const key = header.trim();
  const m = KEY_RE.exec(key);
  return m ? { prefix: m[1]!, key } : null;
}

export function formatKey(prefix: string, secret: string): string {
  const key = `pdo_${prefix}_${secret}`;
  if (!KEY_RE.test(key)) throw new Error('malformed key parts');
  return key;
}

/**
 * A key ends with its usage agreement: at the end of the agreement's last day in the
 * jurisdiction's zone (Asia/Shanghai, UTC+8 without daylight saving).
 */
export function keyExpiry(agreementEndDate: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(agreementEndDate)) throw new Error('agreement end date must be YYYY-MM-DD');
  return new Date(new Date(`${agreementEndDate}T00:00:00+08:00`).getTime() + 86_400_000);
}

/** A label the developer gives a key: trimmed, 1–60 characters, no control characters. */
export function credentialLabel(label: string | null | undefined): string | null {
  const t = (label ?? '').trim();
  if (t.length < 1 || t.length > 60 || /[\p{Cc}]/u.test(t)) return null;
  return t;
}
