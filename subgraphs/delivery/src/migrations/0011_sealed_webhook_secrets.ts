import { Migration } from '@pdo/platform';

/**
 * Webhook signing secrets are sealed at rest (services/webhook-secrets.ts; SECURITY.md): the
 * column holds `pdo-seal:v1:<key id>:<iv>:<ciphertext>` instead of `whsec_…`. Rows stored before
 * keep their `whsec_…` form until delivery's reseal job seals them, so both forms are allowed.
 */
export class Migration0011SealedWebhookSecrets extends Migration {
  override async up(): Promise<void> {
    const form = `'^(whsec_[A-Za-z0-9+/=]{32,}|pdo-seal:v1:[0-9a-f]{16}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{40,})$'`;
    this.addSql(`
      alter table webhook_endpoint drop constraint webhook_endpoint_secret_ck;
      alter table webhook_endpoint add constraint webhook_endpoint_secret_ck check (secret ~ ${form});
      alter table webhook_endpoint add constraint webhook_endpoint_previous_secret_ck check (previous_secret is null or previous_secret ~ ${form});
    `);
  }
}
