import { Migration } from '@pdo/platform';

/**
 * A scenario's review deadline only where the profile sets one (`scenarioReviewWorkingDays`;
 * docs/policy/profile-settings.md). Scenarios used to borrow registration's formal-review period
 * (RG Art 11), which no seed applies to scenario review; pending ones lose that borrowed date.
 */
export class Migration0005ScenarioReviewDueOptional extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table scenario alter column review_due_on drop not null;`);
    this.addSql(`update scenario set review_due_on = null where status = 'SUBMITTED';`);
  }
}
