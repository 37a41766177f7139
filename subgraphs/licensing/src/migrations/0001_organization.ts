import { Migration } from '@pdo/platform';

export class Migration0001Organization extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization (
        id uuid primary key,
        jurisdiction text not null,
        name text not null,
        created_at timestamptz not null default now()
      );
    `);
  }
}
