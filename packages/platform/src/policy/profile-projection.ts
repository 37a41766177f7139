import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { resolveProfile, type EffectiveProfile, type PolicyProfile } from '@pdo/policy';
import type { LicensingEvents } from '@pdo/events';
import { sql } from '../db/sql.js';

/**
 * A subgraph's copy of the policy profiles licensing publishes (PolicyProfileChanged): every
 * subgraph that computes a limit or a working-day deadline reads the authority's edits from its
 * own `policy_profile_projection` table, on top of @pdo/policy's documented defaults.
 */
export const POLICY_PROFILE_PROJECTION_TABLE = `
  create table policy_profile_projection (
    jurisdiction text primary key,
    version int not null,
    overrides jsonb,
    changed_fields jsonb not null default '[]'::jsonb,
    occurred_at timestamptz not null
  );`;

/**
 * PolicyProfileChanged: keep the newest version per jurisdiction. Licensing adds the full edited
 * profile (`profile`, `version`) to the payload; until it does, only the version and the changed
 * field names are known, and the limits stay those of @pdo/policy (overrides null).
 */
export async function projectPolicyProfile(em: EntityManager, p: LicensingEvents.PolicyProfileChanged, at: string): Promise<void> {
  const loose = p as LicensingEvents.PolicyProfileChanged & { profile?: unknown; version?: number };
  const version = Number(loose.version ?? p.profileVersion);
  if (!p.jurisdiction || !Number.isInteger(version)) return;
  const overrides = overridesOf(loose.profile);
  await sql(
    em,
    `insert into policy_profile_projection (jurisdiction, version, overrides, changed_fields, occurred_at) values ($1, $2, $3::jsonb, $4::jsonb, $5)
     on conflict (jurisdiction) do update set version = excluded.version,
       -- without a profile in the event the edited values are unknown: keep the last known ones
       overrides = coalesce(excluded.overrides, policy_profile_projection.overrides),
       changed_fields = excluded.changed_fields, occurred_at = excluded.occurred_at
      where policy_profile_projection.version < excluded.version`,
    [p.jurisdiction, version, overrides ? JSON.stringify(overrides) : null, JSON.stringify(p.changedFields ?? []), at],
  );
}

/**
 * The settings of a published profile, whichever shape it comes in: an effective profile
 * (`{ settings: {...} }`) or the settings map itself; only `{ value, source }` entries are kept.
 * null when the event carries no profile; `{}` when it carries one without edits.
 */
function overridesOf(profile: unknown): Record<string, { value: unknown; source: string }> | null {
  if (!profile || typeof profile !== 'object') return null;
  const src = ((profile as { settings?: unknown }).settings ?? profile) as Record<string, unknown>;
  const out: Record<string, { value: unknown; source: string }> = {};
  for (const [k, v] of Object.entries(src)) {
    const entry = v as { value?: unknown; source?: unknown } | null;
    if (entry && typeof entry === 'object' && 'value' in entry && typeof entry.source === 'string') out[k] = { value: entry.value, source: entry.source };
  }
  return out;
}

/** The effective profile of each jurisdiction (the projected edits on top of the defaults), in one query. */
export async function profilesFor(em: EntityManager, jurisdictions: readonly string[]): Promise<Map<string, EffectiveProfile>> {
  const codes = [...new Set(jurisdictions)];
  const rows = await sql<{ jurisdiction: string; version: number; overrides: Partial<PolicyProfile> | null }>(
    em,
    `select jurisdiction, version, overrides from policy_profile_projection where jurisdiction = any($1::text[]) and overrides is not null`,
    [codes],
  );
  const edited = new Map(rows.map((r) => [r.jurisdiction, r]));
  return new Map(
    codes.map((code) => {
      const e = edited.get(code);
      return [code, e ? editedProfile(code, e.version, e.overrides!) : defaultProfile(code)];
    }),
  );
}

export async function profileFor(em: EntityManager, jurisdiction: string): Promise<EffectiveProfile> {
  return (await profilesFor(em, [jurisdiction])).get(jurisdiction)!;
}

/** A request's loader of effective profiles: the jurisdictions a list needs, in one query. */
export function profileLoader(em: EntityManager): DataLoader<string, EffectiveProfile> {
  return new DataLoader(async (codes) => {
    const m = await profilesFor(em, codes);
    return codes.map((c) => m.get(c)!);
  });
}

const defaults = new Map<string, EffectiveProfile>();
/** The documented profile without local edits (pure; safe to memoize per process). */
function defaultProfile(jurisdiction: string): EffectiveProfile {
  let p = defaults.get(jurisdiction);
  if (!p) {
    p = resolveProfile(jurisdiction);
    defaults.set(jurisdiction, p);
  }
  return p;
}

// A published profile version never changes; memoize its resolution by content (several test
// databases may share a process, so the version alone is not a key).
const edited = new Map<string, EffectiveProfile>();
function editedProfile(jurisdiction: string, version: number, overrides: Partial<PolicyProfile>): EffectiveProfile {
  const key = `${jurisdiction}@${version}:${JSON.stringify(overrides)}`;
  let p = edited.get(key);
  if (!p) {
    p = resolveProfile(jurisdiction, overrides);
    if (edited.size > 1000) edited.clear();
    edited.set(key, p);
  }
  return p;
}
