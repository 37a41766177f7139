import { Migration } from '@pdo/platform';

/**
 * - policy_profile_projection: the last policy profile edit licensing published per jurisdiction
 *   (PolicyProfileChanged). `overrides` is null while the event carried no profile (older producers):
 *   limits then come from @pdo/policy's documented profile.
 * - licensing_grant_projection.first_granted_at: when data was first provided for a grant (the
 *   AccessGranted instant), kept across later pauses/revocations — RG's first-application clock
 *   (20 working days after data is provided) starts there.
 */
export class Migration0003PolicyProfileProjection extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table policy_profile_projection (
        jurisdiction text primary key,
        version int not null,
        overrides jsonb,
        changed_fields jsonb not null default '[]'::jsonb,
        occurred_at timestamptz not null
      );
      alter table licensing_grant_projection add column first_granted_at timestamptz;
      update licensing_grant_projection set first_granted_at = effective_at where status = 'ACTIVE';
    `);
  }
}
