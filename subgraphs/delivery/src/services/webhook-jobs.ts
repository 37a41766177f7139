/**
 * Delivery's recurring webhook work (docs/operating-domain/webhooks.md): send what is due, and scan
 * for quota thresholds and entitlements about to end. Every replica may run them: claims skip
 * locked rows and each fact is one delivery per endpoint whoever noticed it.
 */
import type { SubgraphDefinition } from '@pdo/platform';
import { dispatchDueWebhooks } from './webhook-sender.js';
import { noticeExpiringEntitlements, noticeQuotaThresholds } from './webhook-facts.js';
import { resealWebhookSecrets } from './webhook-secrets.js';

/** How far back the quota scan looks: overlapping ticks are harmless (deduped), a missed tick is covered. */
const QUOTA_LOOKBACK_MS = 3_600_000;

export const webhookJobs: NonNullable<SubgraphDefinition<any>['jobs']> = [
  { name: 'webhook-dispatch', everySeconds: 2, run: async (em, rt) => void (await dispatchDueWebhooks(rt.orm, {}, rt.log)) },
  {
    name: 'webhook-quota',
    everySeconds: 15,
    run: async (em) => {
      const now = new Date();
      await noticeQuotaThresholds(em, now, new Date(now.getTime() - QUOTA_LOOKBACK_MS));
    },
  },
  { name: 'webhook-expiry', everySeconds: 3600, run: async (em) => void (await noticeExpiringEntitlements(em, new Date())) },
  // Secrets stored before sealing, or under WEBHOOK_SECRET_KEY_PREVIOUS, move to the current key.
  { name: 'webhook-reseal', everySeconds: 60, run: async (em) => void (await resealWebhookSecrets(em)) },
];
