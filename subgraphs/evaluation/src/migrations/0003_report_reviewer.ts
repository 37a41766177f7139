import { Migration } from '@pdo/platform';

/**
 * Who reviewed a report: acceptance is the AUTHORITY's act and must name the reviewer
 * (invariant "every accepted report has a reviewer"). Rows reviewed before this column existed
 * are attributed to the audit trail's reviewer placeholder rather than left empty.
 */
export class Migration0003ReportReviewer extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table operating_report add column reviewed_by text;
      update operating_report set reviewed_by = 'unknown:see-audit' where status in ('ACCEPTED', 'RETURNED') and reviewed_by is null;
      alter table operating_report add constraint operating_report_reviewed
        check (status not in ('ACCEPTED', 'RETURNED') or (reviewed_by is not null and reviewed_at is not null));
    `);
  }
}
