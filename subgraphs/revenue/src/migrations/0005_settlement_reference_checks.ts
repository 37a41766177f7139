import { Migration } from '@pdo/platform';

/**
 * The settlement's result rows (lines, products, shares) are checked against `settlement` once per
 * statement instead of once per row.
 *
 * A run writes thousands of them, one statement per table, all referring to the one settlement it
 * holds; a row-level foreign key looked up (and share-locked) that same settlement row for every
 * one of them, about a tenth of a run. A settlement is never deleted (`settlement_immutable`) and
 * these tables are append-only, so a check at insert enforces all the foreign keys did. It raises
 * the foreign-key SQLSTATE (23503), as they did.
 */
export class Migration0005SettlementReferenceChecks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function settlement_reference_missing(ids uuid[]) returns uuid language sql stable as $fn$
        select r.id from unnest(ids) as r(id) where r.id is not null and not exists (select 1 from settlement s where s.id = r.id) limit 1
      $fn$;

      create function settlement_rows_refer_to_settlement() returns trigger language plpgsql as $fn$
      declare
        missing uuid;
      begin
        missing := settlement_reference_missing(array(select distinct settlement_id from new_rows));
        if missing is not null then
          raise exception 'insert on table "%" refers to settlement %, which does not exist', TG_TABLE_NAME, missing using errcode = '23503';
        end if;
        return null;
      end $fn$;

      -- Lines also name the settlement a late charge is carried from.
      create function settlement_lines_refer_to_settlement() returns trigger language plpgsql as $fn$
      declare
        missing uuid;
      begin
        missing := settlement_reference_missing(array(select settlement_id from new_rows union select carried_from from new_rows));
        if missing is not null then
          raise exception 'insert on table "%" refers to settlement %, which does not exist', TG_TABLE_NAME, missing using errcode = '23503';
        end if;
        return null;
      end $fn$;

      create trigger revenue_share_settlement_exists after insert on revenue_share
        referencing new table as new_rows for each statement execute function settlement_rows_refer_to_settlement();
      create trigger settlement_product_settlement_exists after insert on settlement_product
        referencing new table as new_rows for each statement execute function settlement_rows_refer_to_settlement();
      create trigger settlement_line_settlement_exists after insert on settlement_line
        referencing new table as new_rows for each statement execute function settlement_lines_refer_to_settlement();

      alter table revenue_share drop constraint revenue_share_settlement_id_fkey;
      alter table settlement_product drop constraint settlement_product_settlement_id_fkey;
      alter table settlement_line drop constraint settlement_line_settlement_id_fkey;
      alter table settlement_line drop constraint settlement_line_carried_from_fkey;
    `);
  }
}
