import { Migration, POLICY_PROFILE_PROJECTION_TABLE } from '@pdo/platform';
import { RAW_OWNER_ROLE, RAW_SCHEMA } from '../data/raw-store.js';

/**
 * The operating domain's control side (docs/operating-domain/runtime.md):
 *
 * Projections — delivery's own copies of other subgraphs' facts, fed by their events (idempotent,
 * newest `as_of` wins), so the runtime decides every call on local tables:
 * - product_version_projection: a product version under review or decided (form, resources,
 *   delivery method, scenario, operator) — ProductVersionChanged;
 * - product_projection: a product's listing (LISTED, SUSPENDED by a hold, DELISTED, WITHDRAWN) —
 *   ProductListed / ProductSuspended / ProductDelisted;
 * - agreement_projection: the operator's authorization (suspended, terminated, expired stop calls);
 * - access_grant_projection: which resources the operator may use per scenario (recipes are
 *   analysed against them);
 * - entitlement_projection: a developer's entitlement (term, quota, ACTIVE / PAUSED / REVOKED);
 * - policy_profile_projection: the jurisdiction's profile edits (k, ε budget, output reviewer).
 *
 * Recipes — the executable SQL of a product version with its stored analysis (the compliance
 * evidence of RAW_DATA_STAYS_IN_DOMAIN, HN Art 15).
 *
 * The raw store's read side, owned by `pdo_raw_owner` (SECURITY.md "raw store"):
 * - `raw.c_<resource>`: one view per resource over its CURRENT batch only (security barrier; the
 *   declared columns, never batch_no / line_no). `raw_set_current` (re)points it after each load
 *   and keeps the readers' grants when the data shape changes.
 * - `pdo_raw_reader_<hash>`: one NOLOGIN role per product version with USAGE on `raw` and SELECT
 *   on exactly the views of that version's resources, nothing else. `raw_sync_reader` creates it,
 *   sets its grants (none while the version may not run) and makes the delivery service a member
 *   WITHOUT inherit, so the grants exist only after `SET LOCAL ROLE` in an execution.
 *   Creating roles needs CREATEROLE: `pdo_raw_owner` gets it, and only these two SECURITY DEFINER
 *   functions — executable by pdo_delivery alone, with validated names — ever act as it.
 */
