import type { EventHandlers } from '@pdo/platform';
import { sql } from '@pdo/platform';
import type { LicensingEvents } from '@pdo/events';

/**
 * Local projection of the licensing facts the catalog needs: which agreements and access grants
 * use a resource (withdrawal is refused while one is in force). Delivery is at least once and may
 * be out of order: each row keeps the instant of the fact it holds and ignores older ones, and an
 * ended agreement never comes back to life from a late "activated".
 */
const ENDED = ['TERMINATED', 'EXPIRED', 'EXITED'];

const upsertAgreementFacts = async (em: Parameters<NonNullable<EventHandlers['AgreementActivated']>>[0], p: LicensingEvents.AgreementFacts, at: string) => {
  await sql(
    em,
    `insert into licensing_agreement_projection (agreement_id, agreement_number, jurisdiction, status, resource_ids, effective_at)
     values ($1, $2, $3, $4, $5::jsonb, $6)
     on conflict (agreement_id) do update set
       agreement_number = excluded.agreement_number,
       resource_ids = excluded.resource_ids,
       status = case when licensing_agreement_projection.status = any($7::text[]) then licensing_agreement_projection.status
                     when licensing_agreement_projection.effective_at > excluded.effective_at then licensing_agreement_projection.status
                     else excluded.status end,
       effective_at = greatest(licensing_agreement_projection.effective_at, excluded.effective_at)`,
    [p.agreementId, p.agreementNumber, p.jurisdiction, p.status, JSON.stringify(p.resourceIds ?? []), at, ENDED],
  );
};

const statusChange: NonNullable<EventHandlers['AgreementTerminated']> = async (em, event) => {
  const p = event.payload as LicensingEvents.AgreementStatusChanged;
  const at = p.effectiveAt ?? event.occurredAt;
  await sql(
    em,
    `insert into licensing_agreement_projection (agreement_id, jurisdiction, status, effective_at)
     values ($1, $2, $3, $4)
     on conflict (agreement_id) do update set
       status = case when licensing_agreement_projection.status = any($5::text[]) and not (excluded.status = any($5::text[])) then licensing_agreement_projection.status
                     when licensing_agreement_projection.effective_at > excluded.effective_at and not (excluded.status = any($5::text[])) then licensing_agreement_projection.status
                     else excluded.status end,
       effective_at = greatest(licensing_agreement_projection.effective_at, excluded.effective_at)`,
    [p.agreementId, p.jurisdiction, p.status, at, ENDED],
  );
};

const grant = async (em: Parameters<NonNullable<EventHandlers['AccessGranted']>>[0], p: { grantId: string; agreementId: string; resourceId: string; status: string; effectiveAt: string }) => {
  await sql(
    em,
    `insert into licensing_grant_projection (grant_id, agreement_id, resource_id, status, effective_at, first_granted_at)
     values ($1, $2, $3, $4, $5, case when $4 = 'ACTIVE' then $5::timestamptz end)
     on conflict (grant_id) do update set
       status = case when licensing_grant_projection.effective_at <= excluded.effective_at then excluded.status else licensing_grant_projection.status end,
       effective_at = greatest(licensing_grant_projection.effective_at, excluded.effective_at),
       -- the earliest grant instant seen, whatever order the events arrive in
       first_granted_at = case when excluded.first_granted_at is null then licensing_grant_projection.first_granted_at
                               else least(coalesce(licensing_grant_projection.first_granted_at, excluded.first_granted_at), excluded.first_granted_at) end`,
    [p.grantId, p.agreementId, p.resourceId, p.status, p.effectiveAt],
  );
};

export const upsertOrganization = async (em: Parameters<NonNullable<EventHandlers['OrganizationRegistered']>>[0], p: LicensingEvents.OrganizationRegistered, at: string) => {
  await sql(
    em,
    `insert into organization_projection (id, jurisdiction, kinds, name_zh, occurred_at) values ($1, $2, $3::jsonb, $4, $5)
     on conflict (id) do update set jurisdiction = excluded.jurisdiction, kinds = excluded.kinds, name_zh = excluded.name_zh, occurred_at = excluded.occurred_at
      where organization_projection.occurred_at <= excluded.occurred_at`,
    [p.organizationId, p.jurisdiction, JSON.stringify(p.kinds ?? []), p.nameZh ?? '', at],
  );
};

/**
 * PolicyProfileChanged: keep the newest version per jurisdiction. Licensing adds the full edited
 * profile (`profile`, `version`) to the payload; until it does, only the version and the changed
 * field names are known, and the limits stay those of @pdo/policy (overrides null).
 */
export const projectPolicyProfile = async (em: Parameters<NonNullable<EventHandlers['PolicyProfileChanged']>>[0], p: LicensingEvents.PolicyProfileChanged, at: string) => {
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
};

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

export const licensingHandlers: EventHandlers = {
  PolicyProfileChanged: (em, e) => projectPolicyProfile(em, e.payload as LicensingEvents.PolicyProfileChanged, e.occurredAt),
  OrganizationRegistered: (em, e) => upsertOrganization(em, e.payload as LicensingEvents.OrganizationRegistered, e.occurredAt),
  AgreementSigned: (em, e) => upsertAgreementFacts(em, e.payload as LicensingEvents.AgreementFacts, e.occurredAt),
  AgreementActivated: (em, e) => upsertAgreementFacts(em, e.payload as LicensingEvents.AgreementFacts, e.occurredAt),
  AgreementRenewed: (em, e) => upsertAgreementFacts(em, e.payload as LicensingEvents.AgreementFacts, e.occurredAt),
  AgreementSuspended: statusChange,
  AgreementReinstated: statusChange,
  AgreementTerminated: statusChange,
  AgreementExpired: statusChange,
  AccessGranted: (em, e) => grant(em, e.payload as LicensingEvents.AccessGranted),
  AccessRevoked: (em, e) => grant(em, e.payload as LicensingEvents.AccessRevoked),
};
