import { describe, expect, it } from 'vitest';
import { needsReseal, openSecret, sealSecret, webhookSealKeys, DEV_WEBHOOK_SECRET_KEY } from '../src/services/webhook-secrets.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const A = '0193f0c2-0000-7000-8000-00000000000a';
const B = '0193f0c2-0000-7000-8000-00000000000b';
const env = (over: Record<string, string | undefined>) => ({ NODE_ENV: 'test', ...over }) as NodeJS.ProcessEnv;

describe('sealing webhook secrets at rest', () => {
  const keys = webhookSealKeys(env({ WEBHOOK_SECRET_KEY: 'k'.repeat(40) }));

  it('opens what it sealed, for the same endpoint only; a changed byte does not open', () => {
    const sealed = sealSecret(SECRET, A, keys);
    expect(sealed).toMatch(/^pdo-seal:v1:[0-9a-f]{16}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{40,}$/);
    expect(sealed).not.toContain(SECRET.slice(6));
    expect(openSecret(sealed, A, keys)).toBe(SECRET);
    expect(() => openSecret(sealed, B, keys)).toThrow();
    const tampered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => openSecret(tampered, A, keys)).toThrow();
    // Two seals of one secret differ (fresh IV each time).
    expect(sealSecret(SECRET, A, keys)).not.toBe(sealed);
  });

  it('after a key change the previous key still opens, and such values need resealing; an unknown key does not open', () => {
    const before = sealSecret(SECRET, A, keys);
    const rotated = webhookSealKeys(env({ WEBHOOK_SECRET_KEY: 'n'.repeat(40), WEBHOOK_SECRET_KEY_PREVIOUS: 'k'.repeat(40) }));
    expect(openSecret(before, A, rotated)).toBe(SECRET);
    expect(needsReseal(before, rotated)).toBe(true);
    expect(needsReseal(sealSecret(SECRET, A, rotated), rotated)).toBe(false);
    const without = webhookSealKeys(env({ WEBHOOK_SECRET_KEY: 'n'.repeat(40) }));
    expect(() => openSecret(before, A, without)).toThrow(/does not have/);
  });

  it('reads a secret stored before sealing as it is, and marks it for resealing', () => {
    expect(openSecret(SECRET, A, keys)).toBe(SECRET);
    expect(needsReseal(SECRET, keys)).toBe(true);
  });

  it('production refuses a missing, short or development key, naming the variable', () => {
    expect(() => webhookSealKeys({ NODE_ENV: 'production' } as NodeJS.ProcessEnv)).toThrow(/^WEBHOOK_SECRET_KEY:/);
    expect(() => webhookSealKeys({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'short' } as NodeJS.ProcessEnv)).toThrow(/^WEBHOOK_SECRET_KEY:/);
    expect(() => webhookSealKeys({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: DEV_WEBHOOK_SECRET_KEY } as NodeJS.ProcessEnv)).toThrow(/^WEBHOOK_SECRET_KEY:/);
    expect(() => webhookSealKeys(env({ WEBHOOK_SECRET_KEY: 'x'.repeat(40), WEBHOOK_SECRET_KEY_PREVIOUS: 'x'.repeat(40) }))).toThrow(/^WEBHOOK_SECRET_KEY_PREVIOUS:/);
    expect(webhookSealKeys({ NODE_ENV: 'production', WEBHOOK_SECRET_KEY: 'p'.repeat(48) } as NodeJS.ProcessEnv).current.id).toMatch(/^[0-9a-f]{16}$/);
  });
});
