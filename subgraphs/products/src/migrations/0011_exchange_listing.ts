import { Migration } from '@pdo/platform';

/**
 * Where a listed product trades: the designated exchange or zone and the product's listing reference there
 * (QHD §三(一)2; ZJC §三(五)4 — profile setting `designatedExchange`). Listings made before this carry neither.
 */
export class Migration0011ExchangeListing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table data_product
        add column exchange_venue text check (length(exchange_venue) between 1 and 200),
        add column exchange_listing_ref text check (length(exchange_listing_ref) between 1 and 200);
    `);
  }
}
