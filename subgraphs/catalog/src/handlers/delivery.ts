import { writeAudit, type AuditEntry, type EventHandlers, type Identity } from '@pdo/platform';
import type { DeliveryEvents } from '@pdo/events';
import { completenessOf } from '../domain/quality.js';
import { loadResource } from '../data/resources.js';
import { commitResource } from '../services/resource-commit.js';

const DELIVERY: Identity = { sub: 'system:delivery', role: 'AUTHORITY', org: null, jurisdiction: null };

/**
 * The catalog follows real loads (数据归集): a resource's record count, last data update and
 * completeness come from the current batch delivery loaded, as a new version of the resource
 * (so every other subgraph's projection sees it through ResourceChanged). A late event of an
 * older batch changes nothing.
 */
export const deliveryHandlers: EventHandlers = {
  RawDataLoaded: async (em, event, ctx) => {
    const p = event.payload as DeliveryEvents.RawDataLoaded;
    const before = await loadResource(em, p.resourceId, true);
    if (!before) return;
    const loadedAt = new Date(p.loadedAt);
    if (before.lastDataUpdateAt && before.lastDataUpdateAt.getTime() >= loadedAt.getTime()) return;
    const entries: AuditEntry[] = [];
    const uow = { tx: em, audit: (e: AuditEntry) => void entries.push(e), publish: ctx.publish };
    const completeness = completenessOf(p.nullRatios);
    await commitResource(
      uow,
      { identity: DELIVERY, now: loadedAt },
      before,
      { ...before, recordCount: p.rowCount, lastDataUpdateAt: loadedAt, ...(completeness ? { qualityCompleteness: completeness } : {}) },
      'DATA_LOADED',
      `归集批次 ${p.batchNo}（SHA-256 ${p.sha256}）`,
    );
    await writeAudit(em, { identity: DELIVERY, requestId: `event:${event.id}` }, entries);
  },
};
