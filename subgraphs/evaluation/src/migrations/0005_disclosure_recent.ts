import { Migration } from '@pdo/platform';

/**
 * The newest disclosures of a jurisdiction in order, so the public feed's first page (the
 * marketplace's "newly listed" announcements) reads its few rows from the index instead of
 * sorting the jurisdiction's whole feed; a rare kind still goes through disclosure_feed.
 */
export class Migration0005DisclosureRecent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index disclosure_recent on disclosure (jurisdiction, published_at desc, id);`);
  }
}
