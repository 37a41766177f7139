import { Migration } from '@pdo/platform';

/**
 * Two guards in the database, behind the service's own checks.
 *
 * 1. Amounts taken from input are bounded: at most 10^12 fen (¥10,000,000,000.00) per ledger line,
 *    price, cap and cost item — the Money input bound of the platform (`MONEY_MAX_FEN` in
 *    packages/platform/src/scalars.ts; the literal is repeated here because a shipped migration
 *    must not change meaning when code does). With it, sums over millions of lines stay inside
 *    bigint (the balance check sums an entry's lines into bigint variables, and balances and totals
 *    are bigint). The checks are added NOT VALID and validated only where every stored row already
 *    satisfies them: rows that do not are append-only history and are kept as they are; every new
 *    row is checked either way.
 *
 * 2. Settlement periods of one jurisdiction never overlap (a month inside a settled quarter took
 *    nothing: the quarter had taken its charges, and the month completed as an empty settlement).
 *    An exclusion constraint on the closed period [period_start, period_end] per jurisdiction, with
 *    btree_gist for the text equality. It covers every settlement row whatever its status: a FAILED
 *    run is retried on its own period, not overlapped. Rows written before this migration that
 *    already overlap are history: the completed ones are kept under the constraint first (in order
 *    of completion), and any row overlapping one kept before it is left out of the constraint by id
 *    (listed in the constraint's predicate, reported by a NOTICE). The service refuses any new
 *    period overlapping any row, those included.
 */
export class Migration0008MoneyBoundsSettlementOverlap extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table ledger_line add constraint ledger_line_amount_bounded check (debit_fen <= 1000000000000 and credit_fen <= 1000000000000) not valid;
      alter table price add constraint price_amount_bounded check (price_fen <= 1000000000000) not valid;
      alter table price_cap add constraint price_cap_amount_bounded check (cap_fen <= 1000000000000) not valid;
      alter table cost_survey add constraint cost_survey_amounts_bounded check (
        platform_fen <= 1000000000000 and data_handling_fen <= 1000000000000 and personnel_fen <= 1000000000000
        and data_acquisition_fen <= 1000000000000 and period_expenses_fen <= 1000000000000
        and subsidies_fen <= 1000000000000 and taxes_fen <= 1000000000000
      ) not valid;
      do $do$
      begin
        if not exists (select 1 from ledger_line where debit_fen > 1000000000000 or credit_fen > 1000000000000) then
          alter table ledger_line validate constraint ledger_line_amount_bounded;
        end if;
        if not exists (select 1 from price where price_fen > 1000000000000) then
          alter table price validate constraint price_amount_bounded;
        end if;
        if not exists (select 1 from price_cap where cap_fen > 1000000000000) then
          alter table price_cap validate constraint price_cap_amount_bounded;
        end if;
        if not exists (select 1 from cost_survey where greatest(platform_fen, data_handling_fen, personnel_fen, data_acquisition_fen, period_expenses_fen, subsidies_fen, taxes_fen) > 1000000000000) then
          alter table cost_survey validate constraint cost_survey_amounts_bounded;
        end if;
      end $do$;

      create extension if not exists btree_gist;
      do $do$
      declare
        r record;
        kept uuid[] := '{}';
        legacy uuid[] := '{}';
      begin
        for r in select id, jurisdiction, period_start, period_end from settlement
                 order by (status = 'COMPLETED') desc, completed_at nulls last, started_at, id loop
          if exists (select 1 from settlement k where k.id = any(kept) and k.jurisdiction = r.jurisdiction
                       and daterange(k.period_start, k.period_end, '[]') && daterange(r.period_start, r.period_end, '[]')) then
            legacy := legacy || r.id;
          else
            kept := kept || r.id;
          end if;
        end loop;
        if cardinality(legacy) = 0 then
          alter table settlement add constraint settlement_periods_do_not_overlap
            exclude using gist (jurisdiction with =, daterange(period_start, period_end, '[]') with &&);
        else
          raise notice 'settlements overlapping an earlier one, kept as history outside settlement_periods_do_not_overlap: %', legacy;
          execute format(
            'alter table settlement add constraint settlement_periods_do_not_overlap exclude using gist (jurisdiction with =, daterange(period_start, period_end, %L) with &&) where (id <> all (%L::uuid[]))',
            '[]', legacy);
        end if;
      end $do$;
    `);
  }
}
