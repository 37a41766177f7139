import { Migration } from '@pdo/platform';

/**
 * The catalog's tables. Versions and registration/correction histories are append-only
 * (triggers refuse UPDATE/DELETE) because they are the evidence of who changed what and when.
 */
export class Migration0001DataResource extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table data_resource (
        id uuid primary key,
        jurisdiction text not null,
        code text not null,
        name_zh text not null,
        description_zh text not null default '',
        sector text not null,
        source_agency_id uuid not null,
        fields jsonb not null default '[]'::jsonb,
        classification text,
        grade text,
        openness text not null,
        prohibited_reason text,
        shared_from_agency_id uuid,
        sharing_consent boolean not null default false,
        update_frequency text not null,
        record_count bigint not null default 0,
        last_data_update_at timestamptz,
        quality_completeness numeric(5,2) not null default 0,
        quality_consistency numeric(5,2) not null default 0,
        quality_accuracy numeric(5,2) not null default 0,
        quality_timeliness numeric(5,2) not null default 0,
        status text not null default 'ACTIVE',
        version int not null default 1,
        registered boolean not null default false,
        authorizable boolean not null default false,
        authorizable_reasons jsonb not null default '[]'::jsonb,
        -- denormalised haystack for full-text search: name, description and field names/descriptions
        search_text text not null default '',
        created_by text not null default 'system',
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        withdrawn_at timestamptz,
        unique (jurisdiction, code),
        constraint data_resource_openness_ck check (openness in ('UNCONDITIONAL','CONDITIONAL','PROHIBITED')),
        constraint data_resource_prohibited_ck check ((openness = 'PROHIBITED') = (prohibited_reason is not null)),
        constraint data_resource_status_ck check (status in ('ACTIVE','WITHDRAWN'))
      );
      create index data_resource_source_idx on data_resource (source_agency_id);
      create index data_resource_sector_idx on data_resource (jurisdiction, sector);

      create table data_resource_version (
        id uuid primary key,
        resource_id uuid not null references data_resource(id),
        version int not null,
        action text not null,
        snapshot jsonb not null,
        changes jsonb not null default '{}'::jsonb,
        changed_by text not null,
        changed_by_org uuid,
        changed_at timestamptz not null,
        note text,
        unique (resource_id, version)
      );

      create or replace function catalog_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only', tg_table_name;
      end $$;
      create trigger data_resource_version_immutable before update or delete on data_resource_version
        for each row execute function catalog_refuse_change();

      -- Local projection of licensing facts: which agreements / access grants use a resource.
      create table licensing_agreement_projection (
        agreement_id uuid primary key,
        agreement_number text not null default '',
        jurisdiction text not null,
        status text not null,
        resource_ids jsonb not null default '[]'::jsonb,
        effective_at timestamptz not null
      );
      create table licensing_grant_projection (
        grant_id uuid primary key,
        agreement_id uuid not null,
        resource_id uuid not null,
        status text not null,
        effective_at timestamptz not null
      );
      create index licensing_grant_projection_res on licensing_grant_projection (resource_id);

      create table resource_registration (
        id uuid primary key,
        resource_id uuid not null references data_resource(id),
        jurisdiction text not null,
        type text not null,
        state text not null,
        registrant_org_id uuid,
        provided_on date,
        application_due_on date,
        submitted_on date not null,
        accepted_on date,
        notice_started_on date,
        coded_on date,
        valid_until date,
        registration_code text unique,
        awaiting text,
        due_on date,
        last_reason text,
        summary text not null default '',
        created_at timestamptz not null,
        updated_at timestamptz not null
      );
      create index resource_registration_res on resource_registration (resource_id);
      create index resource_registration_due on resource_registration (jurisdiction, due_on);

      create table resource_registration_step (
        id uuid primary key,
        registration_id uuid not null references resource_registration(id),
        action text not null,
        from_state text,
        to_state text not null,
        reason text,
        actor_sub text not null,
        actor_role text not null,
        on_date date not null,
        at timestamptz not null
      );
      create trigger resource_registration_step_immutable before update or delete on resource_registration_step
        for each row execute function catalog_refuse_change();

      create table correction_request (
        id uuid primary key,
        resource_id uuid not null references data_resource(id),
        jurisdiction text not null,
        source_agency_id uuid not null,
        raised_by_sub text not null,
        raised_by_org uuid,
        field_names jsonb not null default '[]'::jsonb,
        problem text not null,
        evidence text,
        raised_on date not null,
        due_on date,
        due_rule text,
        state text not null default 'OPEN',
        answered_on date,
        answered_by text,
        answer_reason text,
        corrected_version int,
        on_time boolean,
        created_at timestamptz not null,
        constraint correction_state_ck check (state in ('OPEN','CORRECTED','REJECTED'))
      );
      create index correction_request_agency on correction_request (source_agency_id, state, due_on);
      create index correction_request_res on correction_request (resource_id);
    `);
  }
}
