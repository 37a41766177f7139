import { Migration } from '@pdo/platform';

/**
 * Policy fidelity of pricing and distribution:
 * - `charge.basis`: why a charge's unit price is not the price in force — a free use (PN §1; HN Art 21; ZJC §三(五)5),
 *   written at 0 fen and still counted, or a cap in force on the day of use (PN §2(3)). Null: the price in force.
 * - `price_cap.trial`: a cap set on a cost survey of less than a full year of operation is a trial price (试行价格, PN §2).
 * - `distribution_plan_party`: a SOURCE_AGENCY party weights one source unit by itself, beside or instead of the pool.
 * Existing rows keep their meaning: no basis, not trial, and the plans' stored bases unchanged.
 */
export class Migration0011ChargeBasisTrialCapsUnitWeights extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table charge add column basis text;
      alter table price_cap add column trial boolean not null default false;
      alter table distribution_plan_party drop constraint distribution_plan_party_party_kind_check;
      alter table distribution_plan_party add constraint distribution_plan_party_party_kind_check
        check (party_kind in ('OPERATOR','SERVICE_PROVIDER','JURISDICTION','SOURCE_AGENCIES','SOURCE_AGENCY'));
    `);
  }
}
