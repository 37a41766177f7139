import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden, requireJurisdiction, requireRole, sql, sqlOne, type RequestContext } from '@pdo/platform';
import { resolveProfile, type EffectiveProfile, type PolicyProfile, type ProfileSettings } from '@pdo/policy';

/**
 * Profile versions: version 1 is the documents' own settings (no overrides); each authority edit
 * stores the full override set as the next version. Agreements keep the version they were signed
 * under, so an edit changes acts after it and never an agreement already signed.
 */
export const BASE_PROFILE_VERSION = 1;

export async function currentProfileVersion(em: EntityManager, jurisdiction: string): Promise<number> {
  const row = await sqlOne<{ v: number | null }>(em, `select max(version) as v from policy_profile_version where jurisdiction = $1`, [jurisdiction]);
  return row?.v ?? BASE_PROFILE_VERSION;
}

export async function profileOverrides(em: EntityManager, jurisdiction: string, version: number): Promise<Partial<PolicyProfile>> {
  if (version <= BASE_PROFILE_VERSION) return {};
  const row = await sqlOne<{ overrides: Partial<PolicyProfile> }>(em, `select overrides from policy_profile_version where jurisdiction = $1 and version = $2`, [jurisdiction, version]);
  return row?.overrides ?? {};
}

/** The effective profile of a jurisdiction at a version (default: current). */
export async function loadProfile(em: EntityManager, jurisdiction: string, version?: number): Promise<{ profile: EffectiveProfile; version: number }> {
  const v = version ?? (await currentProfileVersion(em, jurisdiction));
  return { profile: resolveProfile(jurisdiction, await profileOverrides(em, jurisdiction, v)), version: v };
}

export interface ProfileVersionRow {
  jurisdiction: string;
  version: number;
  changedFields: string[];
  note: string | null;
  editedBy: string;
  createdAt: Date;
}

export async function profileHistory(em: EntityManager, jurisdiction: string): Promise<ProfileVersionRow[]> {
  return sql<ProfileVersionRow>(
    em,
    `select jurisdiction, version, changed_fields as "changedFields", note, edited_by as "editedBy", created_at as "createdAt"
       from policy_profile_version where jurisdiction = $1 order by version desc`,
    [jurisdiction],
  );
}

const ROLE_NAMES = { AUTHORITY: ['数据主管部门', 'the data authority'], AGENCY: ['实施机构', 'the implementing agency'] } as const;
const STEP_NAMES = { majorDecision: ['“三重一大”决策', 'the major-decision approval'], signAgreement: ['签署授权协议', 'signing the agreement'] } as const;

/**
 * The official of `jurisdiction` whom the current profile names for a lifecycle step (setting
 * `lifecycleRoles`: HN and QHD the implementing agency, elsewhere the data authority). The other
 * official is refused with the rule's source; the role gate (access.ts) admits both.
 */
export async function requireLifecycleRole(em: EntityManager, ctx: RequestContext, jurisdiction: string, step: keyof ProfileSettings['lifecycleRoles']): Promise<EffectiveProfile> {
  requireRole(ctx.identity, 'AUTHORITY', 'AGENCY');
  requireJurisdiction(ctx.identity, jurisdiction);
  const { profile } = await loadProfile(em, jurisdiction);
  const role = profile.lifecycleRoles.value[step];
  if (ctx.identity.role !== role) {
    const [zh, en] = ROLE_NAMES[role];
    const [stepZh, stepEn] = STEP_NAMES[step];
    throw forbidden(`本辖区${stepZh}由${zh}办理（${profile.lifecycleRoles.source}）`, `In this jurisdiction ${stepEn} is done by ${en} (${profile.lifecycleRoles.source})`, { details: { step, by: role, rule: profile.lifecycleRoles.source } });
  }
  return profile;
}
