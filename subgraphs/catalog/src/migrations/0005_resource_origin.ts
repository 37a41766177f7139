import { Migration } from '@pdo/platform';

/**
 * Where a resource's data came from when a higher level returned it to the jurisdiction (回流数据; ZJC §三(五)2):
 * null for the jurisdiction's own data. Kept as one jsonb value ({ level, from, reference }) because it is set and
 * corrected as a whole and travels as one field in the resource's events.
 */
export class Migration0005ResourceOrigin extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table data_resource add column returned_origin jsonb;
      alter table data_resource add constraint data_resource_returned_origin_ck
        check (returned_origin is null or (returned_origin->>'level' in ('PROVINCE','NATIONAL') and coalesce(returned_origin->>'from', '') <> ''));
    `);
  }
}
