import { Migration } from '@pdo/platform';

/** The local copies of other subgraphs' facts, named for what they are: `<thing>_projection` (issue 17, item 3). */
const RENAMES: [from: string, to: string][] = [
  ['proj_org', 'org_projection'],
  ['proj_resource', 'resource_projection'],
  ['proj_resource_registration', 'resource_registration_projection'],
  ['proj_correction', 'correction_projection'],
  ['proj_agreement', 'agreement_projection'],
  ['proj_scenario', 'scenario_projection'],
  ['proj_product', 'product_projection'],
  ['proj_product_resource', 'product_resource_projection'],
  ['proj_usage_agreement', 'usage_agreement_projection'],
  ['proj_usage', 'usage_projection'],
  ['proj_price', 'price_projection'],
  ['proj_settlement_share', 'settlement_share_projection'],
];
/** Indexes named after their table (0002_evaluation). */
const INDEXES: [from: string, to: string][] = [
  ['proj_resource_agency', 'resource_projection_agency'],
  ['proj_correction_agency', 'correction_projection_agency'],
  ['proj_agreement_operator', 'agreement_projection_operator'],
  ['proj_product_operator', 'product_projection_operator'],
  ['proj_product_resource_agency', 'product_resource_projection_agency'],
  ['proj_usage_product', 'usage_projection_product'],
  ['proj_price_product', 'price_projection_product'],
  ['proj_settlement_party', 'settlement_share_projection_party'],
];

export class Migration0007ProjectionNames extends Migration {
  override async up(): Promise<void> {
    for (const [from, to] of RENAMES) {
      this.addSql(`alter table ${from} rename to ${to};`);
      // Every constraint PostgreSQL named after the table (primary key, checks, and from 18 on the not-null ones).
      this.addSql(`do $$ declare c record; begin
        for c in select conname from pg_constraint where conrelid = '${to}'::regclass and conname like '${from}\\_%' loop
          execute format('alter table ${to} rename constraint %I to %I', c.conname, '${to}' || substr(c.conname, ${from.length + 1}));
        end loop; end $$;`);
    }
    for (const [from, to] of INDEXES) this.addSql(`alter index ${from} rename to ${to};`);
  }
}
