import { Migration } from '@pdo/platform';

/**
 * Local projections of other subgraphs' facts (fed only by events, upserted idempotently) and
 * evaluation's own records: contribution assessments, operator evaluations, operating reports,
 * security incidents, disputes, and the public disclosure feed.
 */
export class Migration0002Evaluation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- ── projections ────────────────────────────────────────────────────────
      create table proj_org (
        id uuid primary key,
        jurisdiction text not null,
        name_zh text not null,
        kinds text[] not null default '{}'
      );
      create table proj_resource (
        id uuid primary key,
        jurisdiction text not null,
        code text not null,
        name_zh text not null,
        sector text not null,
        source_agency_id uuid not null,
        record_count bigint not null default 0,
        -- mean of the four quality dimensions (0–100), as catalog reports them
        quality numeric(7,3) not null default 0,
        status text not null,
        version int not null,
        published_at timestamptz not null,
        withdrawn_at timestamptz
      );
      create index proj_resource_agency on proj_resource (jurisdiction, source_agency_id);
      create table proj_resource_registration (
        registration_id uuid primary key,
        resource_id uuid not null,
        jurisdiction text not null,
        registration_code text,
        state text not null,
        coded_on date
      );
      create table proj_correction (
        correction_id uuid primary key,
        resource_id uuid not null,
        source_agency_id uuid not null,
        jurisdiction text not null,
        raised_on date not null,
        due_on date not null,
        answered_on date not null,
        on_time boolean not null,
        outcome text not null
      );
      create index proj_correction_agency on proj_correction (jurisdiction, source_agency_id, answered_on);
      create table proj_agreement (
        id uuid primary key,
        agreement_number text not null,
        jurisdiction text not null,
        operator_id uuid not null,
        mode text not null,
        status text not null,
        start_date date not null,
        end_date date not null,
        resource_ids uuid[] not null default '{}',
        sectors text[] not null default '{}',
        -- instant of the latest status we hold: an older event never overwrites a newer one
        status_at timestamptz not null
      );
      create index proj_agreement_operator on proj_agreement (jurisdiction, operator_id);
      create table proj_scenario (
        id uuid primary key,
        agreement_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        name_zh text not null,
        category text not null,
        resource_ids uuid[] not null default '{}',
        approved_at timestamptz not null
      );
      create table proj_product (
        id uuid primary key,
        product_code text not null,
        version int not null,
        jurisdiction text not null,
        operator_id uuid not null,
        agreement_id uuid not null,
        scenario_id uuid not null,
        name_zh text not null,
        form text not null,
        category text not null,
        status text not null,
        listed_at timestamptz,
        delisted_at timestamptz,
        status_at timestamptz not null
      );
      create index proj_product_operator on proj_product (jurisdiction, operator_id);
      create table proj_product_resource (
        product_id uuid not null,
        resource_id uuid not null,
        source_agency_id uuid not null,
        primary key (product_id, resource_id)
      );
      create index proj_product_resource_agency on proj_product_resource (source_agency_id);
      create table proj_usage_agreement (
        id uuid primary key,
        product_id uuid not null,
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        start_date date not null,
        end_date date not null,
        category text not null,
        ended boolean not null default false
      );
      create table proj_usage (
        usage_id uuid primary key,
        product_id uuid not null,
        operator_id uuid not null,
        developer_id uuid not null,
        jurisdiction text not null,
        units bigint not null,
        occurred_at timestamptz not null
      );
      create index proj_usage_product on proj_usage (product_id, occurred_at);
      create table proj_price (
        id uuid primary key,
        kind text not null check (kind in ('CAP', 'PRICE')),
        product_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        charging_unit text not null,
        amount_fen bigint not null,
        effective_from date not null
      );
      create index proj_price_product on proj_price (product_id, effective_from);
      create table proj_settlement_share (
        settlement_id uuid not null,
        jurisdiction text not null,
        period_start date not null,
        period_end date not null,
        party_id uuid not null,
        party_kind text not null,
        product_id uuid not null,
        amount_fen bigint not null,
        primary key (settlement_id, party_id, party_kind, product_id)
      );
      create index proj_settlement_party on proj_settlement_share (party_id, period_start);

      -- ── contribution assessment (数据贡献评价) ───────────────────────────
      create table contribution_weights (
        jurisdiction text primary key,
        quantity numeric(5,2) not null,
        quality numeric(5,2) not null,
        application numeric(5,2) not null,
        revenue numeric(5,2) not null,
        source text not null,
        set_by text not null,
        set_at timestamptz not null,
        check (quantity + quality + application + revenue = 100)
      );
      create table contribution_assessment (
        id uuid primary key,
        jurisdiction text not null,
        period_start date not null,
        period_end date not null,
        weights jsonb not null,
        assessed_by text not null,
        assessed_at timestamptz not null,
        unique (jurisdiction, period_start, period_end)
      );
      create table contribution_score (
        assessment_id uuid not null references contribution_assessment(id),
        agency_id uuid not null,
        quantity numeric(7,2) not null,
        quality numeric(7,2) not null,
        application numeric(7,2) not null,
        revenue numeric(7,2) not null,
        total numeric(7,2) not null,
        inputs jsonb not null,
        primary key (assessment_id, agency_id)
      );

      -- ── operator annual evaluation ────────────────────────────────────────
      create table operator_evaluation (
        id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        agreement_id uuid,
        year int not null,
        status text not null check (status in ('OPEN', 'FINALIZED')),
        total numeric(7,2),
        conclusion text,
        conclusion_note text,
        opened_by text not null,
        opened_at timestamptz not null,
        finalized_at timestamptz,
        unique (operator_id, year)
      );
      create table operator_evaluation_score (
        evaluation_id uuid not null references operator_evaluation(id),
        criterion text not null,
        scorer_sub text not null,
        scorer_role text not null,
        score numeric(5,2) not null check (score >= 0 and score <= 100),
        comment text,
        scored_at timestamptz not null,
        primary key (evaluation_id, criterion, scorer_sub)
      );
      create table evaluation_finding (
        id uuid primary key,
        evaluation_id uuid not null references operator_evaluation(id),
        criterion text not null,
        severity text not null,
        description text not null,
        rectification text not null check (rectification in ('NONE', 'REQUESTED', 'CLOSED')),
        rectification_deadline date,
        created_by text not null,
        created_at timestamptz not null,
        closed_at timestamptz,
        closure_note text
      );
      create index evaluation_finding_eval on evaluation_finding (evaluation_id);

      -- ── operating reports ─────────────────────────────────────────────────
      create table operating_report (
        id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        kind text not null,
        period_start date not null,
        period_end date not null,
        due_on date not null,
        rule_source text not null,
        status text not null check (status in ('DRAFT', 'SUBMITTED', 'ACCEPTED', 'RETURNED')),
        prefill jsonb not null,
        revenue_fen bigint,
        cost_fen bigint,
        profit_fen bigint,
        narrative text,
        secondary_development text,
        submitted_at timestamptz,
        reviewed_at timestamptz,
        review_note text,
        created_at timestamptz not null,
        unique (operator_id, kind, period_start)
      );
      create index operating_report_due on operating_report (jurisdiction, status, due_on);

      -- ── security incidents ────────────────────────────────────────────────
      create table security_incident (
        id uuid primary key,
        jurisdiction text not null,
        reporter_org uuid,
        reporter_sub text not null,
        operator_id uuid,
        agreement_id uuid,
        type text not null,
        severity text not null,
        occurred_at timestamptz not null,
        reported_at timestamptz not null,
        description text not null,
        resource_ids uuid[] not null default '{}',
        product_ids uuid[] not null default '{}',
        stop_processing boolean not null,
        notify_cyberspace boolean not null,
        notification_rule text,
        status text not null check (status in ('OPEN', 'CLOSED')),
        closed_at timestamptz,
        closure_summary text
      );
      create table security_incident_action (
        id uuid primary key,
        -- insertion order breaks ties between actions recorded in the same instant
        seq bigserial not null,
        incident_id uuid not null references security_incident(id),
        kind text not null,
        note text not null,
        actor_sub text not null,
        at timestamptz not null
      );
      create index security_incident_action_inc on security_incident_action (incident_id, at);

      -- ── disputes and appeals (争议处置) ─────────────────────────────────────
      create table dispute (
        id uuid primary key,
        jurisdiction text not null,
        kind text not null,
        complainant_org uuid not null,
        complainant_name text not null,
        respondent_org uuid,
        subject text not null,
        subject_ref uuid,
        evidence jsonb not null default '[]',
        status text not null check (status in ('FILED', 'IN_HANDLING', 'RESOLVED')),
        filed_by text not null,
        filed_at timestamptz not null,
        handler_sub text,
        handling_started_at timestamptz,
        due_on date,
        outcome text,
        decision text,
        decided_at timestamptz
      );
      create index dispute_j on dispute (jurisdiction, status);

      -- ── public disclosure (披露): extends the shipped table ─────────────────
      alter table disclosure
        add column kind text not null default 'OTHER',
        add column subject_id uuid,
        add column rule text,
        add column facts jsonb not null default '[]',
        add column published_at timestamptz not null default now(),
        -- one disclosure per fact: a redelivered event finds its key and changes nothing
        add column dedupe_key text;
      create unique index disclosure_dedupe on disclosure (dedupe_key);
      create index disclosure_feed on disclosure (jurisdiction, kind, published_at desc);
    `);
  }
}
