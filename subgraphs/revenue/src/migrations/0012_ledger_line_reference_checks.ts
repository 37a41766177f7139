import { Migration } from '@pdo/platform';

/**
 * Ledger lines are checked against their entry and account once per statement instead of once per row, as the
 * settlement's result rows are (migration 0005).
 *
 * A settlement posts one entry of about as many lines as parties (every developer who owes, every party owed): ~1,250
 * lines for the bench's quarter, in one statement. The two row-level foreign keys looked up, and share-locked, the
 * one entry and each line's account for every line — the locks alone rewrite every account row touched — which
 * made writing the lines several times dearer than the rows themselves. Entries are append-only already
 * (`ledger_entry_append_only`); accounts become so here (update, delete and truncate refused), and ledger lines are
 * append-only, so a check at insert enforces everything the foreign keys did. It raises the foreign-key SQLSTATE
 * (23503), as they did. The per-line balance check at commit (migrations 0002, 0004) is unchanged.
 */
export class Migration0012LedgerLineReferenceChecks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create trigger ledger_account_append_only before update or delete on ledger_account for each row execute function revenue_append_only();
      create trigger ledger_account_no_truncate before truncate on ledger_account for each statement execute function revenue_append_only();

      create function ledger_lines_refer_to_entries_and_accounts() returns trigger language plpgsql as $fn$
      declare
        missing uuid;
      begin
        select r.entry_id into missing from (select distinct entry_id from new_rows) r
          where not exists (select 1 from ledger_entry e where e.id = r.entry_id) limit 1;
        if missing is not null then
          raise exception 'insert on table "ledger_line" refers to ledger entry %, which does not exist', missing using errcode = '23503';
        end if;
        select r.account_id into missing from (select distinct account_id from new_rows) r
          where not exists (select 1 from ledger_account a where a.id = r.account_id) limit 1;
        if missing is not null then
          raise exception 'insert on table "ledger_line" refers to ledger account %, which does not exist', missing using errcode = '23503';
        end if;
        return null;
      end $fn$;
      create trigger ledger_line_references_exist after insert on ledger_line
        referencing new table as new_rows for each statement execute function ledger_lines_refer_to_entries_and_accounts();

      alter table ledger_line drop constraint ledger_line_entry_id_fkey;
      alter table ledger_line drop constraint ledger_line_account_id_fkey;
    `);
  }
}
