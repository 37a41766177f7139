import { Migration } from '@pdo/platform';

/**
 * Settlement without a bookkeeping row per charge.
 *
 * Writing one `settled_charge` row per charge (primary key, index, trigger) cost a run about
 * fifteen times the aggregation itself. Instead every charge gets an arrival number `seq`, and a
 * settlement records what it took as a few boxes: "charges of the jurisdiction that occurred in
 * [from_date, to_date) with seq in (seq_after, seq_upto]" (`settlement_take`). A run fixes its
 * watermark (the highest seq whose transaction has committed) and takes, per stretch of time, the
 * seq range no earlier settlement took — so the boxes of different settlements never overlap and a
 * charge that arrives after a watermark lands in the next run's box.
 *
 * `settled_charge` stays answerable as a view (same columns) over the boxes plus the per-charge
 * rows written before this migration, which are kept read-only in `settled_charge_0003`.
 */
export class Migration0004SettlementWatermarks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      -- Existing charges are numbered taken-first, so that "every charge with seq <= the last taken
      -- one" is exactly what the old settlements took, and the charges still waiting (late ones of
      -- settled periods, or of periods not settled yet) sit above it and are taken by the boxes of
      -- later runs. Charges are append-only; numbering them is not a change of any recorded fact.
      alter table charge add column seq bigint;
      alter table charge disable trigger charge_append_only;
      update charge c set seq = o.n
        from (select ch.id, row_number() over (order by (x.charge_id is null), ch.created_at, ch.id) as n
              from charge ch left join settled_charge x on x.charge_id = ch.id) o
       where o.id = c.id;
      alter table charge enable trigger charge_append_only;
      alter table charge alter column seq set not null;
      -- ALWAYS: no writer can choose a seq below a watermark already taken. Cache 1 (the default)
      -- keeps nextval monotonic across sessions, which the watermark relies on.
      alter table charge alter column seq add generated always as identity;
      select setval(pg_get_serial_sequence('charge', 'seq'), coalesce((select max(seq) from charge), 0) + 1, false);

      -- The period's own charges come from an index-only scan (as the plain aggregation does); the
      -- late ones from the seq range above the previous watermark.
      create index charge_settle_seq_idx on charge (jurisdiction, occurred_at) include (product_id, developer_id, amount_fen, units, seq);
      drop index charge_settle_idx;
      create index charge_jurisdiction_seq_idx on charge (jurisdiction, seq);

      alter table settlement add column watermark bigint;
      create table settlement_take (
        settlement_id uuid not null references settlement(id),
        jurisdiction text not null,
        from_date date not null,
        to_date date not null,
        seq_after bigint not null,
        seq_upto bigint not null,
        carried_from uuid references settlement(id),
        check (from_date < to_date and seq_after < seq_upto),
        primary key (settlement_id, from_date, seq_after)
      );
      create trigger settlement_take_append_only before update or delete on settlement_take for each row execute function revenue_append_only();
      create trigger settlement_take_no_truncate before truncate on settlement_take for each statement execute function revenue_append_only();

      -- Settlements completed so far took exactly the charges numbered up to the last taken one (the
      -- rows of settled_charge_0003 say which of them took which). Recording that watermark adds a
      -- fact they already had; nothing they posted changes.
      alter table settlement disable trigger settlement_immutable;
      update settlement set watermark = (select count(*) from settled_charge) where status = 'COMPLETED';
      alter table settlement enable trigger settlement_immutable;

      alter table settled_charge rename to settled_charge_0003;
      alter index settled_charge_settlement_idx rename to settled_charge_0003_settlement_idx;
      create function revenue_read_only() returns trigger language plpgsql as $fn$
      begin
        raise exception '% is read-only: % refused', TG_TABLE_NAME, TG_OP using errcode = 'P0001';
      end $fn$;
      create trigger settled_charge_0003_read_only before insert on settled_charge_0003 for each statement execute function revenue_read_only();
      create trigger settled_charge_0003_no_truncate before truncate on settled_charge_0003 for each statement execute function revenue_read_only();

      -- The balance check runs at commit once per entry rather than once per line (it sums all the
      -- entry's lines, so per line it was quadratic: ~0.2 s for a settlement's thousand lines). A
      -- check of entry E records the highest line id it saw; a later trigger of E for a line at or
      -- below that id has nothing new to check — this transaction's lines of E with such ids were
      -- all there when it summed them, and any line inserted afterwards gets a higher id (ids come
      -- from a sequence) and so checks again.
      create or replace function ledger_entry_balanced() returns trigger language plpgsql as $fn$
      declare
        eid uuid;
        d bigint;
        c bigint;
        n int;
        top bigint;
        seen text;
      begin
        if TG_TABLE_NAME = 'ledger_entry' then
          eid := NEW.id;
        else
          eid := NEW.entry_id;
          seen := coalesce(current_setting('revenue.ledger_entry_checked', true), '');
          -- (A nested IF: NEW.id is a uuid on ledger_entry, and this line is only planned when reached.)
          if split_part(seen, '/', 1) = eid::text then
            if NEW.id <= split_part(seen, '/', 2)::bigint then return null; end if;
          end if;
        end if;
        select coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0), count(*), coalesce(max(id), 0) into d, c, n, top from ledger_line where entry_id = eid;
        if n < 2 or d <> c then
          raise exception 'ledger entry % is not balanced (debit %, credit %, % lines)', eid, d, c, n using errcode = '23514';
        end if;
        perform set_config('revenue.ledger_entry_checked', eid::text || '/' || top::text, true);
        return null;
      end $fn$;

      -- Which settlement took each charge (and, for a late one, the settlement of its own period).
      create view settled_charge as
        select charge_id, settlement_id, carried_from from settled_charge_0003
        union all
        select c.id, t.settlement_id, t.carried_from
          from settlement_take t
          join charge c on c.jurisdiction = t.jurisdiction
           and c.occurred_at >= (t.from_date::timestamp at time zone 'Asia/Shanghai')
           and c.occurred_at < (t.to_date::timestamp at time zone 'Asia/Shanghai')
           and c.seq > t.seq_after and c.seq <= t.seq_upto;
    `);
  }
}
