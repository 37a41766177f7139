import { Migration, POLICY_PROFILE_PROJECTION_TABLE } from '@pdo/platform';

/**
 * 1. Revenue keeps the policy profiles licensing publishes (PolicyProfileChanged), as catalog and
 *    products do: the MAR and the deviation band followed the documented profile only, so an
 *    authority's edit (e.g. QHD's `pricing.maxMarkupPp`) never reached pricing. Empty at first:
 *    profiles edited before this migration reach revenue with their next edit.
 * 2. The average 10-year government bond yield of each year (PN §3(1)) is reference data the
 *    authority loads, with its source document, instead of figures compiled into the code. Every
 *    load or correction is a new version; the highest version of a (jurisdiction, year) is in force.
 *    Append-only: history is never rewritten.
 */
export class Migration0009ProfileProjectionBondYield extends Migration {
  override async up(): Promise<void> {
    this.addSql(POLICY_PROFILE_PROJECTION_TABLE);
    this.addSql(`
      create table bond_yield (
        id uuid primary key,
        jurisdiction text not null,
        year int not null check (year between 1990 and 2200),
        version int not null check (version > 0),
        yield_percent numeric(7,4) not null check (yield_percent > 0 and yield_percent <= 20),
        source_document text not null check (length(btrim(source_document)) > 0),
        illustrative boolean not null default false,
        loaded_by text not null,
        loaded_at timestamptz not null default now(),
        unique (jurisdiction, year, version)
      );
      create trigger bond_yield_append_only before update or delete on bond_yield for each row execute function revenue_append_only();
    `);
  }
}
