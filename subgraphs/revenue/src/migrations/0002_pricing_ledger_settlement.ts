import { Migration } from '@pdo/platform';

/**
 * Projections of other subgraphs' facts, caps and prices, charges, the double-entry ledger and
 * settlement runs. The ledger's integrity lives in the database, not only in code: every entry
 * must balance at commit (deferred constraint triggers) and no ledger row may ever be updated
 * or deleted — corrections are reversing entries.
 */
export class Migration0002PricingLedgerSettlement extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table product_view (
        id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        agreement_id uuid not null,
        code text not null,
        name_zh text not null,
        category text not null check (category in ('FREE','PAID')),
        status text not null,
        version int not null default 0,
        as_of timestamptz not null
      );
      create table product_resource (
        product_id uuid not null references product_view(id),
        resource_id uuid not null,
        source_agency_id uuid not null,
        ordinal int not null,
        primary key (product_id, resource_id)
      );
      create table usage_agreement_view (
        id uuid primary key,
        product_id uuid not null,
        developer_id uuid not null,
        operator_id uuid,
        jurisdiction text not null,
        start_date date,
        end_date date,
        category text,
        status text not null,
        as_of timestamptz not null
      );
      create table agreement_view (
        id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        agreement_number text,
        status text not null,
        start_date date,
        end_date date,
        as_of timestamptz not null
      );
      create table org_view (
        id uuid primary key,
        jurisdiction text,
        name_zh text not null,
        kinds text[] not null default '{}'
      );
      create table contribution_score (
        assessment_id uuid not null,
        jurisdiction text not null,
        period_start date not null,
        period_end date not null,
        agency_id uuid not null,
        score numeric not null check (score >= 0),
        received_at timestamptz not null default now(),
        primary key (assessment_id, agency_id)
      );

      create table price_cap (
        id uuid primary key,
        cost_survey_id uuid not null references cost_survey(id),
        product_id uuid not null references product_view(id),
        operator_id uuid not null,
        jurisdiction text not null,
        charging_unit text not null check (charging_unit in ('PER_CALL','PER_MONTH','PER_MB','PER_ITEM')),
        cap_fen bigint not null check (cap_fen >= 0),
        forecast_units bigint not null check (forecast_units >= 0),
        effective_from date not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        unique (product_id, charging_unit, effective_from)
      );
      create table price (
        id uuid primary key,
        product_id uuid not null references product_view(id),
        operator_id uuid not null,
        jurisdiction text not null,
        charging_unit text not null check (charging_unit in ('PER_CALL','PER_MONTH','PER_MB','PER_ITEM')),
        price_fen bigint not null check (price_fen >= 0),
        cap_id uuid references price_cap(id),
        effective_from date not null,
        version int not null,
        created_by text not null,
        created_at timestamptz not null default now(),
        unique (product_id, charging_unit, effective_from),
        unique (product_id, charging_unit, version)
      );

      -- One charge per usage record, whatever the number of deliveries (unique usage_id).
      create table charge (
        id uuid primary key,
        usage_id uuid not null unique,
        usage_agreement_id uuid,
        product_id uuid not null,
        operator_id uuid not null,
        developer_id uuid not null,
        jurisdiction text not null,
        category text not null,
        charging_unit text not null,
        units bigint not null check (units >= 0),
        unit_price_fen bigint,
        price_id uuid,
        amount_fen bigint not null check (amount_fen >= 0),
        priced boolean not null,
        occurred_at timestamptz not null,
        created_at timestamptz not null default now()
      );
      create index charge_settle_idx on charge (jurisdiction, occurred_at) include (product_id, developer_id, amount_fen, units);
      create index charge_developer_idx on charge (developer_id, occurred_at);
      create index charge_operator_idx on charge (operator_id, occurred_at);

      create table distribution_plan (
        id uuid primary key,
        agreement_id uuid not null,
        product_id uuid,
        jurisdiction text not null,
        version int not null,
        source_basis text not null check (source_basis in ('RESOURCE_USAGE','CONTRIBUTION')),
        created_by text not null,
        created_at timestamptz not null default now(),
        unique nulls not distinct (agreement_id, product_id, version)
      );
      create table distribution_plan_party (
        plan_id uuid not null references distribution_plan(id),
        ordinal int not null,
        party_kind text not null check (party_kind in ('OPERATOR','SERVICE_PROVIDER','JURISDICTION','SOURCE_AGENCIES')),
        party_id text,
        weight numeric not null check (weight >= 0),
        primary key (plan_id, ordinal)
      );

      create table settlement (
        id uuid primary key,
        jurisdiction text not null,
        period_start date not null,
        period_end date not null,
        status text not null check (status in ('RUNNING','COMPLETED')),
        total_fen bigint not null default 0,
        charge_count bigint not null default 0,
        product_count int not null default 0,
        contribution_assessment_id uuid,
        ledger_entry_id uuid,
        created_by text not null,
        started_at timestamptz not null,
        completed_at timestamptz,
        unique (jurisdiction, period_start, period_end)
      );
      -- Charges aggregated per product and developer: the only pass over the charge table.
      create table settlement_line (
        settlement_id uuid not null references settlement(id),
        product_id uuid not null,
        developer_id uuid not null,
        revenue_fen bigint not null,
        charge_count bigint not null,
        units bigint not null,
        primary key (settlement_id, product_id, developer_id)
      );
      create table settlement_product (
        settlement_id uuid not null references settlement(id),
        product_id uuid not null,
        plan_id uuid,
        plan_version int,
        revenue_fen bigint not null,
        charge_count bigint not null,
        units bigint not null,
        primary key (settlement_id, product_id)
      );
      create table revenue_share (
        id uuid primary key,
        settlement_id uuid not null references settlement(id),
        product_id uuid not null,
        party_kind text not null check (party_kind in ('OPERATOR','SERVICE_PROVIDER','JURISDICTION','SOURCE_AGENCY')),
        party_id text not null,
        ordinal int not null,
        weight text not null,
        amount_fen bigint not null check (amount_fen >= 0),
        basis text not null,
        unique (settlement_id, product_id, party_kind, party_id)
      );
      create index revenue_share_party_idx on revenue_share (party_id, settlement_id);

      create table ledger_account (
        id uuid primary key,
        jurisdiction text not null,
        party_kind text not null check (party_kind in ('DEVELOPER','OPERATOR','SERVICE_PROVIDER','JURISDICTION','SOURCE_AGENCY')),
        party_id text not null,
        created_at timestamptz not null default now(),
        unique (jurisdiction, party_kind, party_id)
      );
      create table ledger_entry (
        id uuid primary key,
        jurisdiction text not null,
        entry_date date not null,
        memo text not null,
        settlement_id uuid references settlement(id),
        reverses_entry_id uuid unique references ledger_entry(id),
        created_by text not null,
        created_at timestamptz not null default now()
      );
      create table ledger_line (
        id bigserial primary key,
        entry_id uuid not null references ledger_entry(id),
        account_id uuid not null references ledger_account(id),
        debit_fen bigint not null default 0,
        credit_fen bigint not null default 0,
        check (debit_fen >= 0 and credit_fen >= 0 and ((debit_fen = 0) <> (credit_fen = 0)))
      );
      create index ledger_line_entry_idx on ledger_line (entry_id);
      create index ledger_line_account_idx on ledger_line (account_id);

      create function revenue_append_only() returns trigger language plpgsql as $fn$
      begin
        raise exception '% is append-only: % refused', TG_TABLE_NAME, TG_OP using errcode = 'P0001';
      end $fn$;
      create trigger ledger_entry_append_only before update or delete on ledger_entry for each row execute function revenue_append_only();
      create trigger ledger_line_append_only before update or delete on ledger_line for each row execute function revenue_append_only();
      create trigger ledger_entry_no_truncate before truncate on ledger_entry for each statement execute function revenue_append_only();
      create trigger ledger_line_no_truncate before truncate on ledger_line for each statement execute function revenue_append_only();
      create trigger charge_append_only before update or delete on charge for each row execute function revenue_append_only();
      create trigger revenue_share_append_only before update or delete on revenue_share for each row execute function revenue_append_only();
      create trigger settlement_line_append_only before update or delete on settlement_line for each row execute function revenue_append_only();
      create trigger settlement_product_append_only before update or delete on settlement_product for each row execute function revenue_append_only();

      -- A completed settlement is final.
      create function settlement_immutable() returns trigger language plpgsql as $fn$
      begin
        if TG_OP = 'DELETE' or OLD.status = 'COMPLETED' then
          raise exception 'settlement % is completed and immutable', OLD.id using errcode = 'P0001';
        end if;
        return NEW;
      end $fn$;
      create trigger settlement_immutable before update or delete on settlement for each row execute function settlement_immutable();

      -- Σ debit = Σ credit per entry, with at least two lines, checked at commit.
      create function ledger_entry_balanced() returns trigger language plpgsql as $fn$
      declare
        eid uuid;
        d bigint;
        c bigint;
        n int;
      begin
        if TG_TABLE_NAME = 'ledger_entry' then eid := NEW.id; else eid := NEW.entry_id; end if;
        select coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0), count(*) into d, c, n from ledger_line where entry_id = eid;
        if n < 2 or d <> c then
          raise exception 'ledger entry % is not balanced (debit %, credit %, % lines)', eid, d, c, n using errcode = '23514';
        end if;
        return null;
      end $fn$;
      create constraint trigger ledger_entry_balanced after insert on ledger_entry deferrable initially deferred for each row execute function ledger_entry_balanced();
      create constraint trigger ledger_line_balanced after insert on ledger_line deferrable initially deferred for each row execute function ledger_entry_balanced();
    `);
  }
}
