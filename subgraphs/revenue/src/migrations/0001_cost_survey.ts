import { Migration } from '@pdo/platform';

export class Migration0001CostSurvey extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table cost_survey (
        id uuid primary key,
        jurisdiction text not null,
        name text not null,
        created_at timestamptz not null default now()
      );
    `);
  }
}