export class Migration0003OperatingDomain extends Migration {
  override async up(): Promise<void> {
    this.addSql(POLICY_PROFILE_PROJECTION_TABLE);
    this.addSql(`
      -- Whether a resource may be used at all (a PROHIBITED or unauthorizable one never enters a recipe).
      alter table resource_projection add column openness text not null default 'CONDITIONAL', add column authorizable boolean not null default true;

      create table product_version_projection (
        product_id uuid not null,
        version int not null,
        code text not null,
        jurisdiction text not null,
        operator_id uuid not null,
        agreement_id uuid not null,
        scenario_id uuid not null,
        name_zh text not null,
        form text not null,
        category text not null,
        delivery_method text not null,
        resource_ids uuid[] not null,
        status text not null,
        as_of timestamptz not null,
        primary key (product_id, version),
        constraint product_version_projection_status_ck check (status in ('SUBMITTED', 'APPROVED', 'REFUSED'))
      );
      create index product_version_projection_code on product_version_projection (code, version desc);

      create table product_projection (
        product_id uuid primary key,
        code text,
        jurisdiction text not null,
        operator_id uuid not null,
        listing_status text not null,
        listed_version int,
        reason text,
        as_of timestamptz not null,
        constraint product_projection_status_ck check (listing_status in ('LISTED', 'SUSPENDED', 'DELISTED'))
      );
      create index product_projection_code on product_projection (code);

      create table agreement_projection (
        agreement_id uuid primary key,
        jurisdiction text not null,
        operator_id uuid not null,
        status text not null,
        end_date date not null,
        reason text,
        as_of timestamptz not null
      );

      create table access_grant_projection (
        grant_id uuid primary key,
        agreement_id uuid not null,
        scenario_id uuid not null,
        operator_id uuid not null,
        resource_id uuid not null,
        jurisdiction text not null,
        status text not null,
        expires_on date,
        as_of timestamptz not null
      );
      create index access_grant_projection_scenario on access_grant_projection (scenario_id, resource_id);

      create table entitlement_projection (
        entitlement_id uuid primary key,
        usage_agreement_id uuid not null unique,
        product_id uuid not null,
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        status text not null,
        pause_reason text,
        start_date date not null,
        end_date date not null,
        quota_units bigint,
        as_of timestamptz not null,
        constraint entitlement_projection_status_ck check (status in ('ACTIVE', 'PAUSED', 'REVOKED'))
      );
      create index entitlement_projection_developer on entitlement_projection (developer_id, product_id);

      create table recipe (
        id uuid primary key,
        product_id uuid not null,
        version int not null,
        jurisdiction text not null,
        operator_id uuid not null,
        status text not null,
        sql text not null,
        sql_sha256 text not null,
        parameters jsonb not null,
        outputs jsonb not null,
        subjects jsonb not null,
        verification jsonb,
        k int not null,
        analysis jsonb,
        violations jsonb not null default '[]',
        submitted_by text not null,
        submitted_at timestamptz not null,
        constraint recipe_status_ck check (status in ('ACCEPTED', 'REFUSED', 'SUPERSEDED')),
        constraint recipe_k_ck check (k >= 2)
      );
      create unique index recipe_one_current on recipe (product_id, version) where status <> 'SUPERSEDED';
      create index recipe_product on recipe (product_id, version, submitted_at desc);

      create table reader_role (
        product_id uuid not null,
        version int not null,
        role_name text not null unique,
        views text[] not null,
        synced_at timestamptz not null,
        primary key (product_id, version)
      );
    `);
    this.addSql(`
      do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${RAW_OWNER_ROLE}' and rolcreaterole) then
          execute format('alter role %I createrole', '${RAW_OWNER_ROLE}');
        end if;
      end $$;

      create or replace function raw_set_current(p_table text, p_batch int) returns text
      language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
      declare
        v_view text;
        v_cols text;
        v_ddl text;
        v_grantees text[];
        g text;
      begin
        if p_table is null or p_table !~ '^r_[a-z0-9_]{1,48}_v[0-9]{1,6}$' or p_batch is null or p_batch < 1 then
          raise exception 'invalid raw table or batch' using errcode = '22023';
        end if;
        v_view := 'c' || regexp_replace(substr(p_table, 2), '_v[0-9]+$', '');
        select string_agg(quote_ident(a.attname), ', ' order by a.attnum) into v_cols
          from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = '${RAW_SCHEMA}' and c.relname = p_table and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
           and a.attname not in ('batch_no', 'line_no');
        if v_cols is null then raise exception 'no such raw table' using errcode = '22023'; end if;
        v_ddl := format('create or replace view ${RAW_SCHEMA}.%I with (security_barrier) as select %s from ${RAW_SCHEMA}.%I where batch_no = %s', v_view, v_cols, p_table, p_batch);
        begin
          execute v_ddl;
        exception when invalid_table_definition or datatype_mismatch or feature_not_supported then
          -- The data shape changed: the view is rebuilt and its readers keep their grant.
          select coalesce(array_agg(distinct grantee::text), '{}') into v_grantees from information_schema.role_table_grants
           where table_schema = '${RAW_SCHEMA}' and table_name = v_view and privilege_type = 'SELECT' and grantee::text <> '${RAW_OWNER_ROLE}';
          execute format('drop view ${RAW_SCHEMA}.%I', v_view);
          execute v_ddl;
          foreach g in array v_grantees loop
            execute format('grant select on ${RAW_SCHEMA}.%I to %I', v_view, g);
          end loop;
        end;
        execute format('revoke all on ${RAW_SCHEMA}.%I from public', v_view);
        return v_view;
      end $fn$;
      alter function raw_set_current(text, int) owner to ${RAW_OWNER_ROLE};
      revoke all on function raw_set_current(text, int) from public;

      create or replace function raw_sync_reader(p_key text, p_views text[]) returns text
      language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
      declare
        v_role text;
        v text;
        r record;
      begin
        if p_key is null or p_key !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:[0-9]{1,6}$' then
          raise exception 'invalid reader key' using errcode = '22023';
        end if;
        -- Role names are per cluster; the database is part of the key so two databases never share a reader.
        v_role := 'pdo_raw_reader_' || left(md5(current_database() || '|' || p_key), 24);
        if not exists (select 1 from pg_roles where rolname = v_role) then
          begin
            execute format('create role %I nologin nosuperuser nocreatedb nocreaterole noinherit', v_role);
          exception when duplicate_object or unique_violation then null;
          end;
        end if;
        execute format('grant usage on schema ${RAW_SCHEMA} to %I', v_role);
        for r in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                  where n.nspname = '${RAW_SCHEMA}' and c.relkind in ('r', 'v') and has_table_privilege(v_role, c.oid, 'SELECT') loop
          execute format('revoke all on ${RAW_SCHEMA}.%I from %I', r.relname, v_role);
        end loop;
        foreach v in array coalesce(p_views, '{}') loop
          if v !~ '^c_[a-z0-9_]{1,48}$' then raise exception 'invalid view name' using errcode = '22023'; end if;
          if exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = '${RAW_SCHEMA}' and c.relname = v and c.relkind = 'v') then
            execute format('grant select on ${RAW_SCHEMA}.%I to %I', v, v_role);
          end if;
        end loop;
        if current_setting('server_version_num')::int >= 160000 then
          execute format('grant %I to %I with inherit false, set true', v_role, session_user);
        else
          execute format('grant %I to %I', v_role, session_user);
        end if;
        return v_role;
      end $fn$;
      alter function raw_sync_reader(text, text[]) owner to ${RAW_OWNER_ROLE};
      revoke all on function raw_sync_reader(text, text[]) from public;

      -- Resources loaded before this migration get their current view now.
      do $$ declare b record; begin
        for b in select t.table_name, l.batch_no from load_batch l join raw_table t on t.id = l.raw_table_id where l.status = 'CURRENT' loop
          perform raw_set_current(b.table_name, b.batch_no);
        end loop;
      end $$;
    `);
  }
}
