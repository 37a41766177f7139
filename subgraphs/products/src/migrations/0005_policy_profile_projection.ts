import { Migration, POLICY_PROFILE_PROJECTION_TABLE } from '@pdo/platform';

/**
 * Products keeps the policy profiles licensing publishes (PolicyProfileChanged), as catalog does:
 * product registration's working-day timers followed the documented profile only, so an
 * authority's edit of the registration periods, or a holiday notice it loaded, never reached them.
 * Empty at first: profiles edited before this migration reach products with their next edit.
 */
export class Migration0005PolicyProfileProjection extends Migration {
  override async up(): Promise<void> {
    this.addSql(POLICY_PROFILE_PROJECTION_TABLE);
  }
}
