import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Identity } from '@pdo/platform';
import { firstApplicationDue } from '@pdo/registration';
import type { LocalDate } from '@pdo/policy';
import { calendarOfProfile, profilesFor } from './access.js';

export interface UnappliedRegistrationRow {
  resourceId: string;
  jurisdiction: string;
  sourceAgencyId: string;
  /** Day data was first provided: the earliest AccessGranted of the resource (Asia/Shanghai day). */
  providedOn: LocalDate;
  applicationDueOn: LocalDate;
  rule: string;
}

/**
 * 应登未登: resources whose data has been provided under an access grant (licensing's AccessGranted,
 * projected locally) but for which no first registration was ever applied, past RG's deadline
 * (first application within the profile's working days after data is provided). The due date needs
 * the jurisdiction's working-day calendar, so candidates come from SQL and the deadline is applied
 * here; candidates are bounded by the resources that have grants.
 */
export async function unappliedRegistrations(em: EntityManager, identity: Identity, jurisdiction: string | null, today: LocalDate): Promise<UnappliedRegistrationRow[]> {
  const params: unknown[] = [];
  const conds = [`g.first_granted_at is not null`, `r.status = 'ACTIVE'`, `not exists (select 1 from resource_registration x where x.resource_id = r.id and x.type = 'FIRST')`];
  if (jurisdiction) conds.push(`r.jurisdiction = $${params.push(jurisdiction)}`);
  if (identity.role === 'SOURCE_UNIT') conds.push(`r.source_agency_id::text = $${params.push(identity.org ?? '')}`);
  const rows = await sql<{ resourceId: string; jurisdiction: string; sourceAgencyId: string; providedOn: string }>(
    em,
    `select r.id::text as "resourceId", r.jurisdiction, r.source_agency_id::text as "sourceAgencyId",
            to_char(min(g.first_granted_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as "providedOn"
       from data_resource r join licensing_grant_projection g on g.resource_id = r.id
      where ${conds.join(' and ')}
      group by r.id`,
    params,
  );
  const profiles = await profilesFor(em, rows.map((r) => r.jurisdiction));
  const out: UnappliedRegistrationRow[] = [];
  for (const r of rows) {
    const profile = profiles.get(r.jurisdiction)!;
    const due = firstApplicationDue(profile, calendarOfProfile(profile), r.providedOn);
    if (due < today) out.push({ ...r, applicationDueOn: due, rule: profile.registration.source });
  }
  return out.sort((a, b) => a.applicationDueOn.localeCompare(b.applicationDueOn) || a.resourceId.localeCompare(b.resourceId));
}
