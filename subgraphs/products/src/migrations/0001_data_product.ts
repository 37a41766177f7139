import { Migration } from '@pdo/platform';

/**
 * Products schema. Local projections (agreement_view, scenario_view, access_grant_view,
 * resource_view, price_view) are fed by licensing / catalog / revenue events: this subgraph never
 * reads another subgraph's tables, it keeps what it needs from their facts.
 */
export class Migration0001DataProduct extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table agreement_view (
        id uuid primary key,
        agreement_number text,
        jurisdiction text not null,
        operator_id uuid not null,
        status text not null,
        start_date date,
        end_date date not null,
        resource_ids uuid[] not null default '{}',
        sectors text[] not null default '{}',
        -- effectiveAt of the last status change applied; older ones arriving late are ignored
        as_of timestamptz
      );

      create table scenario_view (
        id uuid primary key,
        agreement_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        name_zh text,
        category text,
        resource_ids uuid[] not null default '{}',
        status text not null,
        reasons text[] not null default '{}',
        as_of timestamptz not null
      );

      create table access_grant_view (
        id uuid primary key,
        agreement_id uuid not null,
        scenario_id uuid not null,
        operator_id uuid not null,
        resource_id uuid not null,
        jurisdiction text not null,
        status text not null,
        expires_on date,
        as_of timestamptz not null
      );
      create index access_grant_view_scenario on access_grant_view (scenario_id, resource_id);

      create table resource_view (
        id uuid primary key,
        jurisdiction text not null,
        code text,
        name_zh text,
        sector text,
        source_agency_id uuid,
        authorizable boolean not null default true,
        status text not null default 'ACTIVE',
        version int not null default 0
      );

      create table price_view (
        id uuid primary key,
        kind text not null check (kind in ('PRICE','CAP')),
        product_id uuid not null,
        operator_id uuid,
        jurisdiction text,
        charging_unit text not null,
        amount_fen bigint not null,
        effective_from date not null
      );
      create index price_view_product on price_view (product_id, kind, effective_from desc);

      create table data_product (
        id uuid primary key,
        code text not null unique,
        jurisdiction text not null,
        operator_id uuid not null,
        agreement_id uuid not null,
        scenario_id uuid not null,
        name text not null,
        description text not null default '',
        form text not null,
        category text not null,
        charging_unit text not null,
        latest_version int not null default 1,
        listing_status text not null default 'UNLISTED',
        listed_version int,
        listed_at timestamptz,
        listing_reason text,
        -- the resource ids / sectors / source agencies of the listed (or latest) version, denormalised for search and facets
        resource_ids uuid[] not null default '{}',
        sectors text[] not null default '{}',
        source_agency_ids uuid[] not null default '{}',
        search_text text not null default '',
        search_grams text[] not null default '{}',
        usage_units bigint not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index data_product_listing on data_product (listing_status, listed_at desc);
      create index data_product_grams on data_product using gin (search_grams);
      create index data_product_operator on data_product (operator_id);
      create index data_product_agreement on data_product (agreement_id);

      create table product_version (
        product_id uuid not null references data_product(id),
        version int not null,
        status text not null,
        resource_ids uuid[] not null,
        delivery_method text not null,
        output_schema jsonb not null,
        sample_outputs jsonb not null,
        change_note text,
        submitted_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz not null default now(),
        primary key (product_id, version)
      );

      create table compliance_review (
        id uuid primary key,
        product_id uuid not null,
        version int not null,
        jurisdiction text not null,
        decision text not null,
        checklist jsonb not null,
        reasons text[] not null default '{}',
        legal_basis text,
        reviewer_sub text not null,
        reviewer_org uuid,
        reviewed_at timestamptz not null,
        -- one review per version: a refused version is final, the operator submits a new one
        unique (product_id, version),
        foreign key (product_id, version) references product_version(product_id, version)
      );

      create table product_registration (
        id uuid primary key,
        product_id uuid not null references data_product(id),
        version int not null,
        jurisdiction text not null,
        operator_id uuid not null,
        type text not null default 'FIRST',
        state text not null,
        submitted_on date not null,
        provided_on date,
        accepted_on date,
        notice_started_on date,
        coded_on date,
        valid_until date,
        agreement_end date,
        registration_code text unique,
        last_reason text,
        history jsonb not null default '[]',
        created_at timestamptz not null default now()
      );
      create index product_registration_product on product_registration (product_id, created_at desc);

      create table usage_application (
        id uuid primary key,
        product_id uuid not null references data_product(id),
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        purpose text not null,
        scenario text not null,
        scope text not null,
        method text not null,
        start_date date not null,
        end_date date not null,
        requested_quota bigint,
        status text not null,
        assessment jsonb,
        proposed_terms jsonb,
        decision_reasons text[] not null default '{}',
        usage_agreement_id uuid,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create index usage_application_product on usage_application (product_id, developer_id);

      create table usage_agreement (
        id uuid primary key,
        application_id uuid,
        product_id uuid not null references data_product(id),
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        category text not null,
        purpose text not null,
        scope text not null,
        method text not null,
        start_date date not null,
        end_date date not null,
        revenue_distribution text not null,
        security_terms text not null,
        confidentiality_terms text not null,
        quota_units bigint,
        status text not null,
        operator_accepted_at timestamptz,
        developer_accepted_at timestamptz,
        signed_at timestamptz,
        ended_at timestamptz,
        end_reason text,
        created_at timestamptz not null default now()
      );
      create index usage_agreement_developer on usage_agreement (developer_id);
      create index usage_agreement_product on usage_agreement (product_id);

      create table entitlement (
        id uuid primary key,
        usage_agreement_id uuid not null unique references usage_agreement(id),
        product_id uuid not null,
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        status text not null,
        pause_reason text,
        start_date date not null,
        end_date date not null,
        quota_units bigint,
        used_units bigint not null default 0,
        created_at timestamptz not null default now()
      );
      create index entitlement_product on entitlement (product_id);

      create table usage_record (
        id uuid primary key,
        entitlement_id uuid not null references entitlement(id),
        usage_agreement_id uuid not null,
        product_id uuid not null,
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        units bigint not null check (units > 0),
        occurred_at timestamptz not null,
        idempotency_key text not null,
        content_hash text not null,
        recorded_at timestamptz not null default now(),
        unique (operator_id, idempotency_key)
      );
      create index usage_record_product on usage_record (product_id, occurred_at);
      create index usage_record_developer on usage_record (developer_id, occurred_at);

      -- Events a consumer handler decides to publish: handlers get no publisher, so they queue
      -- here in their own transaction and the relay job publishes them (see handlers/relay.ts).
      create table pending_event (
        seq bigserial primary key,
        name text not null,
        payload jsonb not null,
        jurisdiction text,
        created_at timestamptz not null default now()
      );
    `);
  }
}
