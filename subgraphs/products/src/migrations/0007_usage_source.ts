import { Migration } from '@pdo/platform';

/**
 * Where a usage record comes from (docs/operating-domain/data-plane.md): METERED — the operating
 * domain executed the call and metered it itself (ExecutionMetered); DECLARED — the operator
 * reported it through `recordUsage`, which stays for forms the platform does not execute. Every
 * record before this migration was declared.
 */
export class Migration0007UsageSource extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table usage_record add column source text not null default 'DECLARED';
      alter table usage_record add constraint usage_record_source_ck check (source in ('DECLARED', 'METERED'));
    `);
  }
}
