import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DataProductEntity } from '../entities/data-product.js';

/** Fresh per request: batches every by-id lookup of one tick into one `where id in (…)`. */
export function createLoaders(em: EntityManager) {
  return {
    byId: new DataLoader<string, DataProductEntity | null>(async (ids) => {
      const rows = await em.find(DataProductEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
