import { Migration } from '@pdo/platform';

/**
 * One name for local copies of other subgraphs' facts: `<thing>_projection` (docs/architecture.md,
 * "Typed data access"). Licensing's agreements and access grants lose the producer's prefix; their
 * primary keys and index follow the table's name.
 */
export class Migration0004ProjectionNames extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table licensing_agreement_projection rename to agreement_projection;
      alter table agreement_projection rename constraint licensing_agreement_projection_pkey to agreement_projection_pkey;
      alter table licensing_grant_projection rename to access_grant_projection;
      alter table access_grant_projection rename constraint licensing_grant_projection_pkey to access_grant_projection_pkey;
      alter index licensing_grant_projection_res rename to access_grant_projection_resource_idx;
    `);
  }
}
