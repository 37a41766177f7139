import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DataResourceEntity } from '../entities/data-resource.js';

/** Fresh per request: batches every by-id lookup of one tick into one `where id in (…)`. */
export function createLoaders(em: EntityManager) {
  return {
    resourceById: new DataLoader<string, DataResourceEntity | null>(async (ids) => {
      const rows = await em.find(DataResourceEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type CatalogLoaders = ReturnType<typeof createLoaders>;
