import { Migration } from '@pdo/platform';

/**
 * market_search is bounded (data/market-search-trim.ts): each kept search records when it was computed, and the
 * indexes let the trim job find the searches of earlier listing versions and the least recently computed ones
 * without reading the table. Rows kept before this migration count as computed now.
 */
export class Migration0017MarketSearchTrim extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table market_search add column kept_at timestamptz not null default now();
      create index market_search_version on market_search (listing_version);
      create index market_search_kept on market_search (kept_at);
    `);
  }
}
