import { Migration } from '@pdo/platform';

/**
 * The rule an incident stopped processing under (the profile's `linkageStop`: HN Art 18, ZJC §三(五)6), kept with the
 * incident like its notification rule. Incidents that stopped before this column stopped under the rule the platform
 * then applied to every jurisdiction; they keep that citation.
 */
export class Migration0013IncidentStopRule extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table security_incident add column stop_rule text;
      update security_incident set stop_rule = 'HN Art 18: risky data linkage stops processing' where stop_processing;
    `);
  }
}
