/**
 * The developer's live usage feed (docs/live-feeds.md): each data-plane call of the developer's own
 * agreements as it is logged, with the quota it counts against. Another organization's calls never
 * enter it: the feed is the caller's organization's, whatever it asks.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StreamRow } from '@pdo/platform';
import { developerCallAt, developerCallsSince } from '../data/usage-feed.js';
import { instant } from '../data/data-plane-tables.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function usageFeed(em: () => EntityManager, developerId: string) {
  return {
    async poll(since: Date, limit: number): Promise<StreamRow[]> {
      const rows = await developerCallsSince(em(), developerId, since, limit);
      return rows.map((r) => {
        const used = BigInt(r.used_units);
        const quota = r.quota_units === null ? null : BigInt(r.quota_units);
        return {
          id: r.id,
          at: instant(r.called_at),
          event: 'usage',
          data: {
            callId: r.id, usageAgreementId: r.usage_agreement_id, productId: r.product_id, productVersion: r.product_version, outcome: r.outcome,
            httpStatus: r.http_status, metered: r.metered, rowsReturned: r.rows_returned, calledAt: instant(r.called_at).toISOString(),
            // The agreement's standing when the feed read it (a later call may already be counted).
            usedUnits: used.toString(), quotaUnits: quota?.toString() ?? null, remainingUnits: quota === null ? null : (quota > used ? quota - used : 0n).toString(),
          },
        };
      });
    },
    async resumeAt(lastEventId: string): Promise<Date | null> {
      if (!UUID_RE.test(lastEventId)) return null;
      const at = await developerCallAt(em(), developerId, lastEventId);
      return at === null ? null : instant(at);
    },
  };
}
