import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Identity } from '@pdo/platform';
import { BATCH_COLUMNS, BATCH_FROM, toBatch, type LoadBatchRow } from '../data/rows.js';
import { attemptsOf, type WebhookAttemptRow } from '../data/webhooks.js';

/** Fresh per request: every per-resource lookup of one tick is one `= any($1)` query. */
export function createLoaders(em: EntityManager, _identity?: Identity) {
  return {
    currentBatch: new DataLoader<string, LoadBatchRow | null>(async (ids) => {
      const rows = (await sql(em, `select ${BATCH_COLUMNS} from ${BATCH_FROM} where b.resource_id = any($1::uuid[]) and b.status = 'CURRENT'`, [ids])).map(toBatch);
      const m = new Map(rows.map((r) => [r.resourceId, r]));
      return ids.map((id) => m.get(id) ?? null);
    }),
    // The attempts of every delivery on a page of the delivery log: one statement.
    webhookAttempts: new DataLoader<string, WebhookAttemptRow[]>(async (ids) => {
      const rows = await attemptsOf(em, ids);
      return ids.map((id) => rows.filter((r) => r.delivery_id === id));
    }),
  };
}

export type DeliveryLoaders = ReturnType<typeof createLoaders>;
