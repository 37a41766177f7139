import { Migration } from '@pdo/platform';

/**
 * The facts a free-use rule decides by (PN §1; HN Art 21): the purpose class a usage application declares — public
 * governance, public welfare or industry — and whether the use is non-profit. The agreement copies them from its
 * application; usage carries them to revenue. Null on rows from before: not declared (charged as priced).
 */
export class Migration0009UsagePurposeFacts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table usage_application add column use_purpose text check (use_purpose in ('PUBLIC_GOVERNANCE','PUBLIC_WELFARE','INDUSTRY')),
        add column non_profit boolean;
      alter table usage_agreement add column use_purpose text check (use_purpose in ('PUBLIC_GOVERNANCE','PUBLIC_WELFARE','INDUSTRY')),
        add column non_profit boolean;
    `);
  }
}
