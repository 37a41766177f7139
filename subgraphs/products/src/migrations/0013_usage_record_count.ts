import { Migration } from '@pdo/platform';

/**
 * The number of usage records of a product, kept beside `usage_units` by the same writers (one usage record recorded,
 * or a batch of metered ones, in the transaction that inserts them), so the public usage figure of a listing page is
 * read from the product's row instead of counting its usage records on every page (packages/bench/README.md,
 * "What makes it fast"). Usage records are never deleted, so the count only grows. Backfilled from the records.
 */
export class Migration0013UsageRecordCount extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table data_product add column usage_records integer not null default 0;
      update data_product p set usage_records = r.n from (select product_id, count(*)::int as n from usage_record group by product_id) r where r.product_id = p.id;
    `);
  }
}
