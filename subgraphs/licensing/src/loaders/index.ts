import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { OrganizationEntity } from '../entities/organization.js';

/** Fresh per request: batches every by-id lookup of one tick into one `where id in (…)`. */
export function createLoaders(em: EntityManager) {
  return {
    byId: new DataLoader<string, OrganizationEntity | null>(async (ids) => {
      const rows = await em.find(OrganizationEntity, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
