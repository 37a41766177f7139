import { Migration } from '@pdo/platform';

/**
 * The licensing domain: party facts, policy profile versions, calls and applications, agreements
 * with their gates / rectifications / renewals / exit, scenarios with per-resource review, access
 * grants, and the local projection of catalog resources.
 */
export class Migration0002Licensing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table organization
        add column name_en text,
        add column kinds text[] not null default '{}',
        add column credit_code text unique,
        add column founded_on date,
        add column tax_grades jsonb not null default '[]',
        add column penalties jsonb not null default '[]',
        add column dishonest_list_entries jsonb not null default '[]',
        add column security_incidents jsonb not null default '[]',
        add column mlps3_experience boolean not null default false,
        add column commercial_crypto_experience boolean not null default false,
        add column security_department text,
        add column security_head text,
        add column updated_at timestamptz not null default now();
      create index organization_jurisdiction_idx on organization (jurisdiction, name);

      -- Each edit stores the full set of overrides, so any version can be resolved on its own.
      create table policy_profile_version (
        jurisdiction text not null,
        version int not null check (version >= 2),
        overrides jsonb not null,
        changed_fields text[] not null,
        note text,
        edited_by text not null,
        created_at timestamptz not null default now(),
        primary key (jurisdiction, version)
      );

      create table operation_call (
        id uuid primary key,
        jurisdiction text not null,
        title text not null,
        mode text not null,
        selection_method text not null,
        resource_ids uuid[] not null default '{}',
        sectors text[] not null default '{}',
        eligibility_notes text,
        scoring_rules jsonb not null default '[]',
        opens_on date not null,
        closes_on date not null,
        publicity_working_days int not null,
        status text not null,
        profile_version int not null,
        published_by uuid not null,
        created_at timestamptz not null default now(),
        check (closes_on >= opens_on)
      );
      create index operation_call_jurisdiction_idx on operation_call (jurisdiction, opens_on desc);

      create table operator_application (
        id uuid primary key,
        call_id uuid not null references operation_call(id),
        applicant_id uuid not null references organization(id),
        jurisdiction text not null,
        status text not null,
        documents jsonb not null,
        eligibility jsonb not null,
        submitted_on date not null,
        supplement_request text,
        publicity_ends_on date,
        objections jsonb not null default '[]',
        decision_note text,
        agreement_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (call_id, applicant_id)
      );

      create table expert_review (
        id uuid primary key,
        application_id uuid not null references operator_application(id),
        expert_sub text not null,
        expert_org uuid,
        score numeric(5,2) not null check (score >= 0 and score <= 100),
        opinion text not null,
        created_at timestamptz not null default now(),
        unique (application_id, expert_sub)
      );

      create table agreement (
        id uuid primary key,
        number text not null unique,
        jurisdiction text not null,
        operator_id uuid not null references organization(id),
        application_id uuid,
        mode text not null,
        status text not null,
        start_date date not null,
        end_date date not null,
        trial_end_date date,
        resource_ids uuid[] not null default '{}',
        sectors text[] not null default '{}',
        contents jsonb not null default '{}',
        profile_version int not null,
        signed_on date not null,
        filed_on date,
        activated_at timestamptz,
        status_reason text,
        status_changed_at timestamptz not null default now(),
        termination_notice_on date,
        termination_effective_on date,
        termination_consented boolean not null default false,
        ended_on date,
        data_deleted_on date,
        log_purge_earliest date,
        logs_purged_on date,
        asset_disposition jsonb,
        created_at timestamptz not null default now(),
        check (end_date > start_date)
      );
      create index agreement_operator_idx on agreement (operator_id);
      create index agreement_jurisdiction_idx on agreement (jurisdiction, status);

      -- Readiness gates: training, security review, emergency plan.
      create table readiness_record (
        id uuid primary key,
        agreement_id uuid not null references agreement(id),
        kind text not null,
        subject text not null,
        passed boolean not null,
        done_on date not null,
        filed_on date,
        valid_until date,
        document_hash text,
        created_at timestamptz not null default now()
      );
      create index readiness_record_agreement_idx on readiness_record (agreement_id, kind);

      create table renewal_request (
        id uuid primary key,
        agreement_id uuid not null references agreement(id),
        requested_on date not null,
        proposed_end_date date not null,
        status text not null,
        decision_note text,
        created_at timestamptz not null default now()
      );
      create unique index renewal_request_pending_idx on renewal_request (agreement_id) where status = 'PENDING';

      create table rectification (
        id uuid primary key,
        agreement_id uuid not null references agreement(id),
        cause text not null,
        origin text not null,
        description text not null,
        finding_id text unique,
        plan text,
        deadline date not null,
        status text not null,
        outcome_note text,
        opened_at timestamptz not null default now(),
        closed_at timestamptz
      );
      create unique index rectification_open_idx on rectification (agreement_id) where status in ('OPEN','PLAN_SUBMITTED');

      create table scenario (
        id uuid primary key,
        agreement_id uuid not null references agreement(id),
        operator_id uuid not null,
        jurisdiction text not null,
        name_zh text not null,
        description text not null,
        category text not null,
        expected_value text,
        plan text,
        status text not null,
        submitted_on date not null,
        review_due_on date not null,
        agency_decision text,
        refusal_reasons text[] not null default '{}',
        decided_at timestamptz,
        created_at timestamptz not null default now()
      );
      create index scenario_agreement_idx on scenario (agreement_id);

      create table scenario_resource (
        scenario_id uuid not null references scenario(id),
        resource_id uuid not null,
        source_agency_id uuid not null,
        justification text not null,
        fields text[] not null default '{}',
        decision text not null default 'PENDING',
        reason text,
        decided_by text,
        primary key (scenario_id, resource_id)
      );

      create table access_grant (
        id uuid primary key,
        agreement_id uuid not null references agreement(id),
        scenario_id uuid not null references scenario(id),
        operator_id uuid not null,
        resource_id uuid not null,
        jurisdiction text not null,
        expires_on date not null,
        status text not null,
        reason text,
        updated_at timestamptz not null default now(),
        unique (scenario_id, resource_id)
      );
      create index access_grant_agreement_idx on access_grant (agreement_id, status);

      -- Local projection of catalog resources (version-guarded; out-of-order safe).
      create table resource_projection (
        resource_id uuid primary key,
        jurisdiction text not null,
        code text not null,
        name_zh text not null,
        sector text not null,
        source_agency_id uuid not null,
        openness text not null,
        authorizable boolean not null,
        authorizable_reasons text[] not null default '{}',
        status text not null,
        version int not null
      );

      -- Event handlers get no publisher: facts they must announce wait here for the relay job.
      create table deferred_event (
        id bigserial primary key,
        name text not null,
        payload jsonb not null,
        jurisdiction text,
        created_at timestamptz not null default now()
      );
    `);
  }
}
