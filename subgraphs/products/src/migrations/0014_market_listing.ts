import { Migration } from '@pdo/platform';

/**
 * The marketplace's compact per-listing projection and its per-search cache (data/marketplace.ts; packages/bench/README.md, "What each statement of a listing costs").
 *
 * - `market_listing`: one narrow row per LISTED product with only what the marketplace matches, ranks, sorts and counts
 *   facets on. The page and the facets read it instead of data_product's wide rows; the page then reads the full rows
 *   of its 20 products by id.
 * - `market_listing_version`: one counter, raised by every change that can alter a search's matches, ranking or
 *   facets (a product listed, withdrawn, suspended or re-indexed); usage counters do not raise it.
 * - `market_search`: the facets, total and relevance order of one search (term + filters), stamped with the version
 *   they were computed at; a repeated search at the same version is a one-row read.
 *
 * Kept by a trigger on data_product in the writing transaction, so every writer (listing, withdrawal, holds, the
 * cascade, search indexing, usage counters, the demo seed, the bench generator and tests writing rows directly) keeps
 * them without knowing of them. `set search_path from current` binds the function to this schema: the bench
 * generator writes `products.data_product` from another search path. Backfilled from the listed products.
 */
export class Migration0014MarketListing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table market_listing (
        id uuid primary key,
        jurisdiction text not null,
        form text not null,
        category text not null,
        operator_id uuid not null,
        sectors text[] not null,
        source_agency_ids uuid[] not null,
        name text not null,
        search_text text not null,
        search_grams text[] not null,
        listed_at timestamptz,
        usage_units bigint not null
      );
      create index market_listing_newest on market_listing (listed_at desc, id);
      create index market_listing_used on market_listing (usage_units desc, listed_at desc, id);
      create index market_listing_grams on market_listing using gin (search_grams);
      create index market_listing_sectors on market_listing using gin (sectors);
      create index market_listing_agencies on market_listing using gin (source_agency_ids);

      create table market_listing_version (
        id boolean primary key default true check (id),
        version bigint not null
      );
      insert into market_listing_version (id, version) values (true, 1);

      create table market_search (
        key text primary key,
        listing_version bigint not null,
        total integer not null,
        facets jsonb not null,
        ranked uuid[]
      );

      insert into market_listing (id, jurisdiction, form, category, operator_id, sectors, source_agency_ids, name, search_text, search_grams, listed_at, usage_units)
        select id, jurisdiction, form, category, operator_id, sectors, source_agency_ids, name, search_text, search_grams, listed_at, usage_units
          from data_product where listing_status = 'LISTED';

      create or replace function market_listing_keep() returns trigger language plpgsql set search_path from current as $$
      begin
        if tg_op <> 'INSERT' and old.listing_status = 'LISTED' and (tg_op = 'DELETE' or new.listing_status <> 'LISTED' or new.id <> old.id) then
          delete from market_listing where id = old.id;
        end if;
        if tg_op <> 'DELETE' and new.listing_status = 'LISTED' then
          insert into market_listing (id, jurisdiction, form, category, operator_id, sectors, source_agency_ids, name, search_text, search_grams, listed_at, usage_units)
            values (new.id, new.jurisdiction, new.form, new.category, new.operator_id, new.sectors, new.source_agency_ids, new.name, new.search_text, new.search_grams, new.listed_at, new.usage_units)
            on conflict (id) do update set jurisdiction = excluded.jurisdiction, form = excluded.form, category = excluded.category,
              operator_id = excluded.operator_id, sectors = excluded.sectors, source_agency_ids = excluded.source_agency_ids, name = excluded.name,
              search_text = excluded.search_text, search_grams = excluded.search_grams, listed_at = excluded.listed_at, usage_units = excluded.usage_units;
        end if;
        -- Usage counters change no match, rank or facet: only the other columns invalidate the cached searches.
        if tg_op <> 'UPDATE' or (old.id, old.listing_status, old.jurisdiction, old.form, old.category, old.operator_id, old.sectors, old.source_agency_ids,
                                 old.name, old.search_text, old.search_grams, old.listed_at)
                 is distinct from (new.id, new.listing_status, new.jurisdiction, new.form, new.category, new.operator_id, new.sectors, new.source_agency_ids,
                                   new.name, new.search_text, new.search_grams, new.listed_at) then
          update market_listing_version set version = version + 1;
        end if;
        return null;
      end $$;
      create trigger data_product_market_listing_insert after insert on data_product
        for each row when (new.listing_status = 'LISTED') execute function market_listing_keep();
      create trigger data_product_market_listing_delete after delete on data_product
        for each row when (old.listing_status = 'LISTED') execute function market_listing_keep();
      create trigger data_product_market_listing_update after update on data_product
        for each row when (old.listing_status = 'LISTED' or new.listing_status = 'LISTED') execute function market_listing_keep();

      drop index data_product_listed_used;
      drop index data_product_listed_grams;
      drop index data_product_listed_sectors;
      drop index data_product_listed_agencies;
    `);
  }
}
