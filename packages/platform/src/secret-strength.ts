/** Shortest secret production accepts (HMAC-SHA256 key of 256 bits; NIST SP 800-107 §5.3.4). */
export const MIN_SECRET_BYTES = 32;

/** Why production refuses a secret (too short, or a development default), or null; an unset one is the caller's to judge. */
export function weakSecret(value: string | undefined, devDefaults: string[]): string | null {
  if (value === undefined) return null;
  if (devDefaults.includes(value)) return 'must not be the development default';
  if (Buffer.byteLength(value) < MIN_SECRET_BYTES) return `must be at least ${MIN_SECRET_BYTES} bytes (a random string: openssl rand -base64 48)`;
  return null;
}
