import { Migration } from '@pdo/platform';

/**
 * Local copies of other subgraphs' facts are named `<thing>_projection` in every subgraph (docs/architecture.md,
 * "Typed data access"), and 数源单位 is "source unit" in identifiers. Renames only: no row, type or rule changes;
 * constraints and indexes named after a table follow it.
 */
export class Migration0010ProjectionNames extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table product_view rename to product_projection;
      alter table product_projection rename constraint product_view_pkey to product_projection_pkey;
      alter table product_projection rename constraint product_view_category_check to product_projection_category_check;

      alter table product_resource rename to product_resource_projection;
      alter table product_resource_projection rename constraint product_resource_pkey to product_resource_projection_pkey;
      alter table product_resource_projection rename constraint product_resource_product_id_fkey to product_resource_projection_product_id_fkey;
      alter table product_resource_projection rename column source_agency_id to source_unit_id;

      alter table usage_agreement_view rename to usage_agreement_projection;
      alter table usage_agreement_projection rename constraint usage_agreement_view_pkey to usage_agreement_projection_pkey;

      alter table agreement_view rename to agreement_projection;
      alter table agreement_projection rename constraint agreement_view_pkey to agreement_projection_pkey;

      alter table org_view rename to org_projection;
      alter table org_projection rename constraint org_view_pkey to org_projection_pkey;

      alter table contribution_score rename to contribution_score_projection;
      alter table contribution_score_projection rename constraint contribution_score_pkey to contribution_score_projection_pkey;
      alter table contribution_score_projection rename constraint contribution_score_score_check to contribution_score_projection_score_check;
      alter table contribution_score_projection rename column agency_id to source_unit_id;
    `);
  }
}
