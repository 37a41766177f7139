import { badInput, forbidden, inTransaction, requireJurisdiction, type Em, type Identity } from '@pdo/platform';
import { applyProfileEdit, isJurisdictionCode, resolveProfile, type EffectiveProfile, type PolicyProfile, type ProfileSettings, type Sourced, type SettingName } from '@pdo/policy';
import type { LicensingEvents } from '@pdo/events';
import { insertProfileVersion, latestProfileVersion, lockProfileEdits, profileVersions, storedOverrides } from '../data/profiles.js';
import { policyCall, required, type Ctx } from './checks.js';

/**
 * Profile versions: version 1 is the documents' own settings (no overrides); each authority edit stores the full
 * override set as the next version. Agreements keep the version they were signed under, so an edit changes acts after
 * it and never an agreement already signed.
 */
export const BASE_PROFILE_VERSION = 1;

export async function currentProfileVersion(em: Em, jurisdiction: string): Promise<number> {
  return (await latestProfileVersion(em, jurisdiction)) ?? BASE_PROFILE_VERSION;
}

async function profileOverrides(em: Em, jurisdiction: string, version: number): Promise<Partial<PolicyProfile>> {
  if (version <= BASE_PROFILE_VERSION) return {};
  return (await storedOverrides(em, jurisdiction, version)) ?? {};
}

/** The effective profile of a jurisdiction at a version (default: current). */
export async function loadProfile(em: Em, jurisdiction: string, version?: number): Promise<{ profile: EffectiveProfile; version: number }> {
  const v = version ?? (await currentProfileVersion(em, jurisdiction));
  return { profile: resolveProfile(jurisdiction, await profileOverrides(em, jurisdiction, v)), version: v };
}

/**
 * The effective profile an agreement was signed under, read through the request's loader: a list of agreements loads
 * the stored versions it needs with one statement, however long the list (fields `gates`, `exitChecklist`).
 */
export async function profileForRead(ctx: Ctx, jurisdiction: string, version: number): Promise<EffectiveProfile> {
  if (version <= BASE_PROFILE_VERSION) return resolveProfile(jurisdiction);
  return resolveProfile(jurisdiction, (await ctx.loaders.profileOverrides.load(`${jurisdiction}|${version}`)) ?? {});
}

const unknownJurisdiction = (j: string, field: string) => badInput(`未知辖区：${j}`, `Unknown jurisdiction ${j}`, { field });

/** A profile as published: every setting with its source, at a version (default: current). */
export async function profileView(ctx: Ctx, input: { jurisdiction: string; version?: number | null }) {
  const { jurisdiction, version } = input;
  if (!isJurisdictionCode(jurisdiction)) throw unknownJurisdiction(jurisdiction, 'jurisdiction');
  const current = await currentProfileVersion(ctx.em, jurisdiction);
  if (version != null && (version < 1 || version > current)) throw badInput(`版本须在 1 到 ${current} 之间`, `Version must be between 1 and ${current}`, { field: 'version' });
  const { profile, version: v } = await loadProfile(ctx.em, jurisdiction, version ?? current);
  return { jurisdiction, version: v, settings: Object.entries(profile.settings).map(([name, s]) => ({ name, value: s.value, source: s.source })) };
}

export const profileHistory = (ctx: Ctx, input: { jurisdiction: string }) => profileVersions(ctx.em, input.jurisdiction);

export interface ProfileChange {
  name: string;
  value: unknown;
  source: string;
}

/**
 * An authority edits its own jurisdiction's profile. The edit becomes a new version; agreements signed earlier keep
 * theirs. Validation of each value is the policy package's.
 */
export async function editPolicyProfile(ctx: Ctx, input: { jurisdiction: string; changes: ProfileChange[]; note?: string | null }): Promise<number> {
  const { jurisdiction, changes } = input;
  const note = input.note ?? null;
  if (!isJurisdictionCode(jurisdiction)) throw unknownJurisdiction(jurisdiction, 'input.jurisdiction');
  if (ctx.identity.jurisdiction !== jurisdiction) throw forbidden('只能修改本辖区的政策配置', 'You may only edit your own jurisdiction\'s profile');
  if (!changes.length) throw badInput('没有要修改的配置项', 'No setting to change', { field: 'input.changes' });
  const names = changes.map((c) => required(c.name, 'input.changes.name', '配置项', 'Setting name'));
  if (new Set(names).size !== names.length) throw badInput('同一配置项只能修改一次', 'Each setting may appear once', { field: 'input.changes' });
  return inTransaction(ctx, async ({ tx, audit, publish }) => {
    await lockProfileEdits(tx, jurisdiction);
    const current = await currentProfileVersion(tx, jurisdiction);
    const before = await profileOverrides(tx, jurisdiction, current);
    const patch = Object.fromEntries(changes.map((c) => [c.name, { value: c.value, source: c.source }])) as Partial<{ [K in SettingName]: Sourced<ProfileSettings[K]> }>;
    const next = policyCall(() => applyProfileEdit(before, patch));
    const version = current + 1;
    await insertProfileVersion(tx, { jurisdiction, version, overrides: next, changedFields: names, note, editedBy: ctx.identity.sub, at: ctx.now.toISOString() });
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

const ROLE_NAMES = { AUTHORITY: ['数据主管部门', 'the data authority'], AGENCY: ['实施机构', 'the implementing agency'] } as const;
const STEP_NAMES = { majorDecision: ['“三重一大”决策', 'the major-decision approval'], signAgreement: ['签署授权协议', 'signing the agreement'] } as const;

/**
 * The official of `jurisdiction` whom the current profile names for a lifecycle step (setting `lifecycleRoles`: HN and
 * QHD the implementing agency, elsewhere the data authority). The other official is refused with the rule's source;
 * the role gate (access.ts) admits both.
 */
export async function requireLifecycleRole(em: Em, identity: Identity, jurisdiction: string, step: keyof ProfileSettings['lifecycleRoles']): Promise<EffectiveProfile> {
  requireJurisdiction(identity, jurisdiction);
  const { profile } = await loadProfile(em, jurisdiction);
  const role = profile.lifecycleRoles.value[step];
  if (identity.role !== role) {
    const [zh, en] = ROLE_NAMES[role];
    const [stepZh, stepEn] = STEP_NAMES[step];
    throw forbidden(`本辖区${stepZh}由${zh}办理（${profile.lifecycleRoles.source}）`, `In this jurisdiction ${stepEn} is done by ${en} (${profile.lifecycleRoles.source})`, { details: { step, by: role, rule: profile.lifecycleRoles.source } });
  }
  return profile;
}
