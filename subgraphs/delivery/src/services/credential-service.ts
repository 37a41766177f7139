/**
 * API credentials of the data plane (docs/operating-domain/data-plane.md): a developer with an
 * active entitlement makes a key for one usage agreement; the key is shown once and only its
 * SHA-256 is kept; it can be revoked and rotated, and it expires with the agreement.
 */
import { createHash, randomBytes } from 'node:crypto';
import { assertInScope, badInput, conflict, forbidden, inTransaction, notFound, policyViolation, requireRole, type RequestContext } from '@pdo/platform';
import { todayInShanghai } from '@pdo/policy';
import { v7 as uuidv7 } from 'uuid';
import { credentialLabel, formatKey, keyExpiry } from '../domain/api-key.js';
import { credentialById, insertCredential, revokeCredential, type CredentialRow } from '../data/credentials.js';
import { entitlementOfAgreement, type EntitlementFactsRow } from '../data/entitlement-facts.js';
import { DELIVERY_SCOPE } from '../access.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** SHA-256 of the whole key: a 256-bit random secret needs no slow hash, and a call checks it in microseconds. */
export const keyDigest = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export interface IssuedCredential {
  credential: CredentialRow;
  /** The key itself: returned by this mutation only, never stored, never shown again. */
  apiKey: string;
}

const credentialTarget = (c: { jurisdiction: string; developerId?: string; developer_id?: string; operator_id?: string }) => ({ jurisdiction: c.jurisdiction, orgIds: [c.developer_id ?? c.developerId] });

/** The caller's own active entitlement for the agreement, or a coded refusal. */
async function ownActiveEntitlement(ctx: RequestContext<any>, usageAgreementId: string): Promise<EntitlementFactsRow> {
  const e = UUID_RE.test(usageAgreementId) ? await entitlementOfAgreement(ctx.em, usageAgreementId) : null;
  if (!e) throw notFound('应用协议', 'Usage agreement', usageAgreementId);
  if (e.developerId !== ctx.identity.org) {
    assertInScope(ctx.identity, { jurisdiction: e.jurisdiction, orgIds: [e.developerId] }, { officials: [], entity: ['应用协议', 'Usage agreement'], id: usageAgreementId });
  }
  const today = todayInShanghai(ctx.now);
  if (e.status !== 'ACTIVE' || today > e.endDate) {
    throw policyViolation('HN Art 7(4)', '使用权未生效或已到期，不能创建 API 密钥', 'The entitlement is not active or has ended; no API key can be made for it', { details: { status: e.status, endDate: e.endDate } });
  }
  return e;
}

function newKey(): { prefix: string; key: string } {
  const prefix = randomBytes(8).toString('hex');
  return { prefix, key: formatKey(prefix, randomBytes(32).toString('base64url')) };
}

function issue(ctx: RequestContext<any>, e: EntitlementFactsRow, label: string, rotatedFrom: string | null) {
  const { prefix, key } = newKey();
  const row = {
    id: uuidv7(),
    key_prefix: prefix,
    secret_sha256: keyDigest(key),
    usage_agreement_id: e.usageAgreementId,
    entitlement_id: e.entitlementId,
    product_id: e.productId,
    developer_id: e.developerId,
    operator_id: e.operatorId,
    jurisdiction: e.jurisdiction,
    label,
    status: 'ACTIVE',
    expires_at: keyExpiry(e.endDate),
    created_by: ctx.identity.sub,
    created_at: ctx.now,
    rotated_from: rotatedFrom,
    revoked_at: null,
    revoked_by: null,
    revoke_reason: null,
  };
  return { row, key };
}

