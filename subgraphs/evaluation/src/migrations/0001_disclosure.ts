import { Migration } from '@pdo/platform';

export class Migration0001Disclosure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table disclosure (
        id uuid primary key,
        jurisdiction text not null,
        name text not null,
        created_at timestamptz not null default now()
      );
    `);
  }
}
