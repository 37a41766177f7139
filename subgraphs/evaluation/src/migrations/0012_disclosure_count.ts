import { Migration } from '@pdo/platform';

/**
 * How many disclosures the public feed holds per jurisdiction and kind, kept by `disclose` in the statement that
 * inserts one (disclosures are append-only: never updated or deleted, a redelivered one is not inserted), so the
 * marketplace's announcements answer `totalCount` from a row or two instead of counting a jurisdiction's whole feed
 * on every listing (packages/bench/README.md, "What each statement of a listing costs"). Backfilled from the feed.
 */
export class Migration0012DisclosureCount extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table disclosure_count (
        jurisdiction text not null,
        kind text not null,
        n bigint not null,
        primary key (jurisdiction, kind)
      );
      insert into disclosure_count (jurisdiction, kind, n) select jurisdiction, kind, count(*) from disclosure group by jurisdiction, kind;
    `);
  }
}
