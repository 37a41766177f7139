import type { EntityManager } from '@mikro-orm/postgresql';
import { writeAudit, type AuditEntry, type EventHandlers, type Identity } from '@pdo/platform';
import type { DeliveryEvents } from '@pdo/events';
import { loadResource } from '../data/resource-rows.js';
import { commitResource } from '../domain/resource-service.js';

const DELIVERY: Identity = { sub: 'system:delivery', role: 'AUTHORITY', org: null, jurisdiction: null };

/**
 * Completeness (0–100, two places) from the load's null ratios: 100 × (1 − mean share of missing
 * values), exact on integers (ratios carry four places).
 */
export function completenessOf(nullRatios: Record<string, string>): string | null {
  const ratios = Object.values(nullRatios).map((r) => (/^[01]\.\d{4}$/.test(r) ? Number(r.replace('.', '')) : NaN));
  if (ratios.length === 0 || ratios.some((r) => !Number.isInteger(r) || r > 10000)) return null;
  const n = ratios.length;
  const missing = ratios.reduce((a, b) => a + b, 0);
  // hundredths of a percent point: (n·10000 − Σ) / n, rounded half up
  const cents = Math.floor((2 * (n * 10000 - missing) + n) / (2 * n));
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * The catalog follows real loads (数据归集): a resource's record count, last data update and
 * completeness come from the current batch delivery loaded, as a new version of the resource
 * (so every other subgraph's projection sees it through ResourceChanged). A late event of an
 * older batch changes nothing.
 */
export const deliveryHandlers: EventHandlers = {
  RawDataLoaded: async (em: EntityManager, event, ctx) => {
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
