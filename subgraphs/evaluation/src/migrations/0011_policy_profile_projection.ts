import { Migration, POLICY_PROFILE_PROJECTION_TABLE } from '@pdo/platform';

/**
 * Evaluation keeps the policy profiles licensing publishes (PolicyProfileChanged), as catalog, products and revenue do:
 * security duties (plans, drills, assessments), incident obligations and report rules followed the documented profile
 * only, so an authority's edit never reached them. Empty at first: profiles edited before this migration reach
 * evaluation with their next edit.
 */
export class Migration0011PolicyProfileProjection extends Migration {
  override async up(): Promise<void> {
    this.addSql(POLICY_PROFILE_PROJECTION_TABLE);
  }
}
