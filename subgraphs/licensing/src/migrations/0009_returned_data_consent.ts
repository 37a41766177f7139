import { Migration } from '@pdo/platform';

/**
 * Returned data (回流数据) and the consent its granting needs where the profile says so (ZJC §三(五)2: 涉及省回流数据的，
 * 应经省公共数据主管部门同意; docs/policy/returned-data.md):
 * - resource_projection.returned_origin: catalog's mark, from ResourcePublished/ResourceChanged;
 * - returned_data_consent: the higher level's consent as the jurisdiction's data authority records it — document,
 *   date, the resources it covers, its scope (an operator, an agreement or a scenario, or none: any), validity, the
 *   attachment;
 * - returned_data_consent_revocation: the day a consent stopped, with its document. Both append-only.
 */
export class Migration0009ReturnedDataConsent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table resource_projection add column returned_origin jsonb;

      create table returned_data_consent (
        id uuid primary key,
        seq bigint generated always as identity unique,
        jurisdiction text not null,
        consenting_body text not null check (length(consenting_body) between 1 and 200),
        document_number text not null check (length(document_number) between 1 and 200),
        consented_on date not null,
        valid_until date,
        resource_ids uuid[] not null check (cardinality(resource_ids) > 0),
        operator_id uuid,
        agreement_id uuid,
        scenario_id uuid,
        attachment_ref text,
        note text,
        recorded_by text not null,
        recorded_by_org uuid,
        recorded_at timestamptz not null,
        check (valid_until is null or valid_until >= consented_on)
      );
      create index returned_data_consent_resources_idx on returned_data_consent using gin (resource_ids);

      create table returned_data_consent_revocation (
        consent_id uuid primary key references returned_data_consent(id),
        revoked_on date not null,
        document_number text not null check (length(document_number) between 1 and 200),
        reason text not null check (length(reason) between 1 and 2000),
        recorded_by text not null,
        recorded_by_org uuid,
        recorded_at timestamptz not null
      );

      create trigger returned_data_consent_append_only before update or delete on returned_data_consent
        for each row execute function licensing_integrity_append_only();
      create trigger returned_data_consent_no_truncate before truncate on returned_data_consent
        for each statement execute function licensing_integrity_append_only();
      create trigger returned_data_consent_revocation_append_only before update or delete on returned_data_consent_revocation
        for each row execute function licensing_integrity_append_only();
      create trigger returned_data_consent_revocation_no_truncate before truncate on returned_data_consent_revocation
        for each statement execute function licensing_integrity_append_only();
    `);
  }
}
