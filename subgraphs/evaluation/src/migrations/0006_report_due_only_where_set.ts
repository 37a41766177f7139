import { Migration } from '@pdo/platform';

/**
 * Report deadlines only where a text sets one (docs/policy/reports.md): HN's quarterly report (HN Art 22),
 * TZ's annual report (TZ Art 22) and ZJC's annual and half-yearly security reports (ZJC §三(五)6–8) name a
 * cadence but no deadline; the dates the shipped profiles gave them were invented. Reports opened under
 * those shipped rules lose the invented date; a rule an authority edited in (another source) keeps its own.
 */
export class Migration0006ReportDueOnlyWhereSet extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table operating_report alter column due_on drop not null;`);
    this.addSql(`update operating_report set due_on = null
      where (kind = 'QUARTERLY_OPERATING' and rule_source = 'HN Art 22; PN §5')
         or (kind = 'ANNUAL' and rule_source in ('TZ Art 22', 'ZJC §三(五)6–8'))
         or (kind = 'SECURITY_HALF_YEARLY' and rule_source = 'ZJC §三(五)6–8');`);
  }
}
