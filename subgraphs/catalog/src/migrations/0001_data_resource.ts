import { Migration } from '@pdo/platform';

export class Migration0001DataResource extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table data_resource (
        id uuid primary key,
        jurisdiction text not null,
        code text not null,
        name_zh text not null,
        description_zh text not null default '',
        source_agency_id uuid not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        unique (jurisdiction, code)
      );
    `);
  }
}
