/**
 * Webhook signing secrets at rest (docs/operating-domain/webhooks.md, SECURITY.md). A Standard
 * Webhooks secret is an HMAC key: the platform must be able to use it to sign, so it cannot be kept
 * as a one-way digest like API keys. It is sealed instead — AES-256-GCM under a key derived from
 * `WEBHOOK_SECRET_KEY`, which lives outside the database — so a copy of the database (a backup, a
 * read replica, a leaked dump) does not let anyone sign webhooks as the platform. The endpoint's id
 * is the associated data: a sealed secret copied onto another endpoint does not open.
 *
 * Stored form: `pdo-seal:v1:<key id>:<iv>:<ciphertext + tag>` (base64url). The key id names the
 * key that sealed it, so `WEBHOOK_SECRET_KEY_PREVIOUS` can still open secrets sealed before a key
 * rotation while the reseal job moves them to the current key; a `whsec_…` value stored before
 * sealing existed is read as it is and resealed by the same job.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DEV_WEBHOOK_SECRET_KEY, weakSecret } from '@pdo/platform';
import { endpointsToReseal, updateEndpoint } from '../data/webhooks.js';

const PREFIX = 'pdo-seal:v1:';
export { DEV_WEBHOOK_SECRET_KEY };

interface SealKey {
  id: string;
  key: Buffer;
}
export interface SealKeys {
  current: SealKey;
  previous: SealKey | null;
}

function sealKeyFrom(secret: string): SealKey {
  const key = Buffer.from(hkdfSync('sha256', secret, 'pdo-webhook-secret-seal', 'v1', 32));
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

let cached: { fingerprint: string; keys: SealKeys } | null = null;

/** The sealing keys of this process; throws, naming the variable, when production has none or a weak one. */
export function webhookSealKeys(env: NodeJS.ProcessEnv = process.env): SealKeys {
  const fingerprint = [env.NODE_ENV, env.WEBHOOK_SECRET_KEY, env.WEBHOOK_SECRET_KEY_PREVIOUS].join('\u0000');
  if (cached?.fingerprint === fingerprint) return cached.keys;
  const production = env.NODE_ENV === 'production';
  const current = env.WEBHOOK_SECRET_KEY?.trim() || (production ? '' : DEV_WEBHOOK_SECRET_KEY);
  if (production && !current) throw new Error('WEBHOOK_SECRET_KEY: must be set in production (openssl rand -base64 48)');
  const weak = production ? weakSecret(current, [DEV_WEBHOOK_SECRET_KEY]) : null;
  if (weak) throw new Error(`WEBHOOK_SECRET_KEY: ${weak}`);
  const previous = env.WEBHOOK_SECRET_KEY_PREVIOUS?.trim() || null;
  if (previous !== null && previous === current) throw new Error('WEBHOOK_SECRET_KEY_PREVIOUS: must differ from WEBHOOK_SECRET_KEY');
  const keys = { current: sealKeyFrom(current), previous: previous ? sealKeyFrom(previous) : null };
  cached = { fingerprint, keys };
  return keys;
}

const b64 = (b: Buffer) => b.toString('base64url');

/** Seals a `whsec_…` secret for one endpoint under the current key. */
export function sealSecret(secret: string, endpointId: string, keys: SealKeys = webhookSealKeys()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv);
  cipher.setAAD(Buffer.from(endpointId));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${keys.current.id}:${b64(iv)}:${b64(body)}`;
}

/** The `whsec_…` secret of a stored value; throws when no key of this process sealed it or it was altered. */
export function openSecret(stored: string, endpointId: string, keys: SealKeys = webhookSealKeys()): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const [keyId, iv, body] = stored.slice(PREFIX.length).split(':');
  const key = [keys.current, keys.previous].find((k) => k?.id === keyId);
  if (!key || !iv || !body) throw new Error(`webhook secret of endpoint ${endpointId} was sealed by a key this process does not have (${keyId})`);
  const raw = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(endpointId));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8');
}

/** Whether a stored value should be sealed again under the current key (stored before sealing, or under the previous key). */
export function needsReseal(stored: string, keys: SealKeys = webhookSealKeys()): boolean {
  return !stored.startsWith(`${PREFIX}${keys.current.id}:`);
}

/** The SQL pattern of the current key's sealed values (the reseal job's "already done"). */
export const currentSealPrefix = (keys: SealKeys = webhookSealKeys()) => `${PREFIX}${keys.current.id}:`;

/**
 * Seals again, under the current key, up to `limit` endpoints' secrets that are not (stored before
 * sealing, or under the previous key). One transaction; rows another replica holds are skipped.
 * Returns how many endpoints were resealed. The secrets themselves do not change, so receivers
 * notice nothing and no audit record is due.
 */
export async function resealWebhookSecrets(em: EntityManager, limit = 200, keys: SealKeys = webhookSealKeys()): Promise<number> {
  return em.fork().transactional(async (tx) => {
    const rows = await endpointsToReseal(tx, currentSealPrefix(keys), limit);
    for (const r of rows) {
      await updateEndpoint(tx, r.id, {
        secret: needsReseal(r.secret, keys) ? sealSecret(openSecret(r.secret, r.id, keys), r.id, keys) : r.secret,
        previous_secret: r.previous_secret && needsReseal(r.previous_secret, keys) ? sealSecret(openSecret(r.previous_secret, r.id, keys), r.id, keys) : r.previous_secret,
      });
    }
    return rows.length;
  });
}
