import { Migration } from '@mikro-orm/migrations';
import { AUDIT_DDL } from '../audit/audit.js';
import { PROCESSED_EVENTS_DDL } from '../events/bus.js';

/** Tables every subgraph schema has: the audit chain and the consumed-event ledger. */
export class PlatformTables0001 extends Migration {
  override async up(): Promise<void> {
    this.addSql(AUDIT_DDL);
    this.addSql(PROCESSED_EVENTS_DDL);
    this.addSql('create table if not exists seed_runs (name text primary key, ran_at timestamptz not null default now());');
  }
}
export const platformMigrations = [{ name: '0000_platform_tables', class: PlatformTables0001 }];
