import { Migration } from '@pdo/platform';

/**
 * The operating domain's analysis of each product version's executable recipe (RecipeAnalysed from
 * delivery): the evidence of the compliance item RAW_DATA_STAYS_IN_DOMAIN (HN Art 15). The latest
 * analysis of a version wins; a review freezes the one it saw into its checklist entry.
 */
export class Migration0008RecipeEvidence extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table recipe_analysis_projection (
        product_id uuid not null,
        version int not null,
        recipe_id uuid not null,
        outcome text not null check (outcome in ('ACCEPTED', 'REFUSED')),
        sql_sha256 text not null,
        k int not null,
        aggregate boolean not null,
        tables jsonb not null,
        columns jsonb not null,
        filters jsonb not null,
        review_notes jsonb not null,
        violations text[] not null default '{}',
        analysed_at timestamptz not null,
        primary key (product_id, version)
      );
    `);
  }
}
