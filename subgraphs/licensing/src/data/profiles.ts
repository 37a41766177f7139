import { sql } from 'kysely';
import type { Em } from '@pdo/platform';
import type { PolicyProfile } from '@pdo/policy';
import { camelAll, type ProfileVersionRow } from './rows.js';
import { db, jsonb } from './tables.js';

/** The newest stored version of a jurisdiction's profile (null: only the documents' own, version 1). */
export async function latestProfileVersion(em: Em, jurisdiction: string): Promise<number | null> {
  const row = await db(em).selectFrom('policy_profile_version').select((eb) => eb.fn.max('version').as('v')).where('jurisdiction', '=', jurisdiction).executeTakeFirst();
  return row?.v ?? null;
}

export async function storedOverrides(em: Em, jurisdiction: string, version: number): Promise<Partial<PolicyProfile> | null> {
  const row = await db(em).selectFrom('policy_profile_version').select('overrides').where('jurisdiction', '=', jurisdiction).where('version', '=', version).executeTakeFirst();
  return (row?.overrides as Partial<PolicyProfile> | undefined) ?? null;
}

/** The stored overrides of many (jurisdiction, version) pairs in one statement, keyed `jurisdiction|version`. */
export async function storedOverridesOf(em: Em, keys: readonly { jurisdiction: string; version: number }[]): Promise<Map<string, Partial<PolicyProfile>>> {
  const out = new Map<string, Partial<PolicyProfile>>();
  if (!keys.length) return out;
  const rows = await db(em)
    .selectFrom('policy_profile_version')
    .select(['jurisdiction', 'version', 'overrides'])
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('jurisdiction', '=', k.jurisdiction), eb('version', '=', k.version)]))))
    .execute();
  for (const r of rows) out.set(`${r.jurisdiction}|${r.version}`, r.overrides as Partial<PolicyProfile>);
  return out;
}

export async function profileVersions(em: Em, jurisdiction: string): Promise<ProfileVersionRow[]> {
  return camelAll(await db(em).selectFrom('policy_profile_version').selectAll().where('jurisdiction', '=', jurisdiction).orderBy('version', 'desc').execute());
}

/** Serializes edits of one jurisdiction's profile until the transaction ends, so versions stay gapless. */
export async function lockProfileEdits(em: Em, jurisdiction: string): Promise<void> {
  // An advisory lock has no Kysely builder: the one statement written by hand here.
  await sql`select pg_advisory_xact_lock(hashtext(${`policy_profile:${jurisdiction}`}))`.execute(db(em));
}

export async function insertProfileVersion(
  em: Em,
  v: { jurisdiction: string; version: number; overrides: Partial<PolicyProfile>; changedFields: string[]; note: string | null; editedBy: string; at: string },
): Promise<void> {
  await db(em)
    .insertInto('policy_profile_version')
    .values({ jurisdiction: v.jurisdiction, version: v.version, overrides: jsonb(v.overrides as Record<string, unknown>), changed_fields: v.changedFields, note: v.note, edited_by: v.editedBy, created_at: v.at })
    .execute();
}
