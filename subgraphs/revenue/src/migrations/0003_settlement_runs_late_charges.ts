import { Migration } from '@pdo/platform';

/**
 * Settlement runs that report progress and can fail visibly, and late charges.
 *
 * - `settled_charge` records which settlement took each charge. Its primary key is the charge, so
 *   the database itself guarantees a charge is settled at most once (never double-counted); a
 *   charge whose usage falls in an already-settled period is taken by the jurisdiction's next
 *   settlement with `carried_from` naming the settlement of the period it belongs to (never lost).
 * - `settlement_step` is a run's progress log, written outside the run's transaction so it is
 *   visible while the run works and survives a failed run (it is a log, not a posting).
 * - A settlement may be FAILED with a reason; a later run of the period retries the same row.
 */
export class Migration0003SettlementRunsLateCharges extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table settlement drop constraint settlement_status_check;
      alter table settlement add constraint settlement_status_check check (status in ('RUNNING','COMPLETED','FAILED'));
      alter table settlement
        add column failure_reason text,
        add column failed_at timestamptz,
        add column attempt int not null default 1,
        add column carried_fen bigint not null default 0,
        add column carried_count bigint not null default 0;

      -- No foreign keys here on purpose: a run inserts one row per charge (a million for a large
      -- period) and per-row RI checks would dominate it; rows come only from settle()'s INSERT…SELECT.
      create table settled_charge (
        charge_id uuid primary key,
        settlement_id uuid not null,
        carried_from uuid
      );
      create index settled_charge_settlement_idx on settled_charge (settlement_id);
      create trigger settled_charge_append_only before update or delete on settled_charge for each row execute function revenue_append_only();
      -- Settlements completed before this migration took every charge of their period.
      insert into settled_charge (charge_id, settlement_id)
      select c.id, s.id from settlement s join charge c on c.jurisdiction = s.jurisdiction
        and c.occurred_at >= (s.period_start::timestamp at time zone 'Asia/Shanghai')
        and c.occurred_at < ((s.period_end + 1)::timestamp at time zone 'Asia/Shanghai')
      where s.status = 'COMPLETED'
      on conflict (charge_id) do nothing;

      alter table settlement_line add column carried_from uuid references settlement(id);
      alter table settlement_line drop constraint settlement_line_pkey;
      create unique index settlement_line_key on settlement_line (settlement_id, product_id, developer_id, carried_from) nulls not distinct;

      create table settlement_step (
        id bigserial primary key,
        settlement_id uuid not null,
        attempt int not null,
        step text not null,
        detail text not null,
        at timestamptz not null default clock_timestamp()
      );
      create index settlement_step_settlement_idx on settlement_step (settlement_id, id);
    `);
  }
}
