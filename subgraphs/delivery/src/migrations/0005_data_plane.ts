import { Migration } from '@pdo/platform';

/**
 * The data plane's control tables (docs/operating-domain/data-plane.md):
 * - api_credential: a developer's key for one usage agreement. Only the SHA-256 of the key is kept
 *   (the key is 256 random bits, so a fast hash is enough and keeps a call's check in microseconds);
 *   `key_prefix` is the public part the key is found by. Revoked keys stay (the call log names them).
 *   A key expires with its agreement's last day.
 * - call_log: one row per call that presented a valid key — caller, product version, SHA-256 of the
 *   parameters, rows read and returned, duration, outcome. Never a parameter value or a result.
 * - idempotent_answer: the first successful answer of an (agreement, Idempotency-Key), so a retry gets
 *   it again and meters nothing. It is what already left the domain, kept only for the replay.
 * - metered_units: calls metered per usage agreement; the quota check and the increment are one
 *   statement, so two concurrent calls cannot both take the last unit.
 * - rate_limit_bucket: the per-key rate limit's counters (rate-limiter-flexible's PostgreSQL store,
 *   its table shape), shared by every replica of delivery.
 */
export class Migration0005DataPlane extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table api_credential (
        id uuid primary key,
        key_prefix text not null unique,
        secret_sha256 text not null,
        usage_agreement_id uuid not null,
        entitlement_id uuid not null,
        product_id uuid not null,
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        label text not null,
        status text not null,
        expires_at timestamptz not null,
        created_by text not null,
        created_at timestamptz not null,
        rotated_from uuid references api_credential(id),
        revoked_at timestamptz,
        revoked_by text,
        revoke_reason text,
        constraint api_credential_status_ck check (status in ('ACTIVE', 'REVOKED')),
        constraint api_credential_sha_ck check (secret_sha256 ~ '^[0-9a-f]{64}$'),
        constraint api_credential_revoked_ck check ((status = 'REVOKED') = (revoked_at is not null))
      );
      create index api_credential_agreement on api_credential (usage_agreement_id, created_at desc);
      create index api_credential_developer on api_credential (developer_id, created_at desc);

      create table call_log (
        id uuid primary key,
        credential_id uuid not null references api_credential(id),
        usage_agreement_id uuid not null,
        product_id uuid not null,
        product_version int,
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        parameter_sha256 text not null,
        idempotency_key text,
        outcome text not null,
        http_status int not null,
        rows_read int not null default 0,
        rows_returned int not null default 0,
        duration_ms numeric(10, 3) not null,
        metered boolean not null default false,
        called_at timestamptz not null
      );
      create index call_log_agreement on call_log (usage_agreement_id, called_at desc);
      create index call_log_developer on call_log (developer_id, called_at desc);
      create index call_log_operator on call_log (operator_id, called_at desc);

      create table idempotent_answer (
        usage_agreement_id uuid not null,
        idempotency_key text not null,
        parameter_sha256 text not null,
        call_id uuid not null,
        http_status int not null,
        body jsonb not null,
        created_at timestamptz not null,
        primary key (usage_agreement_id, idempotency_key)
      );

      create table metered_units (
        usage_agreement_id uuid primary key,
        used_units bigint not null default 0 check (used_units >= 0),
        updated_at timestamptz not null
      );

      create table rate_limit_bucket (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint
      );

      create trigger call_log_no_delete before delete on call_log for each row execute function delivery_refuse_delete();
    `);
  }
}
