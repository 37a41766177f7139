import type { EventHandlers } from '@pdo/platform';
import { projectPolicyProfile, sql } from '@pdo/platform';
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
