import { Migration } from '@pdo/platform';

/**
 * Tells the planner how many (product, developer) pairs the charges hold.
 *
 * A settlement aggregates a period's charges per product and developer (data/settlement-work.ts, `takeCharges`), and
 * so do statements and exports. Without statistics on the pair, PostgreSQL multiplies the two columns' distinct
 * counts and caps the product at a tenth of the rows: for the bench's quarter of 1,000,000 charges it expected
 * 100,000 groups where there are 5,000, judged a hash table too big for `work_mem`, and sorted the million rows to
 * disk instead (600 ms; 300 ms by hash in parallel once the estimate is right). The statistics are filled by the next
 * ANALYZE of `charge` (autovacuum's, or the operator's after an upgrade).
 */
export class Migration0013ChargeGroupStatistics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create statistics if not exists charge_product_developer (ndistinct) on product_id, developer_id from charge;`);
  }
}
