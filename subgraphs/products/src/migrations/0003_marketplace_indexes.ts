import { Migration } from '@pdo/platform';

/**
 * Indexes for the marketplace listing (data/marketplace.ts), which only ever reads listed products:
 * partial on listing_status = 'LISTED', so they stay small and the planner can use them without
 * re-checking the status.
 * - the MOST_USED page reads `limit` rows in sort order instead of sorting every listed product
 *   (NEWEST already has data_product_listing, finished by an incremental sort on the id);
 * - the sector / source-agency filters (`&&` on the arrays) use GIN indexes;
 * - the bigram search uses a GIN index limited to listed products (the marketplace asks for a
 *   Chinese phrase by its bigrams alone, see where()).
 */
export class Migration0003MarketplaceIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create index data_product_listed_used on data_product (usage_units desc, listed_at desc, id) where listing_status = 'LISTED';
      create index data_product_listed_grams on data_product using gin (search_grams) where listing_status = 'LISTED';
      create index data_product_listed_sectors on data_product using gin (sectors) where listing_status = 'LISTED';
      create index data_product_listed_agencies on data_product using gin (source_agency_ids) where listing_status = 'LISTED';
    `);
  }
}
