import { Migration } from '@pdo/platform';

/**
 * The catalog's openness class of each projected resource, so products hides a prohibited resource's name, sector and
 * source unit from the callers the catalog hides it from (`DataResource.nameZh`, `sector`, `sourceAgency` are shared
 * fields, docs/architecture.md). Null until the next snapshot of the resource (ResourcePublished/ResourceChanged): an
 * authorizable resource is never prohibited, so until then products counts an unauthorizable one as hidden.
 */
export class Migration0018ResourceOpenness extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table resource_projection add column openness text;`);
  }
}
