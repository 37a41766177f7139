import { Migration } from '@pdo/platform';

/**
 * The append-only money tables refuse TRUNCATE too, as the ledger and `settlement_take` already
 * did: row triggers stop UPDATE and DELETE, but TRUNCATE fires only statement triggers. For
 * `charge` it matters beyond the record: settlements take charges by arrival number, and charges
 * emptied and re-entered would be numbered again above watermarks already taken.
 */
export class Migration0007AppendOnlyNoTruncate extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create trigger charge_no_truncate before truncate on charge for each statement execute function revenue_append_only();
      create trigger revenue_share_no_truncate before truncate on revenue_share for each statement execute function revenue_append_only();
      create trigger settlement_line_no_truncate before truncate on settlement_line for each statement execute function revenue_append_only();
      create trigger settlement_product_no_truncate before truncate on settlement_product for each statement execute function revenue_append_only();
    `);
  }
}
