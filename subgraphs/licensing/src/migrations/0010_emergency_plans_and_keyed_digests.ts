import { Migration } from '@pdo/platform';

/**
 * - emergency_plan_projection: evaluation's emergency plans as licensing last heard of them (EmergencyPlanChanged,
 *   version-guarded): the operation gate asks for an active plan of the operator for the agreement where the profile
 *   requires one per authorization (ZJC §五(四) 一授权一预案; §三(四)3(3): no plan, no operation).
 * - subject_key_version on organization_person and integrity_record: which key made the digest of the identity number
 *   (SECURITY.md, "Integrity records"). The digests made before keyed HMAC are unkeyed SHA-256 and cannot be
 *   recomputed without the numbers: they are marked version 0 and matched by the old method (equal digests). Integrity
 *   records are append-only and keep theirs; a person's row is rekeyed when its number is presented again (a record
 *   loaded for it, or the persons recorded again) and then keeps the old digest in legacy_subject_key only where
 *   records filed under it exist, so those still match.
 */
export class Migration0010EmergencyPlansAndKeyedDigests extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table emergency_plan_projection (
        plan_id uuid primary key,
        jurisdiction text not null,
        holder_org_id uuid not null,
        holder_kind text not null,
        agreement_id uuid,
        status text not null,
        version integer not null,
        adopted_on date not null,
        updated_at timestamptz not null
      );
      create index emergency_plan_projection_agreement on emergency_plan_projection (agreement_id) where agreement_id is not null;

      alter table organization_person add column subject_key_version integer not null default 0;
      alter table organization_person alter column subject_key_version drop default;
      alter table organization_person add column legacy_subject_key text;
      alter table integrity_record add column subject_key_version integer not null default 0;
      alter table integrity_record alter column subject_key_version drop default;
    `);
  }
}
