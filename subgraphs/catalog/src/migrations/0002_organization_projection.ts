import { Migration } from '@pdo/platform';

/** Local projection of licensing's OrganizationRegistered: lets the catalog check a source agency's kind and jurisdiction. */
export class Migration0002OrganizationProjection extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization_projection (
        id uuid primary key,
        jurisdiction text not null,
        kinds jsonb not null default '[]'::jsonb,
        name_zh text not null default '',
        occurred_at timestamptz not null
      );
    `);
  }
}
