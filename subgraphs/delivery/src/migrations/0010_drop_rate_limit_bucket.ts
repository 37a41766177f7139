import { Migration } from '@pdo/platform';

/**
 * The per-key rate limit counts in the delivery process (services/rate-limit.ts, docs/operating-domain/data-plane.md
 * "Rate limit") since 0006: nothing reads or writes `rate_limit_bucket` any more, and it never had an entity.
 */
export class Migration0010DropRateLimitBucket extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists rate_limit_bucket;`);
  }
}
