import { Migration } from '@pdo/platform';

/** A settlement share's party is a jurisdiction code (e.g. "HN") for the jurisdiction's own share, not only an organization id. */
export class Migration0004SettlementPartyText extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table proj_settlement_share alter column party_id type text using party_id::text;`);
  }
}
