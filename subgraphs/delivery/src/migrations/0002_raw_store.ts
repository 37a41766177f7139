import { Migration } from '@pdo/platform';
import { RAW_LOADER_ROLE, RAW_OWNER_ROLE, RAW_SCHEMA } from '../data/raw-store.js';

/**
 * The raw-data store (原始数据不出域; SECURITY.md "raw store"): schema `raw`, owned by
 * `pdo_raw_owner`, a role nobody logs in as (NOLOGIN). No service role has any right on it:
 * - `pdo_raw_loader` (NOLOGIN): USAGE on `raw` and INSERT on each batch table, nothing else — not
 *   even SELECT. The delivery service is a member WITHOUT inherit (owner step in src/index.ts), so
 *   it holds these rights only inside a load, after `SET LOCAL ROLE pdo_raw_loader`.
 * - `create_raw_batch_table(name, columns)`: the only way a table appears in `raw`. SECURITY
 *   DEFINER owned by `pdo_raw_owner`, with a pinned search_path; it accepts only a table name of
 *   the form r_<code>_v<rev>, column names without control characters, space or quotes (quoted
 *   with %I), and a type from a fixed list, so a caller can make it run no other DDL. It lives in
 *   delivery's schema (the service need not see `raw` to call it) and only pdo_delivery may
 *   execute it.
 * - Reading is for the future execution side: a `pdo_raw_reader_<product>` role per approved
 *   product version with SELECT on exactly its resources' tables (DESIGN of the operating domain);
 *   nothing here grants SELECT to anyone.
 */
export class Migration0002RawStore extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      do $$ begin
        if not exists (select 1 from pg_roles where rolname = '${RAW_OWNER_ROLE}') then
          begin create role ${RAW_OWNER_ROLE} nologin; exception when duplicate_object or unique_violation then null; end;
        end if;
        if not exists (select 1 from pg_roles where rolname = '${RAW_LOADER_ROLE}') then
          begin create role ${RAW_LOADER_ROLE} nologin; exception when duplicate_object or unique_violation then null; end;
        end if;
      end $$;
      create schema if not exists ${RAW_SCHEMA};
      alter schema ${RAW_SCHEMA} owner to ${RAW_OWNER_ROLE};
      revoke all on schema ${RAW_SCHEMA} from public;
      grant usage on schema ${RAW_SCHEMA} to ${RAW_LOADER_ROLE};

      create or replace function create_raw_batch_table(p_table text, p_columns jsonb) returns void
      language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
      declare
        col jsonb;
        ddl text;
        cname text;
        ctype text;
        seen text[] := '{}';
      begin
        if p_table is null or p_table !~ '^r_[a-z0-9_]{1,48}_v[0-9]{1,6}$' then
          raise exception 'invalid raw table name' using errcode = '22023';
        end if;
        if jsonb_typeof(p_columns) is distinct from 'array' or jsonb_array_length(p_columns) not between 1 and 500 then
          raise exception 'invalid raw column list' using errcode = '22023';
        end if;
        ddl := format('create table ${RAW_SCHEMA}.%I (batch_no integer not null, line_no integer not null', p_table);
        for col in select value from jsonb_array_elements(p_columns) loop
          cname := col->>'name';
          ctype := col->>'type';
          if cname is null or cname = '' or octet_length(cname) > 63 or cname ~ '[[:cntrl:][:space:]"]'
             or cname in ('batch_no', 'line_no') or cname = any(seen) then
            raise exception 'invalid raw column name' using errcode = '22023';
          end if;
          if ctype is null or ctype not in ('bigint', 'numeric', 'text', 'date', 'boolean', 'timestamptz') then
            raise exception 'invalid raw column type' using errcode = '22023';
          end if;
          if jsonb_typeof(col->'required') is distinct from 'boolean' then
            raise exception 'invalid raw column flag' using errcode = '22023';
          end if;
          seen := seen || cname;
          ddl := ddl || format(', %I %s%s', cname, ctype, case when (col->>'required')::boolean then ' not null' else '' end);
        end loop;
        execute ddl || ', primary key (batch_no, line_no))';
        execute format('revoke all on ${RAW_SCHEMA}.%I from public', p_table);
        execute format('grant insert on ${RAW_SCHEMA}.%I to ${RAW_LOADER_ROLE}', p_table);
      end $fn$;
      alter function create_raw_batch_table(text, jsonb) owner to ${RAW_OWNER_ROLE};
      revoke all on function create_raw_batch_table(text, jsonb) from public;
    `);
  }
}
