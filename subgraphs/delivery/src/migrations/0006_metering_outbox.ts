import { Migration } from '@pdo/platform';

/**
 * Metering at data-plane rates (docs/operating-domain/data-plane.md, "Metering"):
 * - metering_outbox: one row per successful call, written by the call's own statement together
 *   with its call log row (and its idempotent answer), so a call that answered is metered exactly
 *   once and a call that did not is not. The flusher takes rows in batches and publishes them as
 *   ExecutionsMetered in the transaction that deletes them: no row is published twice, none is lost
 *   if a process dies between (the next flush takes it). `counted`: the call already took its unit
 *   from `metered_units` (an agreement with a quota); otherwise the flusher adds it there.
 * The per-key rate limit no longer uses `rate_limit_bucket` (counted in the process, see
 * services/rate-limit.ts); the table stays for the migrations before this one.
 */
export class Migration0006MeteringOutbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table metering_outbox (
        call_id uuid primary key,
        product_id uuid not null,
        version int not null,
        entitlement_id uuid not null,
        usage_agreement_id uuid not null,
        developer_id uuid not null,
        operator_id uuid not null,
        jurisdiction text not null,
        units bigint not null check (units > 0),
        rows_returned int not null,
        duration_ms int not null,
        counted boolean not null,
        occurred_at timestamptz not null
      );
    `);
  }
}
