import { Migration } from '@pdo/platform';

/**
 * Delivery's own tables (the operating domain's control side, docs: DESIGN of the operating domain
 * is summarised in SECURITY.md):
 * - resource_projection: the catalog's resources as its events describe them (ResourcePublished /
 *   ResourceChanged / ResourceWithdrawn), with the declared fields a load is validated against.
 * - raw_table: one raw-store table per resource and data schema revision. The revision changes only
 *   when the declared fields (names, types, required) change, not with every catalog version (a
 *   registration or a description edit bumps the catalog's version but not the data's shape).
 * - load_batch: every load (数据归集) — numbered per resource, SHA-256 of the bytes, row count, null
 *   ratio per field, who and when. One CURRENT batch per resource (what executions read); older
 *   batches stay, SUPERSEDED, queryable for audit. Rows are never deleted.
 */
export class Migration0001Delivery extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table resource_projection (
        resource_id uuid primary key,
        jurisdiction text not null,
        code text not null,
        name_zh text not null,
        source_agency_id uuid not null,
        status text not null,
        version int not null,
        -- null while no event carried the declared fields (producers before the field list)
        fields jsonb,
        updated_at timestamptz not null
      );
      create index resource_projection_agency on resource_projection (source_agency_id);

      create table raw_table (
        id uuid primary key,
        resource_id uuid not null,
        schema_rev int not null,
        table_name text not null unique,
        signature text not null,
        columns jsonb not null,
        created_at timestamptz not null,
        unique (resource_id, schema_rev),
        unique (resource_id, signature)
      );

      create table load_batch (
        id uuid primary key,
        resource_id uuid not null,
        jurisdiction text not null,
        source_agency_id uuid not null,
        resource_version int not null,
        raw_table_id uuid not null references raw_table(id),
        batch_no int not null,
        format text not null,
        sha256 text not null,
        byte_size bigint not null,
        row_count bigint not null,
        null_ratios jsonb not null,
        status text not null,
        loaded_by text not null,
        loaded_by_org uuid,
        loaded_at timestamptz not null,
        superseded_at timestamptz,
        superseded_by_batch_no int,
        unique (resource_id, batch_no),
        constraint load_batch_format_ck check (format in ('CSV', 'JSONL')),
        constraint load_batch_status_ck check (status in ('CURRENT', 'SUPERSEDED')),
        constraint load_batch_rows_ck check (row_count > 0),
        constraint load_batch_sha_ck check (sha256 ~ '^[0-9a-f]{64}$')
      );
      create unique index load_batch_one_current on load_batch (resource_id) where status = 'CURRENT';
      create index load_batch_agency on load_batch (source_agency_id, loaded_at desc);

      create or replace function delivery_refuse_delete() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are never deleted', tg_table_name;
      end $$;
      create trigger load_batch_no_delete before delete on load_batch for each row execute function delivery_refuse_delete();
    `);
  }
}
