import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type Identity } from '@pdo/platform';
import { BATCH_COLUMNS, BATCH_FROM, toBatch, type LoadBatchRow } from '../data/rows.js';

/** Fresh per request: every per-resource lookup of one tick is one `= any($1)` query. */
export function createLoaders(em: EntityManager, _identity?: Identity) {
  return {
    currentBatch: new DataLoader<string, LoadBatchRow | null>(async (ids) => {
      const rows = (await sql(em, `select ${BATCH_COLUMNS} from ${BATCH_FROM} where b.resource_id = any($1::uuid[]) and b.status = 'CURRENT'`, [ids])).map(toBatch);
      const m = new Map(rows.map((r) => [r.resourceId, r]));
      return ids.map((id) => m.get(id) ?? null);
    }),
  };
}

export type DeliveryLoaders = ReturnType<typeof createLoaders>;
