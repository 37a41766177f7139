import { Migration } from '@pdo/platform';
import { RAW_OWNER_ROLE, RAW_SCHEMA } from '../data/raw-store.js';

/**
 * Lookup indexes of the raw store (docs/operating-domain/runtime.md "lookup indexes"):
 * - raw_lookup_key: the fields of a resource that accepted recipes find rows by (a field compared
 *   with a bound parameter, an equi-join field), each with the recipe that declared it. Declared by
 *   the analysis, never typed in by hand.
 * - `raw_ensure_lookup_index(table, column)`: the only way an index appears in `raw` — (batch_no,
 *   column), so a lookup in the current batch's view is an index scan. SECURITY DEFINER owned by
 *   `pdo_raw_owner` (who owns the tables), pinned search_path, the table name in the raw form and the
 *   column one of that table's own; executable by pdo_delivery alone (owner step in src/index.ts).
 *   Called when a recipe is accepted (the resource's existing tables) and after each load (a new
 *   data shape's table gets the declared indexes with its first batch).
 */
export class Migration0007LookupKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table raw_lookup_key (
        resource_id uuid not null,
        field text not null,
        recipe_id uuid not null,
        declared_at timestamptz not null,
        primary key (resource_id, field)
      );

      create or replace function raw_ensure_lookup_index(p_table text, p_column text) returns text
      language plpgsql security definer set search_path = pg_catalog, pg_temp as $fn$
      declare
        v_index text;
      begin
        if p_table is null or p_table !~ '^r_[a-z0-9_]{1,48}_v[0-9]{1,6}$' then
          raise exception 'invalid raw table name' using errcode = '22023';
        end if;
        if p_column is null or p_column in ('batch_no', 'line_no') or not exists (
          select 1 from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = '${RAW_SCHEMA}' and c.relname = p_table and c.relkind = 'r' and a.attname = p_column and a.attnum > 0 and not a.attisdropped
        ) then
          raise exception 'no such raw column' using errcode = '22023';
        end if;
        v_index := 'lk_' || left(md5(p_table || '.' || p_column), 24);
        execute format('create index if not exists %I on ${RAW_SCHEMA}.%I (batch_no, %I)', v_index, p_table, p_column);
        return v_index;
      end $fn$;
      alter function raw_ensure_lookup_index(text, text) owner to ${RAW_OWNER_ROLE};
      revoke all on function raw_ensure_lookup_index(text, text) from public;
    `);
  }
}
