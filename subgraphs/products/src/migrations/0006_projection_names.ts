import { Migration } from '@pdo/platform';

/**
 * One name for every local copy of another subgraph's facts: `<thing>_projection` (docs/architecture.md, "Ownership").
 * The tables, their primary keys, indexes and check constraints named after them are renamed in place; the rows stay.
 */
const RENAMES = [
  ['agreement_view', 'agreement_projection'],
  ['scenario_view', 'scenario_projection'],
  ['access_grant_view', 'access_grant_projection'],
  ['resource_view', 'resource_projection'],
  ['price_view', 'price_projection'],
  ['incident_view', 'incident_projection'],
] as const;

export class Migration0006ProjectionNames extends Migration {
  override async up(): Promise<void> {
    const statements = RENAMES.flatMap(([from, to]) => [
      `alter table ${from} rename to ${to};`,
      `alter table ${to} rename constraint ${from}_pkey to ${to}_pkey;`,
    ]);
    this.addSql(`
      ${statements.join('\n      ')}
      alter table price_projection rename constraint price_view_kind_check to price_projection_kind_check;
      alter index access_grant_view_scenario rename to access_grant_projection_scenario;
      alter index price_view_product rename to price_projection_product;
    `);
  }
}
