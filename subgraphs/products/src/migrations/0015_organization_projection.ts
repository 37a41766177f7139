import { Migration } from '@pdo/platform';

/**
 * Licensing's organizations as products knows them (OrganizationRegistered): the name the listing and the product page
 * show for a product's operator, answered here (`@provides`) instead of by a call to licensing per page
 * (packages/bench/README.md, "Where an uncached listing's time goes"). Created empty: the rows come from the events
 * (and, for the demo world and the bench, from their seeds); no other schema is read.
 */
export class Migration0015OrganizationProjection extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table organization_projection (
        id uuid primary key,
        jurisdiction text not null,
        name_zh text not null,
        occurred_at timestamptz not null
      );
    `);
  }
}
