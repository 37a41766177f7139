import { Migration } from '@pdo/platform';

/**
 * Signed webhooks (docs/operating-domain/webhooks.md), the Standard Webhooks scheme:
 * - webhook_endpoint: a developer's receiving URL, the event types it wants and its signing secret
 *   (`whsec_…`, shown once). The secret must be kept in a form that can sign (an HMAC key, not a
 *   password), so only this schema's role can read it and no query of the API ever returns it.
 *   After a rotation the previous secret signs too until `previous_secret_expires_at`, so a receiver
 *   can switch without losing a delivery (the scheme allows several signatures in one header).
 * - webhook_delivery: one row per (endpoint, event): the unique key is what makes a fact that is
 *   noticed twice (an event redelivered, a scan run by two replicas) one delivery. Its id is the
 *   `webhook-id` the receiver dedupes by; every retry sends the same id and body.
 * - webhook_attempt: the delivery log — when, HTTP status, duration, a short error class. Never a
 *   secret, a signature or the receiver's reply body.
 */
export class Migration0008Webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table webhook_endpoint (
        id uuid primary key,
        developer_id uuid not null,
        jurisdiction text,
        url text not null,
        description text not null,
        event_types text[] not null,
        status text not null,
        secret text not null,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        created_by text not null,
        created_at timestamptz not null,
        rotated_at timestamptz,
        disabled_at timestamptz,
        constraint webhook_endpoint_status_ck check (status in ('ACTIVE', 'DISABLED')),
        constraint webhook_endpoint_secret_ck check (secret ~ '^whsec_[A-Za-z0-9+/=]{32,}$'),
        constraint webhook_endpoint_types_ck check (cardinality(event_types) > 0)
      );
      create index webhook_endpoint_developer on webhook_endpoint (developer_id, created_at desc);

      create table webhook_delivery (
        id uuid primary key,
        endpoint_id uuid not null references webhook_endpoint(id),
        developer_id uuid not null,
        event_type text not null,
        event_key text not null,
        payload jsonb not null,
        status text not null,
        attempts int not null default 0,
        next_attempt_at timestamptz not null,
        last_attempt_at timestamptz,
        last_response_code int,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz not null,
        constraint webhook_delivery_status_ck check (status in ('PENDING', 'DELIVERED', 'FAILED')),
        constraint webhook_delivery_once unique (endpoint_id, event_key)
      );
      create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
      create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, created_at desc);

      create table webhook_attempt (
        id uuid primary key,
        delivery_id uuid not null references webhook_delivery(id),
        attempt int not null,
        attempted_at timestamptz not null,
        response_code int,
        duration_ms int not null,
        error text,
        unique (delivery_id, attempt)
      );
    `);
  }
}
