import { Migration } from '@pdo/platform';

/**
 * Finds the products built on a resource by an index: `DataResource.products` (a catalog page asks
 * it for every resource it shows) and the refresh of a product's sectors and source agencies when
 * catalog reports a resource changed. Both compared the resource with every product's
 * `resource_ids` (`= any(...)`), a scan of the whole table per resource; they now ask `@>`, which
 * this GIN index answers. Not partial: operators and authorities also see unlisted products.
 */
export class Migration0004ProductResourcesIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index data_product_resources on data_product using gin (resource_ids);`);
  }
}