export async function createApiCredential(ctx: RequestContext<any>, input: { usageAgreementId: string; label?: string | null }): Promise<IssuedCredential> {
  requireRole(ctx.identity, 'DEVELOPER');
  const label = credentialLabel(input.label ?? 'default');
  if (!label) throw badInput('密钥名称须为 1–60 个字符', 'The key label must be 1–60 characters', { field: 'input.label' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const e = await ownActiveEntitlement({ ...ctx, em: tx }, input.usageAgreementId);
    const { row, key } = issue(ctx, e, label, null);
    await insertCredential(tx, row);
    // The key never enters the audit trail: its prefix identifies it.
    audit({ entityType: 'ApiCredential', entityId: row.id, action: 'ISSUED', changes: { usageAgreementId: e.usageAgreementId, keyPrefix: row.key_prefix, label, expiresAt: row.expires_at.toISOString() } });
    return { credential: (await credentialById(tx, row.id))!, apiKey: key };
  });
}

async function lockOwn(ctx: RequestContext<any>, tx: RequestContext<any>['em'], id: string, mayAgency: boolean): Promise<CredentialRow> {
  const c = UUID_RE.test(id) ? await credentialById(tx, id, true) : undefined;
  if (!c) throw notFound('API 密钥', 'API key', id);
  const own = ctx.identity.role === 'DEVELOPER' && ctx.identity.org === c.developer_id;
  if (!own) {
    if (!mayAgency) {
      assertInScope(ctx.identity, credentialTarget(c), { officials: [], entity: ['API 密钥', 'API key'], id });
      throw forbidden('只能操作本单位的密钥', 'You may only act on your own keys');
    }
    assertInScope(ctx.identity, credentialTarget(c), { ...DELIVERY_SCOPE, entity: ['API 密钥', 'API key'], id });
  }
  return c;
}

/** Revoked at once: the very next call with the key is refused. The developer, or the agency of the jurisdiction (a security measure). */
export async function revokeApiCredential(ctx: RequestContext<any>, input: { id: string; reason?: string | null }): Promise<CredentialRow> {
  requireRole(ctx.identity, 'DEVELOPER', 'AGENCY', 'AUTHORITY');
  const reason = (input.reason ?? '').trim() || (ctx.identity.role === 'DEVELOPER' ? '开发者吊销' : '');
  if (!reason || reason.length > 500) throw badInput('须说明吊销原因（不超过 500 字）', 'Give the reason for revoking (at most 500 characters)', { field: 'input.reason' });
  return inTransaction(ctx, async ({ tx, audit }) => {
    const c = await lockOwn(ctx, tx, input.id, true);
    if (c.status !== 'ACTIVE') throw conflict('密钥已吊销', 'The key is already revoked');
    await revokeCredential(tx, c.id, ctx.identity.sub, reason, ctx.now);
    audit({ entityType: 'ApiCredential', entityId: c.id, action: 'REVOKED', changes: { reason } });
    return (await credentialById(tx, c.id))!;
  });
}

/** A new key for the same agreement; the old one is revoked in the same transaction (no window with neither or both). */
export async function rotateApiCredential(ctx: RequestContext<any>, input: { id: string }): Promise<IssuedCredential> {
  requireRole(ctx.identity, 'DEVELOPER');
  return inTransaction(ctx, async ({ tx, audit }) => {
    const old = await lockOwn(ctx, tx, input.id, false);
    if (old.status !== 'ACTIVE') throw conflict('已吊销的密钥不能轮换，请新建密钥', 'A revoked key cannot be rotated; create a new one');
    const e = await ownActiveEntitlement({ ...ctx, em: tx }, old.usage_agreement_id);
    const { row, key } = issue(ctx, e, old.label, old.id);
    await revokeCredential(tx, old.id, ctx.identity.sub, `rotated to ${row.key_prefix}`, ctx.now);
    await insertCredential(tx, row);
    audit({ entityType: 'ApiCredential', entityId: old.id, action: 'ROTATED', changes: { successor: row.id, keyPrefix: row.key_prefix } });
    audit({ entityType: 'ApiCredential', entityId: row.id, action: 'ISSUED', changes: { usageAgreementId: e.usageAgreementId, keyPrefix: row.key_prefix, rotatedFrom: old.id, expiresAt: row.expires_at.toISOString() } });
    return { credential: (await credentialById(tx, row.id))!, apiKey: key };
  });
}
