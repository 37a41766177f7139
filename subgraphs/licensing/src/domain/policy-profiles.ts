import { badInput, forbidden, inTransaction, requireRole, sql, type RequestContext } from '@pdo/platform';
import { applyProfileEdit, isJurisdictionCode, resolveProfile, type ProfileSettings, type Sourced, type SettingName } from '@pdo/policy';
import type { LicensingEvents } from '@pdo/events';
import { policyCall, required } from './common.js';
import { currentProfileVersion, profileOverrides } from './profiles.js';

export interface ProfileChange {
  name: string;
  value: unknown;
  source: string;
}

/**
 * An authority edits its own jurisdiction's profile. The edit becomes a new version; agreements
 * signed earlier keep theirs. Validation of each value is the policy package's.
 */
export async function editPolicyProfile(ctx: RequestContext, jurisdiction: string, changes: ProfileChange[], note: string | null): Promise<number> {
  requireRole(ctx.identity, 'AUTHORITY');
  if (!isJurisdictionCode(jurisdiction)) throw badInput(`未知辖区：${jurisdiction}`, `Unknown jurisdiction ${jurisdiction}`, { field: 'input.jurisdiction' });
  if (ctx.identity.jurisdiction !== jurisdiction) throw forbidden('只能修改本辖区的政策配置', 'You may only edit your own jurisdiction\'s profile');
  if (!changes.length) throw badInput('没有要修改的配置项', 'No setting to change', { field: 'input.changes' });
  const names = changes.map((c) => required(c.name, 'input.changes.name', '配置项', 'Setting name'));
  if (new Set(names).size !== names.length) throw badInput('同一配置项只能修改一次', 'Each setting may appear once', { field: 'input.changes' });
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    // Serialize edits of one jurisdiction so versions stay gapless.
    await sql(tx, `select pg_advisory_xact_lock(hashtext('policy_profile:' || $1))`, [jurisdiction]);
    const current = await currentProfileVersion(tx, jurisdiction);
    const before = await profileOverrides(tx, jurisdiction, current);
    const patch = Object.fromEntries(changes.map((c) => [c.name, { value: c.value, source: c.source }])) as Partial<{ [K in SettingName]: Sourced<ProfileSettings[K]> }>;
    const next = policyCall(() => applyProfileEdit(before, patch));
    const version = current + 1;
    await sql(tx, `insert into policy_profile_version (jurisdiction, version, overrides, changed_fields, note, edited_by, created_at) values ($1,$2,$3,$4,$5,$6,$7)`, [
      jurisdiction, version, JSON.stringify(next), names, note, ctx.identity.sub, ctx.now,
    ]);
    audit({
      entityType: 'PolicyProfile',
      entityId: jurisdiction,
      action: 'EDITED',
      changes: { version, settings: Object.fromEntries(names.map((n) => [n, { before: (before as Record<string, unknown>)[n] ?? null, after: (next as Record<string, unknown>)[n] }])) },
      reason: note,
    });
    // The whole resolved profile travels with the event: consumers keep the edited profile, not the built-in one.
    const resolved = resolveProfile(jurisdiction, next);
    const ev: LicensingEvents.PolicyProfileChanged = {
      jurisdiction,
      profileVersion: version,
      changedFields: names,
      version,
      profile: { code: resolved.code, nameZh: resolved.nameZh, nameEn: resolved.nameEn, settings: resolved.settings },
    };
    await publish('PolicyProfileChanged', ev, jurisdiction);
    return version;
  });
}
