import { Migration } from '@pdo/platform';

/**
 * Eligibility facts of a party (identity, tax credit grades, MLPS / commercial cryptography,
 * sanctions, security department) are recorded by the implementing agency or the data authority of
 * its jurisdiction, each change with its evidence; a company only proposes a change.
 *
 * - organization_fact_proposal: a company's proposed change with its evidence, and the official's
 *   decision (accepted / rejected with a reason) or the proposer's withdrawal.
 * - organization_fact_change: every recorded change, old → new, with its evidence, who recorded it
 *   and when (and the proposal it came from). Append-only: UPDATE, DELETE and TRUNCATE are refused.
 */
export class Migration0004OrganizationFacts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization_fact_proposal (
        id uuid primary key,
        -- Entry order: several changes may share one instant (the request clock).
        seq bigint generated always as identity unique,
        organization_id uuid not null references organization(id),
        jurisdiction text not null,
        changes jsonb not null check (jsonb_typeof(changes) = 'object' and changes <> '{}'::jsonb),
        document_ref text not null check (length(document_ref) between 1 and 200),
        document_date date not null,
        evidence_note text,
        status text not null check (status in ('PENDING', 'ACCEPTED', 'REJECTED', 'WITHDRAWN')),
        proposed_by text not null,
        proposed_by_role text not null,
        proposed_by_org uuid not null,
        proposed_at timestamptz not null,
        decided_by text,
        decided_by_role text,
        decided_by_org uuid,
        decided_at timestamptz,
        decision_reason text,
        check ((status = 'PENDING') = (decided_at is null)),
        check (status <> 'REJECTED' or length(decision_reason) > 0)
      );
      create index organization_fact_proposal_org_idx on organization_fact_proposal (organization_id, seq desc);
      create index organization_fact_proposal_pending_idx on organization_fact_proposal (jurisdiction, seq) where status = 'PENDING';

      create table organization_fact_change (
        id uuid primary key,
        seq bigint generated always as identity unique,
        organization_id uuid not null references organization(id),
        jurisdiction text not null,
        kind text not null check (kind in ('REGISTERED', 'RECORDED', 'PROPOSAL_ACCEPTED', 'INCIDENT_REPORTED')),
        fields text[] not null check (cardinality(fields) > 0),
        old_values jsonb not null,
        new_values jsonb not null,
        document_ref text not null check (length(document_ref) between 1 and 200),
        document_date date not null,
        evidence_note text,
        recorded_by text not null,
        recorded_by_role text not null,
        recorded_by_org uuid,
        recorded_at timestamptz not null,
        proposal_id uuid references organization_fact_proposal(id),
        check ((kind = 'PROPOSAL_ACCEPTED') = (proposal_id is not null))
      );
      create index organization_fact_change_org_idx on organization_fact_change (organization_id, seq desc);

      create function licensing_fact_change_append_only() returns trigger language plpgsql as $fn$
      begin
        raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP using errcode = 'P0001';
      end
      $fn$;
      create trigger organization_fact_change_append_only before update or delete on organization_fact_change
        for each row execute function licensing_fact_change_append_only();
      create trigger organization_fact_change_no_truncate before truncate on organization_fact_change
        for each statement execute function licensing_fact_change_append_only();
    `);
  }
}
