import { Migration } from '@pdo/platform';

/**
 * `settled_charge` carries each charge's amount. The view already joins `charge` for the boxes a
 * settlement took; reconciling a settlement joined `charge` a second time by id to read the
 * amount — a million index lookups for a million-charge quarter.
 */
export class Migration0006SettledChargeAmount extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace view settled_charge as
        select x.charge_id, x.settlement_id, x.carried_from, c.amount_fen
          from settled_charge_0003 x join charge c on c.id = x.charge_id
        union all
        select c.id, t.settlement_id, t.carried_from, c.amount_fen
          from settlement_take t
          join charge c on c.jurisdiction = t.jurisdiction
           and c.occurred_at >= (t.from_date::timestamp at time zone 'Asia/Shanghai')
           and c.occurred_at < (t.to_date::timestamp at time zone 'Asia/Shanghai')
           and c.seq > t.seq_after and c.seq <= t.seq_upto;
    `);
  }
}
